/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { dispatch } from '#jobs/dispatcher'
import { isPdf, pdfText, pdfToPng } from '#tests/helpers/pdf'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { call, createDraftCall, fundsFixture } from './funds_helpers.js'

/** The PDF attachments of a raw MIME message (base64 parts of type application/pdf). */
function pdfAttachments(raw: string): { filename: string; content: Buffer }[] {
  const out: { filename: string; content: Buffer }[] = []
  const parts = raw.replace(/\r\n/g, '\n').split(/\n--[^\n]+\n/)
  for (const part of parts) {
    if (!/content-type:\s*application\/pdf/i.test(part)) continue
    const sep = part.indexOf('\n\n')
    const head = part.slice(0, sep)
    const name = /filename="?([^"\n;]+)"?/i.exec(head.replace(/\n[ \t]+/g, ' '))?.[1] ?? 'file.pdf'
    const body = part.slice(sep + 2).split(/\n--/)[0]
    out.push({ filename: name, content: Buffer.from(body.replace(/\s+/g, ''), 'base64') })
  }
  return out
}

test.group('Funds: jobs (send, overdue, reminders)', (group) => {
  let worker: WorkerHandle | undefined
  let sink: SmtpSink
  group.setup(async () => {
    sink = await startSmtpSink()
    return () => sink.close()
  })
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['accounting'])
    sink.messages.length = 0
    worker = startTestWorker({ queues: ['accounting'] })
    return async () => {
      setFundsClock(null)
      await worker?.close()
      worker = undefined
    }
  })

  test('send job: one PDF per owner e-mailed in the owner’s language, progress recorded', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [250, 250, 500] })
    await call(client, org, 'put', `/owners/${owners[1].id}`, { locale: 'nl' })
    const draft = await createDraftCall(client, org, building.id, { title: 'Provisions T1' })
    ;(await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)).assertStatus(200)
    const job = await waitForJob('accounting', `call_for_funds_${draft.id}_send`, 60_000)
    assert.equal(job.failedReason ?? null, null)
    assert.deepEqual(job.returnvalue, { total: 3, done: 3, failed: 0 })
    assert.deepEqual(job.progress, { total: 3, done: 3, failed: 0 })
    const shown = (await call(client, org, 'get', `/call-for-funds/${draft.id}`)).body()
    assert.deepEqual(shown.delivery, { status: 'done', total: 3, done: 3, failed: 0 })
    assert.isTrue(shown.lines.every((l: any) => l.emailedAt))

    assert.lengthOf(sink.messages, 3)
    const fr = sink.messages.find((m) => m.to.includes(owners[0].email))!
    const nl = sink.messages.find((m) => m.to.includes(owners[1].email))!
    assert.include(fr.subject, 'Appel de fonds Provisions T1')
    assert.include(nl.subject, 'Provisieoproep Provisions T1')
    const line = draft.lines.find((l: any) => l.ownerId === owners[1].id)
    assert.include(nl.text, line.structuredCommunication)
    const [attachment] = pdfAttachments(nl.raw)
    assert.isTrue(isPdf(attachment.content))
    const text = await pdfText(attachment.content)
    assert.include(text, 'Provisieoproep')
    assert.include(text, line.structuredCommunication)
    assert.include(text, '250 / 1000')
    await pdfToPng(attachment.content, 'funds-call-mail-nl')

    // Re-running the job never e-mails anyone twice.
    await dispatch(
      'accounting.send_call_for_funds',
      { organisationId: org.organisationId, callId: draft.id },
      { jobId: `again_${draft.id}` }
    )
    await waitForJob('accounting', `again_${draft.id}`, 30_000)
    assert.lengthOf(sink.messages, 3)
  })

  test('overdue job and reminders ladder with time travel: +15, +30, +60 (PDF), +90 bailiff; never twice; paid lines stop', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [500, 500] })
    await call(client, org, 'put', '/accounting/interest-rates/2026', { rate: '4.5' })
    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '3650.00',
      extraordinaryAmount: 0,
      dueDate: '2026-01-31',
    })
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    await waitForJob('accounting', `call_for_funds_${draft.id}_send`, 60_000)
    sink.messages.length = 0
    // Other tests' organisations share the database: look only at this one's mail.
    const emails = owners.map((o: any) => o.email)
    const mine = () => sink.messages.filter((m) => m.to.some((t) => emails.includes(t)))
    // Owner 2 pays on time; owner 1 never pays.
    await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: owners[1].id,
      amount: '1825.00',
      date: '2026-01-30',
      method: 'transfer',
    })

    const run = async (name: string, asOf: string) => {
      setFundsClock(asOf)
      const id = `${name}_${asOf}_${Math.random().toString(36).slice(2)}`
      await dispatch(name, { asOf }, { jobId: id })
      const job = await waitForJob('accounting', id, 60_000)
      assert.isNull(job.failedReason ?? null, job.failedReason)
      return job.returnvalue
    }
    await run('accounting.mark_overdue_calls', '2026-01-31')
    assert.equal(
      (await call(client, org, 'get', `/call-for-funds/${draft.id}`)).body().status,
      'sent'
    )
    await run('accounting.mark_overdue_calls', '2026-02-01')
    assert.equal(
      (await call(client, org, 'get', `/call-for-funds/${draft.id}`)).body().status,
      'overdue'
    )

    await run('accounting.send_reminders', '2026-02-14') // +14: nothing yet
    assert.lengthOf(mine(), 0)
    await run('accounting.send_reminders', '2026-02-15') // +15: friendly
    await run('accounting.send_reminders', '2026-02-16') // same step: never twice
    assert.lengthOf(mine(), 1)
    assert.include(mine()[0].subject, 'Rappel amical')
    assert.deepEqual(mine()[0].to, [owners[0].email])

    await run('accounting.send_reminders', '2026-03-02') // +30: formal, interest 1825 × 4.5 % × 30 / 365 = 6.75
    assert.lengthOf(mine(), 2)
    assert.include(mine()[1].subject, 'Rappel')
    assert.include(mine()[1].text, '6,75')

    await run('accounting.send_reminders', '2026-04-01') // +60: formal notice with the registered-letter PDF
    assert.lengthOf(mine(), 3)
    assert.include(mine()[2].subject, 'Mise en demeure')
    const [notice] = pdfAttachments(mine()[2].raw)
    assert.isTrue(isPdf(notice.content))
    const text = await pdfText(notice.content)
    assert.include(text, 'Mise en demeure')
    assert.include(text, 'recommandé')
    await pdfToPng(notice.content, 'funds-formal-notice')

    await run('accounting.send_reminders', '2026-05-01') // +90: bailiff, staff notified, nothing to the owner
    assert.lengthOf(mine(), 3)
    const arrears = (
      await call(client, org, 'get', `/buildings/${building.id}/arrears?asOf=2026-05-01`)
    ).body()
    assert.lengthOf(arrears.owners, 1)
    assert.equal(arrears.owners[0].ownerId, owners[0].id)
    assert.equal(arrears.owners[0].reminderState, 'bailiff')
    assert.isTrue(arrears.owners[0].bailiff)
    assert.deepEqual(
      arrears.owners[0].reminders.map((r: any) => r.step),
      ['friendly', 'formal', 'formal_notice', 'bailiff']
    )
    // 1825 × 4.5 % × 90 / 365 = 20.25
    assert.equal(arrears.owners[0].interest, '20.25')
    const notes = await db
      .connection('owner')
      .rawQuery(
        `select count(*)::int as n from notifications where organisation_id = ? and type = 'accounting.bailiff_flagged'`,
        [org.organisationId]
      )
    assert.equal(notes.rows[0].n, 1)
    const reminders = await db
      .connection('owner')
      .rawQuery(
        `select step, count(*)::int as n from accounting_reminders where organisation_id = ? group by step`,
        [org.organisationId]
      )
    assert.isTrue(reminders.rows.every((r: any) => r.n === 1))
  })

  test('a line paid before +15 gets no reminder; a line that jumped straight to +35 gets only the formal step', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [500, 500] })
    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '1000.00',
      extraordinaryAmount: 0,
      dueDate: '2026-01-31',
    })
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    await waitForJob('accounting', `call_for_funds_${draft.id}_send`, 60_000)
    sink.messages.length = 0
    const emails = owners.map((o: any) => o.email)
    const mine = () => sink.messages.filter((m) => m.to.some((t) => emails.includes(t)))
    await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: owners[0].id,
      amount: '500.00',
      date: '2026-02-10',
      method: 'transfer',
    })
    setFundsClock('2026-03-07')
    const id = `rem_${Math.random().toString(36).slice(2)}`
    await dispatch('accounting.send_reminders', { asOf: '2026-03-07' }, { jobId: id })
    await waitForJob('accounting', id, 60_000)
    assert.lengthOf(mine(), 1)
    assert.deepEqual(mine()[0].to, [owners[1].email])
    const steps = await db
      .connection('owner')
      .rawQuery(`select step from accounting_reminders where organisation_id = ?`, [
        org.organisationId,
      ])
    assert.deepEqual(
      steps.rows.map((r: any) => r.step),
      ['formal']
    )
  })
})
