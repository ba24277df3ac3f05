import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const LinkyController = () => import('./controllers/linky_controller.js')
const DevicesController = () => import('./controllers/devices_controller.js')
const ReadingsController = () => import('./controllers/readings_controller.js')
const ReportController = () => import('./controllers/report_controller.js')

const read = () => middleware.can('iot.read')
const write = () => middleware.can('iot.write')

router
  .group(() => {
    router
      .post('/buildings/:id/iot/linky/configure', [LinkyController, 'configure'])
      .as('iot.linky.configure')
      .use(write())
    router
      .post('/buildings/:id/iot/linky/sync', [LinkyController, 'sync'])
      .as('iot.linky.sync')
      .use(write())
    router.get('/iot/sync-jobs/:id', [LinkyController, 'job']).as('iot.sync_jobs.show').use(read())
    router
      .get('/buildings/:id/iot/readings', [ReadingsController, 'index'])
      .as('iot.readings.index')
      .use(read())
    router
      .get('/buildings/:id/iot/readings/latest', [ReadingsController, 'latest'])
      .as('iot.readings.latest')
      .use(read())
    router
      .get('/buildings/:id/iot/statistics', [ReadingsController, 'statistics'])
      .as('iot.statistics')
      .use(read())
    router
      .get('/buildings/:id/iot/anomalies', [ReadingsController, 'anomalies'])
      .as('iot.anomalies')
      .use(read())
    router
      .get('/buildings/:id/iot/rejected-messages', [ReadingsController, 'rejected'])
      .as('iot.rejected')
      .use(read())
    router.get('/buildings/:id/iot/report', [ReportController, 'show']).as('iot.report').use(read())
    router
      .get('/buildings/:id/iot/devices', [DevicesController, 'index'])
      .as('iot.devices.index')
      .use(read())
    router
      .post('/buildings/:id/iot/devices', [DevicesController, 'store'])
      .as('iot.devices.store')
      .use(write())
    router.get('/iot/devices/:id', [DevicesController, 'show']).as('iot.devices.show').use(read())
    router
      .put('/iot/devices/:id', [DevicesController, 'update'])
      .as('iot.devices.update')
      .use(write())
    router
      .delete('/iot/devices/:id', [DevicesController, 'destroy'])
      .as('iot.devices.destroy')
      .use(write())
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant(), middleware.module('iot')])

// Pages: staff energy dashboard and the owner's meter in the portal.
const PagesController = () => import('./controllers/pages_controller.js')

router
  .group(() => {
    router.get('/', [PagesController, 'index']).as('index')
    router
      .get('/buildings/:id', [PagesController, 'dashboard'])
      .where('id', router.matchers.uuid())
      .as('dashboard')
  })
  .prefix('/app/iot')
  .as('web.iot')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('iot'),
    pageCan('iot.read'),
  ])

router
  .get('/o/:slug/iot', [PagesController, 'portal'])
  .as('web.portal.iot')
  .use([middleware.webAuth(), middleware.tenant(), pageModule('iot')])
