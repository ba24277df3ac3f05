import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const Polls = () => import('./polls_controller.js')

/** Poll routes (inside the module's /api/v1 group). */
export function pollRoutes() {
  const uuid = router.matchers.uuid()
  // One permission per route (the contract suite reads it): read, participate or moderate.
  const read = middleware.can('community.read')
  const staff = middleware.can('community.moderate')
  const participate = middleware.can('community.participate')

  router.post('/polls', [Polls, 'store']).as('community.polls.store').use(staff)
  router.get('/polls/:id', [Polls, 'show']).where('id', uuid).as('community.polls.show').use(read)
  router
    .get('/buildings/:buildingId/polls', [Polls, 'index'])
    .where('buildingId', uuid)
    .as('community.polls.index')
    .use(read)
  router
    .get('/buildings/:buildingId/polls/active', [Polls, 'active'])
    .where('buildingId', uuid)
    .as('community.polls.active')
    .use(read)
  router
    .get('/buildings/:buildingId/polls/status/:status', [Polls, 'byStatus'])
    .where('buildingId', uuid)
    .as('community.polls.by_status')
    .use(read)
  router
    .put('/polls/:id/publish', [Polls, 'publish'])
    .where('id', uuid)
    .as('community.polls.publish')
    .use(staff)
  router
    .put('/polls/:id/close', [Polls, 'close'])
    .where('id', uuid)
    .as('community.polls.close')
    .use(staff)
  router
    .put('/polls/:id/cancel', [Polls, 'cancel'])
    .where('id', uuid)
    .as('community.polls.cancel')
    .use(staff)
  router
    .delete('/polls/:id', [Polls, 'destroy'])
    .where('id', uuid)
    .as('community.polls.destroy')
    .use(staff)
  router
    .post('/polls/:id/vote', [Polls, 'vote'])
    .where('id', uuid)
    .as('community.polls.vote')
    .use(participate)
  router
    .get('/polls/:id/votes', [Polls, 'votes'])
    .where('id', uuid)
    .as('community.polls.votes')
    .use(staff)
  router
    .get('/polls/:id/results', [Polls, 'results'])
    .where('id', uuid)
    .as('community.polls.results')
    .use(read)
}
