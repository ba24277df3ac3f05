/*
| Real file type from the content's magic bytes. The client's Content-Type and file
| name are never trusted: a renamed executable is detected as what it is.
*/
export type FileKind =
  'pdf' | 'png' | 'jpeg' | 'webp' | 'gif' | 'docx' | 'xlsx' | 'pptx' | 'zip' | 'exe' | 'elf' | 'txt'

export interface FileType {
  kind: FileKind
  ext: string
  mime: string
}

const TYPES: Record<FileKind, FileType> = {
  pdf: { kind: 'pdf', ext: 'pdf', mime: 'application/pdf' },
  png: { kind: 'png', ext: 'png', mime: 'image/png' },
  jpeg: { kind: 'jpeg', ext: 'jpg', mime: 'image/jpeg' },
  webp: { kind: 'webp', ext: 'webp', mime: 'image/webp' },
  gif: { kind: 'gif', ext: 'gif', mime: 'image/gif' },
  docx: {
    kind: 'docx',
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    kind: 'xlsx',
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  pptx: {
    kind: 'pptx',
    ext: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  zip: { kind: 'zip', ext: 'zip', mime: 'application/zip' },
  exe: { kind: 'exe', ext: 'exe', mime: 'application/x-msdownload' },
  elf: { kind: 'elf', ext: 'elf', mime: 'application/x-executable' },
  txt: { kind: 'txt', ext: 'txt', mime: 'text/plain; charset=utf-8' },
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((b, i) => bytes[offset + i] === b)
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1')
}

/**
 * Office Open XML files are ZIP archives: the entry names of the local file headers
 * tell a Word document (`word/`) from a spreadsheet (`xl/`) or a plain archive.
 */
function zipKind(bytes: Uint8Array): FileKind {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let hasContentTypes = false
  let kind: FileKind | null = null
  let offset = 0
  // Walk the local file headers (PK\x03\x04); stop at the central directory.
  for (let i = 0; i < 10000 && offset + 30 <= buf.length; i++) {
    if (buf.readUInt32LE(offset) !== 0x04034b50) break
    const flags = buf.readUInt16LE(offset + 6)
    const compressedSize = buf.readUInt32LE(offset + 18)
    const nameLength = buf.readUInt16LE(offset + 26)
    const extraLength = buf.readUInt16LE(offset + 28)
    const name = buf.toString('utf8', offset + 30, offset + 30 + nameLength)
    if (name === '[Content_Types].xml') hasContentTypes = true
    if (!kind && name.startsWith('word/')) kind = 'docx'
    if (!kind && name.startsWith('xl/')) kind = 'xlsx'
    if (!kind && name.startsWith('ppt/')) kind = 'pptx'
    // Sizes deferred to a data descriptor: fall back to the central directory scan.
    if (flags & 0x08) break
    offset += 30 + nameLength + extraLength + compressedSize
  }
  if (!kind || !hasContentTypes) {
    // Central directory entries (PK\x01\x02) list every name, even with data descriptors.
    const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02])
    for (let at = buf.indexOf(signature); at !== -1 && at + 46 <= buf.length;) {
      const nameLength = buf.readUInt16LE(at + 28)
      const name = buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLength))
      if (name === '[Content_Types].xml') hasContentTypes = true
      if (!kind && name.startsWith('word/')) kind = 'docx'
      if (!kind && name.startsWith('xl/')) kind = 'xlsx'
      if (!kind && name.startsWith('ppt/')) kind = 'pptx'
      at = buf.indexOf(signature, at + 46)
    }
  }
  return kind && hasContentTypes ? kind : 'zip'
}

/** Printable UTF-8 without NUL bytes (tabs, newlines allowed): plain text. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  const sample = bytes.subarray(0, 64 * 1024)
  let control = 0
  for (const b of sample) {
    if (b === 0) return false
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++
  }
  if (control > sample.length / 100) return false
  try {
    // A multi-byte sequence cut at the sample's end is not an error of the file.
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample
    )
    return true
  } catch {
    return false
  }
}

/**
 * Detects the type of `bytes` (the whole file, or at least its beginning; OOXML
 * detection needs the entry names, so pass the whole file for ZIPs). Null when unknown.
 */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return TYPES.pdf // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpeg
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return TYPES.webp
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return TYPES.gif
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return TYPES[zipKind(bytes)]
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return TYPES.zip // empty archive
  if (startsWith(bytes, [0x4d, 0x5a])) return TYPES.exe // MZ: Windows PE/DOS
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return TYPES.elf
  if (isPlainText(bytes)) return TYPES.txt
  return null
}

export function fileTypeOf(kind: FileKind): FileType {
  return TYPES[kind]
}
