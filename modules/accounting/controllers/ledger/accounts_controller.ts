import type { HttpContext } from '@adonisjs/core/http'
import {
  createAccount,
  deleteAccount,
  findAccount,
  listAccounts,
  updateAccount,
  assertBuilding,
} from '../../services/ledger/account_service.js'
import {
  createAccountValidator,
  updateAccountValidator,
} from '../../validators/ledger/ledger_validators.js'

/** Chart of accounts of a building (SPEC §6 "Chart"). */
export default class AccountsController {
  async index(ctx: HttpContext) {
    return listAccounts(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    await assertBuilding(ctx.params.id)
    const payload = await ctx.request.validateUsing(createAccountValidator)
    return ctx.response.created(await createAccount(ctx, ctx.params.id, payload))
  }

  async show(ctx: HttpContext) {
    return findAccount(ctx.params.id)
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateAccountValidator)
    return updateAccount(ctx, ctx.params.id, payload)
  }

  async destroy(ctx: HttpContext) {
    await deleteAccount(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
