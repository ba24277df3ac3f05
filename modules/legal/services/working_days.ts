import { DateTime } from 'luxon'

/*
| Belgian working days (SPEC §2: deadlines in Europe/Brussels with Belgian public
| holidays). The ten legal holidays of the Royal Decree of 18 April 1974: New Year,
| Easter Monday, Labour Day, Ascension, Whit Monday, National Day, Assumption, All
| Saints, Armistice, Christmas. Easter is computed (Meeus/Jones/Butcher, Gregorian),
| never tabled, so the calculator works for any year.
*/
export const ZONE = 'Europe/Brussels'

/** Easter Sunday of `year` as YYYY-MM-DD (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const cache = new Map<number, Map<string, string>>()

/** The Belgian public holidays of `year`: date → name. */
export function belgianHolidays(year: number): Map<string, string> {
  const cached = cache.get(year)
  if (cached) return cached
  const easter = DateTime.fromISO(easterSunday(year), { zone: ZONE })
  const plus = (days: number) => easter.plus({ days }).toISODate()!
  const fixed = (m: number, d: number) =>
    `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const holidays = new Map<string, string>([
    [fixed(1, 1), 'new_year'],
    [plus(1), 'easter_monday'],
    [fixed(5, 1), 'labour_day'],
    [plus(39), 'ascension'],
    [plus(50), 'whit_monday'],
    [fixed(7, 21), 'national_day'],
    [fixed(8, 15), 'assumption'],
    [fixed(11, 1), 'all_saints'],
    [fixed(11, 11), 'armistice'],
    [fixed(12, 25), 'christmas'],
  ])
  cache.set(year, holidays)
  return holidays
}

function parse(date: string): DateTime {
  const dt = DateTime.fromISO(date, { zone: ZONE })
  if (!dt.isValid) throw new Error(`Invalid date ${date}`)
  return dt.startOf('day')
}

export function isHoliday(date: string): boolean {
  return belgianHolidays(Number(date.slice(0, 4))).has(date)
}

export function isWorkingDay(date: string): boolean {
  const dt = parse(date)
  return dt.weekday <= 5 && !isHoliday(dt.toISODate()!)
}

/** `date` + `n` working days (n ≥ 0): the day the n-th working day after `date` falls on. */
export function addWorkingDays(date: string, n: number): string {
  let dt = parse(date)
  let left = n
  while (left > 0) {
    dt = dt.plus({ days: 1 })
    if (isWorkingDay(dt.toISODate()!)) left--
  }
  return dt.toISODate()!
}

/**
 * Working days from `from` to `to`: the count of working days d with from < d ≤ to,
 * negative (−count of from ≥ d > to) when `to` is before `from`. So the due date itself
 * is 0 days away on the day, 1 on the working day before.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (from === to) return 0
  const sign = to > from ? 1 : -1
  let a = parse(sign > 0 ? from : to)
  const b = parse(sign > 0 ? to : from)
  let count = 0
  while (a < b) {
    a = a.plus({ days: 1 })
    if (isWorkingDay(a.toISODate()!)) count++
  }
  return sign * count
}

/** Today's date in Brussels (jobs accept an explicit `today` for time travel in tests). */
export function todayInBrussels(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!
}

/** Adds calendar days to a date. */
export function addDays(date: string, days: number): string {
  return parse(date).plus({ days }).toISODate()!
}

export function addMonths(date: string, months: number): string {
  return parse(date).plus({ months }).toISODate()!
}
