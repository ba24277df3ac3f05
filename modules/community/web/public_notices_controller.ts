import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/organisation'
import moduleAccess from '#core_modules/module_access'
import { withTenant } from '#tenancy/tenant_context'
import { clock } from '../shared/clock.js'
import { serializeNotices } from '../notices/notice_serializer.js'
import { findPhoto, photoStream } from '../notices/photo_service.js'

/*
| The organisation's public notice board (/o/:slug/notices): no login. It shows only
| published, non-hidden, non-expired notices whose author chose `public`, without the
| author's identity beyond their display name.
*/
async function publicOrganisation(slug: string) {
  const organisation = await Organisation.query().where('slug', slug).first()
  if (!organisation || !(await moduleAccess.isEnabledFor(organisation.id, 'community'))) return null
  return organisation
}

export default class PublicNoticesController {
  async index(ctx: HttpContext) {
    const organisation = await publicOrganisation(String(ctx.params.slug))
    if (!organisation) {
      return ctx.inertia.render('errors/error', {
        status: 404,
        errors: [{ code: 'E_NOT_FOUND', message: 'Page not found' }],
      })
    }
    const notices = await withTenant(organisation.id, async (trx) => {
      const rows = await trx
        .from('community_notices')
        .where('organisation_id', organisation.id)
        .where('visibility', 'public')
        .where('status', 'published')
        .where('hidden', false)
        .where((w) => w.whereNull('expires_at').orWhere('expires_at', '>', clock.nowDate()))
        .orderBy('published_at', 'desc')
        .limit(100)
      const buildings = await trx
        .from('buildings')
        .where('organisation_id', organisation.id)
        .select('id', 'name', 'city')
      const byId = new Map(buildings.map((b: any) => [b.id, b]))
      const serialized = await serializeNotices(null, rows)
      return serialized.map((n) => ({
        id: n.id,
        category: n.category,
        title: n.title,
        body: n.body,
        price: n.price,
        eventDate: n.eventDate,
        publishedAt: n.publishedAt,
        author: n.author.name,
        building: byId.get(n.buildingId)
          ? { name: byId.get(n.buildingId).name, city: byId.get(n.buildingId).city }
          : null,
        photos: n.photos.map((p) => `/o/${organisation.slug}/notices/photos/${p.id}?size=thumb`),
      }))
    })
    return ctx.inertia.render('community/public/notices' as any, {
      organisation: {
        name: organisation.name,
        slug: organisation.slug,
        branding: organisation.branding,
      },
      notices,
    })
  }

  async photo(ctx: HttpContext) {
    const organisation = await publicOrganisation(String(ctx.params.slug))
    if (!organisation) return ctx.response.notFound('Not found')
    return withTenant(organisation.id, async () => {
      try {
        const { photo } = await findPhoto(null, ctx.params.id)
        const thumb = ctx.request.input('size') === 'thumb'
        const { mimeType, stream } = await photoStream(photo, thumb)
        ctx.response.header('Content-Type', mimeType)
        ctx.response.header('Cache-Control', 'public, max-age=3600')
        ctx.response.header('X-Content-Type-Options', 'nosniff')
        const chunks: Buffer[] = []
        for await (const chunk of stream) chunks.push(chunk as Buffer)
        return ctx.response.send(Buffer.concat(chunks))
      } catch {
        return ctx.response.notFound('Not found')
      }
    })
  }
}
