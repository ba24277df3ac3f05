import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'

type Handler = { handle(ctx: HttpContext, next: NextFn): unknown }
type LazyMiddleware = () => Promise<{ default: new (...args: any[]) => Handler }>

/*
| The server middleware (start/kernel.ts), in this order, run as one middleware: each is
| made by the container once per process (none keeps per-request state) and called
| directly, instead of a container `make` + `call` per middleware and request (~5 KB of
| garbage and several promises per hop, on every request).
|
| Same behaviour: same order; none of them does work after `next()` except Inertia's
| `dispose` (a `finally`), and errors from the router and route handlers are still
| turned into responses by the framework inside the last `next()`, so a middleware
| here sees the same resolved `next()` as before. (Tracing subscribers of
| `adonisjs.http.middleware`, if any, see one span here instead of five.)
*/
const STACK: LazyMiddleware[] = [
  () => import('#middleware/container_bindings_middleware'),
  // Static files (skipped under /api/, app/middleware/bearer_api_fast_path.ts).
  () => import('#middleware/static_unless_api_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  // Not for bearer API requests (app/middleware/inertia_middleware.ts).
  () => import('#middleware/inertia_middleware'),
]

let handlers: Promise<Handler[]> | undefined

function load() {
  handlers ??= Promise.all(
    STACK.map(async (lazy) => {
      const module = await lazy()
      return app.container.make(module.default)
    })
  )
  return handlers
}

export default class ServerPipelineMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const stack = await load()
    const run = (index: number): unknown =>
      index === stack.length ? next() : stack[index].handle(ctx, () => run(index + 1))
    return run(0)
  }
}
