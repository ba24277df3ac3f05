import User from '#models/user'
import Membership from '#models/membership'
import type { Role } from '#policies/permissions'
import { STRONG_PASSWORD, uniq } from '#tests/helpers/api'

/** Adds a user with `role` to an organisation directly (global tables) and returns a token. */
export async function addMember(organisationId: string, role: Role, locale: string | null = null) {
  const user = await User.create({
    email: `${uniq(role)}@example.test`,
    password: STRONG_PASSWORD,
    fullName: `Member ${role}`,
    locale,
    isSuperadmin: false,
    notificationPreferences: {},
  })
  await Membership.create({ organisationId, userId: user.id, role })
  const token = await User.accessTokens.create(user)
  return { user, token: token.value!.release() }
}
