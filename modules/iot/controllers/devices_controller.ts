import type { HttpContext } from '@adonisjs/core/http'
import { createMqttDeviceValidator, updateDeviceValidator } from '../validators/iot_validators.js'
import {
  createMqttDevice,
  deleteDevice,
  findDevice,
  latestReadings,
  listDevices,
  serializeDevice,
  updateDevice,
} from '../services/device_service.js'

export default class DevicesController {
  async index(ctx: HttpContext) {
    return listDevices(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createMqttDeviceValidator)
    return ctx.response.created(await createMqttDevice(ctx, ctx.params.id, payload))
  }

  async show({ params }: HttpContext) {
    const device = await findDevice(params.id)
    return serializeDevice(device, await latestReadings([device.id]))
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateDeviceValidator)
    return updateDevice(ctx, ctx.params.id, payload)
  }

  async destroy(ctx: HttpContext) {
    const purge = ['true', '1'].includes(String(ctx.request.qs().purge ?? ''))
    await deleteDevice(ctx, ctx.params.id, purge)
    return ctx.response.noContent()
  }
}
