import { DateTime } from 'luxon'
import env from '#start/env'
import { TenantJob } from '#jobs/tenant_job'
import Invitation from '#models/invitation'
import Organisation from '#models/organisation'
import { currentTenant } from '#tenancy/tenant_context'
import { sendTemplated } from '#services/mail_service'
import { mailLocale } from '#services/mail_messages'

export interface InvitationEmailPayload {
  organisationId: string
  invitationId: string
  /** The clear token (only its hash is stored); travels in the payload once. */
  token: string
  locale?: string | null
  [key: string]: unknown
}

export function appUrl(): string {
  return (env.get('APP_URL') || `http://localhost:${env.get('PORT')}`).replace(/\/+$/, '')
}

const INTL_LOCALE = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' } as const

/**
 * Sends the invitation e-mail with its accept link, in the invitee's language and the
 * organisation's branding. An invitation that no longer exists, or was accepted or
 * revoked in the meantime, sends nothing.
 */
export default class InvitationEmailJob extends TenantJob<InvitationEmailPayload> {
  async handle() {
    const invitation = await Invitation.query().where('id', this.payload.invitationId).first()
    if (!invitation) return { skipped: 'not_found' }
    if (invitation.acceptedAt || invitation.revokedAt) return { skipped: invitation.status }

    const { trx } = currentTenant()
    const organisation = await Organisation.findOrFail(this.organisationId, { client: trx })
    const locale = mailLocale(this.payload.locale ?? organisation.locale)
    const acceptUrl = `${appUrl()}/invitations/${encodeURIComponent(this.payload.token)}`
    await sendTemplated({
      to: invitation.email,
      template: 'invitation',
      locale,
      organisation,
      data: {
        role: invitation.role,
        acceptUrl,
        expiresOn: invitation.expiresAt
          .setZone('Europe/Brussels')
          .setLocale(INTL_LOCALE[locale])
          .toLocaleString(DateTime.DATE_FULL),
      },
    })
    return { sent: invitation.email }
  }
}
