import { test } from '@japa/runner'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Document from '#models/document'
import AuditLog from '#models/audit_log'
import { withTenant } from '#tenancy/tenant_context'
import { storeDocument } from '#services/document_service'
import { mkdir, writeFile } from 'node:fs/promises'
import { signupOrg } from '#tests/helpers/api'
import {
  sampleDocx,
  sampleExe,
  samplePdf,
  samplePng,
  sampleXlsx,
} from '#tests/helpers/sample_files'
import { addMember } from './members.js'
import { createBuilding } from './fixtures.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Downloads raw bytes (the api client would otherwise parse the body). */
async function downloadBytes(url: string, token: string) {
  const res = await fetch(`http://${process.env.HOST}:${process.env.PORT}${url}`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

function storedPath(storageKey: string) {
  return app.makePath('tmp/storage', storageKey)
}

test.group('Documents: upload, typed by content', () => {
  test('a real PNG and PDF are stored under the organisation prefix with their SHA-256', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(org.organisationId)
    const png = samplePng()
    const pdf = samplePdf()

    const up1 = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      // The client claims a wrong type: ignored, the bytes decide.
      .file('file', png, { filename: 'façade.png', contentType: 'application/octet-stream' })
      .field('buildingId', building.id)
    up1.assertStatus(201)
    assert.equal(up1.body().mimeType, 'image/png')
    assert.equal(up1.body().name, 'façade.png')
    assert.equal(up1.body().size, png.length)
    assert.equal(up1.body().checksum, sha256(png))
    assert.equal(up1.body().buildingId, building.id)
    assert.notProperty(up1.body(), 'storageKey')

    const up2 = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', pdf, { filename: 'pv-ag-2026.pdf', contentType: 'application/pdf' })
    up2.assertStatus(201)
    assert.equal(up2.body().mimeType, 'application/pdf')
    assert.isNull(up2.body().buildingId)

    const row = await withTenant(org.organisationId, () =>
      Document.query().where('id', up2.body().id).firstOrFail()
    )
    assert.equal(row.storageKey, `org/${org.organisationId}/documents/${row.id}.pdf`)
    assert.isTrue(existsSync(storedPath(row.storageKey)))

    const audits = await withTenant(org.organisationId, (trx) =>
      AuditLog.query({ client: trx }).where('action', 'document.upload')
    )
    assert.lengthOf(audits, 2)
  })

  test('docx and xlsx are accepted', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const docx = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', sampleDocx(), { filename: 'contrat.docx' })
    docx.assertStatus(201)
    assert.equal(
      docx.body().mimeType,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    )
    const xlsx = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', sampleXlsx(), { filename: 'budget.xlsx' })
    xlsx.assertStatus(201)
    assert.equal(
      xlsx.body().mimeType,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
  })

  test('an executable renamed .pdf, a text file or a missing file is a 422 on file; nothing stored', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const exe = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', sampleExe(), { filename: 'facture.pdf', contentType: 'application/pdf' })
    exe.assertStatus(422)
    assert.equal(exe.body().errors[0].code, 'E_VALIDATION')
    assert.equal(exe.body().errors[0].field, 'file')

    const txt = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', Buffer.from('just text'), { filename: 'notes.pdf' })
    txt.assertStatus(422)
    assert.equal(txt.body().errors[0].field, 'file')

    const none = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .field('buildingId', '')
    none.assertStatus(422)
    assert.equal(none.body().errors[0].field, 'file')

    const json = await client.post('/api/v1/documents').bearerToken(org.token).json({ file: 'x' })
    json.assertStatus(422)
    assert.equal(json.body().errors[0].field, 'file')

    const empty = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', Buffer.alloc(0), { filename: 'empty.pdf' })
    empty.assertStatus(422)

    assert.lengthOf(await withTenant(org.organisationId, () => Document.query()), 0)
  })

  test('a file over 20 MB is a 422 on file', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)
    samplePdf().copy(big, 0)
    const res = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', big, { filename: 'big.pdf' })
    res.assertStatus(422)
    assert.equal(res.body().errors[0].field, 'file')
    assert.match(res.body().errors[0].message, /20 MB/)
    assert.lengthOf(await withTenant(org.organisationId, () => Document.query()), 0)
  }).timeout(60000)

  test('a buildingId of another organisation, unknown or malformed is a 422 on buildingId', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const buildingB = await createBuilding(orgB.organisationId)
    for (const buildingId of [buildingB.id, randomUUID(), 'not-a-uuid']) {
      const res = await client
        .post('/api/v1/documents')
        .bearerToken(orgA.token)
        .file('file', samplePng(), { filename: 'x.png' })
        .field('buildingId', buildingId)
      res.assertStatus(422)
      assert.equal(res.body().errors[0].field, 'buildingId')
    }
    assert.lengthOf(await withTenant(orgA.organisationId, () => Document.query()), 0)
  })

  test('roles: owner and contractor cannot upload; accountant can read but not write', async ({
    client,
  }) => {
    const org = await signupOrg(client)
    const owner = await addMember(org.organisationId, 'owner')
    const accountant = await addMember(org.organisationId, 'accountant')
    const res = await client
      .post('/api/v1/documents')
      .bearerToken(owner.token)
      .file('file', samplePng(), { filename: 'x.png' })
    res.assertStatus(403)
    const list = await client.get('/api/v1/documents').bearerToken(owner.token)
    list.assertStatus(403)
    const accList = await client.get('/api/v1/documents').bearerToken(accountant.token)
    accList.assertStatus(200)
    const accUp = await client
      .post('/api/v1/documents')
      .bearerToken(accountant.token)
      .file('file', samplePng(), { filename: 'x.png' })
    accUp.assertStatus(403)
    const anon = await client.get('/api/v1/documents')
    anon.assertStatus(401)
  })
})

test.group('Documents: list, show, download, delete', () => {
  test('list is paged and filters by buildingId', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b1 = await createBuilding(org.organisationId, 'B1')
    for (const buildingId of [b1.id, b1.id, undefined]) {
      const req = client
        .post('/api/v1/documents')
        .bearerToken(org.token)
        .file('file', samplePng(), { filename: 'x.png' })
      if (buildingId) req.field('buildingId', buildingId)
      const res = await req
      res.assertStatus(201)
    }
    const all = await client.get('/api/v1/documents?perPage=2').bearerToken(org.token)
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 3)
    assert.equal(all.body().meta.lastPage, 2)
    assert.strictEqual(all.body().data[0].size, samplePng().length)
    const filtered = await client
      .get(`/api/v1/documents?buildingId=${b1.id}`)
      .bearerToken(org.token)
    assert.equal(filtered.body().meta.total, 2)
    const bad = await client.get('/api/v1/documents?buildingId=nope').bearerToken(org.token)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'buildingId')
  })

  test('download returns the same bytes with the detected type and a Content-Disposition', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const pdf = samplePdf('Download me')
    const up = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', pdf, { filename: 'Décompte 2026.pdf', contentType: 'image/png' })
    up.assertStatus(201)
    const id = up.body().id

    const meta = await client.get(`/api/v1/documents/${id}`).bearerToken(org.token)
    meta.assertStatus(200)
    assert.equal(meta.body().checksum, sha256(pdf))
    assert.strictEqual(meta.body().size, pdf.length)
    assert.equal(meta.body().name, 'Décompte 2026.pdf')

    const { res, bytes } = await downloadBytes(`/api/v1/documents/${id}/download`, org.token)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.include(res.headers.get('content-disposition')!, 'attachment;')
    assert.include(
      res.headers.get('content-disposition')!,
      "filename*=UTF-8''D%C3%A9compte%202026.pdf"
    )
    assert.isTrue(bytes.equals(pdf))
  })

  test("another organisation's document is a 404 on show, download and delete, and stays", async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const up = await client
      .post('/api/v1/documents')
      .bearerToken(orgB.token)
      .file('file', samplePng(), { filename: 'b.png' })
    up.assertStatus(201)
    const id = up.body().id

    const show = await client.get(`/api/v1/documents/${id}`).bearerToken(orgA.token)
    show.assertStatus(404)
    const dl = await downloadBytes(`/api/v1/documents/${id}/download`, orgA.token)
    assert.equal(dl.res.status, 404)
    const del = await client.delete(`/api/v1/documents/${id}`).bearerToken(orgA.token)
    del.assertStatus(404)
    const list = await client.get('/api/v1/documents').bearerToken(orgA.token)
    assert.equal(list.body().meta.total, 0)
    const malformed = await client.get('/api/v1/documents/not-a-uuid').bearerToken(orgA.token)
    malformed.assertStatus(404)
    const unknown = await client.get(`/api/v1/documents/${randomUUID()}`).bearerToken(orgA.token)
    unknown.assertStatus(404)

    const still = await withTenant(orgB.organisationId, () =>
      Document.query().where('id', id).firstOrFail()
    )
    assert.isTrue(existsSync(storedPath(still.storageKey)))
    // Without a tenant context the app role sees no document at all (RLS).
    const raw = await db.from('documents').where('id', id)
    assert.lengthOf(raw, 0)
  })

  test('delete removes the row and the stored file, audited', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const up = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', samplePng(), { filename: 'x.png' })
    const id = up.body().id
    const row = await withTenant(org.organisationId, () =>
      Document.query().where('id', id).firstOrFail()
    )
    const del = await client.delete(`/api/v1/documents/${id}`).bearerToken(org.token)
    del.assertStatus(204)
    const gone = await client.get(`/api/v1/documents/${id}`).bearerToken(org.token)
    gone.assertStatus(404)
    assert.isFalse(existsSync(storedPath(row.storageKey)))
    const audits = await withTenant(org.organisationId, (trx) =>
      AuditLog.query({ client: trx }).where('action', 'document.delete').where('subject_id', id)
    )
    assert.lengthOf(audits, 1)
  })

  test('a rolled-back upload leaves no stored object behind', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const png = samplePng()
    await mkdir(app.tmpPath('uploads'), { recursive: true })
    const tmpPath = app.tmpPath('uploads', `${randomUUID()}`)
    await writeFile(tmpPath, png)
    let storageKey = ''
    await withTenant(org.organisationId, async () => {
      const doc = await storeDocument(
        { tmpPath, clientName: 'x.png', size: png.length, checksum: sha256(png), tooLarge: false },
        { uploadedBy: null }
      )
      storageKey = doc.storageKey
      assert.isTrue(existsSync(storedPath(storageKey)))
      throw new Error('later failure in the same request')
    }).catch(() => {})
    assert.isFalse(existsSync(storedPath(storageKey)))
    assert.isFalse(existsSync(tmpPath))
    assert.lengthOf(await withTenant(org.organisationId, () => Document.query()), 0)
  })
})
