import type { CatalogEntry } from '#services/openapi_catalog'

/*
| OpenAPI descriptions of the community routes (merged into /api/v1/openapi.json).
| Keys are `METHOD pattern` relative to /api/v1.
*/
const tags = ['community']
const uuid = { type: 'string', format: 'uuid' }
const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra })
const bool = { type: 'boolean' }
const int = (extra: Record<string, unknown> = {}) => ({ type: 'integer', ...extra })
const money = { oneOf: [{ type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' }, { type: 'number' }] }
const dateTime = { type: 'string', format: 'date-time' }
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const enumOf = (...values: string[]) => ({ type: 'string', enum: values })
const range = { from: dateTime, to: dateTime }

function e(summary: string, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { summary, tags, ...extra }
}

const resourceBody = {
  buildingId: uuid,
  name: str({ maxLength: 200 }),
  type: enumOf('room', 'laundry', 'parking', 'guest_room', 'garden', 'bbq', 'equipment', 'other'),
  description: str(),
  capacity: int({ minimum: 1 }),
  hourlyRate: money,
  dailyRate: money,
  depositAmount: money,
  requiresApproval: bool,
  maxBookingHours: int({ minimum: 1, default: 12 }),
  advanceBookingDays: int({ minimum: 1, maximum: 90, default: 30 }),
  maxConcurrentBookings: int({ minimum: 1, default: 2 }),
  openingHours: {
    type: 'object',
    description:
      'Europe/Brussels local hours per day: {mon:[{from:"08:00",to:"22:00"}], …}; a missing day is closed',
  },
}
const noticeBody = {
  buildingId: uuid,
  category: enumOf('announcement', 'for_sale', 'event', 'lost_found', 'service'),
  title: str({ maxLength: 200 }),
  body: str({ maxLength: 5000 }),
  visibility: enumOf('building', 'public'),
  price: { ...money, description: '> 0, required for for_sale' },
  eventDate: str({ format: 'date', description: 'required for event' }),
  expiresAt: dateTime,
}
const skillBody = {
  ownerId: { ...uuid, description: 'staff only: on behalf of a co-owner' },
  category: enumOf('professional', 'hobby', 'language', 'other'),
  name: str({ maxLength: 200 }),
  description: str({ maxLength: 2000 }),
  level: enumOf('beginner', 'intermediate', 'advanced', 'expert'),
  hourlyRate: { ...money, description: 'null or absent = free / SEL credits' },
  available: bool,
}

export const communityCatalog: Record<string, CatalogEntry> = {
  // Polls
  'POST /polls': e('Create a poll (draft)', {
    requestBody: obj(
      {
        buildingId: uuid,
        question: str({ maxLength: 500 }),
        description: str(),
        type: enumOf('yes_no', 'multiple_choice', 'rating', 'open_ended'),
        options: { type: 'array', items: str(), description: '≥ 2 for multiple_choice' },
        allowMultiple: bool,
        anonymous: bool,
        startsAt: dateTime,
        endsAt: dateTime,
      },
      ['buildingId', 'question', 'type', 'endsAt']
    ),
  }),
  'GET /polls/:id': e('A poll with its options, vote counts and whether you voted'),
  'GET /buildings/:id/polls': e('Polls of a building (co-owners do not see drafts)', {
    query: { status: enumOf('draft', 'active', 'closed', 'cancelled') },
  }),
  'GET /buildings/:id/polls/active': e('Active polls of a building'),
  'GET /buildings/:id/polls/status/:status': e('Polls of a building by status'),
  'PUT /polls/:id/publish': e('draft → active; notifies the co-owners of the building'),
  'PUT /polls/:id/close': e('active → closed'),
  'PUT /polls/:id/cancel': e('draft|active → cancelled'),
  'DELETE /polls/:id': e('Delete a draft poll (409 otherwise)'),
  'POST /polls/:id/vote': e(
    'Vote once (409 on a second vote); co-owners of the building, while active',
    {
      requestBody: obj({
        optionIds: { type: 'array', items: uuid },
        rating: int({ minimum: 1, maximum: 5 }),
        text: str({ maxLength: 2000 }),
        ownerId: uuid,
      }),
      successStatus: 201,
    }
  ),
  'GET /polls/:id/votes': e('Ballots (syndic/admin); anonymous polls never name voters'),
  'GET /polls/:id/results': e(
    'Totals, percentages, winner, average rating, participation over deduplicated eligible owners'
  ),
  // Notices
  'POST /notices': e('Create a notice (draft)', {
    requestBody: obj(noticeBody, ['buildingId', 'category', 'title', 'body', 'visibility']),
  }),
  'GET /notices/my': e('Notices I wrote'),
  'GET /notices/:id': e('A notice'),
  'PUT /notices/:id': e('Edit (author only)', { requestBody: obj(noticeBody) }),
  'PUT /notices/:id/publish': e('draft → published'),
  'PUT /notices/:id/archive': e('→ archived'),
  'PUT /notices/:id/moderate': e('Hide or show a notice (syndic, audited)', {
    requestBody: obj({ hidden: bool, reason: str({ maxLength: 500 }) }, ['hidden']),
  }),
  'DELETE /notices/:id': e('Delete (author; the syndic may delete any = moderation, audited)'),
  'GET /buildings/:id/notices': e('Notices of a building visible to you', {
    query: { category: str(), status: str(), visibility: str() },
  }),
  'GET /buildings/:id/notices/category/:category': e('Notices of a building by category'),
  'GET /buildings/:id/notices/active': e('Published, visible, not expired notices'),
  'GET /buildings/:id/notices/statistics': e('Notice board statistics (syndic)'),
  'POST /notices/:id/comments': e('Comment (1–1000 chars); parentId for a reply (one level)', {
    requestBody: obj({ body: str({ maxLength: 1000 }), parentId: uuid }, ['body']),
  }),
  'GET /notices/:id/comments': e('Top-level comments with their replies'),
  'PUT /comments/:id': e('Edit a comment (author)', {
    requestBody: obj({ body: str({ maxLength: 1000 }) }, ['body']),
  }),
  'DELETE /comments/:id': e('Delete a comment (author, or syndic = moderation)'),
  'POST /notices/:id/photos': e(
    'Add a photo (multipart `file`: JPEG/PNG/WebP by content, ≤ 5 MB, ≤ 5 per notice)',
    {
      requestContentType: 'multipart/form-data',
      requestBody: obj({ file: str({ format: 'binary' }) }, ['file']),
    }
  ),
  'GET /notices/:id/photos': e('Photos of a notice'),
  'GET /photos/:id/file': e(
    'The photo bytes; `?size=thumb` gives the WebP thumbnail (≤ 320 px) once made, else the original'
  ),
  'DELETE /photos/:id': e('Delete a photo (author or syndic)'),
  // Skills
  'POST /skills': e('Add a skill', {
    requestBody: obj(skillBody, ['category', 'name', 'level', 'available']),
  }),
  'GET /skills/:id': e('A skill with its endorsement count'),
  'PUT /skills/:id': e('Edit a skill (its co-owner or staff)', { requestBody: obj(skillBody) }),
  'DELETE /skills/:id': e('Delete a skill'),
  'PUT /skills/:id/availability': e('Set availability', {
    requestBody: obj({ available: bool }, ['available']),
  }),
  'GET /owners/:id/skills': e('Skills of a co-owner'),
  'GET /owners/:id/skills/summary': e('Summary of a co-owner’s skills'),
  'GET /buildings/:id/skills': e('Skills of the co-owners of a building', {
    query: { category: str(), level: str(), available: bool },
  }),
  'GET /buildings/:id/skills/type/:type': e('Skills of a building by category'),
  'GET /buildings/:id/skills/search': e(
    'Full-text search (French/Dutch stemming, accent-insensitive, trigram fallback)',
    {
      query: { query: str({ maxLength: 200 }), level: str(), available: bool, category: str() },
    }
  ),
  'GET /buildings/:id/skills/statistics': e('Skills statistics of a building'),
  'GET /buildings/:id/skills/most-endorsed': e('Most endorsed skills', {
    query: { limit: int({ minimum: 1, maximum: 50 }) },
  }),
  'POST /skills/:id/endorsements': e('Endorse a skill (once; never your own)', {
    requestBody: obj({ comment: str({ maxLength: 1000 }) }),
  }),
  'GET /skills/:id/endorsements': e('Endorsements of a skill'),
  'DELETE /endorsements/:id': e('Withdraw an endorsement (endorser or staff)'),
  // Resources and bookings
  'POST /resources': e('Create a bookable resource', {
    requestBody: obj(resourceBody, ['buildingId', 'name', 'type', 'requiresApproval']),
  }),
  'GET /resources/:id': e('A resource (with its tokenised iCal feed URL)'),
  'PUT /resources/:id': e('Edit a resource', { requestBody: obj(resourceBody) }),
  'DELETE /resources/:id': e('Archive a resource (409 while active bookings remain)'),
  'GET /buildings/:id/resources': e('Resources of a building', { query: { type: str() } }),
  'GET /buildings/:id/resources/type/:type': e('Resources of a building by type'),
  'GET /buildings/:id/resources/available': e('Resources free over [from, to)', { query: range }),
  'GET /buildings/:id/bookings/statistics': e('Booking statistics (syndic)', { query: range }),
  'POST /resources/:id/bookings': e(
    'Book (pending when approval is needed, else confirmed); overlaps → 409',
    {
      requestBody: obj(
        { startsAt: dateTime, endsAt: dateTime, notes: str({ maxLength: 1000 }), ownerId: uuid },
        ['startsAt', 'endsAt']
      ),
      errors: {
        409: 'slot taken (exclusion constraint) or too many active bookings',
      },
    }
  ),
  'GET /resources/:id/bookings': e('Bookings of a resource (others’ bookings without names)', {
    query: { status: str(), ...range },
  }),
  'GET /resources/:id/availability': e(
    'Busy and free periods over [from, to) (default: the booking window)',
    { query: range }
  ),
  'GET /resources/:id/bookings/calendar': e('Month calendar', {
    query: { month: str({ pattern: '^\\d{4}-\\d{2}$' }) },
  }),
  'GET /bookings/:id': e('A booking (yours, or any for staff)'),
  'GET /owners/:id/bookings': e('Bookings of a co-owner'),
  'GET /owners/:id/bookings/upcoming': e('Upcoming active bookings of a co-owner'),
  'PUT /bookings/:id/approve': e('pending → confirmed; notifies the co-owner'),
  'PUT /bookings/:id/reject': e('pending → rejected; notifies the co-owner', {
    requestBody: obj({ reason: str({ maxLength: 500 }) }, ['reason']),
  }),
  'PUT /bookings/:id/cancel': e(
    'Cancel (free until 24 h before the start, later the deposit is retained)'
  ),
  'PUT /bookings/:id/checkin': e('Check in from 30 min before to 30 min after the start'),
  'PUT /bookings/:id/checkout': e('Check out (more than 1 h after the end forfeits the deposit)'),
  'GET /community/ical/:token': e(
    'iCal feed of a resource (no login: the token is the credential)',
    { public: true }
  ),
}
