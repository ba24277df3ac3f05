import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SummaryController = () => import('./controllers/summary_controller.js')

router
  .group(() => {
    router.get('/buildings/:id/legal/summary', [SummaryController, 'show']).as('legal.summary')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    middleware.tenant(),
    middleware.module('legal'),
    middleware.can('legal.read'),
  ])
