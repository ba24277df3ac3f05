import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { appUrl } from '#config/app'
import Organisation from '#models/organisation'
import { sendTemplated } from '#services/mail_service'

/*
| Billing e-mails to the organisation's admins, in each admin's language (else the
| organisation's): the trial ends in 3 days; a subscription payment failed. Sent with the
| core `notification` template; the strings live here (FR/NL/DE/EN).
*/
type Locale = 'fr' | 'nl' | 'de' | 'en'

const messages: Record<Locale, Record<string, string>> = {
  fr: {
    'trial.subject': 'Votre essai se termine dans 3 jours',
    'trial.title': 'Votre essai gratuit se termine le {date}',
    'trial.body':
      'Choisissez une formule (Essentiel, Pro ou Complet, prix par immeuble et par mois) pour continuer sans interruption. Sans formule, votre espace passera en lecture seule ; vos données sont conservées.',
    'failed.subject': 'Le paiement de votre abonnement a échoué',
    'failed.title': 'Le paiement de {amount} € a échoué',
    'failed.body':
      'Mettez à jour votre moyen de paiement dans l’espace facturation. Tout reste accessible pendant 7 jours ; ensuite, l’espace passe en lecture seule jusqu’au paiement.',
  },
  nl: {
    'trial.subject': 'Uw proefperiode eindigt over 3 dagen',
    'trial.title': 'Uw gratis proefperiode eindigt op {date}',
    'trial.body':
      'Kies een formule (Essentieel, Pro of Compleet, prijs per gebouw per maand) om zonder onderbreking verder te werken. Zonder formule wordt uw ruimte alleen-lezen; uw gegevens blijven bewaard.',
    'failed.subject': 'De betaling van uw abonnement is mislukt',
    'failed.title': 'De betaling van € {amount} is mislukt',
    'failed.body':
      'Werk uw betaalmiddel bij in het facturatiegedeelte. Alles blijft 7 dagen toegankelijk; daarna wordt de ruimte alleen-lezen tot de betaling.',
  },
  de: {
    'trial.subject': 'Ihr Testzeitraum endet in 3 Tagen',
    'trial.title': 'Ihr kostenloser Testzeitraum endet am {date}',
    'trial.body':
      'Wählen Sie einen Tarif (Basis, Pro oder Komplett, Preis pro Gebäude und Monat), um ohne Unterbrechung weiterzuarbeiten. Ohne Tarif wird Ihr Bereich schreibgeschützt; Ihre Daten bleiben erhalten.',
    'failed.subject': 'Die Zahlung Ihres Abonnements ist fehlgeschlagen',
    'failed.title': 'Die Zahlung von {amount} € ist fehlgeschlagen',
    'failed.body':
      'Aktualisieren Sie Ihr Zahlungsmittel im Abrechnungsbereich. Alles bleibt 7 Tage zugänglich; danach ist der Bereich bis zur Zahlung schreibgeschützt.',
  },
  en: {
    'trial.subject': 'Your trial ends in 3 days',
    'trial.title': 'Your free trial ends on {date}',
    'trial.body':
      'Choose a plan (Essential, Pro or Complete, priced per building per month) to carry on without interruption. Without a plan your workspace becomes read-only; your data is kept.',
    'failed.subject': 'Your subscription payment failed',
    'failed.title': 'The payment of €{amount} failed',
    'failed.body':
      'Update your payment method on the billing page. Everything keeps working for 7 days; after that the workspace is read-only until the payment goes through.',
  },
}

function t(locale: Locale, key: string, vars: Record<string, string> = {}) {
  const text = messages[locale][key] ?? messages.fr[key] ?? key
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '')
}

function localeOf(value: string | null | undefined): Locale {
  return value && value in messages ? (value as Locale) : 'fr'
}

async function admins(organisationId: string) {
  const res = await db.rawQuery(
    `select u.email, u.full_name, u.locale from memberships m join users u on u.id = m.user_id
     where m.organisation_id = ? and m.role = 'admin' order by m.created_at`,
    [organisationId]
  )
  return res.rows as { email: string; full_name: string; locale: string | null }[]
}

async function sendToAdmins(
  organisationId: string,
  kind: 'trial' | 'failed',
  vars: (locale: Locale) => Record<string, string>
) {
  const organisation = await Organisation.find(organisationId)
  if (!organisation) return 0
  let sent = 0
  for (const admin of await admins(organisationId)) {
    const locale = localeOf(admin.locale ?? organisation.locale)
    const v = vars(locale)
    try {
      await sendTemplated({
        to: { address: admin.email, name: admin.full_name },
        template: 'notification',
        locale,
        organisation,
        subject: t(locale, `${kind}.subject`, v),
        data: {
          recipientName: admin.full_name,
          title: t(locale, `${kind}.title`, v),
          body: t(locale, `${kind}.body`, v),
          url: `${appUrl}/app/billing`,
        },
      })
      sent++
    } catch (error) {
      logger.error({ err: error, organisationId, kind }, 'billing: e-mail not sent')
    }
  }
  return sent
}

export async function sendTrialEndingEmails(organisationId: string, trialEndsAt: Date) {
  return sendToAdmins(organisationId, 'trial', (locale) => ({
    date: new Intl.DateTimeFormat(`${locale}-BE`, {
      dateStyle: 'long',
      timeZone: 'Europe/Brussels',
    }).format(trialEndsAt),
  }))
}

export async function sendPaymentFailedEmails(
  organisationId: string,
  info: { amount: string; invoiceUrl: string | null; nextAttempt: number | null }
) {
  return sendToAdmins(organisationId, 'failed', (locale) => ({
    amount: locale === 'en' ? info.amount : info.amount.replace('.', ','),
  }))
}
