/*
| Platform services: in-app notifications, notification preferences, documents.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const NotificationsController = () => import('#controllers/notifications_controller')
const DocumentsController = () => import('#controllers/documents_controller')

router
  .group(() => {
    router
      .group(() => {
        router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
        router
          .get('/notifications/unread-count', [NotificationsController, 'unreadCount'])
          .as('notifications.unread_count')
        router
          .put('/notifications/read-all', [NotificationsController, 'markAllRead'])
          .as('notifications.read_all')
        router
          .put('/notifications/:id/read', [NotificationsController, 'markRead'])
          .where('id', router.matchers.uuid())
          .as('notifications.read')
        router
          .get('/me/notification-preferences', [NotificationsController, 'showPreferences'])
          .as('notifications.preferences.show')
        router
          .put('/me/notification-preferences', [NotificationsController, 'updatePreferences'])
          .as('notifications.preferences.update')
      })
      .use(middleware.can('notifications.read'))

    router
      .post('/documents', [DocumentsController, 'store'])
      .as('documents.store')
      .use(middleware.can('documents.write'))
    router
      .get('/documents', [DocumentsController, 'index'])
      .as('documents.index')
      .use(middleware.can('documents.read'))
    router
      .get('/documents/:id', [DocumentsController, 'show'])
      .where('id', router.matchers.uuid())
      .as('documents.show')
      .use(middleware.can('documents.read'))
    router
      .get('/documents/:id/download', [DocumentsController, 'download'])
      .where('id', router.matchers.uuid())
      .as('documents.download')
      .use(middleware.can('documents.read'))
    router
      .delete('/documents/:id', [DocumentsController, 'destroy'])
      .where('id', router.matchers.uuid())
      .as('documents.destroy')
      .use(middleware.can('documents.write'))
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])
