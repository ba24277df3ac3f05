import { test } from '@japa/runner'
import { can, permissionTable, ROLES } from '#policies/permissions'

test.group('Permission table', () => {
  test('admins manage the organisation; owners and contractors do not', ({ assert }) => {
    assert.isTrue(can('admin', 'members.write'))
    assert.isTrue(can('admin', 'modules.write'))
    for (const role of ['syndic', 'accountant', 'board_member', 'owner', 'contractor'] as const) {
      assert.isFalse(can(role, 'members.write'), role)
      assert.isFalse(can(role, 'modules.write'), role)
      assert.isFalse(can(role, 'audit.read'), role)
    }
    assert.isFalse(can('owner', 'buildings.read'))
    assert.isTrue(can('syndic', 'buildings.write'))
    assert.isFalse(can('accountant', 'buildings.write'))
  })

  test('every entry names only known roles, and unknown permissions throw', ({ assert }) => {
    for (const [permission, roles] of Object.entries(permissionTable())) {
      for (const role of roles) assert.include(ROLES, role, permission)
    }
    assert.throws(() => can('admin', 'no.such.permission'), /Unknown permission/)
  })

  test('feature modules registered their permissions', ({ assert }) => {
    for (const key of [
      'accounting.read',
      'legal.read',
      'community.read',
      'iot.read',
      'gdpr.read',
    ]) {
      assert.isTrue(key in permissionTable(), key)
    }
  })
})
