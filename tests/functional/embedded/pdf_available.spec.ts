import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { CHROMIUM_PATH, pdfAvailable } from '#pdf/pdf_service'

/*
| Pages learn whether PDFs can be rendered (shared Inertia prop `pdfAvailable`), so a
| machine without Chromium shows "PDF unavailable" instead of a broken button. Run with
| CHROMIUM_PATH=/nonexistent to see the false branch.
*/
test.group('Zero-setup: PDF availability shared with pages', () => {
  test('every page carries pdfAvailable = whether Chromium is installed', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/login')
    res.assertStatus(200)
    const html = res.text()
    const match = html.match(/pdfAvailable(?:&quot;|"):(true|false)/)
    assert.isNotNull(match, 'pdfAvailable missing from the page props')
    const expected = existsSync(CHROMIUM_PATH)
    assert.equal(match![1], String(expected))
    assert.equal(await pdfAvailable(), expected)
  })
})
