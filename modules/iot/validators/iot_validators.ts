import vine from '@vinejs/vine'
import { PROVIDERS } from '../models/iot_device.js'

export const configureLinkyValidator = vine.create({
  provider: vine.enum(PROVIDERS),
  pointId: vine
    .string()
    .trim()
    .regex(/^\d{14,18}$/),
  authorizationCode: vine.string().trim().minLength(1).maxLength(500),
  redirectUri: vine.string().trim().url({ require_tld: false }).maxLength(500),
  name: vine.string().trim().minLength(1).maxLength(120).optional(),
  unitId: vine.string().uuid().nullable().optional(),
})

export const createMqttDeviceValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(120),
  unitId: vine.string().uuid().nullable().optional(),
})

export const updateDeviceValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(120).optional(),
  unitId: vine.string().uuid().nullable().optional(),
  active: vine.boolean().optional(),
})

export const syncValidator = vine.create({
  deviceId: vine.string().uuid().optional(),
})

const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

export const readingsQueryValidator = vine.create({
  deviceId: vine.string().uuid().optional(),
  metric: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  granularity: vine.enum(['raw', 'hour', 'day', 'month'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([1, 1000]).optional(),
})

export const statisticsQueryValidator = vine.create({
  deviceId: vine.string().uuid().optional(),
  metric: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  period: vine.enum(['month', 'year'] as const).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

export const anomaliesQueryValidator = vine.create({
  deviceId: vine.string().uuid().optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

export const reportQueryValidator = vine.create({
  from: isoDate(),
  to: isoDate(),
})
