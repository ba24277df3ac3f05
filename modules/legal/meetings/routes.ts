/*
| Routes of the general assemblies (SPEC §7, issue 10) under /api/v1, behind auth +
| tenant + module('legal') + a permission per route. Co-owners (role owner) reach the
| read routes of their own buildings, propose agenda items, vote remotely and request an
| extraordinary meeting; everything else is staff.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import './web_routes.js'

const Meetings = () => import('./meetings_controller.js')
const uuid = router.matchers.uuid()
const read = middleware.can('legal.meetings.read')
const write = middleware.can('legal.meetings.write')
const propose = middleware.can('legal.meetings.propose')
const vote = middleware.can('legal.meetings.vote')
const request = middleware.can('legal.meetings.request')

router
  .group(() => {
    const r = (
      method: 'get' | 'post' | 'put' | 'delete',
      path: string,
      action: string,
      name: string,
      perm: any
    ) =>
      router[method](path, [Meetings, action as any])
        .where('id', uuid)
        .as(`legal.meetings.${name}`)
        .use(perm)

    r('get', '/buildings/:id/meetings', 'index', 'index', read)
    r('post', '/buildings/:id/meetings', 'store', 'store', write)
    r('get', '/buildings/:id/meeting-requests', 'requestsIndex', 'requests.index', read)
    r('post', '/buildings/:id/meeting-requests', 'requestStore', 'requests.store', request)
    r('get', '/buildings/:id/council', 'council', 'council.show', read)
    r('post', '/buildings/:id/council/members', 'addCouncilMember', 'council.store', write)
    r('get', '/meetings/:id', 'show', 'show', read)
    r('put', '/meetings/:id', 'update', 'update', write)
    r('delete', '/meetings/:id', 'destroy', 'destroy', write)
    r('get', '/meetings/:id/agenda-items', 'agenda', 'agenda.index', read)
    r('post', '/meetings/:id/agenda-items', 'addAgendaItem', 'agenda.store', propose)
    r('put', '/meetings/:id/agenda-items/order', 'reorderAgenda', 'agenda.order', write)
    r('put', '/agenda-items/:id', 'updateAgendaItem', 'agenda.update', write)
    r('delete', '/agenda-items/:id', 'deleteAgendaItem', 'agenda.destroy', write)
    r(
      'put',
      '/meetings/:id/representatives/:unitId',
      'designateRepresentative',
      'representatives.update',
      write
    )
    r('post', '/meetings/:id/convocations/send', 'sendConvocations', 'convocations.send', write)
    r('get', '/meetings/:id/convocations', 'convocations', 'convocations.index', write)
    r('get', '/meeting-notices/:id/pdf', 'noticePdf', 'notices.pdf', write)
    r('put', '/meeting-notices/:id/printed', 'markPrinted', 'notices.printed', write)
    r('get', '/meetings/:id/attendance', 'attendance', 'attendance.index', read)
    r('post', '/meetings/:id/attendance', 'recordAttendance', 'attendance.store', write)
    r('get', '/meetings/:id/proxies', 'proxies', 'proxies.index', read)
    r('post', '/meetings/:id/proxies', 'createProxy', 'proxies.store', write)
    r('put', '/meetings/:id/open', 'open', 'open', write)
    r('post', '/meetings/:id/second-meeting', 'secondMeeting', 'second', write)
    r('put', '/meetings/:id/close', 'close', 'close', write)
    r('get', '/meetings/:id/resolutions', 'resolutions', 'resolutions.index', read)
    r('post', '/meetings/:id/resolutions', 'openResolution', 'resolutions.store', write)
    r('get', '/resolutions/:id/votes', 'votes', 'votes.index', read)
    r('post', '/resolutions/:id/votes', 'castVote', 'votes.store', vote)
    r('put', '/resolutions/:id/close', 'closeResolution', 'resolutions.close', write)
    r('get', '/meetings/:id/minutes', 'minutes', 'minutes', read)
    r('post', '/meetings/:id/minutes/send', 'sendMinutes', 'minutes.send', write)
    r('get', '/meetings/:id/vote-chain', 'voteChain', 'vote_chain', read)
    r('get', '/meetings/:id/live', 'live', 'live', read)
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant(), middleware.module('legal')])
