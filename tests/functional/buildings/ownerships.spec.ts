import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  addMember,
  auditFor,
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  ownerRow,
  signupOrg,
  type TestOrg,
  bodyOf,
  expectStatus,
  lastAuditAction,
} from './helpers.js'
import type { ApiClient } from '@japa/api-client'

const today = () => DateTime.now().setZone('Europe/Brussels').toISODate()!

async function setup(client: ApiClient, org?: TestOrg) {
  const o = org ?? (await signupOrg(client))
  const b = await createBuilding(client, o)
  const unit = await createUnit(client, o, b.id)
  return { org: o, building: b, unit }
}

test.group('Ownerships (unit owners)', () => {
  test('POST /units/:id/owners links an owner; defaults startDate to today; audited', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const owner = await createOwner(client, org)
    const res = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: owner.id,
      percentage: '50.5',
    })
    res.assertStatus(201)
    const link = res.body()
    assert.equal(link.unitId, unit.id)
    assert.equal(link.ownerId, owner.id)
    assert.equal(link.percentage, '50.50')
    assert.equal(link.startDate, today())
    assert.isNull(link.endDate)
    assert.isFalse(link.isPrimaryContact)
    assert.equal(link.owner.id, owner.id)
    assert.equal(link.owner.displayName, owner.displayName)
    const [log] = await auditFor(link.id)
    assert.equal(log.action, 'unit_owner.created')
    assert.equal(log.metadata.percentage, '50.50')
    const shown = await bodyOf(call(client, org, 'get', `/units/${unit.id}`))
    assert.equal(shown.ownersCount, 1)
  })

  test('Σ active percentages ≤ 100: 422 on percentage with what is available', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const [o1, o2, o3] = [
      await createOwner(client, org),
      await createOwner(client, org),
      await createOwner(client, org),
    ]
    await linkOwner(client, org, unit.id, o1.id, { percentage: 33.33 })
    await linkOwner(client, org, unit.id, o2.id, { percentage: '33.33' })
    const over = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: o3.id,
      percentage: 33.35,
    })
    over.assertStatus(422)
    assert.equal(over.body().errors[0].field, 'percentage')
    assert.include(over.body().errors[0].message, '33.34')
    const exact = await linkOwner(client, org, unit.id, o3.id, { percentage: 33.34 })
    assert.equal(exact.percentage, '33.34')

    // Raising one share over the total is refused too; lowering it is fine.
    const raise = await call(client, org, 'put', `/unit-owners/${exact.id}`, { percentage: 34 })
    raise.assertStatus(422)
    assert.equal(raise.body().errors[0].field, 'percentage')
    const lower = await call(client, org, 'put', `/unit-owners/${exact.id}`, { percentage: 30 })
    lower.assertStatus(200)
    assert.equal(lower.body().percentage, '30.00')
  })

  test('an ended ownership frees its share; a sale can be recorded ahead (end then future start)', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const seller = await createOwner(client, org)
    const buyer = await createOwner(client, org)
    const sold = await linkOwner(client, org, unit.id, seller.id, {
      percentage: 100,
      startDate: '2015-06-01',
    })
    const tooEarly = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: buyer.id,
      percentage: 100,
      startDate: '2030-01-01',
    })
    tooEarly.assertStatus(422)
    assert.equal(tooEarly.body().errors[0].field, 'percentage')

    const end = await call(client, org, 'put', `/unit-owners/${sold.id}`, { endDate: '2030-01-01' })
    end.assertStatus(200)
    assert.equal(end.body().endDate, '2030-01-01')
    const future = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: buyer.id,
      percentage: 100,
      startDate: '2030-01-01',
    })
    future.assertStatus(201)
    // Extending the seller's period again would overlap the buyer's.
    const overlap = await call(client, org, 'put', `/unit-owners/${sold.id}`, {
      endDate: '2030-06-01',
    })
    overlap.assertStatus(422)
    assert.equal(overlap.body().errors[0].field, 'percentage')
  })

  test('owner of another organisation, unknown owner, bad input → 422 on the field; never linked', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const other = await signupOrg(client)
    const foreign = await createOwner(client, other)
    const res = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: foreign.id,
      percentage: 10,
    })
    res.assertStatus(422)
    assert.equal(res.body().errors[0].field, 'ownerId')

    const owner = await createOwner(client, org)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
      [{ ownerId: 'abc' }, 'ownerId'],
      [{ percentage: 0 }, 'percentage'],
      [{ percentage: -5 }, 'percentage'],
      [{ percentage: 100.01 }, 'percentage'],
      [{ percentage: '12.345' }, 'percentage'],
      [{ percentage: 'half' }, 'percentage'],
      [{ startDate: '2024-02-30' }, 'startDate'],
      [{ startDate: '01/02/2024' }, 'startDate'],
      [{ isPrimaryContact: 'yes please' }, 'isPrimaryContact'],
    ]
    for (const [override, field] of cases) {
      const r = await call(client, org, 'post', `/units/${unit.id}/owners`, {
        ownerId: owner.id,
        percentage: 10,
        ...override,
      })
      assert.equal(r.status(), 422, `${JSON.stringify(override)} → ${r.text()}`)
      assert.equal(r.body().errors[0].field, field, JSON.stringify(override))
    }
    const list = await call(client, org, 'get', `/units/${unit.id}/owners?history=true`)
    assert.equal(list.body().meta.total, 0)
    await expectStatus(
      call(client, org, 'post', '/units/00000000-0000-4000-8000-000000000000/owners', {
        ownerId: owner.id,
        percentage: 10,
      }),
      404
    )
  })

  test('the same owner twice on a unit over overlapping periods → 409 on ownerId', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const owner = await createOwner(client, org)
    await linkOwner(client, org, unit.id, owner.id, { percentage: 40 })
    const dup = await call(client, org, 'post', `/units/${unit.id}/owners`, {
      ownerId: owner.id,
      percentage: 10,
    })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].field, 'ownerId')
  })

  test('only one primary contact per unit: setting one unsets the others', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const o1 = await createOwner(client, org)
    const o2 = await createOwner(client, org)
    const l1 = await linkOwner(client, org, unit.id, o1.id, {
      percentage: 50,
      isPrimaryContact: true,
    })
    const l2 = await linkOwner(client, org, unit.id, o2.id, {
      percentage: 50,
      isPrimaryContact: true,
    })
    assert.isTrue(l2.isPrimaryContact)
    const row1 = await ownerRow('unit_owners', l1.id)
    assert.isFalse(row1.is_primary_contact)

    const back = await call(client, org, 'put', `/unit-owners/${l1.id}`, { isPrimaryContact: true })
    back.assertStatus(200)
    assert.isTrue(back.body().isPrimaryContact)
    const row2 = await ownerRow('unit_owners', l2.id)
    assert.isFalse(row2.is_primary_contact)

    const list = await call(client, org, 'get', `/units/${unit.id}/owners`)
    assert.deepEqual(
      list
        .body()
        .data.filter((l: any) => l.isPrimaryContact)
        .map((l: any) => l.id),
      [l1.id]
    )
  })

  test('PUT /unit-owners/:id: endDate ≥ startDate else 422; ending keeps the row', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const owner = await createOwner(client, org)
    const link = await linkOwner(client, org, unit.id, owner.id, {
      percentage: 60,
      startDate: '2022-03-01',
      isPrimaryContact: true,
    })
    const before = await call(client, org, 'put', `/unit-owners/${link.id}`, {
      endDate: '2022-02-28',
    })
    before.assertStatus(422)
    assert.equal(before.body().errors[0].field, 'endDate')
    const badDate = await call(client, org, 'put', `/unit-owners/${link.id}`, {
      endDate: 'tomorrow',
    })
    badDate.assertStatus(422)
    assert.equal(badDate.body().errors[0].field, 'endDate')

    const ended = await call(client, org, 'put', `/unit-owners/${link.id}`, {
      endDate: '2024-12-31',
    })
    ended.assertStatus(200)
    assert.equal(ended.body().endDate, '2024-12-31')
    assert.isFalse(ended.body().isPrimaryContact)
    const row = await ownerRow('unit_owners', link.id)
    assert.isNotNull(row)
    assert.equal(row.percentage, '60.00')
    const [log] = await auditFor(link.id)
    assert.equal(log.action, 'unit_owner.updated')
    assert.deepEqual(log.metadata.changes.endDate, { from: null, to: '2024-12-31' })

    const primary = await call(client, org, 'put', `/unit-owners/${link.id}`, {
      isPrimaryContact: true,
    })
    primary.assertStatus(422)
    assert.equal(primary.body().errors[0].field, 'isPrimaryContact')
  })

  test('DELETE /unit-owners/:id ends it today (204), history kept; a second DELETE is 409', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const o1 = await createOwner(client, org)
    const o2 = await createOwner(client, org)
    const gone = await linkOwner(client, org, unit.id, o1.id, {
      percentage: 70,
      startDate: '2019-01-01',
    })
    const stays = await linkOwner(client, org, unit.id, o2.id, { percentage: 30 })
    const del = await call(client, org, 'delete', `/unit-owners/${gone.id}`)
    del.assertStatus(204)
    const row = await ownerRow('unit_owners', gone.id)
    assert.isNotNull(row)
    assert.equal(DateTime.fromJSDate(row.end_date).toISODate(), today())
    assert.equal(await lastAuditAction(gone.id), 'unit_owner.ended')

    const active = await call(client, org, 'get', `/units/${unit.id}/owners`)
    active.assertStatus(200)
    assert.deepEqual(
      active.body().data.map((l: any) => l.id),
      [stays.id]
    )
    const history = await call(client, org, 'get', `/units/${unit.id}/owners?history=true`)
    assert.deepEqual(
      history.body().data.map((l: any) => [l.id, l.endDate]),
      [
        [gone.id, today()],
        [stays.id, null],
      ]
    )
    assert.equal(history.body().meta.total, 2)

    const again = await call(client, org, 'delete', `/unit-owners/${gone.id}`)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_INVALID_STATE')
    // Its 70 % is free again today.
    const o3 = await createOwner(client, org)
    await linkOwner(client, org, unit.id, o3.id, { percentage: 70 })
    await expectStatus(
      call(client, org, 'delete', '/unit-owners/00000000-0000-4000-8000-000000000000'),
      404
    )
  })

  test('DELETE of a future ownership ends it on its start date (never took effect)', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await setup(client)
    const owner = await createOwner(client, org)
    const future = await linkOwner(client, org, unit.id, owner.id, {
      percentage: 100,
      startDate: '2099-01-01',
    })
    await expectStatus(call(client, org, 'delete', `/unit-owners/${future.id}`), 204)
    const history = await call(client, org, 'get', `/units/${unit.id}/owners?history=true`)
    assert.deepEqual(
      history.body().data.map((l: any) => [l.startDate, l.endDate]),
      [['2099-01-01', '2099-01-01']]
    )
    const current = await call(client, org, 'get', `/units/${unit.id}/owners`)
    assert.equal(current.body().meta.total, 0)
    const again = await call(client, org, 'delete', `/unit-owners/${future.id}`)
    again.assertStatus(409)
    // Its share is free for anyone from that date on.
    const other = await createOwner(client, org)
    await linkOwner(client, org, unit.id, other.id, { percentage: 100, startDate: '2099-01-01' })
  })

  test('permissions: board_member reads ownerships, cannot write', async ({ client }) => {
    const { org, unit } = await setup(client)
    const owner = await createOwner(client, org)
    const link = await linkOwner(client, org, unit.id, owner.id, { percentage: 10 })
    const board = await addMember(org, 'board_member')
    await expectStatus(call(client, board, 'get', `/units/${unit.id}/owners`), 200)
    await expectStatus(
      call(client, board, 'post', `/units/${unit.id}/owners`, {
        ownerId: owner.id,
        percentage: 1,
      }),
      403
    )
    await expectStatus(
      call(client, board, 'put', `/unit-owners/${link.id}`, { percentage: 1 }),
      403
    )
    await expectStatus(call(client, board, 'delete', `/unit-owners/${link.id}`), 403)
  })

  test('org A on org B unit-owner and unit: 404, rows unchanged', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const { org: b, unit } = await setup(client)
    const owner = await createOwner(client, b)
    const link = await linkOwner(client, b, unit.id, owner.id, { percentage: 50 })
    const before = await ownerRow('unit_owners', link.id)
    const mine = await createOwner(client, a)
    for (const [method, path, body] of [
      ['put', `/unit-owners/${link.id}`, { percentage: 100, endDate: '2020-01-01' }],
      ['delete', `/unit-owners/${link.id}`, undefined],
      ['get', `/units/${unit.id}/owners`, undefined],
      ['post', `/units/${unit.id}/owners`, { ownerId: mine.id, percentage: 10 }],
    ] as const) {
      const res = await call(client, a, method, path, body)
      assert.equal(res.status(), 404, `${method} ${path}`)
    }
    assert.deepEqual(await ownerRow('unit_owners', link.id), before)
    const count = await call(client, b, 'get', `/units/${unit.id}/owners?history=true`)
    assert.equal(count.body().meta.total, 1)
  })
})
