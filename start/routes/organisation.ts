/*
| Organisation side of the core API (SPEC §3): profile and branding, members and
| invitations, modules, audit log, co-owner portal invitations, and the platform
| staff (superadmin) endpoints.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrganisationController = () => import('#controllers/organisation_controller')
const MembersController = () => import('#controllers/members_controller')
const InvitationsController = () => import('#controllers/invitations_controller')
const ModulesController = () => import('#controllers/modules_controller')
const AuditLogsController = () => import('#controllers/audit_logs_controller')
const AdminOrganisationsController = () => import('#controllers/admin_organisations_controller')

const uuid = router.matchers.uuid()

// Members of the current organisation (tenant transaction).
router
  .group(() => {
    router
      .get('/organisation', [OrganisationController, 'show'])
      .as('organisation.show')
      .use(middleware.can('organisation.read'))
    router
      .put('/organisation', [OrganisationController, 'update'])
      .as('organisation.update')
      .use(middleware.can('organisation.update'))

    router
      .get('/organisation/members', [MembersController, 'index'])
      .as('members.index')
      .use(middleware.can('members.read'))
    router
      .post('/organisation/members', [MembersController, 'store'])
      .as('members.store')
      .use(middleware.can('members.write'))
    router
      .put('/organisation/members/:id', [MembersController, 'update'])
      .where('id', uuid)
      .as('members.update')
      .use(middleware.can('members.write'))
    router
      .delete('/organisation/members/:id', [MembersController, 'destroy'])
      .where('id', uuid)
      .as('members.destroy')
      .use(middleware.can('members.write'))

    router
      .get('/organisation/invitations', [InvitationsController, 'index'])
      .as('invitations.index')
      .use(middleware.can('members.read'))
    router
      .delete('/organisation/invitations/:id', [InvitationsController, 'destroy'])
      .where('id', uuid)
      .as('invitations.destroy')
      .use(middleware.can('members.write'))
    router
      .post('/owners/:id/invite', [InvitationsController, 'inviteOwner'])
      .where('id', uuid)
      .as('owners.invite')
      .use(middleware.can('owners.invite'))

    router
      .get('/organisation/modules', [ModulesController, 'index'])
      .as('modules.index')
      .use(middleware.can('modules.read'))
    router
      .put('/organisation/modules/:key', [ModulesController, 'update'])
      .where('key', /^[a-z][a-z0-9_]{0,39}$/)
      .as('modules.update')
      .use(middleware.can('modules.write'))

    router
      .get('/organisation/audit-logs', [AuditLogsController, 'index'])
      .as('audit_logs.index')
      .use(middleware.can('audit.read'))
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])

// Invitation links: before any tenant is known; signing in is optional.
router
  .group(() => {
    router.get('/invitations/:token', [InvitationsController, 'show']).as('invitations.show')
    router
      .post('/invitations/:token/accept', [InvitationsController, 'accept'])
      .as('invitations.accept')
  })
  .prefix('/api/v1')

// Platform staff: across organisations, never inside a request tenant; every call audited.
router
  .group(() => {
    router
      .get('/admin/organisations', [AdminOrganisationsController, 'index'])
      .as('admin.organisations.index')
    router
      .put('/admin/organisations/:id/modules/:key', [AdminOrganisationsController, 'updateModule'])
      .where('id', uuid)
      .where('key', /^[a-z][a-z0-9_]{0,39}$/)
      .as('admin.organisations.modules.update')
    router
      .put('/admin/organisations/:id/status', [AdminOrganisationsController, 'updateStatus'])
      .where('id', uuid)
      .as('admin.organisations.status.update')
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.superadmin()])
