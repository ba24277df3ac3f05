import { UnrecoverableError } from 'bullmq'
import { BaseJob } from '#jobs/base_job'
import moduleAccess from '#core_modules/module_access'
import { deliverCall } from '../../services/funds/delivery_service.js'

interface Payload {
  organisationId: string
  callId: string
  [key: string]: unknown
}

/**
 * `accounting.send_call_for_funds`: renders and e-mails one PDF per owner of a sent
 * call, reporting `{total, done, failed}` as BullMQ progress (and on the call row).
 * Not a TenantJob: each owner commits on its own (see delivery_service).
 */
export default class SendCallForFundsJob extends BaseJob<Payload> {
  static attempts = 5

  async handle() {
    const { organisationId, callId } = this.payload
    if (typeof organisationId !== 'string' || typeof callId !== 'string') {
      throw new UnrecoverableError('send_call_for_funds needs organisationId and callId')
    }
    if (!(await moduleAccess.isEnabledFor(organisationId, 'accounting'))) {
      return { skipped: 'module_disabled' }
    }
    return deliverCall(organisationId, callId, (p) => this.progress({ ...p }))
  }
}
