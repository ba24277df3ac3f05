import { test } from '@japa/runner'
import { detectFileType } from '#services/file_type'
import {
  sampleDocx,
  sampleExe,
  samplePdf,
  samplePng,
  sampleXlsx,
  sampleZip,
} from '#tests/helpers/sample_files'

test.group('file_type: detection by magic bytes', () => {
  test('{kind}')
    .with([
      { kind: 'pdf', bytes: () => samplePdf(), mime: 'application/pdf', ext: 'pdf' },
      { kind: 'png', bytes: () => samplePng(), mime: 'image/png', ext: 'png' },
      {
        kind: 'jpeg',
        bytes: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]),
        mime: 'image/jpeg',
        ext: 'jpg',
      },
      {
        kind: 'webp',
        bytes: () =>
          Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
        mime: 'image/webp',
        ext: 'webp',
      },
      {
        kind: 'gif',
        bytes: () => Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
        mime: 'image/gif',
        ext: 'gif',
      },
      {
        kind: 'docx',
        bytes: () => sampleDocx(),
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ext: 'docx',
      },
      {
        kind: 'xlsx',
        bytes: () => sampleXlsx(),
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ext: 'xlsx',
      },
      {
        kind: 'zip',
        bytes: () => sampleZip([{ name: 'notes/readme.md', data: '# hi' }]),
        mime: 'application/zip',
        ext: 'zip',
      },
      { kind: 'exe', bytes: () => sampleExe(), mime: 'application/x-msdownload', ext: 'exe' },
      {
        kind: 'txt',
        bytes: () => Buffer.from('Procès-verbal de l’AG\r\nPoint 1 : budget\n', 'utf8'),
        mime: 'text/plain; charset=utf-8',
        ext: 'txt',
      },
    ])
    .run(({ assert }, row) => {
      const type = detectFileType(row.bytes())
      assert.exists(type)
      assert.equal(type!.kind, row.kind)
      assert.equal(type!.mime, row.mime)
      assert.equal(type!.ext, row.ext)
    })

  test('a zip that only names word/ without [Content_Types].xml is a plain zip', ({ assert }) => {
    assert.equal(detectFileType(sampleZip([{ name: 'word/document.xml', data: 'x' }]))!.kind, 'zip')
  })

  test('unknown binary and empty input are not detected', ({ assert }) => {
    assert.isNull(detectFileType(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff])))
    assert.isNull(detectFileType(Buffer.alloc(0)))
    // Invalid UTF-8 is not text.
    assert.isNull(detectFileType(Buffer.from([0x41, 0xc3, 0x28, 0x41])))
  })

  test('the declared name or type plays no role: an executable stays an executable', ({
    assert,
  }) => {
    const exe = sampleExe()
    assert.equal(detectFileType(exe)!.kind, 'exe')
    // A PDF header placed after other bytes does not make a PDF.
    assert.notEqual(detectFileType(Buffer.concat([exe, samplePdf()]))!.kind, 'pdf')
  })
})
