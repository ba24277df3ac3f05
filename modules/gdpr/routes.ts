import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'
import { throttleGdpr } from './services/rate_limit.js'

const RightsController = () => import('./controllers/rights_controller.js')
const RegistersController = () => import('./controllers/registers_controller.js')
const EmailConfirmationsController = () => import('./controllers/email_confirmations_controller.js')
const GdprPagesController = () => import('./controllers/web/gdpr_pages_controller.js')

// Data-subject rights (SPEC §5): any member, for themselves; 10 requests/hour/user.
router
  .group(() => {
    router.get('/gdpr/export', [RightsController, 'export']).as('gdpr.export')
    router.get('/gdpr/can-erase', [RightsController, 'canErase']).as('gdpr.can_erase')
    router.delete('/gdpr/erase', [RightsController, 'erase']).as('gdpr.erase')
    router.put('/gdpr/rectify', [RightsController, 'rectify']).as('gdpr.rectify')
    router
      .put('/gdpr/restrict-processing', [RightsController, 'restrict'])
      .as('gdpr.restrict_processing')
    router
      .put('/gdpr/marketing-preference', [RightsController, 'marketing'])
      .as('gdpr.marketing_preference')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    throttleGdpr,
    middleware.tenant(),
    middleware.module('gdpr'),
    middleware.can('gdpr.read'),
  ])

// The link of the verification e-mail: the token is the credential.
router
  .post('/api/v1/gdpr/email-confirmations/:token', [EmailConfirmationsController, 'store'])
  .as('gdpr.email_confirmations.store')

// Registers of the organisation (admins).
router
  .group(() => {
    router.get('/gdpr/requests', [RegistersController, 'requests']).as('gdpr.requests.index')
    router
      .get('/gdpr/processing-activities', [RegistersController, 'activities'])
      .as('gdpr.processing_activities.index')
    router
      .post('/gdpr/processing-activities', [RegistersController, 'storeActivity'])
      .as('gdpr.processing_activities.store')
    router
      .get('/gdpr/processing-activities/:id', [RegistersController, 'showActivity'])
      .as('gdpr.processing_activities.show')
    router
      .put('/gdpr/processing-activities/:id', [RegistersController, 'updateActivity'])
      .as('gdpr.processing_activities.update')
    router
      .delete('/gdpr/processing-activities/:id', [RegistersController, 'destroyActivity'])
      .as('gdpr.processing_activities.destroy')
    router.get('/gdpr/incidents', [RegistersController, 'incidents']).as('gdpr.incidents.index')
    router
      .post('/gdpr/incidents', [RegistersController, 'storeIncident'])
      .as('gdpr.incidents.store')
    router
      .get('/gdpr/incidents/:id', [RegistersController, 'showIncident'])
      .as('gdpr.incidents.show')
    router
      .put('/gdpr/incidents/:id', [RegistersController, 'updateIncident'])
      .as('gdpr.incidents.update')
  })
  .prefix('/api/v1')
  .use([
    middleware.auth(),
    middleware.tenant(),
    middleware.module('gdpr'),
    middleware.can('gdpr.admin'),
  ])

// Pages.
router
  .get('/o/:slug/my-data', [GdprPagesController, 'myData'])
  .as('web.portal.gdpr.my_data')
  .use([middleware.webAuth(), middleware.tenant(), pageModule('gdpr')])

router
  .get('/gdpr/confirm-email/:token', [GdprPagesController, 'confirmEmail'])
  .as('web.gdpr.confirm_email')

router
  .group(() => {
    router.get('/requests', [GdprPagesController, 'requests']).as('requests')
    router.get('/processing-activities', [GdprPagesController, 'activities']).as('activities')
    router.get('/incidents', [GdprPagesController, 'incidents']).as('incidents')
  })
  .prefix('/app/gdpr')
  .as('web.app.gdpr')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('gdpr'),
    pageCan('gdpr.admin'),
  ])
