import env from '#start/env'
import type { InferMailers } from '@adonisjs/mail/types'
import { defineConfig, transports } from '@adonisjs/mail'
import { OutboxTransport } from '#services/outbox_transport'

/** No SMTP server (SMTP_HOST unset or `outbox`): mails go to the outbox, /app/outbox. */
const smtpHost = (env.get('SMTP_HOST') ?? '').trim()
const useOutbox = smtpHost === '' || smtpHost === 'outbox'

const mailConfig = defineConfig({
  default: useOutbox ? 'outbox' : 'smtp',
  from: { address: env.get('MAIL_FROM', 'no-reply@vme.local'), name: 'VME' },
  mailers: {
    smtp: transports.smtp({
      host: useOutbox ? '127.0.0.1' : smtpHost,
      port: env.get('SMTP_PORT'),
      secure: false,
      ignoreTLS: true,
    }),
    outbox: () => new OutboxTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
