import { DateTime } from 'luxon'

/*
| "Now" for billing rules (past_due grace, trial reminders). Injectable so tests travel
| in time instead of sleeping: `clock.travel({ days: 8 })`, `clock.reset()`.
*/
let offsetMs = 0
let frozen: DateTime | null = null

export const clock = {
  now(): DateTime {
    return frozen ?? DateTime.now().plus({ milliseconds: offsetMs })
  },
  /** Moves "now" forward (or back) by a duration, cumulatively. */
  travel(duration: { days?: number; hours?: number; minutes?: number }) {
    const ms =
      ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) *
      60_000
    if (frozen) frozen = frozen.plus({ milliseconds: ms })
    else offsetMs += ms
  },
  freeze(at: DateTime) {
    frozen = at
  },
  reset() {
    offsetMs = 0
    frozen = null
  },
}
