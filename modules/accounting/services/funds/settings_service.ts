import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { normaliseIban } from '#services/belgian_identifiers'
import { buildingRow, one, rows, tenant } from './db.js'
import { DEFAULT_INTEREST_RATE, formatRate, parseRate } from './interest.js'
import { isoTimestamp } from './clock.js'

/*
| What a call for funds prints besides amounts: the building's bank account (the VME's
| own account, not the syndic's), and the late-interest rate per calendar year (legal
| rate by default 4.5 %, editable by the organisation per year). Rates keep the column's
| 3 decimals end to end (numeric(6,3) → "4.125" in JSON → the interest computation).
*/
export interface FundsSettings {
  buildingId: string
  iban: string | null
  bic: string | null
  beneficiary: string | null
  updatedAt: string | null
}

export async function fundsSettings(
  buildingId: string
): Promise<FundsSettings & { buildingName: string }> {
  const building = await buildingRow(buildingId)
  const row = await one(
    `select * from accounting_funds_settings where organisation_id = :org and building_id = :b`,
    { org: tenant().organisationId, b: buildingId }
  )
  return {
    buildingId,
    buildingName: building.name,
    iban: row?.iban ?? null,
    bic: row?.bic ?? null,
    beneficiary: row?.beneficiary ?? null,
    updatedAt: isoTimestamp(row?.updated_at),
  }
}

export async function updateFundsSettings(
  ctx: HttpContext,
  buildingId: string,
  input: { iban: string; bic?: string | null; beneficiary?: string | null }
) {
  await buildingRow(buildingId)
  const iban = normaliseIban(input.iban)
  if (!iban) throw ApiError.validation('iban', 'iban is not a valid IBAN')
  await rows(
    `insert into accounting_funds_settings (organisation_id, building_id, iban, bic, beneficiary, updated_at)
     values (:org, :b, :iban, :bic, :beneficiary, now())
     on conflict (organisation_id, building_id) do update
       set iban = excluded.iban, bic = excluded.bic, beneficiary = excluded.beneficiary, updated_at = now()`,
    {
      org: tenant().organisationId,
      b: buildingId,
      iban,
      bic: input.bic ? input.bic.replace(/\s+/g, '').toUpperCase() : null,
      beneficiary: input.beneficiary ?? null,
    }
  )
  await audit(ctx, {
    action: 'accounting.funds_settings.updated',
    subjectType: 'building',
    subjectId: buildingId,
    metadata: { iban: `…${iban.slice(-4)}` },
  })
  return fundsSettings(buildingId)
}

/** The organisation's rates per year, as the column's exact 3-decimal strings. */
export async function interestRates(): Promise<Record<number, string>> {
  const list = await rows<{ year: number; rate: string }>(
    `select year, rate from accounting_interest_rates where organisation_id = :org order by year`,
    { org: tenant().organisationId }
  )
  return Object.fromEntries(list.map((r) => [Number(r.year), storedRate(r.rate)]))
}

/** A numeric(6,3) read back from PostgreSQL → "4.125" (exact; the column bounds it). */
function storedRate(value: string): string {
  const scaled = parseRate(value)
  if (scaled === null) throw new Error(`Unexpected stored interest rate: ${value}`)
  return formatRate(scaled)
}

/** rate(year) with the organisation's overrides, the default legal rate otherwise. */
export async function interestRateResolver() {
  const rates = await interestRates()
  return (year: number) => rates[year] ?? DEFAULT_INTEREST_RATE
}

export async function listInterestRates() {
  const rates = await interestRates()
  return {
    defaultRate: DEFAULT_INTEREST_RATE,
    data: Object.entries(rates).map(([year, rate]) => ({ year: Number(year), rate })),
  }
}

export async function setInterestRate(ctx: HttpContext, year: number, rate: string | number) {
  // An interest rate, not an amount: the validator allows 3 decimals (numeric(6,3)); parsed
  // as a scaled integer and kept at 3 decimals, never rounded to 2.
  const scaled = parseRate(rate)
  if (scaled === null) {
    throw ApiError.validation('rate', 'rate must be between 0 and 100 with at most 3 decimals')
  }
  const value = formatRate(scaled)
  const [stored] = await rows<{ rate: string }>(
    `insert into accounting_interest_rates (organisation_id, year, rate, updated_at) values (:org, :year, :rate, now())
     on conflict (organisation_id, year) do update set rate = excluded.rate, updated_at = now()
     returning rate`,
    { org: tenant().organisationId, year, rate: value }
  )
  await audit(ctx, {
    action: 'accounting.interest_rate.updated',
    subjectType: 'accounting_interest_rate',
    subjectId: String(year),
    metadata: { year, rate: value },
  })
  return { year, rate: storedRate(stored.rate) }
}
