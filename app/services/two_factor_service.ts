import { createHash, randomInt } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import Membership from '#models/membership'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { currentTenant, withTenant } from '#tenancy/tenant_context'
import { decryptSecret, encryptSecret } from '#services/two_factor_crypto'
import { matchTotp, newTotpSecret, otpauthUrl } from '#services/two_factor_totp'

/*
| Two-factor authentication (SPEC §4). Choices:
| - a wrong code on an authenticated endpoint answers 422 E_2FA_INVALID on its field (a
|   401 would look like a lost session to the pages); at login it is 401 E_2FA_INVALID.
| - 5 failed codes (TOTP, backup or password-to-disable) per 15 minutes per user → 429
|   with Retry-After, counted in Redis (@adonisjs/limiter): every web process and a
|   restarted one see the same count. A correct code resets the count.
| - replay: the accepted time step is written with a conditional UPDATE (only if newer
|   than the stored one), so two concurrent requests with the same code cannot both win.
| - user events are audited in every organisation the user belongs to (each admin sees
|   the security history of their members), platform-level when there is none.
*/

export const BACKUP_CODE_COUNT = 10
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

const failureLimiter = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })

const limiterKey = (userId: string) => `2fa:${userId}`

export function hashBackupCode(code: string) {
  return createHash('sha256').update(normaliseBackupCode(code)).digest('hex')
}

function normaliseBackupCode(code: string) {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function newBackupCode() {
  let out = ''
  for (let i = 0; i < 10; i++) out += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)]
  return `${out.slice(0, 5)}-${out.slice(5)}`
}

/** Fresh user row (the request's copy may predate a concurrent change). */
async function freshUser(userId: string, client?: TransactionClientContract) {
  const user = await User.query(client ? { client } : {})
    .where('id', userId)
    .first()
  if (!user) throw new ApiError(401, 'E_UNAUTHORIZED', 'Authentication required')
  return user
}

/** An audit entry in each organisation of the user (platform-level without one). */
export async function auditUserEvent(
  ctx: HttpContext | null,
  userId: string,
  action: string,
  metadata: Record<string, unknown> = {},
  actorId: string | null = userId
) {
  const entry = { action, subjectType: 'user', subjectId: userId, actorId, metadata }
  const memberships = await Membership.query().where('user_id', userId).select('organisation_id')
  if (memberships.length === 0) {
    await audit(ctx, { ...entry, organisationId: null })
    return
  }
  for (const m of memberships) {
    await withTenant(m.organisationId, () => audit(ctx, entry))
  }
}

export type SecondFactorKind = 'totp' | 'backup'

interface CheckOptions {
  /** Accept a backup code as well as a TOTP code. */
  allowBackup: boolean
  /** Accept a TOTP code (default true). */
  allowTotp?: boolean
  /** Where the failure is reported: `login` → 401, else 422 on this field. */
  field: string
  purpose: string
}

function invalidCode(opts: CheckOptions) {
  return opts.field === 'otp' && opts.purpose === 'login'
    ? new ApiError(401, 'E_2FA_INVALID', 'The verification code is not valid')
    : new ApiError(422, 'E_2FA_INVALID', 'The verification code is not valid', opts.field)
}

/** Consumes one unused backup code atomically; false if none matched. */
async function consumeBackupCode(userId: string, code: string): Promise<boolean> {
  const rows = await db
    .from('user_backup_codes')
    .where('user_id', userId)
    .where('code_hash', hashBackupCode(code))
    .whereNull('used_at')
    .update({ used_at: new Date() }, ['id'])
  return rows.length > 0
}

/** Stores the accepted step only if newer than the stored one (replay-safe under concurrency). */
async function acceptStep(userId: string, step: number): Promise<boolean> {
  const rows = await db
    .from('users')
    .where('id', userId)
    .where((q) => q.whereNull('two_factor_last_step').orWhere('two_factor_last_step', '<', step))
    .update({ two_factor_last_step: step }, ['id'])
  return rows.length > 0
}

/**
 * Checks a second-factor code for `user` under the failure limiter. Returns what kind
 * of code it was; throws 429 when blocked, E_2FA_INVALID when wrong (audited).
 */
export async function checkSecondFactor(
  ctx: HttpContext,
  userId: string,
  code: string | null | undefined,
  opts: CheckOptions
): Promise<SecondFactorKind> {
  const [throttled, kind] = await failureLimiter().penalize(limiterKey(userId), async () => {
    const user = await freshUser(userId)
    const value = String(code ?? '').trim()
    let matched: SecondFactorKind | null = null
    if (user.twoFactorSecret && opts.allowTotp !== false && /^\d{6}$/.test(value)) {
      const step = await matchTotp(readSecret(user.twoFactorSecret), value, {
        afterTimeStep: user.twoFactorLastStep,
      })
      if (step !== null && (await acceptStep(userId, step))) matched = 'totp'
    } else if (opts.allowBackup && value.length >= 8 && value.length <= 20) {
      if (await consumeBackupCode(userId, value)) matched = 'backup'
    }
    if (!matched) {
      await auditUserEvent(ctx, userId, 'auth.2fa_failed', { purpose: opts.purpose })
      throw invalidCode(opts)
    }
    return matched
  })
  if (throttled) {
    await auditUserEvent(ctx, userId, 'auth.2fa_throttled', { purpose: opts.purpose })
    throw ApiError.tooManyRequests(throttled.response.availableIn)
  }
  if (kind === 'backup') {
    await auditUserEvent(ctx, userId, 'auth.2fa_backup_used', {
      purpose: opts.purpose,
      remaining: await remainingBackupCodes(userId),
    })
  }
  return kind!
}

/**
 * The plain secret; '' when it cannot be decrypted (TWO_FACTOR_KEY changed): no code
 * then matches (backup codes still work, an admin can reset the 2FA), never a 500.
 */
function readSecret(stored: string) {
  try {
    return decryptSecret(stored)
  } catch {
    logger.error('2FA secret cannot be decrypted with the current TWO_FACTOR_KEY')
    return ''
  }
}

export async function remainingBackupCodes(userId: string) {
  const row = await db
    .from('user_backup_codes')
    .where('user_id', userId)
    .whereNull('used_at')
    .count('* as n')
    .first()
  return Number(row?.n ?? 0)
}

/** Replaces the user's backup codes; returns the plain codes (shown once). */
async function replaceBackupCodes(userId: string, trx: TransactionClientContract) {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode)
  await trx.from('user_backup_codes').where('user_id', userId).delete()
  await trx
    .table('user_backup_codes')
    .multiInsert(codes.map((c) => ({ user_id: userId, code_hash: hashBackupCode(c) })))
  return codes
}

function notEnabled() {
  return ApiError.invalidState('Two-factor authentication is not enabled')
}

// ------------------------------------------------------------------ use cases

/** POST /auth/2fa/enable: a new pending secret (replaces a pending one). */
export async function enableTwoFactor(ctx: HttpContext, userId: string) {
  const user = await freshUser(userId)
  if (user.twoFactorEnabledAt) {
    throw ApiError.invalidState('Two-factor authentication is already enabled; disable it first')
  }
  const secret = newTotpSecret()
  await db
    .from('users')
    .where('id', userId)
    .update({
      two_factor_secret: encryptSecret(secret),
      two_factor_enabled_at: null,
      two_factor_last_step: null,
    })
  await db.from('user_backup_codes').where('user_id', userId).delete()
  const url = otpauthUrl(secret, user.email)
  const { default: QRCode } = await import('qrcode')
  const qrCode = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
  await auditUserEvent(ctx, userId, 'auth.2fa_enable')
  return { secret, otpauthUrl: url, qrCode }
}

/**
 * POST /auth/2fa/verify {code}: activates a pending enrolment (→ backup codes), or
 * checks a code of an active one (step-up → `{verified: true}`).
 */
export async function verifyTwoFactor(ctx: HttpContext, userId: string, code: string) {
  const user = await freshUser(userId)
  if (!user.twoFactorSecret) throw notEnabled()
  await checkSecondFactor(ctx, userId, code, {
    allowBackup: false,
    field: 'code',
    purpose: user.twoFactorEnabledAt ? 'step_up' : 'activation',
  })
  if (user.twoFactorEnabledAt) {
    await auditUserEvent(ctx, userId, 'auth.2fa_verify', { activated: false })
    return { verified: true }
  }
  const backupCodes = await db.transaction(async (trx) => {
    // Only a still-pending enrolment with the same secret is activated.
    const updated = await trx
      .from('users')
      .where('id', userId)
      .where('two_factor_secret', user.twoFactorSecret!)
      .whereNull('two_factor_enabled_at')
      .update({ two_factor_enabled_at: new Date() }, ['id'])
    if (!updated.length) throw ApiError.invalidState('This enrolment is no longer pending')
    return replaceBackupCodes(userId, trx)
  })
  await auditUserEvent(ctx, userId, 'auth.2fa_verify', { activated: true })
  return { backupCodes }
}

async function clearTwoFactor(userId: string, client: TransactionClientContract) {
  await client
    .from('users')
    .where('id', userId)
    .update({ two_factor_secret: null, two_factor_enabled_at: null, two_factor_last_step: null })
  await client.from('user_backup_codes').where('user_id', userId).delete()
}

/** POST /auth/2fa/disable {code} | {password}. */
export async function disableTwoFactor(
  ctx: HttpContext,
  userId: string,
  input: { code?: string; password?: string }
) {
  const user = await freshUser(userId)
  if (!user.twoFactorSecret) throw notEnabled()
  let method: string
  if (input.code !== undefined) {
    method = await checkSecondFactor(ctx, userId, input.code, {
      allowBackup: true,
      field: 'code',
      purpose: 'disable',
    })
  } else {
    const [throttled] = await failureLimiter().penalize(limiterKey(userId), async () => {
      if (!(await hash.use('scrypt').verify(user.password, input.password ?? ''))) {
        await auditUserEvent(ctx, userId, 'auth.2fa_failed', { purpose: 'disable_password' })
        throw new ApiError(422, 'E_INVALID_CREDENTIALS', 'The password is not correct', 'password')
      }
    })
    if (throttled) throw ApiError.tooManyRequests(throttled.response.availableIn)
    method = 'password'
  }
  await db.transaction((trx) => clearTwoFactor(userId, trx))
  await auditUserEvent(ctx, userId, 'auth.2fa_disable', { method })
}

/** GET /auth/2fa/backup-codes (fresh TOTP in X-OTP): 10 new codes, the old ones die. */
export async function regenerateBackupCodes(
  ctx: HttpContext,
  userId: string,
  otp: string | undefined
) {
  const user = await freshUser(userId)
  if (!user.twoFactorEnabledAt) throw notEnabled()
  if (!otp || !otp.trim()) {
    throw new ApiError(
      422,
      'E_2FA_REQUIRED',
      'A current code of your authenticator app is required in the X-OTP header',
      'X-OTP'
    )
  }
  await checkSecondFactor(ctx, userId, otp, {
    allowBackup: false,
    field: 'X-OTP',
    purpose: 'regenerate_backup_codes',
  })
  const backupCodes = await db.transaction((trx) => replaceBackupCodes(userId, trx))
  await auditUserEvent(ctx, userId, 'auth.2fa_backup_codes_regenerated')
  return { backupCodes }
}

/** POST /auth/2fa/verify-backup {code}: consumes one backup code → `{remaining}`. */
export async function verifyBackupCode(ctx: HttpContext, userId: string, code: string) {
  const user = await freshUser(userId)
  if (!user.twoFactorEnabledAt) throw notEnabled()
  await checkSecondFactor(ctx, userId, code, {
    allowBackup: true,
    allowTotp: false,
    field: 'code',
    purpose: 'verify_backup',
  })
  return { remaining: await remainingBackupCodes(userId) }
}

/** DELETE /organisation/members/:id/2fa (admin): in the tenant transaction, audited there. */
export async function revokeMemberTwoFactor(ctx: HttpContext, membershipId: string) {
  const { trx, organisationId } = currentTenant()
  const membership = await Membership.query({ client: trx })
    .where('organisation_id', organisationId)
    .where('id', membershipId)
    .first()
  if (!membership) throw ApiError.notFound('Member not found')
  const user = await freshUser(membership.userId, trx)
  if (!user.twoFactorSecret) throw notEnabled()
  await clearTwoFactor(user.id, trx)
  await audit(ctx, {
    action: 'auth.2fa_revoked',
    subjectType: 'user',
    subjectId: user.id,
    metadata: { membershipId: membership.id, email: user.email },
  })
}

/**
 * The login seam: nothing for a user without 2FA; else the `otp` (TOTP or backup code)
 * must be right. 401 E_2FA_REQUIRED without it, E_2FA_INVALID when wrong.
 */
export async function requireSecondFactorAtLogin(
  ctx: HttpContext,
  user: User,
  otp: string | null | undefined
) {
  if (!user.twoFactorEnabledAt) return null
  if (!otp || !String(otp).trim()) {
    throw new ApiError(
      401,
      'E_2FA_REQUIRED',
      'Two-factor authentication is on: enter the code of your authenticator app',
      'otp'
    )
  }
  return checkSecondFactor(ctx, user.id, otp, { allowBackup: true, field: 'otp', purpose: 'login' })
}

/** Failed-code counter state (tests, diagnostics). */
export async function failureState(userId: string) {
  return failureLimiter().get(limiterKey(userId))
}

export async function resetFailures(userId: string) {
  await failureLimiter().delete(limiterKey(userId))
}
