import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const Skills = () => import('./skills_controller.js')

/** Skills directory routes (inside the module's /api/v1 group). */
export function skillRoutes() {
  const uuid = router.matchers.uuid()
  // One permission per route (the contract suite reads it): read, participate or moderate.
  const read = middleware.can('community.read')
  const participate = middleware.can('community.participate')

  router.post('/skills', [Skills, 'store']).as('community.skills.store').use(participate)
  router
    .get('/skills/:id', [Skills, 'show'])
    .where('id', uuid)
    .as('community.skills.show')
    .use(read)
  router
    .put('/skills/:id', [Skills, 'update'])
    .where('id', uuid)
    .as('community.skills.update')
    .use(participate)
  router
    .delete('/skills/:id', [Skills, 'destroy'])
    .where('id', uuid)
    .as('community.skills.destroy')
    .use(participate)
  router
    .put('/skills/:id/availability', [Skills, 'availability'])
    .where('id', uuid)
    .as('community.skills.availability')
    .use(participate)
  router
    .get('/owners/:id/skills', [Skills, 'forOwner'])
    .where('id', uuid)
    .as('community.skills.for_owner')
    .use(read)
  router
    .get('/owners/:id/skills/summary', [Skills, 'ownerSummary'])
    .where('id', uuid)
    .as('community.skills.owner_summary')
    .use(read)
  router
    .get('/buildings/:buildingId/skills', [Skills, 'forBuilding'])
    .where('buildingId', uuid)
    .as('community.skills.index')
    .use(read)
  router
    .get('/buildings/:buildingId/skills/type/:type', [Skills, 'byType'])
    .where('buildingId', uuid)
    .as('community.skills.by_type')
    .use(read)
  router
    .get('/buildings/:buildingId/skills/search', [Skills, 'search'])
    .where('buildingId', uuid)
    .as('community.skills.search')
    .use(read)
  router
    .get('/buildings/:buildingId/skills/statistics', [Skills, 'statistics'])
    .where('buildingId', uuid)
    .as('community.skills.statistics')
    .use(read)
  router
    .get('/buildings/:buildingId/skills/most-endorsed', [Skills, 'mostEndorsed'])
    .where('buildingId', uuid)
    .as('community.skills.most_endorsed')
    .use(read)
  router
    .post('/skills/:id/endorsements', [Skills, 'endorse'])
    .where('id', uuid)
    .as('community.endorsements.store')
    .use(participate)
  router
    .get('/skills/:id/endorsements', [Skills, 'endorsements'])
    .where('id', uuid)
    .as('community.endorsements.index')
    .use(read)
  router
    .delete('/endorsements/:id', [Skills, 'unendorse'])
    .where('id', uuid)
    .as('community.endorsements.destroy')
    .use(participate)
}
