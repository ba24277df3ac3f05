import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import User from '#models/user'
import Owner from '#models/owner'
import Membership from '#models/membership'
import { withTenant } from '#tenancy/tenant_context'
import {
  launchBrowser,
  openPage,
  screenshot,
  visit,
  type TestBrowser,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD, uniq } from '#tests/helpers/api'
import { expectStatus, call, createOwner, linkOwner } from '#tests/functional/buildings/helpers'
import { ingestReadings, type ReadingInput } from '../../services/ingest_service.js'
import { scanAnomalies } from '../../services/anomaly_service.js'
import { startFakeMetering, type FakeMetering } from '../helpers/fake_metering.js'
import { configuredDevice, pointFrom, useFake } from '../helpers/iot_test_helpers.js'

// Vite's HMR socket (dev server shared by concurrent runs) is not the page's concern.
const HMR_NOISE = [/ws:\/\/127\.0\.0\.1:\d+/]

async function login(page: any, email: string) {
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

test.group('iot browser: energy dashboard and owner meter', (group) => {
  let tb: TestBrowser
  let fake: FakeMetering
  group.setup(async () => {
    tb = await launchBrowser()
    fake = await startFakeMetering()
    useFake(fake)
    return async () => {
      await tb.close()
      await fake.close()
    }
  })

  test('dashboard renders the daily chart with an anomaly marker; the owner sees their meter', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Énergie')
    const { building, unit, device } = await configuredDevice(client, org, fake, pointFrom(900))
    const today = DateTime.now().setZone('Europe/Brussels').startOf('day')
    const spike = today.minus({ days: 10 })
    const rows: ReadingInput[] = []
    for (let d = today.minus({ days: 400 }); d < today; d = d.plus({ days: 1 })) {
      const base =
        9000 + 2500 * Math.cos(((d.ordinal - 15) / 365) * 2 * Math.PI) + (d.weekday >= 6 ? 800 : 0)
      rows.push({
        deviceId: device.id,
        metric: 'energy_wh',
        ts: d.toJSDate(),
        value: Math.round(d.equals(spike) ? base * 1.6 : base),
        unit: 'Wh',
      })
    }
    await withTenant(org.organisationId, async () => {
      await ingestReadings(rows)
      await scanAnomalies({ deviceIds: [device.id] })
    })

    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: HMR_NOISE })
    await login(page, org.email)
    await visit(page, `/app/iot/buildings/${building.id}`)
    await page.waitForSelector('[data-test=daily-chart] svg')
    const marked = await page.$eval('[data-test=daily-chart]', (el: any) =>
      el.getAttribute('data-anomalies')
    )
    assert.equal(marked, '1')
    const anomalies = await page.$eval('[data-test=anomalies]', (el: any) => el.textContent ?? '')
    assert.include(anomalies, spike.toFormat('dd/MM/yyyy').slice(0, 2))
    const devices = await page.$eval('[data-test=devices]', (el: any) => el.textContent ?? '')
    assert.include(devices, pointFrom(900))
    await screenshot(page, 'iot-energy-dashboard')
    assert.deepEqual(errors, [], errors.join('\n'))

    // Owner portal: a co-owner of the unit sees the meter chart.
    const email = `${uniq('owner')}@example.test`
    const user = await User.create({ email, password: STRONG_PASSWORD, fullName: 'Lotte Janssens' })
    const owner = await createOwner(client, org, {
      email,
      firstName: 'Lotte',
      lastName: 'Janssens',
    })
    await linkOwner(client, org, unit.id, owner.id)
    await Membership.create({ organisationId: org.organisationId, userId: user.id, role: 'owner' })
    await withTenant(org.organisationId, async () => {
      const o = await Owner.findOrFail(owner.id)
      o.userId = user.id
      await o.save()
    })
    const portal = await openPage(tb, { locale: 'nl', ignore: HMR_NOISE })
    await login(portal.page, email)
    await visit(portal.page, `/o/${org.slug}/iot`)
    await portal.page.waitForSelector('[data-test=meter-chart] svg')
    await screenshot(portal.page, 'iot-owner-meter')
    assert.deepEqual(portal.errors, [], portal.errors.join('\n'))
    await expectStatus(call(client, org, 'get', `/buildings/${building.id}/iot/anomalies`), 200)
  }).timeout(90_000)
})
