import type { FinancialsResult } from './accounting_adapter.js'
import type { AssemblyMinutesSummary } from './general_assembly_minutes.js'

/*
| The 16 sections of the état daté (SPEC §7, art. 3.94 Civil Code), built from the
| data collected at generation time. Pure: the same input gives the same snapshot, so
| the stored JSON is exactly what the PDF shows and what a later audit can re-read.
*/
export const SECTION_KEYS = [
  'identification',
  'quotas',
  'financial_situation',
  'provisions',
  'balance',
  'works_voted_not_called',
  'disputes',
  'legal_proceedings',
  'insurance_claims',
  'statutes',
  'assembly_minutes',
  'insurance_contracts',
  'service_contracts',
  'charges_history',
  'reserve_fund',
  'syndic_contact',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

/** Sections that come from the ledger (accounting module). */
export const ACCOUNTING_SECTIONS: SectionKey[] = [
  'financial_situation',
  'provisions',
  'balance',
  'works_voted_not_called',
  'charges_history',
  'reserve_fund',
]

export interface EtatDateInput {
  etatDate: {
    id: string
    reference: string | null
    requestDate: string
    dueDate: string
    saleDate: string | null
    notaryName: string
    notaryEmail: string
    notaryOffice: string | null
    locale: string
  }
  asOf: string
  building: {
    id: string
    name: string
    street: string
    postalCode: string
    city: string
    enterpriseNumber: string | null
    totalQuota: number
    constructionYear: number | null
  }
  unit: {
    id: string
    number: string
    type: string
    floor: string | null
    area: string | null
    quota: number
  }
  owners: { ownerId: string; name: string; percentage: string; email: string | null }[]
  financials: FinancialsResult
  disputes: Record<string, any>[]
  insuranceClaims: Record<string, any>[]
  insuranceContracts: Record<string, any>[]
  serviceContracts: Record<string, any>[]
  documents: { name: string; createdAt: string | null }[]
  minutes: AssemblyMinutesSummary[]
  syndic: {
    name: string
    address: Record<string, string> | null
    email: string | null
    phone: string | null
    vatNumber: string | null
    handledBy: string | null
  }
}

export interface Section {
  number: number
  key: SectionKey
  /** False when the data is not kept in this platform (accounting off). */
  available: boolean
  data: Record<string, unknown>
}

/** Quota as a decimal fraction string "125/1000". */
function quotaFraction(quota: number, total: number) {
  return { quota, total, fraction: `${quota}/${total}` }
}

function fromLedger(
  input: EtatDateInput,
  pick: (f: Extract<FinancialsResult, { kept: true }>['data']) => Record<string, unknown>
) {
  if (!input.financials.kept) return { available: false, data: { reason: input.financials.reason } }
  return { available: true, data: pick(input.financials.data) }
}

function addYears(date: string, years: number) {
  const [y, m, d] = date.split('-').map(Number)
  return `${y + years}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function buildSections(input: EtatDateInput, historyYears = 3): Section[] {
  const since = addYears(input.asOf, -historyYears)
  const quotas = quotaFraction(input.unit.quota, input.building.totalQuota)
  const build: Record<SectionKey, () => { available: boolean; data: Record<string, unknown> }> = {
    identification: () => ({
      available: true,
      data: { building: input.building, unit: input.unit, owners: input.owners },
    }),
    quotas: () => ({
      available: true,
      data: { ordinary: quotas, extraordinary: quotas, singleKey: true },
    }),
    financial_situation: () => fromLedger(input, (f) => ({ ownerBalance: f.ownerBalance })),
    provisions: () => fromLedger(input, (f) => ({ provisions: f.provisions })),
    balance: () => fromLedger(input, (f) => ({ balanceDue: f.balanceDue })),
    works_voted_not_called: () => fromLedger(input, (f) => ({ works: f.worksVotedNotCalled })),
    disputes: () => ({
      available: true,
      data: { items: input.disputes.filter((d) => d.kind === 'dispute') },
    }),
    legal_proceedings: () => ({
      available: true,
      data: { items: input.disputes.filter((d) => d.kind === 'legal_proceeding') },
    }),
    insurance_claims: () => ({
      available: true,
      data: { since, items: input.insuranceClaims.filter((c) => c.claimDate >= since) },
    }),
    statutes: () => ({
      available: true,
      data: { enterpriseNumber: input.building.enterpriseNumber, documents: input.documents },
    }),
    assembly_minutes: () => ({ available: true, data: { items: input.minutes.slice(0, 2) } }),
    insurance_contracts: () => ({
      available: true,
      data: { items: input.insuranceContracts.filter((c) => c.active !== false) },
    }),
    service_contracts: () => ({
      available: true,
      data: {
        items: input.serviceContracts.filter((c) => !c.endDate || c.endDate >= input.asOf),
      },
    }),
    charges_history: () =>
      fromLedger(input, (f) => ({ years: f.chargesHistory.slice(-historyYears) })),
    reserve_fund: () => fromLedger(input, (f) => ({ reserveFund: f.reserveFund })),
    syndic_contact: () => ({ available: true, data: { syndic: input.syndic } }),
  }
  return SECTION_KEYS.map((key, index) => ({ number: index + 1, key, ...build[key]() }))
}

export interface EtatDateSnapshot {
  schema: 1
  version: number
  generatedAt: string
  asOf: string
  locale: string
  etatDate: EtatDateInput['etatDate']
  sections: Section[]
}

export function buildSnapshot(input: EtatDateInput, version: number, generatedAt: string) {
  return {
    schema: 1,
    version,
    generatedAt,
    asOf: input.asOf,
    locale: input.etatDate.locale,
    etatDate: input.etatDate,
    sections: buildSections(input),
  } satisfies EtatDateSnapshot
}
