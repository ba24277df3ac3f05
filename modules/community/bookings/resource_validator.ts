import vine from '@vinejs/vine'

export const RESOURCE_TYPES = [
  'room',
  'laundry',
  'parking',
  'guest_room',
  'garden',
  'bbq',
  'equipment',
  'other',
] as const

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const hhmm = () => vine.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
/** `{mon: [{from:'08:00', to:'22:00'}], …}` in Europe/Brussels local time; missing day = closed. */
const openingHours = () =>
  vine.object(
    Object.fromEntries(
      DAYS.map((d) => [
        d,
        vine
          .array(vine.object({ from: hhmm(), to: hhmm() }))
          .maxLength(4)
          .optional(),
      ])
    ) as Record<(typeof DAYS)[number], any>
  )

const fields = {
  name: vine.string().trim().minLength(1).maxLength(200),
  type: vine.enum(RESOURCE_TYPES),
  description: vine.string().trim().maxLength(5000).nullable().optional(),
  capacity: vine.number().withoutDecimals().range([1, 100000]).nullable().optional(),
  hourlyRate: vine.any().optional(),
  dailyRate: vine.any().optional(),
  depositAmount: vine.any().optional(),
  requiresApproval: vine.boolean(),
  maxBookingHours: vine.number().withoutDecimals().range([1, 2160]).optional(),
  advanceBookingDays: vine.number().withoutDecimals().range([1, 90]).optional(),
  maxConcurrentBookings: vine.number().withoutDecimals().range([1, 50]).optional(),
  openingHours: openingHours().nullable().optional(),
}

export const createResourceValidator = vine.create({
  buildingId: vine.string().trim(),
  ...fields,
})

export const updateResourceValidator = vine.create({
  name: fields.name.optional(),
  type: vine.enum(RESOURCE_TYPES).optional(),
  description: fields.description,
  capacity: fields.capacity,
  hourlyRate: vine.any().optional(),
  dailyRate: vine.any().optional(),
  depositAmount: vine.any().optional(),
  requiresApproval: vine.boolean().optional(),
  maxBookingHours: fields.maxBookingHours,
  advanceBookingDays: fields.advanceBookingDays,
  maxConcurrentBookings: fields.maxConcurrentBookings,
  openingHours: fields.openingHours,
})

export const createBookingValidator = vine.create({
  startsAt: vine.string().trim(),
  endsAt: vine.string().trim(),
  notes: vine.string().trim().maxLength(1000).nullable().optional(),
  ownerId: vine.string().trim().nullable().optional(),
})

export const rejectBookingValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
})
