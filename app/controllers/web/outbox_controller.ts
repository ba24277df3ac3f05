import type { HttpContext } from '@adonisjs/core/http'
import {
  listAllOutbox,
  listOrganisationOutbox,
  outboxEnabled,
  type OutboxMessage,
} from '#services/outbox_service'

/*
| /app/outbox: the demo outbox (mails kept locally when no SMTP server is configured).
| Staff roles see their organisation's mails (route behind tenant + staffOnly); the
| platform superadmin sees every organisation's at /admin/outbox.
*/
function present(m: OutboxMessage) {
  return {
    id: m.id,
    organisationId: m.organisationId,
    sentAt: m.sentAt,
    from: m.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
  }
}

/** Staff of the syndic firm; board members and co-owners never read other people's mail. */
const OUTBOX_ROLES = ['admin', 'syndic', 'accountant']

async function forbidden({ inertia, response }: HttpContext) {
  const page = await inertia.render('errors/error', {
    status: 403,
    errors: [{ code: 'E_FORBIDDEN', message: 'You are not allowed to open this page' }],
  })
  return response.status(403).send(page)
}

export default class OutboxController {
  async index(ctx: HttpContext) {
    const { inertia, organisation, membership } = ctx
    if (!OUTBOX_ROLES.includes(membership.role)) return forbidden(ctx)
    const messages = await listOrganisationOutbox(organisation.id)
    return inertia.render('app/outbox/index', {
      messages: messages.map(present),
      scope: 'organisation' as const,
      enabled: outboxEnabled(),
    })
  }

  async all(ctx: HttpContext) {
    const { inertia, auth } = ctx
    const user = auth.user as { isSuperadmin?: boolean } | undefined
    if (!user?.isSuperadmin) return forbidden(ctx)
    const messages = await listAllOutbox()
    return inertia.render('app/outbox/index', {
      messages: messages.map(present),
      scope: 'platform' as const,
      enabled: outboxEnabled(),
    })
  }
}
