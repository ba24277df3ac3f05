import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Membership from '#models/membership'
import { loginValidator, signupValidator } from '#validators/auth_validator'
import { signup } from '#services/signup_service'
import { attemptLogin } from '#services/login_service'

export default class AuthController {
  async signup(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(signupValidator)
    const { organisation, user } = await signup(payload, ctx)
    const token = await User.accessTokens.create(user)
    return ctx.response.created({ token: token.value!.release(), user, organisation })
  }

  async login(ctx: HttpContext) {
    const { email, password } = await ctx.request.validateUsing(loginValidator)
    const user = await attemptLogin(ctx, email, password)
    const token = await User.accessTokens.create(user)
    return { token: token.value!.release(), user }
  }

  async logout(ctx: HttpContext) {
    if (ctx.auth.authenticatedViaGuard === 'web') {
      await ctx.auth.use('web').logout()
      return ctx.response.noContent()
    }
    const user = ctx.auth.use('api').user!
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    return ctx.response.noContent()
  }

  async me(ctx: HttpContext) {
    const user = ctx.auth.user as User
    const memberships = await Membership.query()
      .where('user_id', user.id)
      .preload('organisation')
      .orderBy('created_at')
    return {
      user,
      memberships: memberships.map((m) => ({ organisation: m.organisation, role: m.role })),
      twoFactorEnabled: !!user.twoFactorEnabledAt,
    }
  }
}
