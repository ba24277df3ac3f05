import vine from '@vinejs/vine'
import { isoDate, positiveAmount } from './common.js'
import { METHODS } from '../../services/funds/payment_service.js'

export const createPaymentValidator = vine.create({
  ownerId: vine.string().uuid(),
  amount: positiveAmount(),
  date: isoDate(),
  method: vine.enum(METHODS),
  reference: vine.string().trim().maxLength(140).nullable().optional(),
})

export const fundsSettingsValidator = vine.create({
  iban: vine.string().trim().minLength(15).maxLength(42),
  bic: vine
    .string()
    .trim()
    .regex(/^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/)
    .nullable()
    .optional(),
  beneficiary: vine.string().trim().minLength(1).maxLength(70).nullable().optional(),
})

export const interestRateValidator = vine.create({
  rate: vine.number().decimal([0, 3]).min(0).max(100),
})

export const portalCheckoutValidator = vine.create({
  buildingId: vine.string().uuid(),
  ownerId: vine.string().uuid().optional(),
})
