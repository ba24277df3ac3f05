import { test } from '@japa/runner'
import http from 'node:http'
import v8 from 'node:v8'
import vm from 'node:vm'
import emitter from '@adonisjs/core/services/emitter'
import { signupOrg } from '#tests/helpers/api'

/*
| A finished request's HttpContext must not outlive it. With `useAsyncLocalStorage` on,
| the keep-alive timer Node arms on the socket after each answer captured the request's
| async context, and with it the whole HttpContext (request, response, models, the
| tenant transaction) until that socket's next request: under load about half of what
| was promoted to V8's old generation (benchmarks/NOTES.md, 2026-12-01). config/app.ts
| turns it off; this pins it, on open keep-alive sockets.
*/
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

function get(agent: http.Agent, path: string, token: string) {
  return new Promise<number>((resolve, reject) => {
    http
      .get(
        {
          host: process.env.HOST,
          port: process.env.PORT,
          path,
          agent,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      .on('error', reject)
  })
}

test.group('Perf: request context lifetime', () => {
  test('a keep-alive socket does not keep its last request context alive', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const finished: WeakRef<object>[] = []
    const onCompleted = ({ ctx }: { ctx: object }) => void finished.push(new WeakRef(ctx))
    emitter.on('http:request_completed', onCompleted)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 3 })
    try {
      const paths = ['/api/v1/me', '/api/v1/buildings', '/api/v1/organisation']
      const statuses = await Promise.all(paths.map((path) => get(agent, path, org.token)))
      assert.deepEqual(statuses, [200, 200, 200])
      // The sockets stay open (keep-alive); give the 'finish' handlers their turn.
      await new Promise((resolve) => setTimeout(resolve, 20))
      gc()
      await new Promise((resolve) => setTimeout(resolve, 20))
      gc()
      assert.isAtLeast(finished.length, 3)
      assert.deepEqual(
        finished.filter((ref) => ref.deref() !== undefined).length,
        0,
        'a finished request context is still reachable'
      )
    } finally {
      emitter.off('http:request_completed', onCompleted)
      agent.destroy()
    }
  })
})
