import { test } from '@japa/runner'
import {
  createBuilding,
  createOwner,
  createUnit,
  signupOrg,
} from '#tests/functional/buildings/helpers'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import { SessionClient } from '#tests/functional/security/session_client'

/** The Inertia page object embedded in a full HTML answer (div or script form). */
function pageOf(html: string): any {
  const script = /<script[^>]*data-page="app"[^>]*>([\s\S]*?)<\/script>/.exec(html)
  if (script) return JSON.parse(script[1])
  const div = /data-page="([^"]*)"/.exec(html)
  if (!div) throw new Error(`no Inertia page in: ${html.slice(0, 300)}`)
  const json = div[1]
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
  return JSON.parse(json)
}

test.group('Staff dashboard (/app)', () => {
  test("counts the organisation's buildings, units and owners, and only its own", async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Dashboard')
    const b1 = await createBuilding(client, org)
    const b2 = await createBuilding(client, org)
    await createUnit(client, org, b1.id)
    await createUnit(client, org, b1.id)
    await createUnit(client, org, b2.id)
    await createOwner(client, org)
    // Another organisation's rows must not be counted.
    const other = await signupOrg(client, 'Syndic Elsewhere')
    const ob = await createBuilding(client, other)
    await createUnit(client, other, ob.id)
    await createOwner(client, other)
    await createOwner(client, other)

    const browser = new SessionClient()
    const login = await browser.login(org.email, STRONG_PASSWORD)
    assert.equal(login.status, 200)
    const res = await browser.fetch('/app', { json: false })
    assert.equal(res.status, 200)
    const page = pageOf(await res.text())
    assert.equal(page.component, 'app/dashboard')
    assert.deepEqual(page.props.counts, { buildings: 2, units: 3, owners: 1 })
    assert.sameMembers(
      page.props.recentBuildings.map((b: { id: string }) => b.id),
      [b1.id, b2.id]
    )
  })
})
