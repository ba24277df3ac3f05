import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const Resources = () => import('./resources_controller.js')
const Bookings = () => import('./bookings_controller.js')

/** Resource booking routes (inside the module's /api/v1 group). */
export function bookingRoutes() {
  const uuid = router.matchers.uuid()
  // One permission per route (the contract suite reads it): read, participate or moderate.
  const read = middleware.can('community.read')
  const staff = middleware.can('community.moderate')
  const participate = middleware.can('community.participate')

  router.post('/resources', [Resources, 'store']).as('community.resources.store').use(staff)
  router
    .get('/resources/:id', [Resources, 'show'])
    .where('id', uuid)
    .as('community.resources.show')
    .use(read)
  router
    .put('/resources/:id', [Resources, 'update'])
    .where('id', uuid)
    .as('community.resources.update')
    .use(staff)
  router
    .delete('/resources/:id', [Resources, 'destroy'])
    .where('id', uuid)
    .as('community.resources.destroy')
    .use(staff)
  router
    .get('/buildings/:buildingId/resources', [Resources, 'index'])
    .where('buildingId', uuid)
    .as('community.resources.index')
    .use(read)
  router
    .get('/buildings/:buildingId/resources/type/:type', [Resources, 'byType'])
    .where('buildingId', uuid)
    .as('community.resources.by_type')
    .use(read)
  router
    .get('/buildings/:buildingId/resources/available', [Resources, 'available'])
    .where('buildingId', uuid)
    .as('community.resources.available')
    .use(read)
  router
    .get('/buildings/:buildingId/bookings/statistics', [Resources, 'statistics'])
    .where('buildingId', uuid)
    .as('community.bookings.statistics')
    .use(staff)

  router
    .post('/resources/:id/bookings', [Bookings, 'store'])
    .where('id', uuid)
    .as('community.bookings.store')
    .use(participate)
  router
    .get('/resources/:id/bookings', [Bookings, 'forResource'])
    .where('id', uuid)
    .as('community.bookings.for_resource')
    .use(read)
  router
    .get('/resources/:id/availability', [Bookings, 'availability'])
    .where('id', uuid)
    .as('community.resources.availability')
    .use(read)
  router
    .get('/resources/:id/bookings/calendar', [Bookings, 'calendar'])
    .where('id', uuid)
    .as('community.bookings.calendar')
    .use(read)
  router
    .get('/bookings/:id', [Bookings, 'show'])
    .where('id', uuid)
    .as('community.bookings.show')
    .use(read)
  router
    .get('/owners/:id/bookings', [Bookings, 'forOwner'])
    .where('id', uuid)
    .as('community.bookings.for_owner')
    .use(read)
  router
    .get('/owners/:id/bookings/upcoming', [Bookings, 'upcomingForOwner'])
    .where('id', uuid)
    .as('community.bookings.upcoming_for_owner')
    .use(read)
  router
    .put('/bookings/:id/approve', [Bookings, 'approve'])
    .where('id', uuid)
    .as('community.bookings.approve')
    .use(staff)
  router
    .put('/bookings/:id/reject', [Bookings, 'reject'])
    .where('id', uuid)
    .as('community.bookings.reject')
    .use(staff)
  router
    .put('/bookings/:id/cancel', [Bookings, 'cancel'])
    .where('id', uuid)
    .as('community.bookings.cancel')
    .use(participate)
  router
    .put('/bookings/:id/checkin', [Bookings, 'checkin'])
    .where('id', uuid)
    .as('community.bookings.checkin')
    .use(participate)
  router
    .put('/bookings/:id/checkout', [Bookings, 'checkout'])
    .where('id', uuid)
    .as('community.bookings.checkout')
    .use(participate)
}

/** Public (no login): the tokenised iCal feed of a resource. */
export function publicBookingRoutes() {
  router.get('/community/ical/:token', [Resources, 'ical']).as('community.resources.ical')
}
