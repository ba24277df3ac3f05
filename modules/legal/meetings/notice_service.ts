import type { HttpContext } from '@adonisjs/core/http'
import mail from '@adonisjs/mail/services/main'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { dispatch } from '#jobs/dispatcher'
import { renderTemplated } from '#services/mail_service'
import { renderPdf, escapeHtml } from '#pdf/pdf_service'
import { pdfDocument } from '#pdf/pdf_layout'
import Organisation from '#models/organisation'
import { currentTenant } from '#tenancy/tenant_context'
import {
  buildingVotes,
  findOr404,
  insertRow,
  iso,
  participants,
  q,
  updateRow,
  type Participant,
} from './meeting_common.js'
import {
  agendaOf,
  attendanceOf,
  convocationDeadlineProblem,
  findMeeting,
} from './meeting_service.js'
import { verifyMeetingChain } from './vote_service.js'
import { docLocale, docT, formatDate, formatDateTime, type DocLocale } from './meeting_i18n.js'

/*
| Notices to co-owners: convocations (e-mail with the PDF when they accepted electronic
| notices in writing, else a registered-letter PDF listed for printing), the J-3 reminder
| and the minutes. One row per co-owner and kind tracks delivery. Documents are rendered
| in the co-owner's language (convocation) or the organisation's (minutes: the buildings
| carry no language of their own).
*/

async function organisation() {
  return Organisation.findOrFail(currentTenant().organisationId)
}

function branding(org: Organisation) {
  return {
    name: org.name,
    displayName: org.displayName,
    primaryColor: org.primaryColor,
    logoUrl: org.logoUrl,
    address: (org as any).address ?? null,
    contactEmail: org.contactEmail,
    contactPhone: org.contactPhone,
    vatNumber: org.vatNumber,
  }
}

export function serializeNotice(n: any) {
  return {
    id: n.id,
    meetingId: n.meeting_id,
    ownerId: n.owner_id,
    kind: n.kind,
    channel: n.channel,
    locale: n.locale,
    status: n.status,
    email: n.email,
    error: n.error,
    sentAt: iso(n.sent_at),
    printedAt: iso(n.printed_at),
    pdfPath: `/api/v1/meeting-notices/${n.id}/pdf`,
  }
}

async function noticesOf(meetingId: string, kind: string) {
  const rows = await q('legal_meeting_notices').where('meeting_id', meetingId).where('kind', kind)
  return rows.map(serializeNotice)
}

export async function sendConvocations(ctx: HttpContext, meetingId: string) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'draft')
    throw ApiError.invalidState(`Convocations were already sent (meeting is ${meeting.status})`)
  const problem = convocationDeadlineProblem(new Date(meeting.scheduled_at))
  if (problem) throw ApiError.validation('scheduledAt', problem)
  const agenda = await agendaOf(meetingId)
  if (agenda.length === 0) throw ApiError.validation('agendaItems', 'The agenda is empty')
  const people = await participants(meeting.building_id, meeting.id)
  if (people.length === 0)
    throw ApiError.validation('buildingId', 'The building has no co-owners to convene')
  const org = await organisation()
  for (const p of people) {
    await insertRow('legal_meeting_notices', {
      meeting_id: meetingId,
      owner_id: p.ownerId,
      kind: 'convocation',
      channel: p.acceptsElectronicNotices ? 'email' : 'registered_letter',
      locale: docLocale(p.locale ?? org.locale),
      status: p.acceptsElectronicNotices ? 'queued' : 'to_print',
      email: p.acceptsElectronicNotices ? p.email : null,
    })
  }
  await updateRow('legal_meetings', meetingId, { status: 'convened', convened_at: new Date() })
  await dispatch('legal.meetings.notices', {
    organisationId: currentTenant().organisationId,
    meetingId,
    kind: 'convocation',
  })
  await audit(ctx, {
    action: 'legal.meeting.convened',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: {
      coOwners: people.length,
      email: people.filter((p) => p.acceptsElectronicNotices).length,
    },
  })
  return {
    meetingId,
    status: 'convened',
    data: await noticesOf(meetingId, 'convocation'),
  }
}

export async function listNotices(ctx: HttpContext, meetingId: string) {
  await findMeeting(ctx, meetingId)
  const query = q('legal_meeting_notices')
    .where('meeting_id', meetingId)
    .orderBy([{ column: 'kind' }, { column: 'created_at' }])
  const kind = ctx.request.input('kind')
  if (typeof kind === 'string' && kind) query.where('kind', kind)
  const channel = ctx.request.input('channel')
  if (typeof channel === 'string' && channel) query.where('channel', channel)
  const rows = await query
  return { data: rows.map(serializeNotice) }
}

export async function markPrinted(ctx: HttpContext, noticeId: string) {
  const notice = await findOr404('legal_meeting_notices', noticeId, 'Notice', true)
  await findMeeting(ctx, notice.meeting_id)
  if (notice.channel !== 'registered_letter' || notice.status !== 'to_print')
    throw ApiError.invalidState('Only a registered letter waiting for print can be marked printed')
  const row = await updateRow('legal_meeting_notices', noticeId, {
    status: 'printed',
    printed_at: new Date(),
    sent_at: new Date(),
  })
  await audit(ctx, {
    action: 'legal.meeting_notice.printed',
    subjectType: 'legal_meeting_notice',
    subjectId: noticeId,
  })
  return serializeNotice(row)
}

// ------------------------------------------------------------------ documents

function css() {
  return `
  table { width: 100%; border-collapse: collapse; margin: 6px 0 12px; }
  th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #ddd; vertical-align: top; }
  th { background: #f3f4f6; }
  h2 { font-size: 12pt; margin: 16px 0 6px; }
  .proxy { page-break-before: always; }
  .sign { margin-top: 40px; border-top: 1px solid #999; width: 60%; padding-top: 4px; color: #555; }
  .digest { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }
  .muted { color: #555; }`
}

async function buildingOf(id: string) {
  return (await q('buildings').where('id', id).first()) as any
}

export async function convocationHtml(
  meeting: any,
  person: Participant,
  locale: DocLocale,
  org: Organisation,
  registered: boolean
) {
  const t = docT(locale)
  const building = await buildingOf(meeting.building_id)
  const agenda = await agendaOf(meeting.id)
  const when = formatDateTime(meeting.scheduled_at, locale)
  const body = `
  ${registered ? `<p class="muted">${escapeHtml(t('registered'))}</p>` : ''}
  <p><strong>${escapeHtml(person.name)}</strong><br>${escapeHtml(t('units'))}: ${escapeHtml(person.units.map((u) => u.number).join(', '))} — ${person.votes} ${escapeHtml(t('votes').toLowerCase())}</p>
  <p>${escapeHtml(t('dear'))},</p>
  <p>${escapeHtml(t('intro', { kind: t(meeting.kind), building: building.name }))}</p>
  ${meeting.first_meeting_id ? `<p><em>${escapeHtml(t('secondMeeting'))}</em></p>` : ''}
  <table>
    <tr><th>${escapeHtml(t('when'))}</th><td>${escapeHtml(when)}</td></tr>
    ${meeting.place ? `<tr><th>${escapeHtml(t('where'))}</th><td>${escapeHtml(meeting.place)}</td></tr>` : ''}
    ${meeting.video_url ? `<tr><th>${escapeHtml(t('video'))}</th><td>${escapeHtml(meeting.video_url)}</td></tr>` : ''}
  </table>
  <h2>${escapeHtml(t('agenda'))}</h2>
  <table><tr><th>#</th><th>${escapeHtml(t('agenda'))}</th><th>${escapeHtml(t('majority'))}</th></tr>
  ${agenda.map((i) => `<tr><td>${i.position}</td><td><strong>${escapeHtml(i.title)}</strong>${i.description ? `<br><span class="muted">${escapeHtml(i.description)}</span>` : ''}</td><td>${escapeHtml(t(i.majority as any))}</td></tr>`).join('')}
  </table>
  <section class="proxy">
    <h2>${escapeHtml(t('proxyTitle'))}</h2>
    <p>${escapeHtml(t('proxyText', { owner: person.name, units: person.units.map((u) => u.number).join(', '), votes: person.votes, date: formatDate(meeting.scheduled_at, locale) }))}</p>
    <p class="sign">${escapeHtml(t('signature'))}</p>
  </section>`
  return pdfDocument({
    title: `${t('convocation')} — ${meeting.title}`,
    subtitle: `${building.name} · ${when}`,
    locale,
    branding: branding(org),
    body,
    css: css(),
  })
}

export async function noticePdf(ctx: HttpContext | null, noticeId: string) {
  const notice = await findOr404('legal_meeting_notices', noticeId, 'Notice')
  const meeting = await findMeeting(ctx, notice.meeting_id)
  if (notice.kind === 'minutes') return minutesPdf(ctx, meeting.id)
  const everyone = await participants(meeting.building_id, meeting.id)
  const person = everyone.find((p) => p.ownerId === notice.owner_id)
  if (!person) throw ApiError.notFound('Notice not found')
  const org = await organisation()
  const html = await convocationHtml(
    meeting,
    person,
    docLocale(notice.locale),
    org,
    notice.channel === 'registered_letter'
  )
  return {
    buffer: await renderPdf(html, { pageNumbers: true }),
    fileName: `convocation-${meeting.id.slice(0, 8)}-${person.units[0]?.number ?? 'x'}.pdf`,
  }
}

export async function minutesHtml(meeting: any, locale: DocLocale, org: Organisation) {
  const t = docT(locale)
  const building = await buildingOf(meeting.building_id)
  const attendance = await attendanceOf(meeting)
  const agenda = await agendaOf(meeting.id)
  const resolutions = await q('legal_resolutions').where('meeting_id', meeting.id)
  const byItem = new Map(resolutions.map((r: any) => [r.agenda_item_id, r]))
  const quorum = meeting.quorum ?? {}
  const chain = await verifyMeetingChain(meeting.id)
  const totalVotes = await buildingVotes(meeting.building_id)
  const attending = attendance.filter((a) => a.status !== 'absent')
  const quorumLine = t(meeting.quorum_required ? 'quorumReached' : 'quorumNotRequired', {
    owners: quorum.attendingOwners ?? attending.length,
    totalOwners: quorum.totalOwners ?? attendance.length,
    votes: quorum.attendingVotes ?? attending.reduce((s, a) => s + a.votes, 0),
    totalVotes: quorum.totalVotes ?? totalVotes,
  })
  const body = `
  <p>${escapeHtml(t('minutesIntro', { kind: t(meeting.kind), building: building.name }))}</p>
  <table>
    <tr><th>${escapeHtml(t('when'))}</th><td>${escapeHtml(formatDateTime(meeting.opened_at ?? meeting.scheduled_at, locale))}</td></tr>
    ${meeting.place ? `<tr><th>${escapeHtml(t('where'))}</th><td>${escapeHtml(meeting.place)}</td></tr>` : ''}
  </table>
  <h2>${escapeHtml(t('attendance'))}</h2>
  <table><tr><th></th><th>${escapeHtml(t('units'))}</th><th>${escapeHtml(t('votes'))}</th><th></th></tr>
  ${attendance.map((a) => `<tr><td>${escapeHtml(a.name)}</td><td>${escapeHtml(a.units.join(', '))}</td><td>${a.votes}</td><td>${escapeHtml(t(a.status))}${a.remote ? ` (${escapeHtml(t('remote'))})` : ''}${a.proxy?.holderName ? ` → ${escapeHtml(a.proxy.holderName)}` : ''}</td></tr>`).join('')}
  </table>
  <h2>${escapeHtml(t('quorum'))}</h2>
  <p>${escapeHtml(quorumLine)}</p>
  <h2>${escapeHtml(t('results'))}</h2>
  ${agenda
    .map((i) => {
      const r: any = byItem.get(i.id)
      const res = r?.result
      if (!r || !res)
        return `<h3>${i.position}. ${escapeHtml(i.title)}</h3><p class="muted">${escapeHtml(t('notVoted'))}</p>`
      return `<h3>${i.position}. ${escapeHtml(i.title)} — ${escapeHtml(r.adopted ? t('adopted') : t('rejected'))}</h3>
      <p>${escapeHtml(t('majority'))}: ${escapeHtml(t(i.majority as any))} · ${escapeHtml(t('yes'))} ${res.yes} · ${escapeHtml(t('no'))} ${res.no} · ${escapeHtml(t('abstain'))} ${res.abstain}</p>
      ${res.against?.length ? `<p>${escapeHtml(t('against'))}: ${escapeHtml(res.against.join(', '))}</p>` : ''}
      ${res.abstained?.length ? `<p>${escapeHtml(t('abstained'))}: ${escapeHtml(res.abstained.join(', '))}</p>` : ''}
      ${(res.capped ?? []).map((c: any) => `<p class="muted">${escapeHtml(t('capped', { name: c.name ?? c.voterKey, votes: c.votes, counted: c.counted }))}</p>`).join('')}`
    })
    .join('')}
  <h2>${escapeHtml(t('digest'))}</h2>
  <p class="digest">${escapeHtml(meeting.final_digest ?? chain.digest)}</p>
  <p class="muted">${escapeHtml(t('digestHelp'))}</p>`
  return pdfDocument({
    title: `${t('minutes')} — ${meeting.title}`,
    subtitle: `${building.name} · ${formatDate(meeting.scheduled_at, locale)}`,
    locale,
    branding: branding(org),
    body,
    css: css(),
  })
}

export async function minutesPdf(ctx: HttpContext | null, meetingId: string) {
  const meeting = await findMeeting(ctx, meetingId)
  if (meeting.status !== 'closed')
    throw ApiError.invalidState('Minutes exist once the meeting is closed')
  const org = await organisation()
  const html = await minutesHtml(meeting, docLocale(org.locale), org)
  return {
    buffer: await renderPdf(html, { pageNumbers: true }),
    fileName: `minutes-${meeting.id.slice(0, 8)}.pdf`,
  }
}

export async function sendMinutes(ctx: HttpContext, meetingId: string) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'closed')
    throw ApiError.invalidState('Minutes are sent once the meeting is closed')
  if (meeting.minutes_sent_at) throw ApiError.invalidState('The minutes were already sent')
  const org = await organisation()
  const people = await participants(meeting.building_id, meeting.id)
  for (const p of people) {
    await insertRow('legal_meeting_notices', {
      meeting_id: meetingId,
      owner_id: p.ownerId,
      kind: 'minutes',
      channel: p.acceptsElectronicNotices ? 'email' : 'registered_letter',
      locale: docLocale(org.locale),
      status: p.acceptsElectronicNotices ? 'queued' : 'to_print',
      email: p.acceptsElectronicNotices ? p.email : null,
    })
  }
  const row = await updateRow('legal_meetings', meetingId, { minutes_sent_at: new Date() })
  await dispatch('legal.meetings.notices', {
    organisationId: currentTenant().organisationId,
    meetingId,
    kind: 'minutes',
  })
  await audit(ctx, {
    action: 'legal.meeting.minutes_sent',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: { coOwners: people.length },
  })
  return {
    meetingId,
    minutesSentAt: iso(row.minutes_sent_at),
    data: await noticesOf(meetingId, 'minutes'),
  }
}

/**
 * Job body: e-mails the queued notices of a meeting (one PDF each, in the recipient's
 * language). Runs inside the tenant transaction of the job; a failed mail is recorded
 * on its row and the others still go.
 */
export async function deliverQueuedNotices(
  meetingId: string,
  kind: 'convocation' | 'reminder' | 'minutes'
) {
  const meeting = await findOr404('legal_meetings', meetingId, 'Meeting')
  const org = await organisation()
  const everyone = await participants(meeting.building_id, meeting.id)
  const people = new Map(everyone.map((p) => [p.ownerId, p]))
  const pending = await q('legal_meeting_notices')
    .where('meeting_id', meetingId)
    .where('kind', kind)
    .where('status', 'queued')
  let sent = 0
  const minutes =
    kind === 'minutes'
      ? await renderPdf(await minutesHtml(meeting, docLocale(org.locale), org), {
          pageNumbers: true,
        })
      : null
  for (const notice of pending as any[]) {
    const person = people.get(notice.owner_id)
    if (!person) continue
    const locale = docLocale(notice.locale)
    const t = docT(locale)
    const date = formatDate(meeting.scheduled_at, locale)
    try {
      const pdf =
        minutes ??
        (await renderPdf(await convocationHtml(meeting, person, locale, org, false), {
          pageNumbers: true,
        }))
      const subject = t(
        kind === 'minutes'
          ? 'minutesSubject'
          : kind === 'reminder'
            ? 'reminderSubject'
            : 'convocationSubject',
        { date }
      )
      const rendered = await renderTemplated({
        to: notice.email,
        template: 'notification',
        locale,
        organisation: org,
        subject,
        data: {
          recipientName: person.name,
          title: subject,
          body: t(
            kind === 'minutes' ? 'minutesBody' : kind === 'reminder' ? 'reminderBody' : 'mailBody'
          ),
          url: null,
        },
      })
      await mail.send((message) => {
        message
          .to(notice.email, person.name)
          .subject(rendered.subject)
          .html(rendered.html)
          .text(rendered.text)
          .attachData(pdf, { filename: `${kind}.pdf`, contentType: 'application/pdf' })
      })
      await updateRow('legal_meeting_notices', notice.id, {
        status: 'sent',
        sent_at: new Date(),
        error: null,
      })
      sent++
    } catch (error) {
      await updateRow('legal_meeting_notices', notice.id, {
        status: 'failed',
        error: String((error as Error).message).slice(0, 500),
      })
    }
  }
  return { sent, pending: pending.length }
}

/** J-3: one reminder per co-owner reachable by e-mail, once per meeting. */
export async function queueReminders(now = new Date()) {
  const soon = new Date(now.getTime() + 3 * 86_400_000)
  const meetings = await q('legal_meetings')
    .where('status', 'convened')
    .whereNull('reminder_sent_at')
    .where('scheduled_at', '>', now)
    .where('scheduled_at', '<=', soon)
  const ids: string[] = []
  for (const meeting of meetings as any[]) {
    const convocations = await q('legal_meeting_notices')
      .where('meeting_id', meeting.id)
      .where('kind', 'convocation')
      .where('channel', 'email')
    for (const c of convocations as any[]) {
      await insertRow('legal_meeting_notices', {
        meeting_id: meeting.id,
        owner_id: c.owner_id,
        kind: 'reminder',
        channel: 'email',
        locale: c.locale,
        status: 'queued',
        email: c.email,
      })
    }
    await updateRow('legal_meetings', meeting.id, { reminder_sent_at: now })
    ids.push(meeting.id)
  }
  return ids
}

/** Closed meetings whose minutes were not sent within 30 days: the syndic is reminded once. */
export async function overdueMinutes(now = new Date()) {
  const limit = new Date(now.getTime() - 30 * 86_400_000)
  return q('legal_meetings')
    .where('status', 'closed')
    .whereNull('minutes_sent_at')
    .whereNull('minutes_reminded_at')
    .where('closed_at', '<=', limit)
}
