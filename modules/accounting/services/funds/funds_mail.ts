import mail from '@adonisjs/mail/services/main'
import { renderTemplated } from '#services/mail_service'

/*
| Funds e-mails: the core's branded layout (template resources/views/emails/
| accounting_funds.edge) with the funds' own strings, plus PDF attachments (the core's
| sendTemplated has none).
*/
export interface FundsMail {
  to: { address: string; name?: string }
  locale: string
  subject: string
  greeting: string
  paragraphs: string[]
  highlight?: string | null
  url?: string | null
  cta?: string | null
  attachments?: { filename: string; content: Buffer }[]
}

export async function sendFundsMail(input: FundsMail) {
  const rendered = await renderTemplated({
    to: input.to,
    template: 'accounting_funds',
    locale: input.locale,
    subject: input.subject,
    data: {
      greeting: input.greeting,
      paragraphs: input.paragraphs,
      highlight: input.highlight ?? null,
      url: input.url ?? null,
      cta: input.cta ?? null,
    },
  })
  await mail.send((message) => {
    message
      .to(input.to.address, input.to.name)
      .subject(rendered.subject)
      .html(rendered.html)
      .text(rendered.text)
    for (const a of input.attachments ?? []) {
      message.attachData(a.content, { filename: a.filename, contentType: 'application/pdf' })
    }
  })
  return rendered
}
