import { generate, generateSecret, generateURI, verify } from 'otplib'

/*
| RFC 6238 TOTP with the settings every authenticator app understands (SPEC §4):
| SHA-1, 6 digits, 30-second step, ±1 step accepted (clock drift). otplib v13 is
| async-first and returns the matched time step, which we store for replay protection
| (`afterTimeStep`: a code of that step or an earlier one is refused).
*/
export const TOTP_SETTINGS = { algorithm: 'sha1', digits: 6, period: 30 } as const
/** ±30 s = ±1 step. */
export const TOTP_TOLERANCE_SECONDS = 30
export const TOTP_ISSUER = 'VME Syndic'

/** 20 random bytes (160 bits, RFC 4226 §4 recommendation), base32 for the apps. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

export function otpauthUrl(secret: string, account: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret, ...TOTP_SETTINGS })
}

/** The code at `epochSeconds` (default now): used by tests and nowhere else in the app. */
export function totpAt(secret: string, epochSeconds = Math.floor(Date.now() / 1000)) {
  return generate({ secret, epoch: epochSeconds, ...TOTP_SETTINGS })
}

/**
 * Checks a 6-digit code; returns the time step it matched, or null (wrong, malformed,
 * outside ±1 step, or not after `afterTimeStep`).
 */
export async function matchTotp(
  secret: string,
  code: string,
  opts: { afterTimeStep?: number | null; epochSeconds?: number } = {}
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null
  try {
    const result = await verify({
      secret,
      token: code,
      ...TOTP_SETTINGS,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(opts.epochSeconds !== undefined ? { epoch: opts.epochSeconds } : {}),
      ...(opts.afterTimeStep !== null && opts.afterTimeStep !== undefined
        ? { afterTimeStep: opts.afterTimeStep }
        : {}),
    })
    return result.valid && 'timeStep' in result ? result.timeStep : null
  } catch {
    return null
  }
}
