import { LOCALES, type AppLocale } from '#services/locale_service'

/*
| Strings of the transactional e-mails, per locale (fr is the default and the fallback).
| `{name}` placeholders are filled by `mailT()`; values are HTML-escaped by the template.
*/
type Messages = Record<string, string>

const fr: Messages = {
  'layout.footer': 'Vous recevez cet e-mail de la part de {organisation}.',
  'layout.ignore': 'Si vous n’êtes pas concerné, vous pouvez ignorer ce message.',
  'invitation.subject': 'Invitation à rejoindre {organisation}',
  'invitation.greeting': 'Bonjour,',
  'invitation.intro': '{organisation} vous invite à rejoindre son espace en tant que {role}.',
  'invitation.cta': 'Accepter l’invitation',
  'invitation.expires': 'Ce lien est valable jusqu’au {date}.',
  'notification.greeting': 'Bonjour {name},',
  'notification.cta': 'Voir le détail',
  'role.admin': 'administrateur',
  'role.syndic': 'syndic',
  'role.accountant': 'comptable',
  'role.board_member': 'membre du conseil de copropriété',
  'role.owner': 'copropriétaire',
  'role.contractor': 'prestataire',
}

const nl: Messages = {
  'layout.footer': 'U ontvangt deze e-mail van {organisation}.',
  'layout.ignore': 'Als dit niet voor u bedoeld is, mag u dit bericht negeren.',
  'invitation.subject': 'Uitnodiging om lid te worden van {organisation}',
  'invitation.greeting': 'Goedendag,',
  'invitation.intro': '{organisation} nodigt u uit om deel te nemen als {role}.',
  'invitation.cta': 'Uitnodiging aanvaarden',
  'invitation.expires': 'Deze link is geldig tot {date}.',
  'notification.greeting': 'Goedendag {name},',
  'notification.cta': 'Details bekijken',
  'role.admin': 'beheerder',
  'role.syndic': 'syndicus',
  'role.accountant': 'boekhouder',
  'role.board_member': 'lid van de raad van mede-eigendom',
  'role.owner': 'mede-eigenaar',
  'role.contractor': 'dienstverlener',
}

const de: Messages = {
  'layout.footer': 'Sie erhalten diese E-Mail von {organisation}.',
  'layout.ignore': 'Falls Sie nicht gemeint sind, können Sie diese Nachricht ignorieren.',
  'invitation.subject': 'Einladung zu {organisation}',
  'invitation.greeting': 'Guten Tag,',
  'invitation.intro': '{organisation} lädt Sie als {role} ein.',
  'invitation.cta': 'Einladung annehmen',
  'invitation.expires': 'Dieser Link ist gültig bis {date}.',
  'notification.greeting': 'Guten Tag {name},',
  'notification.cta': 'Details ansehen',
  'role.admin': 'Administrator',
  'role.syndic': 'Verwalter',
  'role.accountant': 'Buchhalter',
  'role.board_member': 'Mitglied des Miteigentümerbeirats',
  'role.owner': 'Miteigentümer',
  'role.contractor': 'Dienstleister',
}

const en: Messages = {
  'layout.footer': 'You receive this e-mail from {organisation}.',
  'layout.ignore': 'If this was not meant for you, you can ignore this message.',
  'invitation.subject': 'Invitation to join {organisation}',
  'invitation.greeting': 'Hello,',
  'invitation.intro': '{organisation} invites you to join as {role}.',
  'invitation.cta': 'Accept the invitation',
  'invitation.expires': 'This link is valid until {date}.',
  'notification.greeting': 'Hello {name},',
  'notification.cta': 'View details',
  'role.admin': 'administrator',
  'role.syndic': 'property manager',
  'role.accountant': 'accountant',
  'role.board_member': 'council member',
  'role.owner': 'co-owner',
  'role.contractor': 'contractor',
}

export const mailMessages: Record<AppLocale, Messages> = { fr, nl, de, en }

export function mailLocale(value: unknown): AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
    ? (value as AppLocale)
    : 'fr'
}

/** Translates `key` in `locale` (falls back to fr, then the key) and fills `{placeholders}`. */
export function mailT(locale: AppLocale, key: string, vars: Record<string, unknown> = {}): string {
  const template = mailMessages[locale]?.[key] ?? mailMessages.fr[key] ?? key
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    vars[name] === undefined || vars[name] === null ? m : String(vars[name])
  )
}
