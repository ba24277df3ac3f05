import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const PublicNotices = () => import('./public_notices_controller.js')
const Pages = () => import('./pages_controller.js')

/** Community pages (Inertia): the public notice board, the owner portal and staff pages. */
export function communityWebRoutes() {
  // Public: no login (see public_notices_controller.ts).
  router.get('/o/:slug/notices', [PublicNotices, 'index']).as('web.community.public_notices')
  router
    .get('/o/:slug/notices/photos/:id', [PublicNotices, 'photo'])
    .where('id', router.matchers.uuid())
    .as('web.community.public_photo')

  router
    .group(() => {
      router.get('/polls', [Pages, 'polls']).as('polls')
      router.get('/board', [Pages, 'board']).as('board')
      router.get('/skills', [Pages, 'skills']).as('skills')
      router.get('/resources', [Pages, 'resources']).as('resources')
      router.get('/bookings', [Pages, 'bookings']).as('bookings')
    })
    .prefix('/o/:slug')
    .as('web.community.portal')
    .use([middleware.webAuth(), middleware.tenant(), pageModule('community')])

  router
    .group(() => {
      router.get('/moderation', [Pages, 'moderation']).as('moderation')
      router.get('/resources', [Pages, 'resourceAdmin']).as('resources')
      router.get('/approvals', [Pages, 'approvals']).as('approvals')
      router.get('/statistics', [Pages, 'statistics']).as('statistics')
    })
    .prefix('/app/community')
    .as('web.community.staff')
    .use([
      middleware.webAuth(),
      forgetStaleOrganisation,
      middleware.tenant(),
      staffOnly,
      pageModule('community'),
      pageCan('community.moderate'),
    ])
}
