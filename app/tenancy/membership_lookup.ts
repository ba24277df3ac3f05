import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { trxQuery } from '#tenancy/tenant_context'
import { columnsOf, modelColumns, prepared } from '#services/prepared_statements'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/*
| The tenant middleware's first statement, as precompiled SQL run on the transaction's
| connection (no knex query building on every tenant request): the user's membership in
| the requested organisation (id or slug), or their first one, with its organisation; the same query
| sets `app.tenant_id` (transaction-local) to the organisation found. The LIMIT 1
| subquery is evaluated first, so set_config runs for the chosen row only. No row:
| nothing set (the caller rolls back).
| The same statement reads the organisation's enabled modules for the module gate (one
| round trip less on every module route). Output columns are computed left to right, so
| that subquery runs after set_config and under RLS like any other read; were it ever
| evaluated first it would see no rows and every module would answer 403 (the contract
| suite would fail), never another organisation's modules.
*/
// The organisation's model columns, named (a prepared statement never selects `*`).
const ORGANISATION_COLUMNS = modelColumns(Organisation)
const inner = (filter: string) =>
  `select ${columnsOf('o', ORGANISATION_COLUMNS)}, "m"."id" as "m_id", "m"."role" as "m_role", "m"."created_at" as "m_created_at"
     from "memberships" as "m" inner join "organisations" as "o" on "o"."id" = "m"."organisation_id"
    where "m"."user_id" = $1 ${filter}
    order by "m"."created_at" asc limit 1`
const wrap = (sql: string) =>
  `select set_config('app.tenant_id', r.id::text, true) as "__tenant",
          ${columnsOf('r', [...ORGANISATION_COLUMNS, 'm_id', 'm_role', 'm_created_at'])},
          (select coalesce(array_agg(om.module_key::text), '{}')
             from organisation_modules om
            where om.organisation_id = r.id and om.enabled) as "__modules"
     from (${sql}) r`

const FIRST = prepared(wrap(inner('')))
const BY_ID = prepared(wrap(inner('and "o"."id" = $2')))
const BY_SLUG = prepared(wrap(inner('and "o"."slug" = $2')))

export async function lookupMembershipAndSetTenant(
  trx: TransactionClientContract,
  user: User,
  requested: string | null
) {
  const result = requested
    ? await trxQuery(trx, UUID.test(requested) ? BY_ID : BY_SLUG, [user.id, requested])
    : await trxQuery(trx, FIRST, [user.id])
  const row = result.rows[0]
  if (!row) return null
  delete row.__tenant
  const {
    m_id: id,
    m_role: role,
    m_created_at: createdAt,
    __modules: enabledModules,
    ...organisationRow
  } = row
  const organisation = Organisation.$createFromAdapterResult(organisationRow)!
  const membership = Membership.$createFromAdapterResult({
    id,
    role,
    organisation_id: organisation.id,
    user_id: user.id,
    created_at: createdAt,
  })!
  membership.$setRelated('organisation', organisation)
  return { membership, organisation, enabledModules: new Set<string>(enabledModules) }
}
