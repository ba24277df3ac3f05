// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { crc32, deflateSync } from 'node:zlib'
import { drainQueues, startTestWorker, waitForJob } from '#tests/helpers/worker'
import { samplePng } from '#tests/helpers/sample_files'
import { call, community, signupOrg } from './helpers.js'

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

/** A grey RGB PNG of `width` × `height` px (to prove the downscale). */
function widePng(width: number, height: number) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Width of a WebP from its VP8 / VP8L / VP8X header. */
function webpWidth(b: Buffer): number {
  const kind = b.toString('ascii', 12, 16)
  if (kind === 'VP8 ') return b.readUInt16LE(26) & 0x3fff
  if (kind === 'VP8L') return 1 + (((b[22] & 0x3f) << 8) | b[21])
  if (kind === 'VP8X') return 1 + b.readUIntLE(24, 3)
  throw new Error(`Unknown WebP chunk ${kind}`)
}

function isWebp(b: Buffer) {
  return b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP'
}

test.group('Community notice photo thumbnails', () => {
  test('a WebP thumbnail ≤ 320 px is made in the background; original until then; cross-org 404', async ({
    client,
    assert,
  }) => {
    await drainQueues(['community'])
    const worker = startTestWorker({ queues: ['community'] })
    try {
      const c = await community(client)
      const notice = (
        await call(client, c.alice, 'post', '/notices', {
          buildingId: c.buildingId,
          category: 'announcement',
          title: 'Vélo trouvé',
          body: 'Dans le local vélos.',
          visibility: 'building',
        })
      ).body()
      ;(await call(client, c.alice, 'put', `/notices/${notice.id}/publish`)).assertStatus(200)

      for (const [name, bytes, expected] of [
        ['velo.png', samplePng(), 2],
        ['large.png', widePng(640, 40), 320],
      ] as const) {
        const up = await client
          .post(`/api/v1/notices/${notice.id}/photos`)
          .bearerToken(c.alice.token)
          .file('file', bytes, { filename: name })
        up.assertStatus(201)
        const photo = up.body()
        assert.equal(photo.thumbnailUrl, `${photo.url}?size=thumb`)
        const job = await waitForJob('community', `community_photo_thumbnail_${photo.id}`, 30000)
        assert.equal(job.failedReason ?? null, null)
        const thumb = await client.get(photo.thumbnailUrl).bearerToken(c.bob.token)
        thumb.assertStatus(200)
        assert.equal(thumb.header('content-type'), 'image/webp')
        const body = Buffer.from(thumb.body())
        assert.isTrue(isWebp(body))
        assert.equal(webpWidth(body), expected) // never upscaled, ≤ 320 px
        const original = await client.get(photo.url).bearerToken(c.bob.token)
        assert.equal(original.header('content-type'), 'image/png')
      }

      const shown = (await call(client, c.bob, 'get', `/notices/${notice.id}`)).body()
      assert.match(shown.photos[0].thumbnailUrl, /\?size=thumb$/)

      const other = await signupOrg(client)
      const photoId = shown.photos[0].id
      ;(await call(client, other, 'get', `/photos/${photoId}/file?size=thumb`)).assertStatus(404)
    } finally {
      await worker.close()
    }
  }).timeout(60000)
})
