import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'

const TOUCH_INTERVAL_MS = 60_000

/**
 * The framework's database token provider, with one change: `last_used_at` is written at
 * most once a minute per token instead of on every request (a write per API call would
 * double the database work of every read endpoint). The secret check happens before
 * any write, so an invalid token never touches the row.
 */
export class ThrottledDbAccessTokensProvider<
  Model extends LucidModel,
> extends DbAccessTokensProvider<Model> {
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
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
    if (Date.now() - lastUsed > TOUCH_INTERVAL_MS) {
      await db
        .from(this.table)
        .where({ id: row.id, type: row.type })
        .update({ last_used_at: new Date() })
    }
    return token
  }
}
