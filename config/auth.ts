import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import { joinedTokensGuard } from '#services/joined_tokens_user_provider'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/** Same users, two guards: opaque access tokens for the API, sessions for pages. */
const authConfig = defineConfig({
  default: 'api',
  guards: {
    // The token and its user in one query (app/services/joined_tokens_user_provider.ts).
    api: joinedTokensGuard({ tokens: 'accessTokens', model: () => import('#models/user') }),
    web: sessionGuard({
      useRememberMeTokens: false,
      provider: sessionUserProvider({ model: () => import('#models/user') }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
