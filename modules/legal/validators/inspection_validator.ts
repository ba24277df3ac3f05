import vine from '@vinejs/vine'
import { INSPECTION_TYPES } from '#config/legal'
import { date, optText, text } from './registers_validator.js'

export const createInspectionValidator = vine.create({
  type: vine.enum(INSPECTION_TYPES),
  scheduledDate: date(),
  inspector: vine
    .object({
      name: text(200),
      company: text(200),
      accreditation: optText(100),
    })
    .nullable()
    .optional(),
  notes: optText(5000),
  heatingFuel: vine
    .enum(['gas', 'oil'] as const)
    .nullable()
    .optional(),
  heatingPowerKw: vine.number().withoutDecimals().min(0).max(100000).nullable().optional(),
})

export const completeInspectionValidator = vine.create({
  result: vine.enum(['passed', 'failed'] as const),
  certificateNumber: optText(100),
  inspectionDate: date().optional(),
  validUntil: date().nullable().optional(),
  defects: vine.array(vine.string().trim().minLength(1).maxLength(500)).maxLength(100).optional(),
})
