import type { HttpContext } from '@adonisjs/core/http'
import Document from '#models/document'
import { paginate } from '#services/pagination'
import { audit } from '#services/audit_service'
import {
  contentDisposition,
  deleteDocument,
  findDocument,
  openDocumentStream,
  receiveUpload,
  storeDocument,
} from '#services/document_service'
import { documentListValidator } from '#validators/document_validator'

/** Organisation documents: upload (multipart `file`), list, metadata, download, delete. */
export default class DocumentsController {
  async store(ctx: HttpContext) {
    const upload = await receiveUpload(ctx)
    const document = await storeDocument(upload, {
      buildingId: ctx.request.input('buildingId'),
      uploadedBy: (ctx.auth.user?.id as string | undefined) ?? null,
    })
    await audit(ctx, {
      action: 'document.upload',
      subjectType: 'document',
      subjectId: document.id,
      metadata: { name: document.name, mimeType: document.mimeType, size: document.size },
    })
    return ctx.response.created(document)
  }

  async index(ctx: HttpContext) {
    const { buildingId } = await documentListValidator.validate(ctx.request.qs())
    const query = Document.query().orderBy('created_at', 'desc').orderBy('id', 'desc')
    if (buildingId) query.where('building_id', buildingId)
    return paginate(ctx, query)
  }

  async show(ctx: HttpContext) {
    return findDocument(ctx.params.id)
  }

  async download(ctx: HttpContext) {
    const document = await findDocument(ctx.params.id)
    const stream = await openDocumentStream(document)
    ctx.response.header('Content-Type', document.mimeType)
    ctx.response.header('Content-Length', String(document.size))
    ctx.response.header('Content-Disposition', contentDisposition(document.name))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.stream(stream)
  }

  async destroy(ctx: HttpContext) {
    const document = await findDocument(ctx.params.id)
    await deleteDocument(document)
    await audit(ctx, {
      action: 'document.delete',
      subjectType: 'document',
      subjectId: document.id,
      metadata: { name: document.name },
    })
    return ctx.response.noContent()
  }
}
