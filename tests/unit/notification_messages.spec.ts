import { test } from '@japa/runner'
import {
  notificationLocale,
  registerNotificationMessages,
  renderNotificationText,
  translateNotification,
} from '#services/notification_messages'

test.group('notification messages', (group) => {
  group.setup(() => {
    registerNotificationMessages({
      fr: {
        'test.greeting': 'Bonjour {name}, {count:number} relevés le {day:date}',
        'test.only_fr': 'Seulement en français',
        'test.thing': 'compteur',
        'test.nested': 'Le {what} est là',
      },
      nl: {
        'test.greeting': 'Dag {name}, {count:number} metingen op {day:date}',
        'test.thing': 'meter',
        'test.nested': 'De {what} is er',
      },
    })
  })

  test('renders in the requested language with locale formats', ({ assert }) => {
    const params = { name: 'An', count: 12345, day: '2026-03-12' }
    assert.equal(
      translateNotification('nl', 'test.greeting', params),
      'Dag An, 12.345 metingen op 12 maart 2026'
    )
    const fr = translateNotification('fr', 'test.greeting', params)
    assert.match(fr, /^Bonjour An, 12\s345 relevés le 12 mars 2026$/)
  })

  test('falls back to French, then to the key; unknown placeholders stay', ({ assert }) => {
    assert.equal(translateNotification('de', 'test.only_fr'), 'Seulement en français')
    assert.equal(translateNotification('en', 'test.missing'), 'test.missing')
    assert.equal(translateNotification('nl', 'test.nested', {}), 'De {what} is er')
  })

  test('a nested key is translated in the same language', ({ assert }) => {
    const text = { key: 'test.nested', params: { what: { key: 'test.thing' } } }
    assert.equal(renderNotificationText(text, 'nl'), 'De meter is er')
    assert.equal(renderNotificationText(text, 'fr'), 'Le compteur est là')
  })

  test('a plain string is used as is', ({ assert }) => {
    assert.equal(renderNotificationText('Déjà traduit', 'nl'), 'Déjà traduit')
  })

  test('locale: first valid candidate, fr otherwise', ({ assert }) => {
    assert.equal(notificationLocale(null, 'nl'), 'nl')
    assert.equal(notificationLocale('de', 'nl'), 'de')
    assert.equal(notificationLocale('xx', undefined), 'fr')
  })
})
