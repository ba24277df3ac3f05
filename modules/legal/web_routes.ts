/*
| Pages of the legal module: staff (/app/legal/…), co-owner portal and contractor
| pages (/o/:slug/…), and the public notary pages (/o/:slug/notary…, no login).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const Pages = () => import('./controllers/pages_controller.js')

router
  .group(() => {
    router.get('/etat-dates', [Pages, 'etatDates']).as('etat_dates')
    router.get('/registers', [Pages, 'registers']).as('registers')
    router.get('/inspections', [Pages, 'inspections']).as('inspections')
    router.get('/tickets', [Pages, 'tickets']).as('tickets')
    router.get('/work-reports', [Pages, 'workReports']).as('work_reports')
  })
  .prefix('/app/legal')
  .as('web.legal')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('legal'),
    pageCan('legal.read'),
  ])

router
  .group(() => {
    router
      .get('/tickets', [Pages, 'portalTickets'])
      .as('portal_tickets')
      .use(pageCan('legal.tickets.create'))
    router
      .get('/work', [Pages, 'contractorHome'])
      .as('contractor')
      .use(pageCan('legal.work_reports.write'))
  })
  .prefix('/o/:slug')
  .as('web.legal')
  .use([middleware.webAuth(), middleware.tenant(), pageModule('legal')])

router.get('/o/:slug/notary', [Pages, 'notaryRequest']).as('web.legal.notary')
router.get('/o/:slug/notary/track/:token', [Pages, 'notaryTrack']).as('web.legal.notary_track')
