import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/*
| Mail transport for demo mode: stores the message in the outbox instead of sending it.
| The organisation is the tenant of the unit of work that sends (request or TenantJob),
| so every sender (mail_service and modules calling `mail.send` directly) is covered.
*/
type Recipient = string | { address: string; name?: string }

function addressOf(r: Recipient | undefined): string | null {
  if (!r) return null
  return typeof r === 'string' ? r : r.name ? `${r.name} <${r.address}>` : r.address
}

export class OutboxTransport implements MailTransportContract {
  async send(message: NodeMailerMessage): Promise<MailResponse<unknown>> {
    // Lazy: the mail config (which builds this transport) loads before the database services.
    const { maybeTenant } = await import('#tenancy/tenant_context')
    const { storeOutboxMessage } = await import('#services/outbox_service')
    const to = (message.to ?? []).map((r) => addressOf(r as Recipient)!).filter(Boolean)
    const stored = await storeOutboxMessage({
      organisationId: maybeTenant()?.organisationId ?? null,
      from: addressOf(message.from as Recipient | undefined),
      to,
      subject: String(message.subject ?? ''),
      html: typeof message.html === 'string' ? message.html : null,
      text: typeof message.text === 'string' ? message.text : null,
    })
    return new MailResponse(stored.id, { from: stored.from ?? '', to }, stored)
  }
}
