import { test } from '@japa/runner'
import { strFromU8, unzipSync } from 'fflate'
import { exportZip, toCsv, type PersonalDataExport } from '../../services/export_service.js'
import { placeholderFor } from '../../services/erase_service.js'

test.group('GDPR export format', () => {
  test('CSV: union of columns, RFC 4180 quoting, JSON cells, formula injection defused', ({
    assert,
  }) => {
    const csv = toCsv([
      { name: 'Dupont, Marie', note: 'said "hi"', amount: '-12.50' },
      { name: '=HYPERLINK("http://evil")', address: { city: 'Liège' }, amount: '100.00' },
    ])
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(lines[0], 'name,note,amount,address')
    assert.equal(lines[1], '"Dupont, Marie","said ""hi""",-12.50,')
    assert.equal(lines[2], `"'=HYPERLINK(""http://evil"")",,100.00,"{""city"":""Liège""}"`)
  })

  test('zip: export.json plus account and per-organisation CSVs', ({ assert }) => {
    const data: PersonalDataExport = {
      format: 'vme-gdpr-export/1',
      exportedAt: '2026-03-01T09:00:00.000Z',
      subject: { userId: 'u' },
      account: { account: [{ email: 'a@example.test' }] },
      organisations: [
        {
          organisation: { id: 'o', name: 'Syndic', slug: 'syndic' },
          role: 'owner',
          datasets: { 'core.owners': [{ lastName: 'Peeters' }] },
        },
      ],
    }
    const files = unzipSync(exportZip(data))
    assert.sameMembers(Object.keys(files), [
      'export.json',
      'account/account.csv',
      'syndic/core.owners.csv',
    ])
    assert.include(strFromU8(files['syndic/core.owners.csv']), 'Peeters')
  })

  test('erase placeholders: short id in the name, unique non-routable e-mail', ({ assert }) => {
    const p = placeholderFor('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
    assert.equal(p.name, 'Anonymised user #0f1e2d3c')
    assert.equal(p.email, 'erased-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0@anonymised.invalid')
  })
})
