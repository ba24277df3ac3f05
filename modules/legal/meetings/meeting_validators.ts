import vine from '@vinejs/vine'
import { CHOICES, MAJORITIES } from './meeting_rules.js'

/* Request bodies of the general-assembly endpoints (VineJS → 422 per field). */
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const timestamp = () => vine.string().trim().regex(ISO_TS)
const optText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

export const createMeetingValidator = vine.create({
  kind: vine.enum(['ordinary', 'extraordinary'] as const),
  title: vine.string().trim().minLength(1).maxLength(200),
  scheduledAt: timestamp(),
  place: optText(300),
  videoUrl: vine
    .string()
    .trim()
    .url({ protocols: ['https'] })
    .maxLength(500)
    .nullable()
    .optional(),
})

export const updateMeetingValidator = vine.create({
  kind: vine.enum(['ordinary', 'extraordinary'] as const).optional(),
  title: vine.string().trim().minLength(1).maxLength(200).optional(),
  scheduledAt: timestamp().optional(),
  place: optText(300),
  videoUrl: vine
    .string()
    .trim()
    .url({ protocols: ['https'] })
    .maxLength(500)
    .nullable()
    .optional(),
})

export const agendaItemValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(300),
  description: optText(5000),
  majority: vine.enum(MAJORITIES).optional(),
  documentIds: vine.array(vine.string().trim()).maxLength(20).optional(),
})

export const updateAgendaItemValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(300).optional(),
  description: optText(5000),
  majority: vine.enum(MAJORITIES).optional(),
})

export const agendaOrderValidator = vine.create({
  ids: vine.array(vine.string().trim()).minLength(1).maxLength(200),
})

export const representativeValidator = vine.create({
  ownerId: vine.string().trim(),
})

export const attendanceValidator = vine.create({
  ownerId: vine.string().trim().uuid(),
  status: vine.enum(['present', 'absent'] as const),
  remote: vine.boolean().optional(),
})

export const proxyValidator = vine.create({
  grantorOwnerId: vine.string().trim().uuid(),
  holderOwnerId: vine.string().trim().uuid().nullable().optional(),
  holderName: optText(200),
  holderEmail: vine.string().trim().email().maxLength(254).nullable().optional(),
})

export const secondMeetingValidator = vine.create({
  scheduledAt: timestamp(),
  place: optText(300),
  videoUrl: vine
    .string()
    .trim()
    .url({ protocols: ['https'] })
    .maxLength(500)
    .nullable()
    .optional(),
})

export const resolutionValidator = vine.create({
  agendaItemId: vine.string().trim(),
})

export const voteValidator = vine.create({
  ownerId: vine.string().trim().uuid().optional(),
  choice: vine.enum(CHOICES),
})

export const meetingRequestValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const councilMemberValidator = vine.create({
  ownerId: vine.string().trim().uuid(),
  role: vine.enum(['president', 'member', 'auditor'] as const).optional(),
  mandateStart: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/),
  mandateEnd: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
})

/** ISO string → Date, or a 422 on the field. */
export function toDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value)
}
