import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { pageParams } from '#services/pagination'
import { moneyOrNull } from '#services/money'
import {
  CLAIM_STATUSES,
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  FREQUENCIES,
} from '../validators/registers_validator.js'
import { findOr404, insert, isoDate, isoTime, pagedRows, table, update, UUID_RE } from './common.js'

/*
| The four registers a syndic keeps per building (SPEC §7): disputes & legal
| proceedings, insurance contracts, insurance claims, service contracts. One generic
| CRUD driven by a field table: camelCase JSON ↔ snake_case columns, money as decimal
| strings, dates as YYYY-MM-DD.
*/
type FieldKind = 'text' | 'money' | 'date' | 'int' | 'bool' | 'uuid'

export interface RegisterDefinition {
  key: RegisterKey
  table: string
  /** URL segment under /buildings/:id and at the root (/disputes/:id). */
  segment: string
  subject: string
  fields: Record<string, FieldKind>
  filters: Record<string, readonly string[]>
  order: [string, 'asc' | 'desc'][]
}

export type RegisterKey = 'disputes' | 'insuranceContracts' | 'insuranceClaims' | 'serviceContracts'

export const REGISTERS: Record<RegisterKey, RegisterDefinition> = {
  disputes: {
    key: 'disputes',
    table: 'legal_disputes',
    segment: 'disputes',
    subject: 'legal_dispute',
    fields: {
      kind: 'text',
      title: 'text',
      description: 'text',
      counterparty: 'text',
      ownerId: 'uuid',
      unitId: 'uuid',
      court: 'text',
      caseNumber: 'text',
      amountClaimed: 'money',
      status: 'text',
      openedOn: 'date',
      closedOn: 'date',
    },
    filters: { status: DISPUTE_STATUSES, kind: DISPUTE_KINDS },
    order: [
      ['opened_on', 'desc'],
      ['id', 'asc'],
    ],
  },
  insuranceContracts: {
    key: 'insuranceContracts',
    table: 'legal_insurance_contracts',
    segment: 'insurance-contracts',
    subject: 'legal_insurance_contract',
    fields: {
      insurer: 'text',
      policyNumber: 'text',
      cover: 'text',
      premium: 'money',
      startDate: 'date',
      renewalDate: 'date',
      broker: 'text',
      active: 'bool',
    },
    filters: {},
    order: [
      ['renewal_date', 'asc'],
      ['id', 'asc'],
    ],
  },
  insuranceClaims: {
    key: 'insuranceClaims',
    table: 'legal_insurance_claims',
    segment: 'insurance-claims',
    subject: 'legal_insurance_claim',
    fields: {
      insuranceContractId: 'uuid',
      claimDate: 'date',
      description: 'text',
      amount: 'money',
      status: 'text',
      reference: 'text',
    },
    filters: { status: CLAIM_STATUSES },
    order: [
      ['claim_date', 'desc'],
      ['id', 'asc'],
    ],
  },
  serviceContracts: {
    key: 'serviceContracts',
    table: 'legal_service_contracts',
    segment: 'service-contracts',
    subject: 'legal_service_contract',
    fields: {
      supplier: 'text',
      object: 'text',
      startDate: 'date',
      endDate: 'date',
      noticePeriodDays: 'int',
      amount: 'money',
      frequency: 'text',
    },
    filters: { frequency: FREQUENCIES },
    order: [
      ['start_date', 'desc'],
      ['id', 'asc'],
    ],
  },
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

export function serializeRegisterRow(def: RegisterDefinition, row: Record<string, any>) {
  const out: Record<string, unknown> = { id: row.id, buildingId: row.building_id }
  for (const [field, kind] of Object.entries(def.fields)) {
    const value = row[snake(field)]
    out[field] =
      kind === 'money'
        ? moneyOrNull(value)
        : kind === 'date'
          ? isoDate(value)
          : kind === 'int'
            ? value === null
              ? null
              : Number(value)
            : (value ?? null)
  }
  out.createdAt = isoTime(row.created_at)
  out.updatedAt = isoTime(row.updated_at)
  return out
}

function toColumns(def: RegisterDefinition, payload: Record<string, unknown>) {
  const row: Record<string, unknown> = {}
  for (const field of Object.keys(def.fields)) {
    if (payload[field] !== undefined) {
      const value = payload[field]
      row[snake(field)] = def.fields[field] === 'money' && value !== null ? String(value) : value
    }
  }
  return row
}

/** References must point into the same building of the same organisation (else 422). */
async function checkReferences(
  def: RegisterDefinition,
  buildingId: string,
  payload: Record<string, unknown>,
  current?: Record<string, any>
) {
  if (payload.unitId) {
    const unit = await table('units')
      .where('id', String(payload.unitId))
      .where('building_id', buildingId)
      .first()
    if (!unit) throw ApiError.validation('unitId', 'Unknown unit in this building')
  }
  if (payload.ownerId) {
    const owner = await table('owners').where('id', String(payload.ownerId)).first()
    if (!owner) throw ApiError.validation('ownerId', 'Unknown co-owner')
  }
  if (payload.insuranceContractId) {
    const contract = await table('legal_insurance_contracts')
      .where('id', String(payload.insuranceContractId))
      .where('building_id', buildingId)
      .first()
    if (!contract)
      throw ApiError.validation(
        'insuranceContractId',
        'Unknown insurance contract of this building'
      )
  }
  const start = (payload.openedOn ??
    payload.startDate ??
    isoDate(current?.opened_on ?? current?.start_date)) as string | null
  const end = (payload.closedOn ??
    payload.endDate ??
    isoDate(current?.closed_on ?? current?.end_date)) as string | null
  if (start && end && end < start) {
    const field = def.key === 'disputes' ? 'closedOn' : 'endDate'
    throw ApiError.validation(field, 'The end date cannot be before the start date')
  }
}

export async function listRegister(ctx: HttpContext, key: RegisterKey, buildingId: string) {
  const def = REGISTERS[key]
  await assertBuildingExists(buildingId)
  const qs = ctx.request.qs()
  const query = table(def.table).where('building_id', buildingId).select('*')
  for (const [name, allowed] of Object.entries(def.filters)) {
    if (qs[name] === undefined) continue
    if (!allowed.includes(qs[name])) {
      throw ApiError.validation(name, `${name} must be one of ${allowed.join(', ')}`)
    }
    query.where(snake(name), qs[name])
  }
  return pagedRows(query, pageParams(ctx), (r) => serializeRegisterRow(def, r), def.order)
}

export async function findRegisterRow(key: RegisterKey, id: string) {
  const def = REGISTERS[key]
  return serializeRegisterRow(def, await findOr404(def.table, id, 'Register entry not found'))
}

export async function createRegisterRow(
  ctx: HttpContext,
  key: RegisterKey,
  buildingId: string,
  payload: Record<string, unknown>
) {
  const def = REGISTERS[key]
  await assertBuildingExists(buildingId)
  await checkReferences(def, buildingId, payload)
  const row = await insert(def.table, { building_id: buildingId, ...toColumns(def, payload) })
  await audit(ctx, {
    action: `legal.${def.subject.replace(/^legal_/, '')}.created`,
    subjectType: def.subject,
    subjectId: row.id,
    metadata: { buildingId },
  })
  return serializeRegisterRow(def, row)
}

export async function updateRegisterRow(
  ctx: HttpContext,
  key: RegisterKey,
  id: string,
  payload: Record<string, unknown>
) {
  const def = REGISTERS[key]
  const current = await findOr404(def.table, id, 'Register entry not found', true)
  await checkReferences(def, current.building_id, payload, current)
  const changes = toColumns(def, payload)
  const row = Object.keys(changes).length ? await update(def.table, id, changes) : current
  await audit(ctx, {
    action: `legal.${def.subject.replace(/^legal_/, '')}.updated`,
    subjectType: def.subject,
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return serializeRegisterRow(def, row)
}

export async function deleteRegisterRow(ctx: HttpContext, key: RegisterKey, id: string) {
  const def = REGISTERS[key]
  if (!UUID_RE.test(id)) throw ApiError.notFound()
  const current = await findOr404(def.table, id, 'Register entry not found', true)
  await table(def.table).where('id', id).delete()
  await audit(ctx, {
    action: `legal.${def.subject.replace(/^legal_/, '')}.deleted`,
    subjectType: def.subject,
    subjectId: id,
    metadata: { buildingId: current.building_id },
  })
}

/** Rows of a register for the état daté (no paging). */
export async function registerRows(key: RegisterKey, buildingId: string) {
  const def = REGISTERS[key]
  const query = table(def.table).where('building_id', buildingId).select('*')
  for (const [col, dir] of def.order) query.orderBy(col, dir)
  const rows = await query
  return rows.map((r: any) => serializeRegisterRow(def, r))
}
