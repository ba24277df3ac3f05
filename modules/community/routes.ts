import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SummaryController = () => import('./controllers/summary_controller.js')

router
  .group(() => {
    router
      .get('/buildings/:id/community/summary', [SummaryController, 'show'])
      .as('community.summary')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    middleware.tenant(),
    middleware.module('community'),
    middleware.can('community.read'),
  ])
