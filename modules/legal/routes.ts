/*
| Routes of the legal module (SPEC §7, issue 9). API under /api/v1 behind auth +
| tenant + module('legal') + a permission per route; the notary's public API under
| /api/v1/public/notary (no login, rate-limited, token-scoped); pages in ./web_routes.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import './web_routes.js'

const EtatDatesController = () => import('./controllers/etat_dates_controller.js')
const InspectionsController = () => import('./controllers/inspections_controller.js')
const Registers = () => import('./controllers/registers_controller.js')
const Work = () => import('./controllers/work_controller.js')
const Notary = () => import('./controllers/notary_controller.js')

const uuid = router.matchers.uuid()
const read = middleware.can('legal.read')
const write = middleware.can('legal.write')

const lazy = (loader: () => Promise<any>, exportName: string) => async () => {
  const mod = await loader()
  return { default: mod[exportName] }
}
const DisputesController = lazy(Registers, 'DisputesController')
const InsuranceContractsController = lazy(Registers, 'InsuranceContractsController')
const InsuranceClaimsController = lazy(Registers, 'InsuranceClaimsController')
const ServiceContractsController = lazy(Registers, 'ServiceContractsController')
const ContractorsController = lazy(Work, 'ContractorsController')
const TicketsController = lazy(Work, 'TicketsController')
const WorkReportsController = lazy(Work, 'WorkReportsController')
const NotaryPublicController = lazy(Notary, 'NotaryPublicController')
const NotaryRequestsController = lazy(Notary, 'NotaryRequestsController')

router
  .group(() => {
    // ------------------------------------------------------------ état daté
    router
      .post('/units/:id/etat-date', [EtatDatesController, 'store'])
      .where('id', uuid)
      .as('legal.etat_dates.store')
      .use(write)
    router
      .get('/buildings/:id/etat-dates', [EtatDatesController, 'index'])
      .where('id', uuid)
      .as('legal.etat_dates.index')
      .use(read)
    router.get('/etat-dates', [EtatDatesController, 'queue']).as('legal.etat_dates.queue').use(read)
    router
      .get('/etat-dates/:id', [EtatDatesController, 'show'])
      .where('id', uuid)
      .as('legal.etat_dates.show')
      .use(read)
    router
      .put('/etat-dates/:id/generate', [EtatDatesController, 'generate'])
      .where('id', uuid)
      .as('legal.etat_dates.generate')
      .use(write)
    router
      .get('/etat-dates/:id/snapshot', [EtatDatesController, 'snapshot'])
      .where('id', uuid)
      .as('legal.etat_dates.snapshot')
      .use(read)
    router
      .get('/etat-dates/:id/versions', [EtatDatesController, 'versions'])
      .where('id', uuid)
      .as('legal.etat_dates.versions')
      .use(read)
    router
      .get('/etat-dates/:id/pdf', [EtatDatesController, 'pdf'])
      .where('id', uuid)
      .as('legal.etat_dates.pdf')
      .use(read)
    router
      .put('/etat-dates/:id/deliver', [EtatDatesController, 'deliver'])
      .where('id', uuid)
      .as('legal.etat_dates.deliver')
      .use(write)
    router
      .delete('/etat-dates/:id', [EtatDatesController, 'destroy'])
      .where('id', uuid)
      .as('legal.etat_dates.destroy')
      .use(write)
    router
      .get('/notary-requests', [NotaryRequestsController, 'index'])
      .as('legal.notary_requests.index')
      .use(read)
    router
      .put('/notary-requests/:id/assign', [NotaryRequestsController, 'assign'])
      .where('id', uuid)
      .as('legal.notary_requests.assign')
      .use(write)
    router
      .get('/legal/settings', [NotaryRequestsController, 'showSettings'])
      .as('legal.settings.show')
      .use(read)
    router
      .put('/legal/settings', [NotaryRequestsController, 'updateSettings'])
      .as('legal.settings.update')
      .use(middleware.can('modules.write'))

    // ------------------------------------------------------------ registers
    for (const [segment, controller, name] of [
      ['disputes', DisputesController, 'disputes'],
      ['insurance-contracts', InsuranceContractsController, 'insurance_contracts'],
      ['insurance-claims', InsuranceClaimsController, 'insurance_claims'],
      ['service-contracts', ServiceContractsController, 'service_contracts'],
    ] as const) {
      router
        .get(`/buildings/:id/${segment}`, [controller, 'index'])
        .where('id', uuid)
        .as(`legal.${name}.index`)
        .use(read)
      router
        .post(`/buildings/:id/${segment}`, [controller, 'store'])
        .where('id', uuid)
        .as(`legal.${name}.store`)
        .use(write)
      router
        .get(`/${segment}/:id`, [controller, 'show'])
        .where('id', uuid)
        .as(`legal.${name}.show`)
        .use(read)
      router
        .put(`/${segment}/:id`, [controller, 'update'])
        .where('id', uuid)
        .as(`legal.${name}.update`)
        .use(write)
      router
        .delete(`/${segment}/:id`, [controller, 'destroy'])
        .where('id', uuid)
        .as(`legal.${name}.destroy`)
        .use(write)
    }

    // ------------------------------------------------------------ technical inspections
    router
      .post('/buildings/:id/technical-inspections', [InspectionsController, 'store'])
      .where('id', uuid)
      .as('legal.inspections.store')
      .use(write)
    router
      .get('/buildings/:id/technical-inspections', [InspectionsController, 'index'])
      .where('id', uuid)
      .as('legal.inspections.index')
      .use(read)
    router
      .get('/buildings/:id/technical-inspections/upcoming', [InspectionsController, 'upcoming'])
      .where('id', uuid)
      .as('legal.inspections.upcoming')
      .use(read)
    router
      .get('/buildings/:id/technical-inspections/expired', [InspectionsController, 'expired'])
      .where('id', uuid)
      .as('legal.inspections.expired')
      .use(read)
    router
      .get('/buildings/:id/technical-inspections/compliance', [InspectionsController, 'compliance'])
      .where('id', uuid)
      .as('legal.inspections.compliance')
      .use(read)
    router
      .get('/technical-inspections/:id', [InspectionsController, 'show'])
      .where('id', uuid)
      .as('legal.inspections.show')
      .use(read)
    router
      .put('/technical-inspections/:id/start', [InspectionsController, 'start'])
      .where('id', uuid)
      .as('legal.inspections.start')
      .use(write)
    router
      .put('/technical-inspections/:id/complete', [InspectionsController, 'complete'])
      .where('id', uuid)
      .as('legal.inspections.complete')
      .use(write)
    router
      .post('/technical-inspections/:id/certificate', [InspectionsController, 'certificate'])
      .where('id', uuid)
      .as('legal.inspections.certificate')
      .use(write)
    router
      .delete('/technical-inspections/:id', [InspectionsController, 'destroy'])
      .where('id', uuid)
      .as('legal.inspections.destroy')
      .use(write)

    // ------------------------------------------------------------ contractors
    router
      .get('/contractors', [ContractorsController, 'index'])
      .as('legal.contractors.index')
      .use(read)
    router
      .post('/contractors', [ContractorsController, 'store'])
      .as('legal.contractors.store')
      .use(write)
    router
      .get('/contractors/:id', [ContractorsController, 'show'])
      .where('id', uuid)
      .as('legal.contractors.show')
      .use(read)
    router
      .put('/contractors/:id', [ContractorsController, 'update'])
      .where('id', uuid)
      .as('legal.contractors.update')
      .use(write)
    router
      .get('/contractors/:id/work-reports', [ContractorsController, 'workReports'])
      .where('id', uuid)
      .as('legal.contractors.work_reports')
      .use(middleware.can('legal.work_reports.read'))

    // ------------------------------------------------------------ tickets
    const tRead = middleware.can('legal.tickets.read')
    const tWork = middleware.can('legal.tickets.work')
    router
      .post('/buildings/:id/tickets', [TicketsController, 'store'])
      .where('id', uuid)
      .as('legal.tickets.store')
      .use(middleware.can('legal.tickets.create'))
    router
      .get('/buildings/:id/tickets', [TicketsController, 'index'])
      .where('id', uuid)
      .as('legal.tickets.index')
      .use(read)
    router.get('/tickets', [TicketsController, 'mine']).as('legal.tickets.mine').use(tRead)
    router
      .get('/tickets/:id', [TicketsController, 'show'])
      .where('id', uuid)
      .as('legal.tickets.show')
      .use(tRead)
    router
      .put('/tickets/:id/assign', [TicketsController, 'assign'])
      .where('id', uuid)
      .as('legal.tickets.assign')
      .use(write)
    router
      .put('/tickets/:id/start', [TicketsController, 'start'])
      .where('id', uuid)
      .as('legal.tickets.start')
      .use(tWork)
    router
      .put('/tickets/:id/resolve', [TicketsController, 'resolve'])
      .where('id', uuid)
      .as('legal.tickets.resolve')
      .use(tWork)
    router
      .put('/tickets/:id/close', [TicketsController, 'close'])
      .where('id', uuid)
      .as('legal.tickets.close')
      .use(write)
    router
      .post('/tickets/:id/photos', [TicketsController, 'addPhoto'])
      .where('id', uuid)
      .as('legal.tickets.photos.store')
      .use(tRead)
    router
      .get('/tickets/:id/photos', [TicketsController, 'photos'])
      .where('id', uuid)
      .as('legal.tickets.photos.index')
      .use(tRead)
    router
      .get('/tickets/:id/photos/:photoId', [TicketsController, 'photo'])
      .where('id', uuid)
      .where('photoId', uuid)
      .as('legal.tickets.photos.show')
      .use(tRead)

    // ------------------------------------------------------------ work reports
    const wRead = middleware.can('legal.work_reports.read')
    const wWrite = middleware.can('legal.work_reports.write')
    router
      .post('/work-reports', [WorkReportsController, 'store'])
      .as('legal.work_reports.store')
      .use(wWrite)
    router
      .get('/buildings/:id/work-reports', [WorkReportsController, 'byBuilding'])
      .where('id', uuid)
      .as('legal.work_reports.index')
      .use(read)
    router
      .get('/work-reports/:id', [WorkReportsController, 'show'])
      .where('id', uuid)
      .as('legal.work_reports.show')
      .use(wRead)
    router
      .put('/work-reports/:id', [WorkReportsController, 'update'])
      .where('id', uuid)
      .as('legal.work_reports.update')
      .use(wWrite)
    router
      .put('/work-reports/:id/submit', [WorkReportsController, 'submit'])
      .where('id', uuid)
      .as('legal.work_reports.submit')
      .use(wWrite)
    router
      .put('/work-reports/:id/approve', [WorkReportsController, 'approve'])
      .where('id', uuid)
      .as('legal.work_reports.approve')
      .use(write)
    router
      .put('/work-reports/:id/reject', [WorkReportsController, 'reject'])
      .where('id', uuid)
      .as('legal.work_reports.reject')
      .use(write)
    router
      .delete('/work-reports/:id', [WorkReportsController, 'destroy'])
      .where('id', uuid)
      .as('legal.work_reports.destroy')
      .use(wWrite)
    router
      .post('/work-reports/:id/photos', [WorkReportsController, 'addPhoto'])
      .where('id', uuid)
      .as('legal.work_reports.photos.store')
      .use(wWrite)
    router
      .get('/work-reports/:id/photos', [WorkReportsController, 'photos'])
      .where('id', uuid)
      .as('legal.work_reports.photos.index')
      .use(wRead)
    router
      .get('/work-reports/:id/photos/:photoId', [WorkReportsController, 'photo'])
      .where('id', uuid)
      .where('photoId', uuid)
      .as('legal.work_reports.photos.show')
      .use(wRead)
    router
      .get('/work-reports/:id/pdf', [WorkReportsController, 'pdf'])
      .where('id', uuid)
      .as('legal.work_reports.pdf')
      .use(wRead)
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant(), middleware.module('legal')])

// Public notary API: no login. The organisation comes from the slug, the request from
// the unguessable token; both rate-limited in the service.
router
  .group(() => {
    router
      .post('/public/notary/:slug/requests', [NotaryPublicController, 'store'])
      .as('legal.notary.store')
    router
      .get('/public/notary/:slug/requests/:token', [NotaryPublicController, 'show'])
      .as('legal.notary.show')
    router
      .get('/public/notary/:slug/requests/:token/pdf', [NotaryPublicController, 'pdf'])
      .as('legal.notary.pdf')
  })
  .prefix('/api/v1')
