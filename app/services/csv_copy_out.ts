import { Readable } from 'node:stream'
import { to as copyTo } from 'pg-copy-streams'
import { supportsCopyProtocol } from '#embedded/capabilities'

/*
| A query's rows as a CSV byte stream, formatted by PostgreSQL's own COPY … TO STDOUT
| (FORMAT csv) on a raw connection inside the caller's transaction: memory stays flat
| whatever the size, with back-pressure.
|
| Without the COPY protocol (the embedded database) the same bytes come from a cursor
| (FETCH in batches) and the same CSV rules applied here: NULL is an empty unquoted
| field; a value is quoted when it is empty or holds the delimiter, the quote or a line
| break, with the quote doubled. Values arrive as PostgreSQL's text output (no type
| parsing), so numbers and dates print exactly as COPY prints them.
*/
export interface CsvOptions {
  header: boolean
  /** One character; default ','. */
  delimiter?: string
  /** One character; default '"'. */
  quote?: string
}

interface RawConnection {
  query: (config: any) => any
}

const BATCH = 2000
const rawText = { getTypeParser: () => (value: string) => value }

function sqlLiteral(value: string) {
  return `'${value.replace(/'/g, "''")}'`
}

/** The COPY statement for `select` (callers validate everything spliced into it). */
export function csvCopySql(select: string, options: CsvOptions) {
  const delimiter = options.delimiter ?? ','
  const quote = options.quote ?? '"'
  // e'' literals so control characters (FEC uses \x01 as a never-used quote) stay readable.
  const escaped = (c: string) =>
    c.charCodeAt(0) < 32 ? `e'\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}'` : sqlLiteral(c)
  return `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER ${options.header}, DELIMITER ${escaped(delimiter)}, QUOTE ${escaped(quote)})`
}

/** One CSV field as PostgreSQL's COPY (FORMAT csv) writes it. */
export function csvField(value: string | null, delimiter: string, quote: string) {
  if (value === null) return ''
  const needsQuote =
    value === '' ||
    value.includes(delimiter) ||
    value.includes(quote) ||
    value.includes('\n') ||
    value.includes('\r')
  return needsQuote ? quote + value.split(quote).join(quote + quote) + quote : value
}

async function* cursorCsv(connection: RawConnection, select: string, options: CsvOptions) {
  const delimiter = options.delimiter ?? ','
  const quote = options.quote ?? '"'
  const run = (text: string) =>
    connection.query({ text, rowMode: 'array', types: rawText }) as Promise<{
      rows: (string | null)[][]
      fields: { name: string }[]
    }>
  const cursor = `vme_csv_${process.hrtime.bigint()}`
  await run(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select}`)
  try {
    let first = true
    while (true) {
      const batch = await run(`FETCH FORWARD ${BATCH} FROM ${cursor}`)
      let out = ''
      if (first && options.header) {
        out += batch.fields.map((f) => csvField(f.name, delimiter, quote)).join(delimiter) + '\n'
      }
      first = false
      for (const row of batch.rows) {
        out += row.map((v) => csvField(v, delimiter, quote)).join(delimiter) + '\n'
      }
      if (out) yield out
      if (batch.rows.length < BATCH) break
    }
  } finally {
    await run(`CLOSE ${cursor}`).catch(() => {})
  }
}

/** The cursor path on its own (tests compare it byte for byte with COPY). */
export function csvCursorOut(connection: RawConnection, select: string, options: CsvOptions) {
  return Readable.from(cursorCsv(connection, select, options))
}

/**
 * CSV stream of `select`, run on `connection` (the raw pg connection of an open
 * transaction: the cursor path needs one).
 */
export function csvCopyOut(connection: RawConnection, select: string, options: CsvOptions) {
  if (supportsCopyProtocol()) {
    return connection.query(copyTo(csvCopySql(select, options))) as Readable
  }
  return csvCursorOut(connection, select, options)
}
