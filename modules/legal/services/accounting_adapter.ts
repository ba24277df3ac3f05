import moduleAccess from '#core_modules/module_access'
import { etatDateFinancials } from '#modules/accounting/index'

/*
| Sections 3–6, 14 and 15 of the état daté read the ledger ONLY through the accounting
| module's public surface (`etatDateFinancials`). When accounting is off for the
| organisation the sections say so instead of inventing figures (SPEC §7).
*/
export interface EtatDateFinancials {
  ownerBalance: { ownerId: string; name: string; balance: string }[]
  provisions: { ordinary: string; extraordinary: string; period: string } | null
  balanceDue: string
  worksVotedNotCalled: { description: string; amount: string }[]
  chargesHistory: { fiscalYear: number; ordinary: string; extraordinary: string }[]
  reserveFund: { total: string; unitShare: string }
}

export type FinancialsResult =
  { kept: true; data: EtatDateFinancials } | { kept: false; reason: 'module_disabled' }

export async function financialsFor(input: {
  buildingId: string
  unitId: string
  asOf: string
}): Promise<FinancialsResult> {
  if (!(await moduleAccess.isEnabled('accounting')))
    return { kept: false, reason: 'module_disabled' }
  return { kept: true, data: await etatDateFinancials(input) }
}
