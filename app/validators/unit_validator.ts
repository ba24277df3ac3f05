import vine from '@vinejs/vine'
import { UNIT_TYPES } from '#models/unit'

const number = () => vine.string().trim().minLength(1).maxLength(30)
const floor = () => vine.string().trim().maxLength(10)
// m², up to 2 decimals; numeric(10,2) in the DB.
const area = () => vine.number().decimal([0, 2]).min(0).max(99999999.99)
const quota = () => vine.number().withoutDecimals().range([1, 10000])

export const createUnitValidator = vine.create({
  number: number(),
  type: vine.enum(UNIT_TYPES),
  floor: floor().nullable().optional(),
  area: area().nullable().optional(),
  quota: quota(),
})

export const updateUnitValidator = vine.create({
  number: number().optional(),
  type: vine.enum(UNIT_TYPES).optional(),
  floor: floor().nullable().optional(),
  area: area().nullable().optional(),
  quota: quota().optional(),
})
