/* Strings of the generated documents and e-mails (convocation, proxy form, minutes). */
export type DocLocale = 'fr' | 'nl' | 'de' | 'en'

export function docLocale(value: unknown): DocLocale {
  return ['fr', 'nl', 'de', 'en'].includes(String(value)) ? (value as DocLocale) : 'fr'
}

const fr = {
  convocation: 'Convocation à l’assemblée générale',
  ordinary: 'ordinaire',
  extraordinary: 'extraordinaire',
  secondMeeting: 'Seconde assemblée (délibère quel que soit le nombre de présents)',
  dear: 'Madame, Monsieur',
  intro: 'Vous êtes convoqué(e) à l’assemblée générale {kind} des copropriétaires de {building}.',
  when: 'Date et heure',
  where: 'Lieu',
  video: 'Participation à distance',
  agenda: 'Ordre du jour',
  majority: 'Majorité',
  absolute: 'absolue',
  two_thirds: 'deux tiers',
  four_fifths: 'quatre cinquièmes',
  unanimity: 'unanimité',
  units: 'Lots',
  votes: 'Voix',
  proxyTitle: 'Procuration',
  proxyText:
    'Je soussigné(e) {owner}, copropriétaire des lots {units} ({votes} voix), donne procuration à ____________________ pour me représenter à l’assemblée générale du {date} et voter en mon nom sur tous les points de l’ordre du jour. Le syndic et son personnel ne peuvent détenir de procuration ; un mandataire n’accepte pas plus de trois procurations, sauf si ses voix et celles qu’il représente ne dépassent pas 10 % du total.',
  signature: 'Date et signature',
  registered: 'Envoi recommandé',
  minutes: 'Procès-verbal de l’assemblée générale',
  minutesIntro: 'Assemblée générale {kind} des copropriétaires de {building}.',
  attendance: 'Présences',
  present: 'présent',
  represented: 'représenté',
  absent: 'absent',
  remote: 'à distance',
  quorum: 'Quorum',
  quorumReached:
    'Quorum atteint : {owners} copropriétaires sur {totalOwners}, {votes} voix sur {totalVotes}.',
  quorumNotRequired:
    'Seconde assemblée : pas de quorum requis ({owners} copropriétaires, {votes} voix sur {totalVotes}).',
  results: 'Décisions',
  adopted: 'Adoptée',
  rejected: 'Rejetée',
  notVoted: 'Non mis au vote',
  yes: 'Pour',
  no: 'Contre',
  abstain: 'Abstention',
  against: 'Ont voté contre',
  abstained: 'Se sont abstenus',
  capped: 'Voix réduites (plafond art. 3.87 §6) : {name} {votes} → {counted}',
  digest: 'Empreinte finale de la chaîne des votes (SHA-256)',
  digestHelp:
    'Chaque copropriétaire peut vérifier sur le portail que son vote figure dans cette chaîne.',
  reminderSubject: 'Rappel : assemblée générale du {date}',
  convocationSubject: 'Convocation : assemblée générale du {date}',
  minutesSubject: 'Procès-verbal de l’assemblée générale du {date}',
  mailBody:
    'Vous trouverez en pièce jointe la convocation, l’ordre du jour et un formulaire de procuration.',
  reminderBody: 'Pour rappel, l’assemblée générale a lieu dans trois jours.',
  minutesBody: 'Vous trouverez en pièce jointe le procès-verbal de l’assemblée générale.',
}
type Dict = typeof fr

const nl: Dict = {
  convocation: 'Oproeping tot de algemene vergadering',
  ordinary: 'gewone',
  extraordinary: 'buitengewone',
  secondMeeting: 'Tweede vergadering (beraadslaagt ongeacht het aantal aanwezigen)',
  dear: 'Geachte mevrouw, geachte heer',
  intro:
    'U wordt uitgenodigd op de {kind} algemene vergadering van de mede-eigenaars van {building}.',
  when: 'Datum en uur',
  where: 'Plaats',
  video: 'Deelname op afstand',
  agenda: 'Agenda',
  majority: 'Meerderheid',
  absolute: 'volstrekte',
  two_thirds: 'twee derde',
  four_fifths: 'vier vijfde',
  unanimity: 'eenparigheid',
  units: 'Kavels',
  votes: 'Stemmen',
  proxyTitle: 'Volmacht',
  proxyText:
    'Ondergetekende {owner}, mede-eigenaar van kavels {units} ({votes} stemmen), geeft volmacht aan ____________________ om mij te vertegenwoordigen op de algemene vergadering van {date} en in mijn naam te stemmen over alle agendapunten. De syndicus en zijn personeel kunnen geen volmacht houden; een lasthebber aanvaardt ten hoogste drie volmachten, tenzij zijn stemmen en de vertegenwoordigde stemmen 10 % van het totaal niet overschrijden.',
  signature: 'Datum en handtekening',
  registered: 'Aangetekende zending',
  minutes: 'Notulen van de algemene vergadering',
  minutesIntro: '{kind} algemene vergadering van de mede-eigenaars van {building}.',
  attendance: 'Aanwezigheden',
  present: 'aanwezig',
  represented: 'vertegenwoordigd',
  absent: 'afwezig',
  remote: 'op afstand',
  quorum: 'Quorum',
  quorumReached:
    'Quorum bereikt: {owners} mede-eigenaars van {totalOwners}, {votes} stemmen van {totalVotes}.',
  quorumNotRequired:
    'Tweede vergadering: geen quorum vereist ({owners} mede-eigenaars, {votes} stemmen van {totalVotes}).',
  results: 'Beslissingen',
  adopted: 'Aangenomen',
  rejected: 'Verworpen',
  notVoted: 'Niet ter stemming gelegd',
  yes: 'Voor',
  no: 'Tegen',
  abstain: 'Onthouding',
  against: 'Stemden tegen',
  abstained: 'Onthielden zich',
  capped: 'Stemmen beperkt (plafond art. 3.87 §6): {name} {votes} → {counted}',
  digest: 'Eindvingerafdruk van de stemketen (SHA-256)',
  digestHelp: 'Elke mede-eigenaar kan op het portaal nagaan dat zijn stem in deze keten zit.',
  reminderSubject: 'Herinnering: algemene vergadering van {date}',
  convocationSubject: 'Oproeping: algemene vergadering van {date}',
  minutesSubject: 'Notulen van de algemene vergadering van {date}',
  mailBody: 'In bijlage vindt u de oproeping, de agenda en een volmachtformulier.',
  reminderBody: 'Ter herinnering: de algemene vergadering vindt over drie dagen plaats.',
  minutesBody: 'In bijlage vindt u de notulen van de algemene vergadering.',
}

const de: Dict = {
  convocation: 'Einberufung der Generalversammlung',
  ordinary: 'ordentlichen',
  extraordinary: 'außerordentlichen',
  secondMeeting: 'Zweite Versammlung (beschlussfähig unabhängig von der Anwesenheit)',
  dear: 'Sehr geehrte Damen und Herren',
  intro: 'Sie werden zur {kind} Generalversammlung der Miteigentümer von {building} eingeladen.',
  when: 'Datum und Uhrzeit',
  where: 'Ort',
  video: 'Teilnahme aus der Ferne',
  agenda: 'Tagesordnung',
  majority: 'Mehrheit',
  absolute: 'absolute',
  two_thirds: 'Zweidrittel',
  four_fifths: 'Vierfünftel',
  unanimity: 'Einstimmigkeit',
  units: 'Lose',
  votes: 'Stimmen',
  proxyTitle: 'Vollmacht',
  proxyText:
    'Der/die Unterzeichnete {owner}, Miteigentümer der Lose {units} ({votes} Stimmen), bevollmächtigt ____________________, mich in der Generalversammlung vom {date} zu vertreten und in meinem Namen zu allen Tagesordnungspunkten abzustimmen. Der Verwalter und sein Personal dürfen keine Vollmacht halten; ein Bevollmächtigter nimmt höchstens drei Vollmachten an, es sei denn, seine und die vertretenen Stimmen übersteigen 10 % der Gesamtstimmen nicht.',
  signature: 'Datum und Unterschrift',
  registered: 'Einschreiben',
  minutes: 'Protokoll der Generalversammlung',
  minutesIntro: 'Generalversammlung ({kind}) der Miteigentümer von {building}.',
  attendance: 'Anwesenheit',
  present: 'anwesend',
  represented: 'vertreten',
  absent: 'abwesend',
  remote: 'aus der Ferne',
  quorum: 'Beschlussfähigkeit',
  quorumReached:
    'Beschlussfähig: {owners} von {totalOwners} Miteigentümern, {votes} von {totalVotes} Stimmen.',
  quorumNotRequired:
    'Zweite Versammlung: keine Beschlussfähigkeit erforderlich ({owners} Miteigentümer, {votes} von {totalVotes} Stimmen).',
  results: 'Beschlüsse',
  adopted: 'Angenommen',
  rejected: 'Abgelehnt',
  notVoted: 'Nicht abgestimmt',
  yes: 'Ja',
  no: 'Nein',
  abstain: 'Enthaltung',
  against: 'Dagegen stimmten',
  abstained: 'Enthalten haben sich',
  capped: 'Stimmen begrenzt (Art. 3.87 §6): {name} {votes} → {counted}',
  digest: 'Endgültiger Fingerabdruck der Stimmenkette (SHA-256)',
  digestHelp:
    'Jeder Miteigentümer kann im Portal prüfen, dass seine Stimme in dieser Kette enthalten ist.',
  reminderSubject: 'Erinnerung: Generalversammlung vom {date}',
  convocationSubject: 'Einberufung: Generalversammlung vom {date}',
  minutesSubject: 'Protokoll der Generalversammlung vom {date}',
  mailBody: 'Im Anhang finden Sie die Einberufung, die Tagesordnung und ein Vollmachtsformular.',
  reminderBody: 'Zur Erinnerung: Die Generalversammlung findet in drei Tagen statt.',
  minutesBody: 'Im Anhang finden Sie das Protokoll der Generalversammlung.',
}

const en: Dict = {
  convocation: 'Notice of general meeting',
  ordinary: 'ordinary',
  extraordinary: 'extraordinary',
  secondMeeting: 'Second meeting (deliberates whatever the attendance)',
  dear: 'Dear co-owner',
  intro: 'You are invited to the {kind} general meeting of the co-owners of {building}.',
  when: 'Date and time',
  where: 'Place',
  video: 'Remote attendance',
  agenda: 'Agenda',
  majority: 'Majority',
  absolute: 'absolute',
  two_thirds: 'two thirds',
  four_fifths: 'four fifths',
  unanimity: 'unanimity',
  units: 'Units',
  votes: 'Votes',
  proxyTitle: 'Proxy form',
  proxyText:
    'I, the undersigned {owner}, co-owner of units {units} ({votes} votes), appoint ____________________ to represent me at the general meeting of {date} and to vote in my name on every item of the agenda. The syndic and its staff cannot hold a proxy; a holder accepts at most three proxies unless their own and the delegated votes do not exceed 10 % of all votes.',
  signature: 'Date and signature',
  registered: 'Registered letter',
  minutes: 'Minutes of the general meeting',
  minutesIntro: 'The {kind} general meeting of the co-owners of {building}.',
  attendance: 'Attendance',
  present: 'present',
  represented: 'represented',
  absent: 'absent',
  remote: 'remote',
  quorum: 'Quorum',
  quorumReached:
    'Quorum reached: {owners} co-owners of {totalOwners}, {votes} votes of {totalVotes}.',
  quorumNotRequired:
    'Second meeting: no quorum required ({owners} co-owners, {votes} votes of {totalVotes}).',
  results: 'Decisions',
  adopted: 'Adopted',
  rejected: 'Rejected',
  notVoted: 'Not put to the vote',
  yes: 'Yes',
  no: 'No',
  abstain: 'Abstain',
  against: 'Voted against',
  abstained: 'Abstained',
  capped: 'Votes capped (art. 3.87 §6): {name} {votes} → {counted}',
  digest: 'Final digest of the vote chain (SHA-256)',
  digestHelp: 'Every co-owner can check in the portal that their vote is part of this chain.',
  reminderSubject: 'Reminder: general meeting of {date}',
  convocationSubject: 'Notice: general meeting of {date}',
  minutesSubject: 'Minutes of the general meeting of {date}',
  mailBody: 'Attached: the notice of meeting, its agenda and a proxy form.',
  reminderBody: 'A reminder: the general meeting takes place in three days.',
  minutesBody: 'Attached: the minutes of the general meeting.',
}

const dicts: Record<DocLocale, Dict> = { fr, nl, de, en }

export function docT(locale: DocLocale) {
  return (key: keyof Dict, vars: Record<string, string | number> = {}) =>
    dicts[locale][key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''))
}

export function formatDateTime(value: Date | string, locale: DocLocale) {
  return new Intl.DateTimeFormat(`${locale}-BE`, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(value))
}

export function formatDate(value: Date | string, locale: DocLocale) {
  return new Intl.DateTimeFormat(`${locale}-BE`, {
    dateStyle: 'long',
    timeZone: 'Europe/Brussels',
  }).format(new Date(value))
}
