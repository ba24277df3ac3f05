import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import { registerCatalogEntries } from '#services/openapi_service'
import { meetingsOpenApi } from './openapi.js'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { meetingsPersonalData } from './meetings_personal_data.js'

/*
| General assemblies (issue 10), wired from the legal provider: jobs and schedule in
| register(), routes and OpenAPI descriptions in start().
*/
export function registerMeetings() {
  personalDataRegistry.register(meetingsPersonalData)
  jobRegistry.register('legal.meetings.notices', () => import('./jobs/meeting_notices_job.js'))
  jobRegistry.register('legal.meetings.daily', () => import('./jobs/meetings_daily_job.js'))
  // J-3 reminders and the minutes reminder, every morning in Brussels.
  scheduler.define({ job: 'legal.meetings.daily', cron: '30 7 * * *' })
}

export async function startMeetings() {
  registerCatalogEntries(meetingsOpenApi)
  await import('./routes.js')
}
