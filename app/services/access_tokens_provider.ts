import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import {
  columnsOf,
  modelColumns,
  pooledQuery,
  prepared,
  type PreparedStatement,
} from '#services/prepared_statements'

const TOUCH_INTERVAL_MS = 60_000

/** The token table's columns (fixed by @adonisjs/auth), aliased so they never clash with the user's. */
const TOKEN_COLUMNS = [
  'id',
  'tokenable_id',
  'type',
  'name',
  'hash',
  'abilities',
  'created_at',
  'updated_at',
  'last_used_at',
  'expires_at',
] as const
const PREFIX = 'tok__'
const INT4_MAX = 2_147_483_647

/**
 * The framework's database token provider, with two changes:
 * - `last_used_at` is written at most once a minute per token instead of on every request
 *   (a write per API call would double the database work of every read endpoint);
 * - `verifyWithTokenable` reads the token and its user in one prepared statement (one
 *   round trip fewer on every API request, planned once per connection), see
 *   `JoinedTokensUserProvider`.
 * The secret check (constant time) and the expiry check happen before any write, so an
 * invalid token never touches the row.
 */
export class ThrottledDbAccessTokensProvider<
  Model extends LucidModel,
> extends DbAccessTokensProvider<Model> {
  /** Token + user, a prepared statement (made on first use: the model is booted then). */
  #joined: PreparedStatement | undefined

  static forModel<M extends LucidModel>(
    model: ConstructorParameters<typeof DbAccessTokensProvider<M>>[0]['tokenableModel'],
    options?: Omit<ConstructorParameters<typeof DbAccessTokensProvider<M>>[0], 'tokenableModel'>
  ) {
    return new ThrottledDbAccessTokensProvider<M>({ tokenableModel: model, ...(options ?? {}) })
  }

  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const row = await db
      .query()
      .from(this.table)
      .where({ id: decoded.identifier, type: this.type })
      .first()
    if (!row) return null
    return this.#accept(row, decoded.secret)
  }

  /**
   * `verify`, plus the tokenable (user) row read by the same query. Returns null when
   * the token is unknown, wrong, expired, or its user is gone.
   */
  async verifyWithTokenable(
    tokenValue: Secret<string>
  ): Promise<{ token: AccessToken; tokenable: InstanceType<Model> } | null> {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    // The id column is a serial: anything else cannot match (and would fail the cast).
    if (!/^\d{1,10}$/.test(decoded.identifier) || Number(decoded.identifier) > INT4_MAX) return null
    const model = this.options.tokenableModel
    this.#joined ??= prepared(
      `select ${columnsOf('u', modelColumns(model))},
              ${TOKEN_COLUMNS.map((c) => `t."${c}" as "${PREFIX}${c}"`).join(', ')}
         from "${this.table}" t join "${model.table}" u on u."${model.primaryKey}" = t.tokenable_id
        where t.id = $1 and t.type = $2`
    )
    const result = await pooledQuery(model.connection, this.#joined, [
      decoded.identifier,
      this.type,
    ])
    const row = result.rows[0]
    if (!row) return null
    const tokenRow: Record<string, unknown> = {}
    const userRow: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith(PREFIX)) tokenRow[key.slice(PREFIX.length)] = value
      else userRow[key] = value
    }
    const token = await this.#accept(tokenRow, decoded.secret)
    if (!token) return null
    const tokenable = model.$createFromAdapterResult(userRow) as InstanceType<Model> | null
    return tokenable ? { token, tokenable } : null
  }

  /** Secret (constant time) and expiry checks, then the throttled `last_used_at` touch. */
  async #accept(row: Record<string, any>, secret: Secret<string>) {
    const token = this.dbRowToAccessToken(row as any)
    if (!token.verify(secret) || token.isExpired()) return null
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
    if (Date.now() - lastUsed > TOUCH_INTERVAL_MS) {
      const db = await this.getDb()
      await db
        .from(this.table)
        .where({ id: row.id, type: row.type })
        .update({ last_used_at: new Date() })
    }
    return token
  }
}
