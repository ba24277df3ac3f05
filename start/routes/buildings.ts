/*
| Buildings, units, co-owners and ownerships (SPEC §3). Every route runs inside the
| tenant transaction; ids are UUIDs (anything else is a 404).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BuildingsController = () => import('#controllers/buildings_controller')
const UnitsController = () => import('#controllers/units_controller')
const OwnersController = () => import('#controllers/owners_controller')
const UnitOwnersController = () => import('#controllers/unit_owners_controller')

const uuid = router.matchers.uuid()
const read = (perm: 'buildings' | 'owners') => middleware.can(`${perm}.read`)
const write = (perm: 'buildings' | 'owners') => middleware.can(`${perm}.write`)

router
  .group(() => {
    router
      .get('/buildings', [BuildingsController, 'index'])
      .as('buildings.index')
      .use(read('buildings'))
    router
      .post('/buildings', [BuildingsController, 'store'])
      .as('buildings.store')
      .use(write('buildings'))
    router
      .get('/buildings/:id', [BuildingsController, 'show'])
      .where('id', uuid)
      .as('buildings.show')
      .use(read('buildings'))
    router
      .put('/buildings/:id', [BuildingsController, 'update'])
      .where('id', uuid)
      .as('buildings.update')
      .use(write('buildings'))
    router
      .delete('/buildings/:id', [BuildingsController, 'destroy'])
      .where('id', uuid)
      .as('buildings.destroy')
      .use(write('buildings'))

    router
      .get('/buildings/:buildingId/units', [UnitsController, 'index'])
      .where('buildingId', uuid)
      .as('units.index')
      .use(read('buildings'))
    router
      .post('/buildings/:buildingId/units', [UnitsController, 'store'])
      .where('buildingId', uuid)
      .as('units.store')
      .use(write('buildings'))
    router
      .get('/units/:id', [UnitsController, 'show'])
      .where('id', uuid)
      .as('units.show')
      .use(read('buildings'))
    router
      .put('/units/:id', [UnitsController, 'update'])
      .where('id', uuid)
      .as('units.update')
      .use(write('buildings'))
    router
      .delete('/units/:id', [UnitsController, 'destroy'])
      .where('id', uuid)
      .as('units.destroy')
      .use(write('buildings'))

    router.get('/owners', [OwnersController, 'index']).as('owners.index').use(read('owners'))
    router.post('/owners', [OwnersController, 'store']).as('owners.store').use(write('owners'))
    router
      .get('/owners/:id', [OwnersController, 'show'])
      .where('id', uuid)
      .as('owners.show')
      .use(read('owners'))
    router
      .put('/owners/:id', [OwnersController, 'update'])
      .where('id', uuid)
      .as('owners.update')
      .use(write('owners'))

    router
      .get('/units/:unitId/owners', [UnitOwnersController, 'index'])
      .where('unitId', uuid)
      .as('unit_owners.index')
      .use(read('owners'))
    router
      .post('/units/:unitId/owners', [UnitOwnersController, 'store'])
      .where('unitId', uuid)
      .as('unit_owners.store')
      .use(write('owners'))
    router
      .put('/unit-owners/:id', [UnitOwnersController, 'update'])
      .where('id', uuid)
      .as('unit_owners.update')
      .use(write('owners'))
    router
      .delete('/unit-owners/:id', [UnitOwnersController, 'destroy'])
      .where('id', uuid)
      .as('unit_owners.destroy')
      .use(write('owners'))
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])
