import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type { FakeStripe, Delivery } from '#tests/helpers/fake_stripe'
import type { TestOrg } from '#tests/helpers/api'

/** Rows read through the owner connection (outside any tenant). */
export async function ownerRows(sql: string, bindings: unknown[] = []) {
  const res = await db.connection('owner').rawQuery(sql, bindings as any[])
  return res.rows as any[]
}

/** Waits until the webhook job has processed (or ignored) these events. */
export async function waitForEvents(ids: string[], timeoutMs = 10000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const rows = await ownerRows(
      `select id, status, error from billing_stripe_events where id = any(?)`,
      [ids]
    )
    const done = rows.filter((r) => r.status !== 'received')
    if (done.length === ids.length) return rows
    await new Promise((r) => setTimeout(r, 40))
  }
  const rows = await ownerRows(
    `select id, status, error from billing_stripe_events where id = any(?)`,
    [ids]
  )
  throw new Error(`events not processed in time: ${JSON.stringify(rows)}`)
}

export async function waitForDeliveries(deliveries: Delivery[]) {
  for (const d of deliveries)
    if (d.status !== 200) throw new Error(`webhook ${d.status}: ${d.body}`)
  return waitForEvents(deliveries.map((d) => d.event.id))
}

export async function waitUntil(fn: () => Promise<boolean> | boolean, timeoutMs = 10000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 40))
  }
  throw new Error('condition not met in time')
}

export async function orgRow(organisationId: string) {
  const rows = await ownerRows(`select * from organisations where id = ?`, [organisationId])
  return rows[0]
}

export async function billingRowOf(organisationId: string) {
  const rows = await ownerRows(`select * from billing_subscriptions where organisation_id = ?`, [
    organisationId,
  ])
  return rows[0]
}

export async function enabledModules(organisationId: string) {
  const rows = await ownerRows(
    `select module_key, enabled, source from organisation_modules where organisation_id = ? order by module_key`,
    [organisationId]
  )
  return Object.fromEntries(rows.map((r) => [r.module_key, r.enabled])) as Record<string, boolean>
}

/** Signs up → checkout for `plan` → pays on the fake page → subscription active. */
export async function subscribe(client: ApiClient, fake: FakeStripe, org: TestOrg, plan: string) {
  const res = await client.post('/api/v1/billing/checkout').bearerToken(org.token).json({ plan })
  if (res.status() !== 200) throw new Error(`checkout ${res.status()} ${res.text()}`)
  const session = fake.sessionByUrl(res.body().url)!
  const done = await fake.completeCheckout(session.id)
  await waitForDeliveries(done.deliveries)
  return done
}
