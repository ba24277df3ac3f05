import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const Notices = () => import('./notices_controller.js')
const Comments = () => import('./comments_controller.js')
const Photos = () => import('./photos_controller.js')

/** Notice board routes (inside the module's /api/v1 group). */
export function noticeRoutes() {
  const uuid = router.matchers.uuid()
  // One permission per route (the contract suite reads it): read, participate or moderate.
  const read = middleware.can('community.read')
  const staff = middleware.can('community.moderate')
  const participate = middleware.can('community.participate')

  router.post('/notices', [Notices, 'store']).as('community.notices.store').use(participate)
  router.get('/notices/my', [Notices, 'my']).as('community.notices.my').use(read)
  router
    .get('/notices/:id', [Notices, 'show'])
    .where('id', uuid)
    .as('community.notices.show')
    .use(read)
  router
    .put('/notices/:id', [Notices, 'update'])
    .where('id', uuid)
    .as('community.notices.update')
    .use(participate)
  router
    .put('/notices/:id/publish', [Notices, 'publish'])
    .where('id', uuid)
    .as('community.notices.publish')
    .use(participate)
  router
    .put('/notices/:id/archive', [Notices, 'archive'])
    .where('id', uuid)
    .as('community.notices.archive')
    .use(participate)
  router
    .put('/notices/:id/moderate', [Notices, 'moderate'])
    .where('id', uuid)
    .as('community.notices.moderate')
    .use(staff)
  router
    .delete('/notices/:id', [Notices, 'destroy'])
    .where('id', uuid)
    .as('community.notices.destroy')
    .use(participate)
  router
    .get('/buildings/:buildingId/notices', [Notices, 'index'])
    .where('buildingId', uuid)
    .as('community.notices.index')
    .use(read)
  router
    .get('/buildings/:buildingId/notices/category/:category', [Notices, 'byCategory'])
    .where('buildingId', uuid)
    .as('community.notices.by_category')
    .use(read)
  router
    .get('/buildings/:buildingId/notices/active', [Notices, 'active'])
    .where('buildingId', uuid)
    .as('community.notices.active')
    .use(read)
  router
    .get('/buildings/:buildingId/notices/statistics', [Notices, 'statistics'])
    .where('buildingId', uuid)
    .as('community.notices.statistics')
    .use(staff)

  router
    .post('/notices/:id/comments', [Comments, 'store'])
    .where('id', uuid)
    .as('community.comments.store')
    .use(participate)
  router
    .get('/notices/:id/comments', [Comments, 'index'])
    .where('id', uuid)
    .as('community.comments.index')
    .use(read)
  router
    .put('/comments/:id', [Comments, 'update'])
    .where('id', uuid)
    .as('community.comments.update')
    .use(participate)
  router
    .delete('/comments/:id', [Comments, 'destroy'])
    .where('id', uuid)
    .as('community.comments.destroy')
    .use(participate)

  router
    .post('/notices/:id/photos', [Photos, 'store'])
    .where('id', uuid)
    .as('community.photos.store')
    .use(participate)
  router
    .get('/notices/:id/photos', [Photos, 'index'])
    .where('id', uuid)
    .as('community.photos.index')
    .use(read)
  router
    .get('/photos/:id/file', [Photos, 'file'])
    .where('id', uuid)
    .as('community.photos.file')
    .use(read)
  router
    .delete('/photos/:id', [Photos, 'destroy'])
    .where('id', uuid)
    .as('community.photos.destroy')
    .use(participate)
}
