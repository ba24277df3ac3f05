import type { Secret } from '@adonisjs/core/helpers'
import type { HttpContext } from '@adonisjs/core/http'
import type { GuardConfigProvider } from '@adonisjs/auth/types'
import type {
  AccessTokensLucidUserProviderOptions,
  LucidTokenable,
} from '@adonisjs/auth/types/access_tokens'
import {
  AccessTokensGuard,
  AccessTokensLucidUserProvider,
  type AccessToken,
} from '@adonisjs/auth/access_tokens'
import type { ThrottledDbAccessTokensProvider } from '#services/access_tokens_provider'

const models = new WeakMap<() => Promise<{ default: any }>, Promise<unknown>>()

/**
 * The Lucid user provider of the tokens guard, reading the token and its user in ONE
 * query: `verifyToken` joins the users table and keeps the user it read, `findById`
 * (called by the guard right after, with the token's user id) hands it back instead of
 * querying again. One instance per request (see `joinedTokensGuard`), so a user loaded
 * for one request is never reused by another.
 */
export class JoinedTokensUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  #verified: { token: AccessToken; user: InstanceType<UserModel> } | null = null

  /**
   * The model, imported once per process: the parent caches it on the instance, and
   * there is one instance per request (a dynamic import() per request otherwise).
   */
  async getModel(): Promise<UserModel> {
    if ('hot' in import.meta) return super.getModel()
    let model = models.get(this.options.model)
    if (!model) {
      const key = this.options.model
      model = key().then((module) => module.default)
      model.catch(() => models.delete(key))
      models.set(key, model)
    }
    return (this.model = (await model) as UserModel)
  }

  async verifyToken(tokenValue: Secret<string>) {
    this.#verified = null
    const tokens =
      (await this.getTokensProvider()) as unknown as ThrottledDbAccessTokensProvider<UserModel>
    const result = await tokens.verifyWithTokenable(tokenValue)
    if (!result) return null
    this.#verified = { token: result.token, user: result.tokenable }
    return result.token
  }

  async findById(identifier: string | number | BigInt) {
    const verified = this.#verified
    this.#verified = null
    if (verified && String(verified.token.tokenableId) === String(identifier)) {
      return this.createUserForGuard(verified.user)
    }
    return super.findById(identifier)
  }
}

/** `tokensGuard` with a fresh `JoinedTokensUserProvider` per request. */
export function joinedTokensGuard<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
>(
  options: AccessTokensLucidUserProviderOptions<TokenableProperty, UserModel>
): GuardConfigProvider<
  (ctx: HttpContext) => AccessTokensGuard<JoinedTokensUserProvider<TokenableProperty, UserModel>>
> {
  return {
    async resolver(name, app) {
      const emitter = await app.container.make('emitter')
      return (ctx) =>
        new AccessTokensGuard(name, ctx, emitter as any, new JoinedTokensUserProvider(options))
    },
  }
}
