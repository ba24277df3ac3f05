import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { apiRoutes } from '#services/openapi_routes'
import { openApiPath } from '#services/openapi_service'

test.group('OpenAPI document', () => {
  test('GET /api/v1/openapi.json is public and lists exactly the registered /api/v1 routes', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/api/v1/openapi.json')
    res.assertStatus(200)
    const doc = res.body()
    assert.equal(doc.openapi, '3.1.0')
    assert.equal(doc.servers[0].url, '/api/v1')

    // Read the router directly (not through the generator) to compare.
    const expected = new Set<string>()
    for (const routes of Object.values(router.toJSON())) {
      for (const route of routes) {
        if (!route.pattern.startsWith('/api/v1/')) continue
        for (const method of route.methods) {
          if (method === 'HEAD') continue
          expected.add(
            `${method.toLowerCase()} ${openApiPath(route.pattern.slice('/api/v1'.length))}`
          )
        }
      }
    }
    const documented = new Set<string>()
    for (const [path, methods] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(methods)) documented.add(`${method} ${path}`)
    }
    const missing = [...expected].filter((k) => !documented.has(k))
    const extra = [...documented].filter((k) => !expected.has(k))
    assert.deepEqual(missing, [], 'routes missing from the document')
    assert.deepEqual(extra, [], 'documented operations that are not routes')
    assert.isAbove(expected.size, 3)
    console.log(`  openapi: ${expected.size} operations compared with the router`)
  })

  test('every operation has a summary, tags, declared path params, responses and the error schema', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/api/v1/openapi.json')
    const doc = res.body()
    const errorSchema = doc.components.schemas.Error
    assert.deepEqual(errorSchema.required, ['errors'])
    assert.deepEqual(errorSchema.properties.errors.items.required, ['code', 'message'])
    assert.containsSubset(errorSchema.properties.errors.items.properties, {
      field: { type: 'string' },
    })
    const ids = new Set<string>()
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      for (const [method, op] of Object.entries<any>(methods)) {
        assert.isString(op.summary, `${method} ${path} summary`)
        assert.isNotEmpty(op.summary)
        assert.isNotEmpty(op.tags)
        assert.isFalse(ids.has(op.operationId), `duplicate operationId ${op.operationId}`)
        ids.add(op.operationId)
        const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path')
        assert.sameMembers(
          pathParams.map((p: any) => p.name),
          placeholders,
          `${method} ${path} path params`
        )
        for (const p of pathParams) {
          if (p.name === 'id' || /Id$/.test(p.name)) assert.equal(p.schema.format, 'uuid')
        }
        assert.isTrue(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${method} ${path} success response`
        )
        if (op.security.length) {
          assert.deepEqual(op.security, [{ bearerAuth: [] }])
          assert.equal(op.responses['401'].$ref, '#/components/responses/Unauthorized')
          assert.equal(op.responses['403'].$ref, '#/components/responses/Forbidden')
          assert.equal(op.responses['404'].$ref, '#/components/responses/NotFound')
        }
        if (['post', 'put', 'patch'].includes(method)) {
          assert.exists(op.responses['422'], `${method} ${path} 422`)
          assert.isNotEmpty(Object.keys(op.requestBody?.content ?? {}), `${method} ${path} body`)
        }
      }
    }
  })

  test('catalog entries enrich known routes; public routes carry no security', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/api/v1/openapi.json')
    const doc = res.body()
    const signup = doc.paths['/signup'].post
    assert.deepEqual(signup.security, [])
    assert.include(signup.tags, 'auth')
    assert.deepEqual(signup.requestBody.content['application/json'].schema.required, [
      'organisation',
      'user',
    ])
    assert.exists(signup.responses['201'])
    assert.deepEqual(doc.paths['/auth/login'].post.security, [])
    assert.deepEqual(doc.paths['/openapi.json'].get.security, [])
    const me = doc.paths['/me'].get
    assert.deepEqual(me.security, [{ bearerAuth: [] }])
    assert.notMatch(me.summary, /^Get me$/)
  })

  test('routes of feature modules are tagged with their module and gated in the description', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/api/v1/openapi.json')
    const doc = res.body()
    const moduleRoutes = apiRoutes().filter((r) => r.module)
    assert.isAbove(moduleRoutes.length, 0)
    for (const r of moduleRoutes) {
      const op = doc.paths[openApiPath(r.path)][r.method.toLowerCase()]
      assert.equal(op['x-module'], r.module)
      assert.match(op.description, /E_MODULE_DISABLED/)
    }
  })

  test('GET /docs/api renders every endpoint grouped by tag, without external resources', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/docs/api').header('accept', 'text/html')
    res.assertStatus(200)
    const html = res.text()
    assert.match(res.header('content-type') ?? '', /text\/html/)
    assert.include(html, '/api/v1/signup')
    assert.include(html, 'id="tag-auth"')
    assert.include(html, 'body field')
    assert.include(html, 'organisation.name')
    assert.notMatch(html, /<(script|link)[^>]+(src|href)="https?:\/\//)
    for (const r of apiRoutes()) assert.include(html, `/api/v1${openApiPath(r.path)}`)
  })

  test('every $ref resolves and no OpenAPI 3.0-only keyword (nullable) is left', async ({
    client,
    assert,
  }) => {
    const res = await client.get('/api/v1/openapi.json')
    const doc = res.body()
    const refs: string[] = []
    const nullables: string[] = []
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`))
      if (!node || typeof node !== 'object') return
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') refs.push(v)
        if (k === 'nullable') nullables.push(path)
        walk(v, `${path}.${k}`)
      }
    }
    walk(doc, '')
    assert.isAbove(refs.length, 10)
    for (const ref of new Set(refs)) {
      const [, section, name] = ref.match(/^#\/components\/(\w+)\/(\w+)$/) ?? []
      assert.exists(doc.components[section]?.[name], `unresolved ${ref}`)
    }
    assert.deepEqual(nullables, [])
  })
})
