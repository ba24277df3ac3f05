import { fixtureCreators } from '#tests/contracts/fixtures'
import { startFakeMetering } from './helpers/fake_metering.js'
import { useFake } from './helpers/iot_test_helpers.js'

/*
| IoT resources of the contract organisation, made through the API (a Linky device
| configured against the in-process fake provider), so `/iot/devices/:id` routes are
| walked with a real org-B id.
*/
fixtureCreators.push(async ({ core, api }) => {
  const fake = await startFakeMetering()
  try {
    useFake(fake)
    const pointId = `${Date.now()}`.padStart(14, '9').slice(0, 14)
    await api('post', `/buildings/${core.buildingId}/iot/linky/configure`, {
      provider: 'ores',
      pointId,
      authorizationCode: fake.issueCode(pointId),
      redirectUri: 'https://app.example.test/iot/callback',
      unitId: core.unitId,
    })
  } finally {
    await fake.close()
  }
})
