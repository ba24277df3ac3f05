import { randomBytes } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { literalPattern } from '#gdpr/core_personal_data'
import { revokeAllUserTokens } from '#services/password_service'

/*
| The person's global account (no tenant): the users row, access tokens, 2FA material.
| Called once per person by the gdpr module, inside the erase transaction.
*/

/** The account part of an Art. 15 export (no secrets: no password hash, token hash or 2FA secret). */
export async function exportAccount(trx: TransactionClientContract, userId: string) {
  const user = await trx
    .from('users')
    .where('id', userId)
    .select('id', 'email', 'full_name', 'locale', 'notification_preferences', 'created_at')
    .first()
  const tokens = await trx
    .from('auth_access_tokens')
    .where('tokenable_id', userId)
    .orderBy('created_at')
    .select('name', 'created_at', 'last_used_at', 'expires_at')
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null))
  return {
    account: user
      ? [
          {
            id: user.id,
            email: user.email,
            fullName: user.full_name,
            locale: user.locale,
            notificationPreferences: user.notification_preferences,
            createdAt: iso(user.created_at),
          },
        ]
      : [],
    accessTokens: tokens.map((t) => ({
      name: t.name,
      createdAt: iso(t.created_at),
      lastUsedAt: iso(t.last_used_at),
      expiresAt: iso(t.expires_at),
    })),
  }
}

/**
 * Anonymises the users row: name and e-mail become placeholders, the password becomes a
 * random unusable hash, 2FA material is removed, tokens and sessions are revoked (the
 * core's revokeAllUserTokens). The row itself stays so the ids that financial, vote and
 * audit records keep point to an anonymous account.
 */
export async function eraseAccount(
  trx: TransactionClientContract,
  userId: string,
  placeholder: { name: string; email: string }
) {
  const user = await trx.from('users').where('id', userId).select('email', 'full_name').first()
  if (user) {
    const patterns = [user.email, user.full_name]
      .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
      .map(literalPattern)
    // Platform-level audit rows about the person (e.g. a failed login before any membership).
    await trx.rawQuery('select gdpr_redact_audit_logs(?, ?::text[], true)', [userId, patterns])
  }
  await trx
    .from('users')
    .where('id', userId)
    .update({
      email: placeholder.email,
      full_name: placeholder.name,
      password: await hash.use('scrypt').make(randomBytes(32).toString('hex')),
      locale: null,
      notification_preferences: '{}',
      two_factor_secret: null,
      two_factor_enabled_at: null,
      two_factor_last_step: null,
      updated_at: new Date(),
    })
  await trx.from('user_backup_codes').where('user_id', userId).delete()
  // The core's revocation: tokens deleted and every web session marked stale.
  await revokeAllUserTokens(userId, { client: trx })
}
