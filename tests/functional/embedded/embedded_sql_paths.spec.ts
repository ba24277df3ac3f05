import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { csvCopyOut, csvCursorOut, type CsvOptions } from '#services/csv_copy_out'
import { supportsCopyProtocol } from '#embedded/capabilities'
import { rewriteNaturalSort } from '#embedded/role_switch'

/*
| The plain-SQL paths the embedded database takes where PostgreSQL has a faster or
| ICU-based one. On PostgreSQL both paths run and must agree exactly; on the embedded
| database the plain path runs against the expected values.
*/

// Every CSV corner: NULL vs '', quotes, delimiters, line breaks, numerics, dates, unicode.
const TRICKY = `select * from (values
  (1, 'plain', null::text, 12.30::numeric(14,2), date '2026-01-31'),
  (2, '', 'a,b', -0.05::numeric(14,2), date '2026-02-01'),
  (3, 'say "hi"', e'line\\nbreak', 1000000.00::numeric(14,2), null::date),
  (4, 'pipe|here', e'cr\\rhere', null::numeric(14,2), date '2026-12-31'),
  (5, 'Sauvenière ünïcode €', e'\\x01ctl', 0::numeric(14,2), date '2026-03-01')
) as t(n, "label", "note", amount, day) order by n`

async function collect(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/** Both paths inside one transaction, on its raw connection (as the ledger export does). */
async function bothPaths(select: string, options: CsvOptions) {
  return db.connection('app').transaction(async (trx) => {
    const connection = await (trx.knexClient as any).client.acquireConnection()
    const cursor = await collect(csvCursorOut(connection, select, options))
    const copy = supportsCopyProtocol()
      ? await collect(csvCopyOut(connection, select, options))
      : null
    return { cursor, copy }
  })
}

test.group('Embedded SQL paths: CSV without the COPY protocol', () => {
  for (const [label, options] of [
    ['RFC 4180 CSV with header', { header: true }],
    ['FEC: pipe-separated, \\x01 quote', { header: true, delimiter: '|', quote: '\x01' }],
    ['semicolon, no header', { header: false, delimiter: ';' }],
  ] as const) {
    test(`cursor CSV equals COPY CSV byte for byte (${label})`, async ({ assert }) => {
      const { cursor, copy } = await bothPaths(TRICKY, options)
      assert.include(cursor, 'Sauvenière ünïcode €')
      assert.equal(cursor.trimEnd().split('\n').length >= 5, true)
      if (copy !== null) assert.equal(cursor, copy)
    })
  }

  test('cursor CSV streams more rows than one FETCH batch, in order', async ({ assert }) => {
    const { cursor, copy } = await bothPaths(
      'select g as n, (g * 1.5)::numeric(10,2) as x from generate_series(1, 4500) g order by g',
      { header: true }
    )
    const lines = cursor.trimEnd().split('\n')
    assert.equal(lines.length, 4501)
    assert.equal(lines[0], 'n,x')
    assert.equal(lines[4500], '4500,6750.00')
    if (copy !== null) assert.equal(cursor, copy)
  })
})

test.group('Embedded SQL paths: natural sort without ICU', () => {
  const NAMES = [
    'Bloc 10',
    'Bloc 2',
    'bloc 3',
    'A10',
    'A2',
    'a3',
    '2',
    '10',
    '1',
    'P1',
    'P10',
    'P2',
    'K1',
    '5.1',
    '1.10',
    '1.2',
    'Résidence 2',
    'Résidence 12',
    'Residentie Graslei',
  ]

  test('natural_sort_key orders like the natural_sort collation', async ({ assert }) => {
    const list = `(select unnest(?::text[]) as x) t`
    const byKey = await db.rawQuery(`select x from ${list} order by natural_sort_key(x), x`, [
      NAMES,
    ])
    const keyOrder = byKey.rows.map((r: { x: string }) => r.x)
    // Numbers by value, case-insensitive.
    assert.isBelow(keyOrder.indexOf('Bloc 2'), keyOrder.indexOf('bloc 3'))
    assert.isBelow(keyOrder.indexOf('bloc 3'), keyOrder.indexOf('Bloc 10'))
    assert.isBelow(keyOrder.indexOf('2'), keyOrder.indexOf('10'))
    assert.isBelow(keyOrder.indexOf('1.2'), keyOrder.indexOf('1.10'))
    assert.isBelow(keyOrder.indexOf('P2'), keyOrder.indexOf('P10'))
    const icu = await db.rawQuery(
      `select collprovider from pg_collation where collname = 'natural_sort'`
    )
    if (icu.rows[0]?.collprovider === 'i') {
      const byCollation = await db.rawQuery(
        `select x from ${list} order by x collate natural_sort, x`,
        [NAMES]
      )
      assert.deepEqual(
        keyOrder,
        byCollation.rows.map((r: { x: string }) => r.x)
      )
    }
  })

  test('the embedded connection rewrites COLLATE natural_sort to the key', ({ assert }) => {
    assert.equal(
      rewriteNaturalSort('order by p.number collate natural_sort asc, p.id asc'),
      'order by natural_sort_key(p.number) asc, p.id asc'
    )
    assert.equal(
      rewriteNaturalSort('ORDER BY "buildings"."name" COLLATE natural_sort ASC'),
      'ORDER BY natural_sort_key("buildings"."name") ASC'
    )
    assert.equal(rewriteNaturalSort('select 1'), 'select 1')
  })
})
