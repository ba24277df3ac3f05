/*
| Legal module settings that are rules, not code (SPEC §7, issue 9). Periodicities of
| technical inspections are in months. Where Belgian regions differ the value is per
| region (`brussels`, `flanders`, `wallonia`, derived from the building's postal code);
| `default` applies when a region has no own value. Change them here, not in code.
*/
export type Region = 'brussels' | 'flanders' | 'wallonia'
export type PeriodicityRule = { default: number | null } & Partial<Record<Region, number | null>>

export const INSPECTION_TYPES = [
  'electrical',
  'heating',
  'elevator',
  'fire_safety',
  'peb',
  'gas',
  'water',
  'structural',
] as const
export type InspectionType = (typeof INSPECTION_TYPES)[number]

const legalConfig = {
  etatDate: {
    /** Art. 3.94 §1 Civil Code: the syndic answers within 15 days (working days here, see README). */
    dueWorkingDays: 15,
    /** An état daté is valid 90 days after delivery. */
    validityDays: 90,
    /** Deadline reminders to the syndic, in working days left. */
    reminderWorkingDays: [5, 2],
    /** Charges history depth (section 14) and insurance claims (section 9), in years. */
    historyYears: 3,
  },
  notary: {
    /** Default fee when the organisation set none (module settings `notaryFee`). */
    defaultFee: '0.00',
    /** Public requests per IP and 10 minutes. */
    requestsPerWindow: 5,
    /** Tracking page reads (and PDF downloads) per IP and 10 minutes. */
    trackingPerWindow: 60,
    window: '10 mins',
  },
  inspections: {
    /** Alert thresholds in days before validUntil. */
    alertDays: [90, 60, 30],
    /** "Due soon" on the compliance board. */
    dueSoonDays: 90,
    periodicityMonths: {
      // AREI/RGIE: installations of common parts, every 25 years for domestic use.
      electrical: { default: 300 },
      // Installations before 1 Oct 1981 follow the old-installation rules (art. 270 RGIE):
      // a visit then requires the whole installation to be brought up to date. Same
      // periodicity by default; change it here if the syndic's inspector says otherwise.
      electrical_pre1981: { default: 300 },
      // Heating: > 100 kW yearly everywhere; below, gas every 2 years and oil every 3
      // years by default (SPEC §7), regions may differ (Brussels COBRACE, Flemish
      // VLAREM, Walloon AGW): adapt per region here.
      heating_high_power: { default: 12 },
      heating_gas: { default: 24, brussels: 24, flanders: 24, wallonia: 36 },
      heating_oil: { default: 36, brussels: 12, flanders: 12, wallonia: 12 },
      // Lifts: yearly risk analysis (RD 9 March 2003), periodic checks by an approved body.
      elevator: { default: 12 },
      fire_safety: { default: 36 },
      // PEB / EPB energy certificate: valid 10 years.
      peb: { default: 120 },
      gas: { default: 60 },
      water: { default: 12 },
      structural: { default: 120 },
    } satisfies Record<string, PeriodicityRule>,
    /** Power threshold (kW) above which heating is checked yearly. */
    heatingHighPowerKw: 100,
    /** Construction year before which the old-installation electrical rules apply. */
    electricalOldBefore: 1981,
  },
  photos: {
    maxBytes: 10 * 1024 * 1024,
    maxPerReport: 20,
    thumbnailWidth: 320,
  },
}

/** Region of a Belgian postal code (bpost ranges). */
export function regionOf(postalCode: string | null | undefined): Region {
  const code = Number(String(postalCode ?? '').trim())
  if (code >= 1000 && code <= 1299) return 'brussels'
  if ((code >= 1300 && code <= 1499) || (code >= 4000 && code <= 7999)) return 'wallonia'
  return 'flanders'
}

export default legalConfig
