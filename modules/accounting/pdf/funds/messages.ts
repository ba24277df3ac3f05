/*
| Strings of the funds documents and e-mails (calls for funds, reminders, formal
| notices) in the four languages; `{name}` placeholders. FR is the fallback.
*/
export type DocLocale = 'fr' | 'nl' | 'de' | 'en'

const fr = {
  'call.title': 'Appel de fonds',
  'call.to': 'Destinataire',
  'call.building': 'Immeuble',
  'call.period': 'Période',
  'call.periodStart': 'à partir du {date}',
  'call.dueDate': 'Échéance',
  'call.issued': 'Date',
  'call.lots': 'Détail par lot',
  'call.lot': 'Lot',
  'call.quota': 'Quotités',
  'call.share': 'Part',
  'call.ordinary': 'Fonds de roulement (ordinaire)',
  'call.extraordinary': 'Fonds de réserve (extraordinaire)',
  'call.consumption': 'Consommations',
  'call.total': 'Total',
  'call.totalDue': 'Montant à payer',
  'call.consumptionTitle': 'Consommations réparties',
  'call.quantity': 'Votre consommation',
  'call.allQuantity': 'Consommation totale',
  'call.payment': 'Paiement',
  'call.beneficiary': 'Bénéficiaire',
  'call.iban': 'IBAN',
  'call.bic': 'BIC',
  'call.communication': 'Communication structurée',
  'call.scan': 'Scannez ce code avec votre application bancaire pour payer.',
  'call.note':
    'Merci d’utiliser exactement la communication structurée ci-dessus afin que votre paiement soit imputé automatiquement.',
  'period.monthly': 'mensuelle',
  'period.quarterly': 'trimestrielle',
  'period.yearly': 'annuelle',
  'period.one_time': 'ponctuelle',
  'mail.call.subject': 'Appel de fonds {title} – {building}',
  'mail.call.greeting': 'Bonjour {name},',
  'mail.call.body':
    'Vous trouverez en pièce jointe l’appel de fonds « {title} » pour l’immeuble {building} : {amount} EUR à payer pour le {due}.',
  'mail.call.pay': 'Virement sur {iban} avec la communication {communication}.',
  'reminder.friendly.subject': 'Rappel amical – {building}',
  'reminder.friendly.body':
    'Sauf erreur de notre part, le montant de {amount} EUR échu le {due} n’a pas encore été reçu. Merci de régulariser avec la communication {communication}.',
  'reminder.formal.subject': 'Rappel – montant impayé – {building}',
  'reminder.formal.body':
    'Malgré notre précédent rappel, le montant de {amount} EUR échu le {due} reste impayé. Des intérêts de retard au taux légal ({interest} EUR à ce jour) sont dus. Merci de payer sans délai.',
  'reminder.formal_notice.subject': 'Mise en demeure – {building}',
  'reminder.formal_notice.body':
    'Vous trouverez en pièce jointe une mise en demeure, également envoyée par recommandé, pour le montant impayé de {amount} EUR augmenté de {interest} EUR d’intérêts.',
  'notice.title': 'Mise en demeure',
  'notice.registered': 'Par envoi recommandé',
  'notice.intro':
    'Madame, Monsieur, malgré nos rappels des {friendly} et {formal}, les montants suivants restent impayés à ce jour ({date}) :',
  'notice.call': 'Appel',
  'notice.due': 'Échéance',
  'notice.days': 'Jours de retard',
  'notice.outstanding': 'Solde dû',
  'notice.interest': 'Intérêts ({rate} % l’an)',
  'notice.total': 'Total réclamé',
  'notice.demand':
    'Nous vous mettons en demeure de payer la somme de {total} EUR dans les 15 jours de la présente, sur le compte {iban}. À défaut, le dossier sera transmis à un huissier de justice sans autre avis.',
  'bailiff.title': 'Dossier pour huissier',
}

type Keys = keyof typeof fr
const nl: Record<Keys, string> = {
  'call.title': 'Provisieoproep',
  'call.to': 'Bestemmeling',
  'call.building': 'Gebouw',
  'call.period': 'Periode',
  'call.periodStart': 'vanaf {date}',
  'call.dueDate': 'Vervaldatum',
  'call.issued': 'Datum',
  'call.lots': 'Detail per kavel',
  'call.lot': 'Kavel',
  'call.quota': 'Aandelen',
  'call.share': 'Aandeel',
  'call.ordinary': 'Werkkapitaal (gewoon)',
  'call.extraordinary': 'Reservekapitaal (buitengewoon)',
  'call.consumption': 'Verbruik',
  'call.total': 'Totaal',
  'call.totalDue': 'Te betalen bedrag',
  'call.consumptionTitle': 'Verdeeld verbruik',
  'call.quantity': 'Uw verbruik',
  'call.allQuantity': 'Totaal verbruik',
  'call.payment': 'Betaling',
  'call.beneficiary': 'Begunstigde',
  'call.iban': 'IBAN',
  'call.bic': 'BIC',
  'call.communication': 'Gestructureerde mededeling',
  'call.scan': 'Scan deze code met uw bankapp om te betalen.',
  'call.note':
    'Gebruik precies de gestructureerde mededeling hierboven zodat uw betaling automatisch wordt toegewezen.',
  'period.monthly': 'maandelijks',
  'period.quarterly': 'driemaandelijks',
  'period.yearly': 'jaarlijks',
  'period.one_time': 'eenmalig',
  'mail.call.subject': 'Provisieoproep {title} – {building}',
  'mail.call.greeting': 'Goedendag {name},',
  'mail.call.body':
    'In bijlage vindt u de provisieoproep "{title}" voor het gebouw {building}: {amount} EUR te betalen tegen {due}.',
  'mail.call.pay': 'Overschrijving op {iban} met mededeling {communication}.',
  'reminder.friendly.subject': 'Vriendelijke herinnering – {building}',
  'reminder.friendly.body':
    'Behoudens vergissing hebben wij het bedrag van {amount} EUR, vervallen op {due}, nog niet ontvangen. Gelieve te betalen met mededeling {communication}.',
  'reminder.formal.subject': 'Herinnering – onbetaald bedrag – {building}',
  'reminder.formal.body':
    'Ondanks onze vorige herinnering blijft het bedrag van {amount} EUR, vervallen op {due}, onbetaald. Nalatigheidsinteresten aan de wettelijke rentevoet ({interest} EUR tot vandaag) zijn verschuldigd. Gelieve onverwijld te betalen.',
  'reminder.formal_notice.subject': 'Ingebrekestelling – {building}',
  'reminder.formal_notice.body':
    'In bijlage vindt u een ingebrekestelling, ook aangetekend verstuurd, voor het onbetaalde bedrag van {amount} EUR vermeerderd met {interest} EUR interesten.',
  'notice.title': 'Ingebrekestelling',
  'notice.registered': 'Aangetekend',
  'notice.intro':
    'Geachte mevrouw, geachte heer, ondanks onze herinneringen van {friendly} en {formal} blijven de volgende bedragen vandaag ({date}) onbetaald:',
  'notice.call': 'Oproep',
  'notice.due': 'Vervaldatum',
  'notice.days': 'Dagen achterstand',
  'notice.outstanding': 'Openstaand saldo',
  'notice.interest': 'Interesten ({rate} % per jaar)',
  'notice.total': 'Totaal gevorderd',
  'notice.demand':
    'Wij stellen u in gebreke om het bedrag van {total} EUR binnen 15 dagen te betalen op rekening {iban}. Bij gebrek daaraan wordt het dossier zonder verdere verwittiging aan een gerechtsdeurwaarder overgemaakt.',
  'bailiff.title': 'Dossier voor gerechtsdeurwaarder',
}
const de: Record<Keys, string> = {
  'call.title': 'Vorschussanforderung',
  'call.to': 'Empfänger',
  'call.building': 'Gebäude',
  'call.period': 'Zeitraum',
  'call.periodStart': 'ab {date}',
  'call.dueDate': 'Fälligkeit',
  'call.issued': 'Datum',
  'call.lots': 'Aufteilung je Los',
  'call.lot': 'Los',
  'call.quota': 'Anteile',
  'call.share': 'Anteil',
  'call.ordinary': 'Betriebskapital (ordentlich)',
  'call.extraordinary': 'Rücklage (außerordentlich)',
  'call.consumption': 'Verbrauch',
  'call.total': 'Summe',
  'call.totalDue': 'Zu zahlender Betrag',
  'call.consumptionTitle': 'Verteilter Verbrauch',
  'call.quantity': 'Ihr Verbrauch',
  'call.allQuantity': 'Gesamtverbrauch',
  'call.payment': 'Zahlung',
  'call.beneficiary': 'Empfänger',
  'call.iban': 'IBAN',
  'call.bic': 'BIC',
  'call.communication': 'Strukturierte Mitteilung',
  'call.scan': 'Scannen Sie diesen Code mit Ihrer Banking-App, um zu zahlen.',
  'call.note':
    'Bitte verwenden Sie genau die obige strukturierte Mitteilung, damit Ihre Zahlung automatisch zugeordnet wird.',
  'period.monthly': 'monatlich',
  'period.quarterly': 'vierteljährlich',
  'period.yearly': 'jährlich',
  'period.one_time': 'einmalig',
  'mail.call.subject': 'Vorschussanforderung {title} – {building}',
  'mail.call.greeting': 'Guten Tag {name},',
  'mail.call.body':
    'Im Anhang finden Sie die Vorschussanforderung „{title}“ für das Gebäude {building}: {amount} EUR, zahlbar bis {due}.',
  'mail.call.pay': 'Überweisung auf {iban} mit der Mitteilung {communication}.',
  'reminder.friendly.subject': 'Freundliche Erinnerung – {building}',
  'reminder.friendly.body':
    'Sofern wir uns nicht irren, ist der am {due} fällige Betrag von {amount} EUR noch nicht eingegangen. Bitte zahlen Sie mit der Mitteilung {communication}.',
  'reminder.formal.subject': 'Mahnung – offener Betrag – {building}',
  'reminder.formal.body':
    'Trotz unserer Erinnerung ist der am {due} fällige Betrag von {amount} EUR weiterhin offen. Verzugszinsen zum gesetzlichen Zinssatz ({interest} EUR bis heute) sind geschuldet. Bitte zahlen Sie umgehend.',
  'reminder.formal_notice.subject': 'Inverzugsetzung – {building}',
  'reminder.formal_notice.body':
    'Im Anhang finden Sie eine Inverzugsetzung, auch per Einschreiben versandt, über den offenen Betrag von {amount} EUR zuzüglich {interest} EUR Zinsen.',
  'notice.title': 'Inverzugsetzung',
  'notice.registered': 'Per Einschreiben',
  'notice.intro':
    'Sehr geehrte Damen und Herren, trotz unserer Erinnerungen vom {friendly} und {formal} sind folgende Beträge heute ({date}) noch offen:',
  'notice.call': 'Anforderung',
  'notice.due': 'Fälligkeit',
  'notice.days': 'Verzugstage',
  'notice.outstanding': 'Offener Betrag',
  'notice.interest': 'Zinsen ({rate} % p. a.)',
  'notice.total': 'Gesamtforderung',
  'notice.demand':
    'Wir setzen Sie hiermit in Verzug, den Betrag von {total} EUR innerhalb von 15 Tagen auf das Konto {iban} zu zahlen. Andernfalls wird die Akte ohne weitere Ankündigung einem Gerichtsvollzieher übergeben.',
  'bailiff.title': 'Akte für den Gerichtsvollzieher',
}
const en: Record<Keys, string> = {
  'call.title': 'Call for funds',
  'call.to': 'Addressee',
  'call.building': 'Building',
  'call.period': 'Period',
  'call.periodStart': 'from {date}',
  'call.dueDate': 'Due date',
  'call.issued': 'Date',
  'call.lots': 'Breakdown per lot',
  'call.lot': 'Lot',
  'call.quota': 'Quotas',
  'call.share': 'Share',
  'call.ordinary': 'Working capital (ordinary)',
  'call.extraordinary': 'Reserve fund (extraordinary)',
  'call.consumption': 'Consumption',
  'call.total': 'Total',
  'call.totalDue': 'Amount to pay',
  'call.consumptionTitle': 'Consumption charged',
  'call.quantity': 'Your consumption',
  'call.allQuantity': 'Total consumption',
  'call.payment': 'Payment',
  'call.beneficiary': 'Beneficiary',
  'call.iban': 'IBAN',
  'call.bic': 'BIC',
  'call.communication': 'Structured communication',
  'call.scan': 'Scan this code with your banking app to pay.',
  'call.note':
    'Please use exactly the structured communication above so that your payment is matched automatically.',
  'period.monthly': 'monthly',
  'period.quarterly': 'quarterly',
  'period.yearly': 'yearly',
  'period.one_time': 'one-time',
  'mail.call.subject': 'Call for funds {title} – {building}',
  'mail.call.greeting': 'Hello {name},',
  'mail.call.body':
    'Please find attached the call for funds "{title}" for {building}: {amount} EUR to pay by {due}.',
  'mail.call.pay': 'Transfer to {iban} with the communication {communication}.',
  'reminder.friendly.subject': 'Friendly reminder – {building}',
  'reminder.friendly.body':
    'Unless we are mistaken, the amount of {amount} EUR due on {due} has not been received yet. Please pay with the communication {communication}.',
  'reminder.formal.subject': 'Reminder – unpaid amount – {building}',
  'reminder.formal.body':
    'Despite our previous reminder, the amount of {amount} EUR due on {due} is still unpaid. Late interest at the legal rate ({interest} EUR to date) is due. Please pay without delay.',
  'reminder.formal_notice.subject': 'Formal notice – {building}',
  'reminder.formal_notice.body':
    'Please find attached a formal notice, also sent by registered letter, for the unpaid amount of {amount} EUR plus {interest} EUR of interest.',
  'notice.title': 'Formal notice',
  'notice.registered': 'By registered letter',
  'notice.intro':
    'Dear Sir or Madam, despite our reminders of {friendly} and {formal}, the following amounts are still unpaid today ({date}):',
  'notice.call': 'Call',
  'notice.due': 'Due',
  'notice.days': 'Days late',
  'notice.outstanding': 'Outstanding',
  'notice.interest': 'Interest ({rate} % a year)',
  'notice.total': 'Total claimed',
  'notice.demand':
    'We hereby give you formal notice to pay {total} EUR within 15 days to account {iban}. Failing that, the file will be handed to a bailiff without further notice.',
  'bailiff.title': 'File for the bailiff',
}

const all: Record<DocLocale, Record<Keys, string>> = { fr, nl, de, en }

export function docLocale(value: unknown): DocLocale {
  return value === 'nl' || value === 'de' || value === 'en' || value === 'fr' ? value : 'fr'
}

export function docT(locale: DocLocale, key: Keys, vars: Record<string, unknown> = {}): string {
  const template = all[locale][key] ?? fr[key]
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`))
}

const intlLocale: Record<DocLocale, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' }

/** 1500.00 → "1 500,00" (fr), "1.500,00" (nl/de), "1,500.00" (en): exact, from the string. */
export function formatMoney(amount: string, locale: DocLocale): string {
  const [whole, fraction = '00'] = amount.replace('-', '').split('.')
  const sep = locale === 'en' ? ',' : locale === 'fr' ? '\u202f' : '.'
  const dec = locale === 'en' ? '.' : ','
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep)
  return `${amount.startsWith('-') ? '−' : ''}${grouped}${dec}${fraction}`
}

export function formatDate(date: string, locale: DocLocale): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d))
  )
}
