import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import { withTenant } from '#tenancy/tenant_context'
import { listAllOutbox, listOrganisationOutbox, outboxEnabled } from '#services/outbox_service'
import { signupOrg, uniq } from '../buildings/helpers.js'

/*
| The outbox mailer (demo mode without SMTP): a mail sent inside a tenant unit of work is
| stored under that organisation; one organisation's listing never shows another's.
*/
test.group('Zero-setup: the outbox mailer', () => {
  test('mails land in the sending organisation’s outbox only', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const subject = uniq('Convocation AG')
    await withTenant(a.organisationId, async () => {
      await mail.use('outbox').send((m) => {
        m.to('julie.moreau@example.be', 'Julie Moreau')
          .from('no-reply@vme.local')
          .subject(subject)
          .html(`<p>${subject}</p>`)
          .text(subject)
      })
    })
    const mine = await listOrganisationOutbox(a.organisationId)
    assert.equal(mine[0].subject, subject)
    assert.deepEqual(mine[0].to, ['Julie Moreau <julie.moreau@example.be>'])
    assert.equal(mine[0].organisationId, a.organisationId)
    const theirs = await listOrganisationOutbox(b.organisationId)
    assert.notInclude(
      theirs.map((m) => m.subject),
      subject
    )
    const all = await listAllOutbox()
    assert.include(
      all.map((m) => m.subject),
      subject
    )
  })

  test('SMTP_HOST unset or "outbox" enables the outbox; a host disables it', ({ assert }) => {
    const saved = process.env.SMTP_HOST
    try {
      process.env.SMTP_HOST = 'outbox'
      assert.isTrue(outboxEnabled())
      delete process.env.SMTP_HOST
      assert.isTrue(outboxEnabled())
      process.env.SMTP_HOST = '127.0.0.1'
      assert.isFalse(outboxEnabled())
    } finally {
      process.env.SMTP_HOST = saved
    }
  })

  test('a malformed organisation id never reaches the file system', async ({ assert }) => {
    await assert.rejects(() => listOrganisationOutbox('../../etc'), /invalid organisation id/)
  })
})
