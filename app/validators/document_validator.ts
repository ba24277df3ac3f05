import vine from '@vinejs/vine'

/** GET /documents query: optional building filter (paging checked by pageParams). */
export const documentListValidator = vine.create({
  buildingId: vine.string().uuid().optional(),
  page: vine.any().optional(),
  perPage: vine.any().optional(),
})
