import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { signupOrg } from '#tests/helpers/api'

/*
| The tokens guard reads token + user in one query (app/services/
| joined_tokens_user_provider.ts). Every rejection the framework provider made must
| still be a 401, and last_used_at must still be written (throttled).
*/
const owner = () => db.connection('owner')

async function me(client: any, token: string) {
  return client.get('/api/v1/me').bearerToken(token)
}

test.group('Perf parity: token + user in one query', () => {
  test('a valid token authenticates the right user and touches last_used_at once', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    await owner().rawQuery(
      `update auth_access_tokens set last_used_at = null where tokenable_id = ?`,
      [org.userId]
    )
    const res = await me(client, org.token)
    res.assertStatus(200)
    assert.equal(JSON.stringify(res.body()).includes(org.email), true)
    const first = await owner().rawQuery(
      `select last_used_at from auth_access_tokens where tokenable_id = ?`,
      [org.userId]
    )
    assert.isNotNull(first.rows[0].last_used_at)
    const again = await me(client, org.token)
    again.assertStatus(200)
    const second = await owner().rawQuery(
      `select last_used_at from auth_access_tokens where tokenable_id = ?`,
      [org.userId]
    )
    // Throttled: the second call within the minute does not write again.
    assert.equal(
      new Date(second.rows[0].last_used_at).getTime(),
      new Date(first.rows[0].last_used_at).getTime()
    )
  })

  test('wrong secret, malformed, unknown id, expired token or deleted user: 401', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const [prefixed, secret] = org.token.split('.')
    const wrong = `${prefixed}.${secret.slice(0, -2)}${secret.endsWith('aa') ? 'bb' : 'aa'}`
    for (const token of [wrong, 'vme_nope', 'garbage', `vme_MTIzNDU2Nzg.${secret}`]) {
      const res = await me(client, token)
      res.assertStatus(401)
      assert.equal(res.body().errors[0].code, 'E_UNAUTHORIZED')
    }
    // The wrong secret never touched the row.
    const row = await owner().rawQuery(
      `select last_used_at from auth_access_tokens where tokenable_id = ?`,
      [org.userId]
    )
    assert.isNull(row.rows[0].last_used_at)

    await owner().rawQuery(
      `update auth_access_tokens set expires_at = now() - interval '1 minute' where tokenable_id = ?`,
      [org.userId]
    )
    const expired = await me(client, org.token)
    expired.assertStatus(401)

    const other = await signupOrg(client)
    await owner().rawQuery(`delete from memberships where user_id = ?`, [other.userId])
    await owner()
      .rawQuery(`delete from users where id = ?`, [other.userId])
      .catch(() => {})
    const gone = await owner().rawQuery(`select 1 from users where id = ?`, [other.userId])
    assert.lengthOf(gone.rows, 0)
    const orphan = await me(client, other.token)
    orphan.assertStatus(401)
  })

  test('bearer API responses set no session or XSRF cookie', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const res = await me(client, org.token)
    res.assertStatus(200)
    assert.isUndefined(res.header('set-cookie'))
    // shield's other headers are unchanged.
    assert.equal(res.header('x-frame-options'), 'DENY')
    assert.equal(res.header('x-content-type-options'), 'nosniff')
  })
})
