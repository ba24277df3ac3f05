import { DateTime } from 'luxon'

/*
| The module's clock. Rules that depend on "now" (advance window, free cancellation,
| check-in window, poll auto-close, notice expiry, no-show) read it here and pass it to
| SQL as a parameter (never SQL now()), so tests can travel in time with `travelTo`.
*/
let offsetMs = 0

export const clock = {
  now(): DateTime {
    return DateTime.utc().plus({ milliseconds: offsetMs })
  },
  nowDate(): Date {
    return new Date(Date.now() + offsetMs)
  },
  /** Test seam: shift the clock so that now() ≈ `at` (or by a duration in ms). */
  travelTo(at: DateTime | Date) {
    offsetMs = (at instanceof Date ? at.getTime() : at.toMillis()) - Date.now()
  },
  travelBy(ms: number) {
    offsetMs += ms
  },
  reset() {
    offsetMs = 0
  },
}
