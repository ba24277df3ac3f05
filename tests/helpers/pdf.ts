import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/*
| PDF checks for tests: the text (pdftotext) and the first page as PNG (pdftoppm) saved
| under tmp/screenshots/<name>.png so a person can look at it. Both from Debian's
| poppler-utils (installed by .ci/run).
*/
export const ARTEFACTS = join(process.cwd(), 'tmp', 'screenshots')

export function isPdf(buffer: Buffer): boolean {
  return buffer.subarray(0, 5).toString('latin1') === '%PDF-'
}

export async function pdfText(buffer: Buffer): Promise<string> {
  await mkdir(ARTEFACTS, { recursive: true })
  const file = join(ARTEFACTS, `tmp-${process.pid}-${Date.now()}.pdf`)
  await writeFile(file, buffer)
  try {
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], {
      maxBuffer: 50 * 1024 * 1024,
    })
    return stdout
  } finally {
    await rm(file, { force: true })
  }
}

export async function pdfPageCount(buffer: Buffer): Promise<number> {
  await mkdir(ARTEFACTS, { recursive: true })
  const file = join(ARTEFACTS, `tmp-${process.pid}-${Date.now()}-info.pdf`)
  await writeFile(file, buffer)
  try {
    const { stdout } = await run('pdfinfo', [file])
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0)
  } finally {
    await rm(file, { force: true })
  }
}

/** Renders page 1 (or `page`) to tmp/screenshots/<name>.png and returns the PNG bytes. */
export async function pdfToPng(buffer: Buffer, name: string, page = 1): Promise<Buffer> {
  await mkdir(ARTEFACTS, { recursive: true })
  const pdfFile = join(ARTEFACTS, `${name}.pdf`)
  await writeFile(pdfFile, buffer)
  const prefix = join(ARTEFACTS, name)
  await run('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfFile,
    prefix,
  ])
  return readFile(`${prefix}.png`)
}
