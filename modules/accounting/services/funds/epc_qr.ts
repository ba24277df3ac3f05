/*
| EPC069-12 "SEPA Credit Transfer" QR code (the one Belgian banking apps scan): version
| 002 (BIC optional), UTF-8, the beneficiary, IBAN, amount and the Belgian structured
| communication in the structured-remittance field (the unstructured one stays empty:
| the two are exclusive). Error correction level M as the guideline requires.
*/
export interface EpcInput {
  bic?: string | null
  name: string
  iban: string
  amount: string
  structuredCommunication: string
}

export function epcPayload(input: EpcInput): string {
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    (input.bic ?? '').replace(/\s+/g, '').toUpperCase(),
    input.name.replace(/[\r\n]+/g, ' ').slice(0, 70),
    input.iban.replace(/\s+/g, '').toUpperCase(),
    `EUR${input.amount}`,
    '',
    input.structuredCommunication.replace(/\D/g, ''),
  ]
  return lines.join('\n')
}

/** The QR code as an SVG string (vector: crisp in the PDF at any zoom). */
export async function epcQrSvg(input: EpcInput): Promise<string> {
  const { default: QRCode } = await import('qrcode')
  return QRCode.toString(epcPayload(input), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}
