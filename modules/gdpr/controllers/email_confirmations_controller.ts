import type { HttpContext } from '@adonisjs/core/http'
import { confirmEmailChange } from '../services/rectify_service.js'

/** Public: the token of the e-mail link is the credential (SPEC §5, Art. 16 re-verification). */
export default class EmailConfirmationsController {
  async store(ctx: HttpContext) {
    return confirmEmailChange(ctx, String(ctx.params.token))
  }
}
