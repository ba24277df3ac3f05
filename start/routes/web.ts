/*
| Pages (Inertia). Public pages, the staff app (/app) and the owner portal (/o/:slug).
| Pages read their initial props from these controllers and write through /api/v1.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { forgetStaleOrganisation, pageCan, staffOnly } from '#controllers/web/page_guards'
import { registerInProcessRuntime } from '#jobs/in_process_runtime'

const PublicController = () => import('#controllers/web/public_controller')
const SessionController = () => import('#controllers/web/session_controller')
const StaffController = () => import('#controllers/web/staff_controller')
const PortalController = () => import('#controllers/web/portal_controller')
const OutboxController = () => import('#controllers/web/outbox_controller')

// Zero-setup without Redis: this web process also runs the jobs and schedules (single node).
registerInProcessRuntime()

router.get('/', [PublicController, 'home']).as('web.home')
router.get('/invitations/:token', [PublicController, 'invitation']).as('web.invitation')
router.get('/login', [SessionController, 'showLogin']).as('web.login')
router.post('/login', [SessionController, 'login']).as('web.login.store')
router.get('/signup', [SessionController, 'showSignup']).as('web.signup')
router.post('/signup', [SessionController, 'signup']).as('web.signup.store')
router.post('/logout', [SessionController, 'logout']).as('web.logout')
router
  .post('/session/organisation', [SessionController, 'switchOrganisation'])
  .as('web.session.organisation')
  .use(middleware.webAuth())

router
  .group(() => {
    router.get('/', [StaffController, 'dashboard']).as('dashboard')
    router
      .get('/buildings', [StaffController, 'buildings'])
      .as('buildings')
      .use(pageCan('buildings.read'))
    router
      .get('/buildings/:id', [StaffController, 'building'])
      .where('id', router.matchers.uuid())
      .as('buildings.show')
      .use(pageCan('buildings.read'))
    router.get('/owners', [StaffController, 'owners']).as('owners').use(pageCan('owners.read'))
    router.get('/members', [StaffController, 'members']).as('members').use(pageCan('members.read'))
    router.get('/modules', [StaffController, 'modules']).as('modules').use(pageCan('modules.read'))
    router.get('/modules/:key', [StaffController, 'module']).as('modules.show')
    router.get('/security', [StaffController, 'security']).as('security')
    router
      .get('/settings/branding', [StaffController, 'branding'])
      .as('settings.branding')
      .use(pageCan('organisation.read'))
  })
  .prefix('/app')
  .as('web.app')
  .use([middleware.webAuth(), forgetStaleOrganisation, middleware.tenant(), staffOnly])

// Demo outbox (mails kept locally without an SMTP server): staff of the organisation;
// the platform superadmin reads every organisation's at /admin/outbox.
router
  .get('/app/outbox', [OutboxController, 'index'])
  .as('web.app.outbox')
  .use([middleware.webAuth(), forgetStaleOrganisation, middleware.tenant(), staffOnly])
router
  .get('/admin/outbox', [OutboxController, 'all'])
  .as('web.admin.outbox')
  .use(middleware.webAuth())

router
  .get('/o/:slug', [PortalController, 'home'])
  .as('web.portal')
  .use([middleware.webAuth(), middleware.tenant()])
