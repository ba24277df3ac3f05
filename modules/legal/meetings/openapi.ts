import type { CatalogEntry } from '#services/openapi_catalog'

/* OpenAPI descriptions of the general-assembly routes (SPEC §7). */
const tags = ['General assemblies']
const id = { type: 'string', format: 'uuid' }
const ts = { type: 'string', format: 'date-time' }
const majority = { type: 'string', enum: ['absolute', 'two_thirds', 'four_fifths', 'unanimity'] }

export const meetingsOpenApi: Record<string, CatalogEntry> = {
  'GET /buildings/:id/meetings': {
    summary: 'List the general meetings of a building',
    tags,
    query: { status: { type: 'string' } },
  },
  'POST /buildings/:id/meetings': {
    summary: 'Create a general meeting (draft)',
    tags,
    requestBody: {
      type: 'object',
      required: ['kind', 'title', 'scheduledAt'],
      properties: {
        kind: { type: 'string', enum: ['ordinary', 'extraordinary'] },
        title: { type: 'string' },
        scheduledAt: ts,
        place: { type: 'string' },
        videoUrl: { type: 'string', format: 'uri' },
      },
    },
  },
  'GET /meetings/:id': { summary: 'A meeting with its agenda and resolutions', tags },
  'PUT /meetings/:id': {
    summary: 'Edit a draft meeting',
    tags,
    errors: { 409: 'Convocations already sent' },
  },
  'DELETE /meetings/:id': {
    summary: 'Cancel a meeting (draft or convened)',
    tags,
    successStatus: 200,
  },
  'GET /meetings/:id/agenda-items': { summary: 'The agenda', tags },
  'POST /meetings/:id/agenda-items': {
    summary:
      'Add an agenda item (staff) or propose one (co-owner), until the convocations are sent',
    tags,
    requestBody: {
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string' },
        description: { type: 'string' },
        majority,
        documentIds: { type: 'array', items: id },
      },
    },
    errors: { 409: 'Convocations already sent' },
  },
  'POST /meetings/:id/convocations/send': {
    summary: 'Send the convocations (e-mail or registered letter per co-owner)',
    description: '422 on `scheduledAt` when fewer than 15 days remain before the meeting.',
    tags,
    successStatus: 200,
  },
  'GET /meetings/:id/convocations': {
    summary: 'Delivery of the notices per co-owner',
    tags,
    query: { kind: { type: 'string' }, channel: { type: 'string' } },
  },
  'GET /meeting-notices/:id/pdf': {
    summary: 'The PDF of one notice (registered letters are printed from here)',
    tags,
  },
  'PUT /meeting-notices/:id/printed': {
    summary: 'Mark a registered letter printed and posted',
    tags,
  },
  'GET /meetings/:id/attendance': {
    summary: 'Attendance per co-owner and the running quorum',
    tags,
  },
  'POST /meetings/:id/attendance': {
    summary: 'Check a co-owner in (present, optionally remote) or out (absent)',
    tags,
    successStatus: 200,
    requestBody: {
      type: 'object',
      required: ['ownerId', 'status'],
      properties: {
        ownerId: id,
        status: { type: 'string', enum: ['present', 'absent'] },
        remote: { type: 'boolean' },
      },
    },
  },
  'GET /meetings/:id/proxies': { summary: 'Proxies of the meeting', tags },
  'POST /meetings/:id/proxies': {
    summary: 'Record a proxy (the 3 / 10 % rule; the syndic and its staff cannot hold one)',
    tags,
    requestBody: {
      type: 'object',
      required: ['grantorOwnerId'],
      properties: {
        grantorOwnerId: id,
        holderOwnerId: id,
        holderName: { type: 'string' },
        holderEmail: { type: 'string' },
      },
    },
  },
  'PUT /agenda-items/:id': {
    summary: 'Edit an agenda item (title, description, majority) before the convocations are sent',
    tags,
    requestBody: {
      type: 'object',
      properties: { title: { type: 'string' }, description: { type: 'string' }, majority },
    },
    errors: { 409: 'Convocations already sent' },
  },
  'DELETE /agenda-items/:id': {
    summary: 'Delete an agenda item before the convocations are sent (positions renumbered)',
    tags,
    successStatus: 204,
    errors: { 409: 'Convocations already sent' },
  },
  'PUT /meetings/:id/agenda-items/order': {
    summary: 'Reorder the agenda: every item id exactly once, in the new order',
    tags,
    requestBody: {
      type: 'object',
      required: ['ids'],
      properties: { ids: { type: 'array', items: id } },
    },
    errors: { 409: 'Convocations already sent' },
  },
  'PUT /meetings/:id/representatives/:unitId': {
    summary:
      'Designate the co-owner who represents a unit held by several co-owners at this meeting (until it opens)',
    tags,
    requestBody: { type: 'object', required: ['ownerId'], properties: { ownerId: id } },
    errors: { 409: 'Meeting already opened', 422: 'Not a current co-owner of the unit' },
  },
  'PUT /meetings/:id/open': {
    summary: 'Open the meeting: computes the double quorum → open or no_quorum',
    tags,
  },
  'POST /meetings/:id/second-meeting': {
    summary: 'Second meeting after no_quorum (≥ 15 days later, no quorum needed)',
    tags,
  },
  'PUT /meetings/:id/close': {
    summary: 'Close the meeting and record the final chain digest',
    tags,
  },
  'GET /meetings/:id/resolutions': { summary: 'Resolutions and their frozen results', tags },
  'POST /meetings/:id/resolutions': {
    summary: 'Put an agenda item to the vote',
    tags,
    requestBody: { type: 'object', required: ['agendaItemId'], properties: { agendaItemId: id } },
  },
  'GET /resolutions/:id/votes': {
    summary: 'Votes (co-owners: their own receipts) and the live tally',
    tags,
  },
  'POST /resolutions/:id/votes': {
    summary: 'Cast a vote (staff for a co-owner in the room; a co-owner remotely)',
    tags,
    requestBody: {
      type: 'object',
      required: ['choice'],
      properties: { ownerId: id, choice: { type: 'string', enum: ['yes', 'no', 'abstain'] } },
    },
    errors: { 409: 'Resolution closed or already voted' },
  },
  'PUT /resolutions/:id/close': {
    summary: 'Close the vote: computes and freezes the result (vote cap applied)',
    tags,
  },
  'GET /meetings/:id/minutes': { summary: 'The minutes (PDF)', tags },
  'POST /meetings/:id/minutes/send': {
    summary: 'Send the minutes to every co-owner',
    tags,
    successStatus: 200,
  },
  'GET /meetings/:id/vote-chain': {
    summary: 'Recompute the vote chain: whether it holds and where it breaks',
    tags,
  },
  'GET /meetings/:id/live': {
    summary: 'Server-sent events of the meeting (attendance, tallies)',
    tags,
  },
  'GET /buildings/:id/meeting-requests': {
    summary: 'Pending requests for an extraordinary meeting (1/5 of quotas, 30 days)',
    tags,
  },
  'POST /buildings/:id/meeting-requests': {
    summary: 'A co-owner requires an extraordinary meeting',
    tags,
  },
  'GET /buildings/:id/council': {
    summary: 'Council: mandatory flag (≥ 20 lots) and members',
    tags,
  },
  'POST /buildings/:id/council/members': { summary: 'Add a council member with a mandate', tags },
}
