import vine from '@vinejs/vine'

/** PUT /organisation/modules/:key and PUT /admin/organisations/:id/modules/:key. */
export const updateModuleValidator = vine.create({
  enabled: vine.boolean({ strict: true }),
})
