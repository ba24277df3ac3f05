/*
| The standard chart of a Belgian co-ownership (association des copropriétaires /
| vereniging van mede-eigenaars), following the minimum chart of AR 12/07/2012 (PCMN
| classes 1–7). Every account seeded here is a leaf, so it can take postings at once;
| a syndic refines it with sub-accounts (e.g. 6120 lift, 6121 garden under 612 only
| while 612 has no postings).
*/
export type Locale = 'fr' | 'nl' | 'de' | 'en'

export interface StandardAccount {
  code: string
  names: Record<Locale, string>
}

const a = (code: string, fr: string, nl: string, de: string, en: string): StandardAccount => ({
  code,
  names: { fr, nl, de, en },
})

export const STANDARD_CHART: StandardAccount[] = [
  // Class 1: own funds of the association
  a('100', 'Fonds de roulement', 'Werkkapitaal', 'Betriebsmittelfonds', 'Working capital fund'),
  a('140', 'Résultat reporté', 'Overgedragen resultaat', 'Ergebnisvortrag', 'Retained result'),
  a('160', 'Fonds de réserve', 'Reservekapitaal', 'Rücklagenfonds', 'Reserve fund'),
  // Class 4: receivables and payables
  a(
    '400',
    'Copropriétaires — fonds de roulement',
    'Mede-eigenaars — werkkapitaal',
    'Miteigentümer — Betriebsmittel',
    'Co-owners — working capital'
  ),
  a(
    '410',
    'Copropriétaires — appels de fonds',
    'Mede-eigenaars — provisieoproepen',
    'Miteigentümer — Vorschussanforderungen',
    'Co-owners — calls for funds'
  ),
  a(
    '411',
    'TVA à récupérer',
    'Terug te vorderen btw',
    'Erstattungsfähige MwSt.',
    'VAT recoverable'
  ),
  a('440', 'Fournisseurs', 'Leveranciers', 'Lieferanten', 'Suppliers'),
  a('451', 'TVA à payer', 'Te betalen btw', 'Geschuldete MwSt.', 'VAT payable'),
  a('499', "Compte d'attente", 'Wachtrekening', 'Zwischenkonto', 'Suspense account'),
  // Class 5: cash
  a(
    '550',
    'Banque — compte courant',
    'Bank — zichtrekening',
    'Bank — Girokonto',
    'Bank — current account'
  ),
  a(
    '551',
    'Banque — compte épargne',
    'Bank — spaarrekening',
    'Bank — Sparkonto',
    'Bank — savings account'
  ),
  a('57', 'Caisse', 'Kas', 'Kasse', 'Cash'),
  // Classes 60–64: charges by nature
  a('600', 'Électricité', 'Elektriciteit', 'Strom', 'Electricity'),
  a('601', 'Eau', 'Water', 'Wasser', 'Water'),
  a('602', 'Chauffage', 'Verwarming', 'Heizung', 'Heating'),
  a('610', 'Assurances', 'Verzekeringen', 'Versicherungen', 'Insurance'),
  a('611', 'Nettoyage', 'Schoonmaak', 'Reinigung', 'Cleaning'),
  a('612', 'Entretien', 'Onderhoud', 'Wartung', 'Maintenance'),
  a('613', 'Réparations', 'Herstellingen', 'Reparaturen', 'Repairs'),
  a('614', 'Honoraires du syndic', 'Erelonen syndicus', 'Verwalterhonorar', 'Syndic fees'),
  a(
    '615',
    'Honoraires et frais divers',
    'Erelonen en diverse kosten',
    'Honorare und sonstige Kosten',
    'Other fees and costs'
  ),
  a(
    '620',
    'Rémunérations (concierge)',
    'Bezoldigingen (conciërge)',
    'Löhne (Hausmeister)',
    'Wages (caretaker)'
  ),
  a('640', 'Taxes et impôts', 'Belastingen en taksen', 'Steuern und Abgaben', 'Taxes'),
  a('643', 'Frais bancaires', 'Bankkosten', 'Bankgebühren', 'Bank fees'),
  // Class 7: provisions called and income
  a(
    '700',
    'Provisions ordinaires (fonds de roulement)',
    'Gewone provisies (werkkapitaal)',
    'Ordentliche Vorschüsse',
    'Ordinary provisions (working capital)'
  ),
  a(
    '701',
    'Provisions extraordinaires (fonds de réserve)',
    'Buitengewone provisies (reservekapitaal)',
    'Außerordentliche Vorschüsse',
    'Extraordinary provisions (reserve fund)'
  ),
  a('740', 'Produits divers', 'Diverse opbrengsten', 'Sonstige Erträge', 'Other income'),
  a('750', 'Intérêts bancaires', 'Bankintresten', 'Bankzinsen', 'Bank interest'),
  a('751', 'Intérêts de retard', 'Nalatigheidsintresten', 'Verzugszinsen', 'Late-payment interest'),
]

/** Where year-end closing puts the result of classes 6 and 7. */
export const RESULT_ACCOUNT = '140'
/** Co-owners' current accounts: owner balances are this account per ownerId. */
export const OWNERS_ACCOUNT = '410'
