import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { dispatch } from '#jobs/dispatcher'
import { withTenant } from '#tenancy/tenant_context'
import Organisation from '#models/organisation'
import { renderTemplated } from '#services/mail_service'
import { signupOrg, uniq } from '#tests/helpers/api'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { createInvitation } from './fixtures.js'

const APP_URL = (process.env.APP_URL || `http://localhost:${process.env.PORT}`).replace(/\/+$/, '')

test.group('Mail: invitation e-mails through SMTP', (group) => {
  let sink: SmtpSink
  let worker: WorkerHandle
  group.setup(async () => {
    sink = await startSmtpSink()
    return () => sink.close()
  })
  group.each.setup(async () => {
    await drainQueues(['core'])
    worker = startTestWorker({ queues: ['core'] })
    return () => worker.close()
  })

  test('the invitation e-mail arrives with the accept link, in the invitee language and the branding', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Brabant')
    await Organisation.query()
      .where('id', org.organisationId)
      .update({ display_name: 'Brabant Gestion', primary_color: '#aa3300' })
    const email = `${uniq('invitee')}@example.test`
    const { invitation, token } = await createInvitation(org.organisationId, {
      email,
      role: 'owner',
    })

    const { id } = await dispatch('core.invitation_email', {
      organisationId: org.organisationId,
      invitationId: invitation.id,
      token,
      locale: 'nl',
    })
    const message = await sink.waitFor((m) => m.to.includes(email), 10000)
    const job = await waitForJob('core', id!)
    assert.deepEqual(job.returnvalue, { sent: email })

    const link = `${APP_URL}/invitations/${token}`
    assert.equal(message.subject, 'Uitnodiging om lid te worden van Brabant Gestion')
    assert.include(message.text, link)
    assert.include(message.html, `href="${link}"`)
    assert.include(message.text, 'nodigt u uit om deel te nemen als mede-eigenaar')
    assert.include(message.html, '#aa3300')
    assert.include(message.html, 'Brabant Gestion')
    assert.notInclude(message.text, '<')
  })

  test('French is the default language', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const email = `${uniq('invitee')}@example.test`
    const { invitation, token } = await createInvitation(org.organisationId, {
      email,
      role: 'syndic',
    })
    await dispatch('core.invitation_email', {
      organisationId: org.organisationId,
      invitationId: invitation.id,
      token,
    })
    const message = await sink.waitFor((m) => m.to.includes(email), 10000)
    assert.match(message.subject, /^Invitation à rejoindre/)
    assert.include(message.text, 'Accepter l’invitation')
    assert.include(message.text, `${APP_URL}/invitations/${token}`)
  })

  test('an accepted or revoked invitation sends nothing', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const accepted = await createInvitation(org.organisationId, {
      email: `${uniq('acc')}@example.test`,
      acceptedAt: DateTime.now(),
    })
    const revoked = await createInvitation(org.organisationId, {
      email: `${uniq('rev')}@example.test`,
      revokedAt: DateTime.now(),
    })
    const before = sink.messages.length
    const j1 = await dispatch('core.invitation_email', {
      organisationId: org.organisationId,
      invitationId: accepted.invitation.id,
      token: accepted.token,
    })
    const j2 = await dispatch('core.invitation_email', {
      organisationId: org.organisationId,
      invitationId: revoked.invitation.id,
      token: revoked.token,
    })
    const job1 = await waitForJob('core', j1.id!)
    const job2 = await waitForJob('core', j2.id!)
    assert.deepEqual(job1.returnvalue, { skipped: 'accepted' })
    assert.deepEqual(job2.returnvalue, { skipped: 'revoked' })
    assert.equal(sink.messages.length, before)
  })

  test('an invitation of another organisation is invisible to the job (RLS)', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const inB = await createInvitation(orgB.organisationId, { email: `${uniq('b')}@example.test` })
    const { id } = await dispatch('core.invitation_email', {
      organisationId: orgA.organisationId,
      invitationId: inB.invitation.id,
      token: inB.token,
    })
    const job = await waitForJob('core', id!)
    assert.deepEqual(job.returnvalue, { skipped: 'not_found' })
  })

  test('templates exist in fr, nl, de and en', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const subjects = await withTenant(org.organisationId, async () => {
      const out: Record<string, string> = {}
      for (const locale of ['fr', 'nl', 'de', 'en']) {
        const r = await renderTemplated({
          to: 'x@example.test',
          template: 'invitation',
          locale,
          data: { role: 'owner', acceptUrl: 'http://x/invitations/t', expiresOn: '1 janvier 2030' },
        })
        out[locale] = r.subject
        assert.include(r.text, 'http://x/invitations/t')
      }
      return out
    })
    assert.equal(new Set(Object.values(subjects)).size, 4)
    assert.match(subjects.de, /^Einladung/)
    assert.match(subjects.en, /^Invitation to join/)
  })
})
