import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'

export const STRONG_PASSWORD = 'Correct-Horse-Battery-42'

export function uniq(prefix = 't') {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`
}

export interface TestOrg {
  token: string
  organisationId: string
  slug: string
  userId: string
  email: string
}

/** Signs up a fresh organisation through the real endpoint and returns its admin's token. */
export async function signupOrg(client: ApiClient, name = 'Syndic Test'): Promise<TestOrg> {
  const email = `${uniq('admin')}@example.test`
  const slug = uniq('org')
  const res = await client.post('/api/v1/signup').json({
    organisation: { name, slug },
    user: { email, password: STRONG_PASSWORD, fullName: 'Alice Admin' },
  })
  if (res.status() !== 201) throw new Error(`signup failed: ${res.status()} ${res.text()}`)
  const body = res.body()
  return {
    token: body.token,
    organisationId: body.organisation.id,
    slug,
    userId: body.user.id,
    email,
  }
}

/** The test HTTP server started by the functional suite. */
export function baseUrl() {
  return `http://${process.env.HOST}:${process.env.PORT}`
}
