import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SummaryController = () => import('./controllers/summary_controller.js')

router
  .group(() => {
    router.get('/buildings/:id/gdpr/summary', [SummaryController, 'show']).as('gdpr.summary')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    middleware.tenant(),
    middleware.module('gdpr'),
    middleware.can('gdpr.read'),
  ])
