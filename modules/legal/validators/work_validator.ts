import vine from '@vinejs/vine'
import { date, money, optText, text, uuid } from './registers_validator.js'

export const TICKET_CATEGORIES = [
  'plumbing',
  'electrical',
  'heating',
  'elevator',
  'roof',
  'facade',
  'common_areas',
  'security',
  'cleaning',
  'other',
] as const
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const TICKET_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed'] as const

export const createContractorValidator = vine.create({
  name: text(200),
  contactName: optText(200),
  email: vine.string().trim().email().maxLength(254),
  phone: optText(40),
  vatNumber: optText(20),
  trade: optText(60),
  userId: uuid().nullable().optional(),
  /** Sends a portal invitation with the role `contractor` to `email`. */
  invite: vine.boolean().optional(),
})

export const updateContractorValidator = vine.create({
  name: text(200).optional(),
  contactName: optText(200),
  phone: optText(40),
  vatNumber: optText(20),
  trade: optText(60),
  userId: uuid().nullable().optional(),
  active: vine.boolean().optional(),
})

export const createTicketValidator = vine.create({
  title: text(200),
  description: text(5000),
  category: vine.enum(TICKET_CATEGORIES),
  priority: vine.enum(TICKET_PRIORITIES).optional(),
  unitId: uuid().nullable().optional(),
})

export const assignTicketValidator = vine.create({ contractorId: uuid() })

const material = vine.object({
  name: text(200),
  quantity: vine.number().min(0).max(1000000).decimal([0, 3]),
  unitPrice: money(),
})

export const createWorkReportValidator = vine.create({
  buildingId: uuid(),
  contractorId: uuid(),
  title: text(200),
  description: text(10000),
  workDate: date(),
  hoursWorked: vine.number().min(0).max(10000).decimal([0, 2]),
  materials: vine.array(material).maxLength(200).optional(),
  ticketId: uuid().nullable().optional(),
})

export const updateWorkReportValidator = vine.create({
  title: text(200).optional(),
  description: text(10000).optional(),
  workDate: date().optional(),
  hoursWorked: vine.number().min(0).max(10000).decimal([0, 2]).optional(),
  materials: vine.array(material).maxLength(200).optional(),
  ticketId: uuid().nullable().optional(),
})

export const rejectWorkReportValidator = vine.create({ reason: text(2000) })
