import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { centsOf, formatCents } from '#services/money'
import { JsonBytes, jsonFragment } from '#services/json_bytes'
import { trxQuery } from '#tenancy/tenant_context'
import { prepared } from '#services/prepared_statements'
import { clock } from '../shared/clock.js'
import { findBuilding, isUuid, ownerNames, tenant, type Actor } from '../shared/context.js'
import { money, pageOf, enumFilter } from '../shared/format.js'
import { optionalTimestamp } from '../shared/input.js'
import { ACTIVE_STATUSES, findResource } from './resource_service.js'
import { openIntervalsMs, ZONE } from './booking_rules.js'
import { serializeBooking, serializeResource } from './serializers.js'
import { RESOURCE_TYPES } from './resource_validator.js'

export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'checked_in',
  'checked_out',
  'cancelled',
  'rejected',
  'no_show',
] as const

const MAX_RANGE_DAYS = 366

/** `?from=&to=` (ISO timestamps); `to` may be absent. At most one year. */
function requestedRange(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const from = optionalTimestamp(qs.from, 'from') ?? clock.now()
  const to = optionalTimestamp(qs.to, 'to')
  if (to) {
    if (to <= from) throw ApiError.validation('to', 'to must be after from')
    if (to.diff(from, 'days').days > MAX_RANGE_DAYS)
      throw ApiError.validation('to', `The range is at most ${MAX_RANGE_DAYS} days`)
  }
  return { from, to }
}

/** `?from=&to=` (ISO timestamps), defaults now → now + `days`; at most one year. */
export function rangeOf(ctx: HttpContext, days: number) {
  const { from, to } = requestedRange(ctx)
  return { from, to: to ?? from.plus({ days }) }
}

/*
| Busy periods of one resource (active bookings overlapping the range, read through the
| partial index on ends_at) and the free periods left inside the opening hours, with the
| resource itself in the same statement: one round trip. Without `to` the range is the
| resource's advance booking window (days of 24 h, as luxon's `plus({ days })` in UTC).
| The busy periods come as one text value, `start,end,status` per booking (epoch ms;
| status 0 pending, 1 confirmed, 2 checked_in), read without a string or object per
| booking. Overlap as plain comparisons (ends_at > from AND starts_at < to, the same as
| '[)' ranges): leakproof, so RLS does not stop them from reaching the index.
*/
const AVAILABILITY = prepared(`
  SELECT r.id, r.opening_hours, (extract(epoch FROM x.range_to) * 1000)::bigint AS range_to_ms,
         x.busy, x.n
    FROM community_resources r
   CROSS JOIN LATERAL (
     SELECT coalesce($4::timestamptz, $3::timestamptz + r.advance_booking_days * interval '24 hours') AS range_to
   ) x_to
   CROSS JOIN LATERAL (
     SELECT x_to.range_to, count(*)::int AS n, coalesce(string_agg(
              (extract(epoch FROM b.starts_at) * 1000)::bigint || ',' ||
              (extract(epoch FROM b.ends_at) * 1000)::bigint || ',' ||
              CASE b.status WHEN 'pending' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END,
              ',' ORDER BY b.starts_at), '') AS busy
       FROM community_bookings b
      WHERE b.organisation_id = r.organisation_id AND b.resource_id = r.id
        AND b.status IN ('pending', 'confirmed', 'checked_in')
        AND b.ends_at > $3::timestamptz AND b.starts_at < x_to.range_to
   ) x
   WHERE r.organisation_id = $1 AND r.id = $2 AND r.archived_at IS NULL`)

/** `n` bookings from `s,e,k,s,e,k,…` (integers): starts, ends (epoch ms) and status codes. */
function parseBusy(text: string, n: number) {
  const values = new Float64Array(n * 3)
  if (n === 0) return values
  let index = 0
  let value = 0
  let sign = 1
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44
    if (c === 44) {
      values[index++] = sign * value
      value = 0
      sign = 1
    } else if (c === 45) sign = -1
    else value = value * 10 + (c - 48)
  }
  return values
}

// Status codes of the statement, and the answer's fixed fragments.
const BUSY_STATUS = ['pending', 'confirmed', 'checked_in'].map((s) => jsonFragment(`"${s}"}`))
const F = {
  open: jsonFragment('{"resourceId":'),
  from: jsonFragment(',"from":'),
  to: jsonFragment(',"to":'),
  busy: jsonFragment(',"busy":['),
  firstPeriod: jsonFragment('{"startsAt":'),
  nextPeriod: jsonFragment(',{"startsAt":'),
  endsAt: jsonFragment(',"endsAt":'),
  status: jsonFragment(',"status":'),
  free: jsonFragment('],"free":['),
  closePeriod: jsonFragment('}'),
  close: jsonFragment(']}'),
}

// Upper bounds of one period in bytes, for sizing the answer's buffer once.
const BUSY_BYTES = 110
const FREE_BYTES = 90

/**
 * The availability answer `{resourceId, from, to, busy: [{startsAt, endsAt, status}],
 * free: [{startsAt, endsAt}]}` as JSON bytes (see JsonBytes: no object or string per
 * period).
 */
export async function resourceAvailability(
  resourceId: string,
  from: DateTime,
  to: DateTime | null
): Promise<Buffer> {
  const { trx, organisationId } = tenant()
  if (!isUuid(resourceId)) throw ApiError.notFound()
  const res = await trxQuery(trx, AVAILABILITY, [
    organisationId,
    resourceId,
    from.toISO(),
    to?.toISO() ?? null,
  ])
  const resource = res.rows[0]
  if (!resource) throw ApiError.notFound()
  const fromMs = from.toMillis()
  const toMs = Number(resource.range_to_ms)
  const n: number = resource.n
  const busy = parseBusy(resource.busy, n)
  const slots = openIntervalsMs(resource.opening_hours, fromMs, toMs)

  const json = new JsonBytes(300 + n * BUSY_BYTES + (n + slots.length) * FREE_BYTES)
  json.fragment(F.open).value(resource.id).fragment(F.from).value(from.toISO())
  json.fragment(F.to).isoTimestamp(toMs).fragment(F.busy)
  for (let k = 0; k < n; k++) {
    json.fragment(k ? F.nextPeriod : F.firstPeriod).isoTimestamp(busy[3 * k])
    json.fragment(F.endsAt).isoTimestamp(busy[3 * k + 1])
    json.fragment(F.status).fragment(BUSY_STATUS[busy[3 * k + 2]])
  }
  json.fragment(F.free)
  let first = true
  const free = (start: number, end: number) => {
    json.fragment(first ? F.firstPeriod : F.nextPeriod).isoTimestamp(start)
    json.fragment(F.endsAt).isoTimestamp(end).fragment(F.closePeriod)
    first = false
  }
  let i = 0
  for (const slot of slots) {
    let cursor = slot.start
    while (i < n && busy[3 * i + 1] <= cursor) i++
    for (let j = i; j < n && busy[3 * j] < slot.end; j++) {
      if (busy[3 * j] > cursor) free(cursor, busy[3 * j])
      cursor = Math.max(cursor, busy[3 * j + 1])
    }
    if (cursor < slot.end) free(cursor, slot.end)
  }
  return json.fragment(F.close).bytes()
}

/** Sends the availability answer (JSON bytes, see `resourceAvailability`). */
export async function availability(ctx: HttpContext, resourceId: string) {
  const { from, to } = requestedRange(ctx)
  const json = await resourceAvailability(resourceId, from, to)
  ctx.response.header('content-type', 'application/json; charset=utf-8').send(json)
}

/** Resources of a building with no active booking overlapping [from, to). */
export async function availableResources(ctx: HttpContext, buildingId: string) {
  const { trx, organisationId } = tenant()
  await findBuilding(buildingId)
  const qs = ctx.request.qs()
  if (!qs.from) throw ApiError.validation('from', 'from is required')
  if (!qs.to) throw ApiError.validation('to', 'to is required')
  const { from, to } = rangeOf(ctx, 1)
  const rows = await trx.rawQuery(
    `SELECT r.* FROM community_resources r
      WHERE r.organisation_id = ? AND r.building_id = ? AND r.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM community_bookings b
          WHERE b.organisation_id = r.organisation_id AND b.resource_id = r.id
            AND b.status IN ('pending','confirmed','checked_in')
            AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange(?::timestamptz, ?::timestamptz, '[)'))
      ORDER BY r.name, r.id`,
    [organisationId, buildingId, from.toISO()!, to.toISO()!]
  )
  return {
    data: rows.rows.map((r: any) => serializeResource(r)),
    from: from.toISO(),
    to: to.toISO(),
  }
}

export async function listResources(ctx: HttpContext, buildingId: string, type?: string) {
  const { trx, organisationId } = tenant()
  await findBuilding(buildingId)
  if (type !== undefined && !(RESOURCE_TYPES as readonly string[]).includes(type))
    throw ApiError.notFound()
  const q = trx
    .from('community_resources')
    .where('organisation_id', organisationId)
    .where('building_id', buildingId)
    .whereNull('archived_at')
    .orderBy('name')
    .orderBy('id')
  const filter = type ?? enumFilter(ctx, 'type', RESOURCE_TYPES)
  if (filter) q.where('type', filter)
  return pageOf(ctx, q, (r) => serializeResource(r))
}

/** Serialises booking rows for a viewer, with owner names for staff and resource names. */
export async function serializeBookings(actor: Actor, rows: any[]) {
  const names = actor.staff ? await ownerNames(rows.map((r) => r.owner_id)) : new Map()
  const { trx, organisationId } = tenant()
  const resourceIds = [...new Set(rows.map((r) => r.resource_id))]
  const resources = resourceIds.length
    ? await trx
        .from('community_resources')
        .where('organisation_id', organisationId)
        .whereIn('id', resourceIds)
        .select('id', 'name')
    : []
  const rName = new Map(resources.map((r: any) => [r.id, r.name]))
  return rows.map((r) => {
    const mine = actor.ownerIds.includes(r.owner_id)
    return serializeBooking(r, {
      full: actor.staff || mine,
      mine,
      ownerName: names.get(r.owner_id) ?? null,
      resourceName: rName.get(r.resource_id) ?? '',
    })
  })
}

function filterBookings(ctx: HttpContext, q: any) {
  const status = enumFilter(ctx, 'status', BOOKING_STATUSES)
  if (status) q.where('status', status)
  const qs = ctx.request.qs()
  const from = optionalTimestamp(qs.from, 'from')
  const to = optionalTimestamp(qs.to, 'to')
  if (from) q.where('ends_at', '>', from.toJSDate())
  if (to) q.where('starts_at', '<', to.toJSDate())
  return q
}

export async function listResourceBookings(ctx: HttpContext, actor: Actor, resourceId: string) {
  const { trx, organisationId } = tenant()
  await findResource(resourceId)
  const q = filterBookings(
    ctx,
    trx
      .from('community_bookings')
      .where('organisation_id', organisationId)
      .where('resource_id', resourceId)
      .orderBy('starts_at', 'desc')
      .orderBy('id')
  )
  const page = await pageOf(ctx, q, (r) => r)
  return { ...page, data: await serializeBookings(actor, page.data) }
}

/** An owner's bookings: staff for anyone of the organisation, a co-owner for themself. */
export async function listOwnerBookings(
  ctx: HttpContext,
  actor: Actor,
  ownerId: string,
  upcoming: boolean
) {
  const { trx, organisationId } = tenant()
  const owner = isUuid(ownerId)
    ? await trx
        .from('owners')
        .where('organisation_id', organisationId)
        .where('id', ownerId)
        .select('id')
        .first()
    : null
  if (!owner) throw ApiError.notFound()
  if (!actor.staff && !actor.ownerIds.includes(ownerId))
    throw ApiError.forbidden('You may only see your own bookings')
  const q = trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('owner_id', ownerId)
  if (upcoming) {
    q.whereIn('status', [...ACTIVE_STATUSES])
      .where('ends_at', '>', clock.nowDate())
      .orderBy('starts_at', 'asc')
  } else {
    filterBookings(ctx, q).orderBy('starts_at', 'desc')
  }
  q.orderBy('id')
  const page = await pageOf(ctx, q, (r) => r)
  return { ...page, data: await serializeBookings(actor, page.data) }
}

/** `?month=YYYY-MM` (default: this month, Brussels): the month's bookings grouped by day. */
export async function calendar(ctx: HttpContext, actor: Actor, resourceId: string) {
  const resource = await findResource(resourceId)
  const raw = ctx.request.qs().month
  let month = clock.now().setZone(ZONE).startOf('month')
  if (raw !== undefined) {
    const parsed = DateTime.fromFormat(String(raw), 'yyyy-MM', { zone: ZONE })
    if (!parsed.isValid) throw ApiError.validation('month', 'month must be YYYY-MM')
    month = parsed.startOf('month')
  }
  const end = month.plus({ months: 1 })
  const { trx, organisationId } = tenant()
  const rows = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('resource_id', resource.id)
    .whereNotIn('status', ['cancelled', 'rejected'])
    .where('starts_at', '<', end.toJSDate())
    .where('ends_at', '>', month.toJSDate())
    .orderBy('starts_at')
  const bookings = await serializeBookings(actor, rows)
  const days: { date: string; bookings: typeof bookings }[] = []
  for (let d = month; d < end; d = d.plus({ days: 1 })) {
    const dayEnd = d.plus({ days: 1 })
    days.push({
      date: d.toISODate()!,
      bookings: bookings.filter(
        (b) => DateTime.fromISO(b.startsAt!) < dayEnd && DateTime.fromISO(b.endsAt!) > d
      ),
    })
  }
  return {
    resource: serializeResource(resource, { icalUrl: true }),
    month: month.toFormat('yyyy-MM'),
    days,
  }
}

/** Per building: bookings by status, per resource hours/occupancy/revenue, rates. */
export async function statistics(ctx: HttpContext, buildingId: string) {
  await findBuilding(buildingId)
  const { from, to } = (() => {
    const qs = ctx.request.qs()
    // Default: the last 12 months and the next 90 days (upcoming bookings count too).
    const t = optionalTimestamp(qs.to, 'to') ?? clock.now().plus({ days: 90 })
    const f = optionalTimestamp(qs.from, 'from') ?? clock.now().minus({ days: 365 })
    if (t <= f) throw ApiError.validation('to', 'to must be after from')
    return { from: f, to: t }
  })()
  const { trx, organisationId } = tenant()
  const params = [from.toISO()!, to.toISO()!, organisationId, buildingId]
  const perResource = await trx.rawQuery(
    `SELECT r.id, r.name, r.type,
        count(b.id)::int AS bookings,
        coalesce(sum(extract(epoch FROM (b.ends_at - b.starts_at)) / 3600)
          FILTER (WHERE b.status IN ('confirmed','checked_in','checked_out')), 0)::float AS hours,
        coalesce(sum(b.amount) FILTER (WHERE b.status IN ('confirmed','checked_in','checked_out','no_show')), 0) AS revenue,
        count(b.id) FILTER (WHERE b.status = 'no_show')::int AS no_shows,
        count(b.id) FILTER (WHERE b.status = 'cancelled')::int AS cancellations,
        coalesce(sum(b.deposit_amount) FILTER (WHERE b.deposit_retained), 0) AS deposits_retained
       FROM community_resources r
       LEFT JOIN community_bookings b ON b.organisation_id = r.organisation_id AND b.resource_id = r.id
         AND b.starts_at >= ?::timestamptz AND b.starts_at < ?::timestamptz
      WHERE r.organisation_id = ? AND r.building_id = ? AND r.archived_at IS NULL
      GROUP BY r.id ORDER BY r.name`,
    params
  )
  const byStatus = await trx.rawQuery(
    `SELECT status, count(*)::int AS n FROM community_bookings
      WHERE starts_at >= ?::timestamptz AND starts_at < ?::timestamptz AND organisation_id = ? AND building_id = ?
      GROUP BY status`,
    params
  )
  const periodHours = to.diff(from, 'hours').hours
  const statusCounts: Record<string, number> = Object.fromEntries(
    BOOKING_STATUSES.map((s) => [s, 0])
  )
  for (const r of byStatus.rows) statusCounts[r.status] = r.n
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0)
  const pct = (n: number) => (total ? ((n / total) * 100).toFixed(2) : '0.00')
  let revenue = 0n
  let retained = 0n
  const resources = perResource.rows.map((r: any) => {
    revenue += centsOf(r.revenue)
    retained += centsOf(r.deposits_retained)
    return {
      resourceId: r.id,
      name: r.name,
      type: r.type,
      bookings: r.bookings,
      hoursBooked: Number(r.hours).toFixed(2),
      occupancyRate: periodHours > 0 ? ((r.hours / periodHours) * 100).toFixed(2) : '0.00',
      revenue: money(r.revenue),
      noShows: r.no_shows,
      cancellations: r.cancellations,
    }
  })
  return {
    buildingId,
    from: from.toISO(),
    to: to.toISO(),
    totalBookings: total,
    byStatus: statusCounts,
    cancellationRate: pct(statusCounts.cancelled),
    noShowRate: pct(statusCounts.no_show),
    revenue: formatCents(revenue),
    depositsRetained: formatCents(retained),
    resources,
  }
}
