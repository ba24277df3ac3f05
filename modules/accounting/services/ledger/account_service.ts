import type { HttpContext } from '@adonisjs/core/http'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { ACCOUNT_SELECT, serializeAccount, type AccountJson } from './chart_service.js'
import { isUuid } from './posting_service.js'
import { pagedSql } from './sql_page.js'

/*
| Chart of accounts of one building. Codes are PCMN digits, unique per building; the
| class is the first digit. Only leaf accounts take postings, so an account that has
| postings cannot get sub-accounts (its history would sit on a non-leaf), its code
| cannot change, and it cannot be deleted (409).
*/
export async function assertBuilding(buildingId: string) {
  if (!isUuid(buildingId)) throw ApiError.notFound('Building not found')
  const res = await currentTenant().trx.rawQuery(`select id from buildings where id = ?`, [
    buildingId,
  ])
  if (!res.rows[0]) throw ApiError.notFound('Building not found')
}

export async function listAccounts(ctx: HttpContext, buildingId: string) {
  await assertBuilding(buildingId)
  const qs = ctx.request.qs()
  const where = ['a.building_id = ?']
  const bindings: unknown[] = [buildingId]
  if (qs.class !== undefined && qs.class !== '') {
    if (!/^[0-9]$/.test(String(qs.class)))
      throw ApiError.validation('class', 'class is a digit 0–9')
    where.push('a.class = ?')
    bindings.push(Number(qs.class))
  }
  if (qs.code) {
    if (!/^[0-9]{1,20}$/.test(String(qs.code))) {
      throw ApiError.validation('code', 'code is a prefix of digits')
    }
    where.push(`a.code like ?`)
    bindings.push(`${qs.code}%`)
  }
  if (qs.q) {
    where.push(`(a.name ilike ? or a.code like ?)`)
    const q = String(qs.q).replace(/[\\%_]/g, (c) => `\\${c}`)
    bindings.push(`%${q}%`, `${q}%`)
  }
  // The chart is read whole by the pages: up to 100 per page, like every list.
  return pagedSql(
    ctx,
    currentTenant().trx,
    {
      select: ACCOUNT_SELECT,
      fromWhere: `from accounting_accounts a where ${where.join(' and ')}`,
      bindings,
      orderBy: 'a.code asc',
    },
    serializeAccount
  )
}

export async function findAccount(id: string, forUpdate = false): Promise<AccountJson> {
  if (!isUuid(id)) throw ApiError.notFound('Account not found')
  const res = await currentTenant().trx.rawQuery(
    `select ${ACCOUNT_SELECT} from accounting_accounts a where a.id = ?${forUpdate ? ' for update of a' : ''}`,
    [id]
  )
  if (!res.rows[0]) throw ApiError.notFound('Account not found')
  return serializeAccount(res.rows[0])
}

/** An ancestor (code prefix) with postings would become a non-leaf holding history. */
async function assertNoPostedAncestor(buildingId: string, code: string) {
  const res = await currentTenant().trx.rawQuery(
    `select a.code from accounting_accounts a
      where a.building_id = ? and ? like a.code || '%' and a.code <> ?
        and exists (select 1 from accounting_journal_lines l
                     where l.organisation_id = a.organisation_id and l.account_id = a.id)
      limit 1`,
    [buildingId, code, code]
  )
  if (res.rows[0]) {
    throw ApiError.conflict(
      `Account ${res.rows[0].code} already has postings and cannot get sub-accounts`,
      'code'
    )
  }
}

async function assertCodeFree(buildingId: string, code: string, exceptId?: string) {
  const res = await currentTenant().trx.rawQuery(
    `select id from accounting_accounts where building_id = ? and code = ?${exceptId ? ' and id <> ?' : ''}`,
    exceptId ? [buildingId, code, exceptId] : [buildingId, code]
  )
  if (res.rows[0])
    throw ApiError.conflict(`Account ${code} already exists in this building`, 'code')
}

export async function createAccount(
  ctx: HttpContext,
  buildingId: string,
  payload: { code: string; name: string }
) {
  await assertBuilding(buildingId)
  // Serialise chart changes of one building (code uniqueness + leaf rule).
  await currentTenant().trx.rawQuery(`select id from buildings where id = ? for update`, [
    buildingId,
  ])
  await assertCodeFree(buildingId, payload.code)
  await assertNoPostedAncestor(buildingId, payload.code)
  const res = await currentTenant().trx.rawQuery(
    `insert into accounting_accounts (organisation_id, building_id, code, name, class)
     values (?, ?, ?, ?, ?) returning id`,
    [
      currentTenant().organisationId,
      buildingId,
      payload.code,
      payload.name,
      Number(payload.code[0]),
    ]
  )
  const account = await findAccount(res.rows[0].id)
  await audit(ctx, {
    action: 'accounting.account.created',
    subjectType: 'accounting_account',
    subjectId: account.id,
    metadata: { buildingId, code: account.code, name: account.name },
  })
  return account
}

export async function updateAccount(
  ctx: HttpContext,
  id: string,
  payload: { code?: string; name?: string }
) {
  const account = await findAccount(id, true)
  await currentTenant().trx.rawQuery(`select id from buildings where id = ? for update`, [
    account.buildingId,
  ])
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  if (payload.code !== undefined && payload.code !== account.code) {
    if (account.hasPostings) {
      throw ApiError.conflict('The code of an account with postings cannot change', 'code')
    }
    await assertCodeFree(account.buildingId, payload.code, account.id)
    await assertNoPostedAncestor(account.buildingId, payload.code)
    changes.code = { from: account.code, to: payload.code }
  }
  if (payload.name !== undefined && payload.name !== account.name) {
    changes.name = { from: account.name, to: payload.name }
  }
  if (Object.keys(changes).length) {
    const code = (changes.code?.to as string | undefined) ?? account.code
    await currentTenant().trx.rawQuery(
      `update accounting_accounts set code = ?, class = ?, name = ?, updated_at = now() where id = ?`,
      [code, Number(code[0]), payload.name ?? account.name, account.id]
    )
  }
  await audit(ctx, {
    action: 'accounting.account.updated',
    subjectType: 'accounting_account',
    subjectId: account.id,
    metadata: { buildingId: account.buildingId, changes },
  })
  return findAccount(account.id)
}

export async function deleteAccount(ctx: HttpContext, id: string) {
  const account = await findAccount(id, true)
  if (account.hasPostings) {
    throw ApiError.conflict(`Account ${account.code} has postings and cannot be deleted`)
  }
  await currentTenant().trx.rawQuery(`delete from accounting_accounts where id = ?`, [account.id])
  await audit(ctx, {
    action: 'accounting.account.deleted',
    subjectType: 'accounting_account',
    subjectId: account.id,
    metadata: { buildingId: account.buildingId, code: account.code, name: account.name },
  })
}
