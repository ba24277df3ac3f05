import { test } from '@japa/runner'
import Building from '#models/building'
import Owner from '#models/owner'
import { MissingTenantContext } from '#exceptions/api_error'
import { currentTenant, maybeTenant } from '#tenancy/tenant_context'

test.group('Tenant-scoped models outside a tenant context', () => {
  test('querying throws MissingTenantContext instead of reading unscoped', ({ assert }) => {
    assert.throws(() => Building.query(), MissingTenantContext as any)
    assert.throws(() => currentTenant(), MissingTenantContext as any)
    assert.isUndefined(maybeTenant())
  })

  test('saving throws MissingTenantContext before touching the database', async ({ assert }) => {
    const owner = new Owner()
    owner.merge({ kind: 'person', firstName: 'A', lastName: 'B', email: 'a@b.test' })
    await assert.rejects(() => owner.save(), /tenant context/)
  })
})
