import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { bookingRoutes, publicBookingRoutes } from './bookings/routes.js'
import { pollRoutes } from './polls/routes.js'
import { noticeRoutes } from './notices/routes.js'
import { skillRoutes } from './skills/routes.js'
import { communityWebRoutes } from './web/routes.js'

const SummaryController = () => import('./controllers/summary_controller.js')

router
  .group(() => {
    router
      .get('/buildings/:id/community/summary', [SummaryController, 'show'])
      .as('community.summary')
      .use(middleware.can('community.read'))
    bookingRoutes()
    pollRoutes()
    noticeRoutes()
    skillRoutes()
  })
  .prefix('/api/v1')
  // Each route carries its own permission (community.read / participate / moderate).
  .use([middleware.auth(), middleware.tenant(), middleware.module('community')])

router.group(() => publicBookingRoutes()).prefix('/api/v1')

communityWebRoutes()
