import vine from '@vinejs/vine'

/** GET /notifications query: `?unread=true` plus the paging params (checked by pageParams). */
export const notificationListValidator = vine.create({
  unread: vine.boolean().optional(),
  page: vine.any().optional(),
  perPage: vine.any().optional(),
})

const preferenceKey = vine.createRule((value, _options, field) => {
  if (!value || typeof value !== 'object') return
  for (const key of Object.keys(value as Record<string, unknown>)) {
    if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(key) || key.length > 80) {
      field.report(
        'Notification types are snake_case names (letters, digits, _ and .)',
        'type',
        field
      )
      return
    }
  }
})

/** PUT /me/notification-preferences: `{preferences: {[type]: {inApp?, email?}}}`, merged per type. */
export const notificationPreferencesValidator = vine.create({
  preferences: vine
    .record(
      vine.object({
        inApp: vine.boolean().optional(),
        email: vine.boolean().optional(),
      })
    )
    .use(preferenceKey()),
})
