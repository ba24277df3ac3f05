import vine from '@vinejs/vine'
import { isoDateRule } from '#validators/ownership_validator'

/*
| Registers kept per building (SPEC §7): they feed sections 7, 8, 9, 12 and 13 of the
| état daté. Money accepts a number or a decimal string (≤ 2 decimals).
*/
const MONEY = /^\d{1,12}(\.\d{1,2})?$/
export const money = () =>
  vine.any().use(
    vine.createRule((value, _o, field) => {
      const s = typeof value === 'number' ? String(value) : value
      if (typeof s !== 'string' || !MONEY.test(s.trim())) {
        field.report(
          'The {{ field }} field must be an amount ≥ 0 with at most 2 decimals',
          'money',
          field
        )
      }
    })()
  )
export const date = () => vine.string().trim().use(isoDateRule())
export const text = (max: number) => vine.string().trim().minLength(1).maxLength(max)
export const optText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()
export const uuid = () => vine.string().uuid()

export const DISPUTE_KINDS = ['dispute', 'legal_proceeding'] as const
export const DISPUTE_STATUSES = ['open', 'settled', 'closed'] as const
export const CLAIM_STATUSES = ['open', 'accepted', 'rejected', 'paid', 'closed'] as const
export const FREQUENCIES = ['monthly', 'quarterly', 'yearly', 'one_off'] as const

const dispute = {
  kind: vine.enum(DISPUTE_KINDS),
  title: text(200),
  description: optText(5000),
  counterparty: optText(200),
  ownerId: uuid().nullable().optional(),
  unitId: uuid().nullable().optional(),
  court: optText(200),
  caseNumber: optText(100),
  amountClaimed: money().nullable().optional(),
  status: vine.enum(DISPUTE_STATUSES).optional(),
  openedOn: date(),
  closedOn: date().nullable().optional(),
}

const insuranceContract = {
  insurer: text(200),
  policyNumber: text(100),
  cover: text(500),
  premium: money(),
  startDate: date().nullable().optional(),
  renewalDate: date(),
  broker: optText(200),
  active: vine.boolean().optional(),
}

const insuranceClaim = {
  insuranceContractId: uuid().nullable().optional(),
  claimDate: date(),
  description: text(5000),
  amount: money(),
  status: vine.enum(CLAIM_STATUSES).optional(),
  reference: optText(100),
}

const serviceContract = {
  supplier: text(200),
  object: text(500),
  startDate: date(),
  endDate: date().nullable().optional(),
  noticePeriodDays: vine.number().withoutDecimals().min(0).max(3650).nullable().optional(),
  amount: money(),
  frequency: vine.enum(FREQUENCIES).optional(),
}

function partial<T extends Record<string, any>>(shape: T) {
  return Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [k, typeof v.optional === 'function' ? v.optional() : v])
  ) as T
}

export const registerValidators = {
  disputes: { create: vine.create(dispute), update: vine.create(partial(dispute)) },
  insuranceContracts: {
    create: vine.create(insuranceContract),
    update: vine.create(partial(insuranceContract)),
  },
  insuranceClaims: {
    create: vine.create(insuranceClaim),
    update: vine.create(partial(insuranceClaim)),
  },
  serviceContracts: {
    create: vine.create(serviceContract),
    update: vine.create(partial(serviceContract)),
  },
}
