import { Exception } from '@adonisjs/core/exceptions'

/**
 * The one error type of the API contract (SPEC §2):
 * `{"errors":[{"code","message","field?"}]}` with its HTTP status.
 */
export interface ApiErrorEntry {
  code: string
  message: string
  field?: string
}

export class ApiError extends Exception {
  readonly entries: ApiErrorEntry[]
  headers: Record<string, string> = {}

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    extra: ApiErrorEntry[] = []
  ) {
    super(message, { status, code })
    this.entries = [{ code, message, ...(field ? { field } : {}) }, ...extra]
  }

  static notFound(message = 'Resource not found') {
    return new ApiError(404, 'E_NOT_FOUND', message)
  }

  static forbidden(message = 'You are not allowed to perform this action') {
    return new ApiError(403, 'E_FORBIDDEN', message)
  }

  static conflict(message: string, field?: string) {
    return new ApiError(409, 'E_CONFLICT', message, field)
  }

  static invalidState(message: string) {
    return new ApiError(409, 'E_INVALID_STATE', message)
  }

  static validation(field: string, message: string) {
    return new ApiError(422, 'E_VALIDATION', message, field)
  }

  static tooManyRequests(retryAfterSeconds: number) {
    const error = new ApiError(429, 'E_TOO_MANY_REQUESTS', 'Too many requests, try again later')
    error.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)))
    return error
  }

  static moduleDisabled(key: string) {
    return new ApiError(
      403,
      'E_MODULE_DISABLED',
      `The module "${key}" is not enabled for this organisation`
    )
  }
}

/** Thrown when tenant-scoped code runs outside a tenant transaction: a programming error. */
export class MissingTenantContext extends Exception {
  static status = 500
  static code = 'E_MISSING_TENANT_CONTEXT'
  constructor() {
    super(
      'Tenant-scoped data accessed without a tenant context (use the tenant middleware or withTenant())'
    )
  }
}
