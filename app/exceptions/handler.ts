import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { ApiError, type ApiErrorEntry } from '#exceptions/api_error'

type Mapped = { status: number; entries: ApiErrorEntry[]; headers?: Record<string, string> }

/** PostgreSQL error codes that are the client's fault, never a 500. */
const PG_ERRORS: Record<string, Mapped> = {
  '23505': {
    status: 409,
    entries: [
      { code: 'E_CONFLICT', message: 'A resource with the same unique value already exists' },
    ],
  },
  '23P01': {
    status: 409,
    entries: [{ code: 'E_CONFLICT', message: 'This overlaps an existing resource' }],
  },
  '23503': {
    status: 409,
    entries: [{ code: 'E_CONFLICT', message: 'This resource is still referenced by others' }],
  },
  '23514': {
    status: 422,
    entries: [{ code: 'E_VALIDATION', message: 'A value is outside its allowed range' }],
  },
  '22P02': { status: 404, entries: [{ code: 'E_NOT_FOUND', message: 'Resource not found' }] },
  '22003': { status: 422, entries: [{ code: 'E_VALIDATION', message: 'A number is too large' }] },
  '22001': { status: 422, entries: [{ code: 'E_VALIDATION', message: 'A value is too long' }] },
}

/*
| Transient concurrency failures: another transaction held what this one needed
| (serialization failure, deadlock, lock timeout). The request's transaction rolled back,
| so nothing was written and the same request may simply be sent again: 409 with
| Retry-After, not a 500. Still logged, as a deadlock points at a lock-ordering problem.
*/
const CONCURRENCY_ERRORS = new Set(['40001', '40P01', '55P03'])
const RETRY_LATER: Mapped = {
  status: 409,
  entries: [
    {
      code: 'E_CONFLICT',
      message: 'Another operation was changing the same data; nothing was saved, please retry',
    },
  ],
  headers: { 'Retry-After': '1' },
}

/**
 * One error contract for the API (SPEC §2): `{"errors":[{code, message, field?}]}`.
 * Pages (Inertia) keep the framework's behaviour: validation errors flash back to the form.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected isApi(ctx: HttpContext) {
    const url = ctx.request.url()
    return (
      url.startsWith('/api/') ||
      url.startsWith('/health') ||
      (!ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json')
    )
  }

  map(error: any): Mapped {
    if (error instanceof ApiError)
      return { status: error.status, entries: error.entries, headers: error.headers }
    const code: string | undefined = error?.code
    if (code === 'E_VALIDATION_ERROR') {
      const entries = (error.messages ?? []).map((m: { field: string; message: string }) => ({
        code: 'E_VALIDATION',
        message: m.message,
        field: m.field,
      }))
      return { status: 422, entries }
    }
    if (code === 'E_UNAUTHORIZED_ACCESS')
      return {
        status: 401,
        entries: [{ code: 'E_UNAUTHORIZED', message: 'Authentication required' }],
      }
    if (code === 'E_ROUTE_NOT_FOUND' || code === 'E_ROW_NOT_FOUND') {
      return { status: 404, entries: [{ code: 'E_NOT_FOUND', message: 'Resource not found' }] }
    }
    if (code === 'E_TOO_MANY_REQUESTS') {
      const retryAfter = error.response?.availableIn ?? error.availableIn
      return {
        status: 429,
        entries: [{ code: 'E_TOO_MANY_REQUESTS', message: 'Too many requests, try again later' }],
        headers: retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : undefined,
      }
    }
    if (typeof code === 'string' && PG_ERRORS[code]) return PG_ERRORS[code]
    if (typeof code === 'string' && CONCURRENCY_ERRORS.has(code)) return RETRY_LATER
    const status = Number(error?.status ?? 500)
    if (status === 400 || code === 'E_INVALID_JSON' || error instanceof SyntaxError) {
      return {
        status: 400,
        entries: [{ code: 'E_BAD_REQUEST', message: 'Malformed request body' }],
      }
    }
    if (status >= 400 && status < 500) {
      return {
        status,
        entries: [
          { code: typeof code === 'string' ? code : 'E_BAD_REQUEST', message: error.message },
        ],
      }
    }
    return { status: 500, entries: [{ code: 'E_INTERNAL', message: 'Internal server error' }] }
  }

  async handle(error: unknown, ctx: HttpContext) {
    if (!this.isApi(ctx)) {
      const mapped = this.map(error)
      if (mapped.status === 401) return ctx.response.redirect('/login')
      if (
        mapped.status !== 500 &&
        mapped.status !== 422 &&
        !(error as any)?.code?.startsWith?.('E_VALIDATION')
      ) {
        // The handler's return value is ignored: the rendered page must be sent explicitly.
        const page = await ctx.inertia.render('errors/error', {
          status: mapped.status,
          errors: mapped.entries,
        })
        return ctx.response.status(mapped.status).send(page)
      }
      return super.handle(error, ctx)
    }
    const mapped = this.map(error)
    for (const [k, v] of Object.entries(mapped.headers ?? {})) ctx.response.header(k, v)
    return ctx.response.status(mapped.status).send({ errors: mapped.entries })
  }

  async report(error: unknown, ctx: HttpContext) {
    const code = (error as { code?: unknown })?.code
    if (typeof code === 'string' && CONCURRENCY_ERRORS.has(code)) {
      ctx.logger.warn({ err: error, code }, 'transaction rolled back by a concurrency failure')
      return
    }
    if (this.map(error).status < 500) return
    return super.report(error, ctx)
  }
}
