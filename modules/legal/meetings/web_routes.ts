/*
| Pages of the general assemblies: staff list and live console (/app/legal/meetings…),
| the co-owners' portal page (/o/:slug/meetings).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const Pages = () => import('./meeting_pages_controller.js')

router
  .group(() => {
    router.get('/meetings', [Pages, 'index']).as('meetings')
    router
      .get('/meetings/:id', [Pages, 'console'])
      .where('id', router.matchers.uuid())
      .as('meetings.console')
  })
  .prefix('/app/legal')
  .as('web.legal')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('legal'),
    pageCan('legal.meetings.read'),
  ])

router
  .get('/o/:slug/meetings', [Pages, 'portal'])
  .as('web.legal.portal_meetings')
  .use([
    middleware.webAuth(),
    middleware.tenant(),
    pageModule('legal'),
    pageCan('legal.meetings.read'),
  ])
