import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SummaryController = () => import('./controllers/summary_controller.js')

router
  .group(() => {
    router.get('/buildings/:id/iot/summary', [SummaryController, 'show']).as('iot.summary')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    middleware.tenant(),
    middleware.module('iot'),
    middleware.can('iot.read'),
  ])
