import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { createRequire } from 'node:module'

/** The linear matcher the router used before (a dependency of @adonisjs/http-server). */
const matchit: {
  match(url: string, routes: any[][]): any[]
  exec(url: string, matched: any[], decode: boolean): Record<string, string>
} = createRequire(import.meta.url)('@poppinss/matchit')

/*
| config/app.ts uses the indexed route table (`matcher: 'tree'`) with registration
| precedence. For every registered route, a URL built from its pattern must resolve to
| the same route and params as the linear matcher (first registered match wins), for
| every method.
*/
const SAMPLES = ['7f3b2a10-5c4d-4e8f-9a1b-2c3d4e5f6a7b', '42', 'abc', 'a-b_c', '2026-03-01']

function sampleFor(token: { matcher?: RegExp; match?: RegExp }) {
  const matcher = token.matcher ?? token.match
  return SAMPLES.find((value) => !matcher || matcher.test(value)) ?? SAMPLES[0]
}

function urlsFor(tokens: any[]) {
  // type 0 static, 1 param, 2 wildcard, 3 optional param
  const base: string[] = []
  let optional = false
  for (const token of tokens) {
    if (token.type === 0) base.push(token.val)
    else if (token.type === 1) base.push(`${sampleFor(token)}${token.end ?? ''}`)
    else if (token.type === 2) base.push('a/b')
    else optional = true
  }
  const urls = [`/${base.join('/')}`]
  if (optional) {
    const full = tokens.map((t: any) =>
      t.type === 0 ? t.val : t.type === 2 ? 'a/b' : `${sampleFor(t)}${t.end ?? ''}`
    )
    urls.push(`/${full.join('/')}`)
  }
  return urls
}

/** URLs where a parameter takes a static segment other routes have at that position. */
function ambiguousUrlsFor(tokens: any[], staticAt: Map<number, Set<string>>) {
  const urls: string[] = []
  const plain = urlsFor(tokens)[0].slice(1).split('/')
  tokens.forEach((token, index) => {
    if (token.type !== 1) return
    for (const value of staticAt.get(index) ?? []) {
      urls.push(`/${plain.map((segment, i) => (i === index ? value : segment)).join('/')}`)
    }
  })
  return urls
}

test.group('Perf parity: indexed router matches like the linear one', () => {
  test('every route URL resolves to the same route and params', ({ assert }) => {
    const routes = (router.toJSON() as Record<string, any[]>).root ?? []
    const methods = new Set(routes.flatMap((route) => route.methods as string[]))
    const staticAt = new Map<number, Set<string>>()
    for (const route of routes) {
      route.tokens.forEach((token: any, index: number) => {
        if (token.type !== 0) return
        if (!staticAt.has(index)) staticAt.set(index, new Set())
        staticAt.get(index)!.add(token.val)
      })
    }
    let checked = 0
    let shadowed = 0
    for (const method of methods) {
      const ordered = routes.filter((route) => route.methods.includes(method))
      const tokensList = ordered.map((route) => route.tokens)
      for (const route of ordered) {
        for (const url of [...urlsFor(route.tokens), ...ambiguousUrlsFor(route.tokens, staticAt)]) {
          const linear = matchit.match(url, tokensList)
          const indexed = router.match(url, method, false)
          if (!linear.length) {
            assert.isNull(indexed, `${method} ${url}`)
            continue
          }
          const expected =
            ordered[tokensList.indexOf(linear)] ??
            ordered.find((r) => r.tokens[0]?.old === linear[0].old)
          assert.equal(indexed?.route.pattern, expected.pattern, `${method} ${url}`)
          assert.deepEqual(indexed?.params, matchit.exec(url, linear, false), `${method} ${url}`)
          checked++
          if (expected !== route) shadowed++
        }
      }
      // A URL no route has.
      assert.isNull(router.match('/no/such/route/anywhere', method, false))
    }
    assert.isAbove(checked, 300)
    // Some URLs are claimed by an earlier route: precedence is exercised, not just lookup.
    assert.isAbove(shadowed, 0)
  })
})
