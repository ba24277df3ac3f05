/*
| Server-side strings of the gdpr module (the e-mail confirming a new address), per
| locale; sent through the core `notification` e-mail template with its branding.
*/
type Locale = 'fr' | 'nl' | 'de' | 'en'

interface MailStrings {
  subject: string
  title: string
  body: (hours: number) => string
}

const strings: Record<Locale, MailStrings> = {
  fr: {
    subject: 'Confirmez votre nouvelle adresse e-mail',
    title: 'Confirmation de votre nouvelle adresse e-mail',
    body: (h) =>
      `Vous avez demandé à modifier l’adresse e-mail de votre compte. Elle ne sera utilisée qu’après votre confirmation. Ce lien est valable ${h} heures. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.`,
  },
  nl: {
    subject: 'Bevestig uw nieuw e-mailadres',
    title: 'Bevestiging van uw nieuw e-mailadres',
    body: (h) =>
      `U hebt gevraagd het e-mailadres van uw account te wijzigen. Het wordt pas gebruikt na uw bevestiging. Deze link is ${h} uur geldig. Hebt u dit niet gevraagd, negeer dan dit bericht.`,
  },
  de: {
    subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
    title: 'Bestätigung Ihrer neuen E-Mail-Adresse',
    body: (h) =>
      `Sie haben die Änderung der E-Mail-Adresse Ihres Kontos beantragt. Sie wird erst nach Ihrer Bestätigung verwendet. Dieser Link ist ${h} Stunden gültig. Falls Sie dies nicht beantragt haben, ignorieren Sie diese Nachricht.`,
  },
  en: {
    subject: 'Confirm your new e-mail address',
    title: 'Confirm your new e-mail address',
    body: (h) =>
      `You asked to change the e-mail address of your account. It will only be used once you confirm it. This link is valid for ${h} hours. If you did not ask for this, ignore this message.`,
  },
}

export function gdprMail(locale: string | null | undefined): MailStrings {
  return strings[(locale ?? 'fr') as Locale] ?? strings.fr
}
