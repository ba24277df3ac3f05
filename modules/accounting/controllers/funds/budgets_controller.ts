import type { HttpContext } from '@adonisjs/core/http'
import {
  createBudgetValidator,
  voteBudgetValidator,
} from '../../validators/funds/budget_validator.js'
import {
  activateBudget,
  closeBudget,
  createBudget,
  deleteBudget,
  listBudgets,
  showBudget,
  voteBudget,
} from '../../services/funds/budget_service.js'
import { budgetVariance } from '../../services/funds/variance_service.js'

export default class BudgetsController {
  async index(ctx: HttpContext) {
    return listBudgets(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createBudgetValidator)
    return ctx.response.created(await createBudget(ctx, ctx.params.id, payload))
  }

  async show({ params }: HttpContext) {
    return showBudget(params.id)
  }

  async variance({ params }: HttpContext) {
    return budgetVariance(params.id)
  }

  async vote(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(voteBudgetValidator)
    return voteBudget(ctx, ctx.params.id, payload)
  }

  async activate(ctx: HttpContext) {
    return activateBudget(ctx, ctx.params.id)
  }

  async close(ctx: HttpContext) {
    return closeBudget(ctx, ctx.params.id)
  }

  async destroy(ctx: HttpContext) {
    await deleteBudget(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
