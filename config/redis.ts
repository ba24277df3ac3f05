import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      // ioredis accepts a URL through `host` when parsed by the provider; we split it explicitly.
      ...parseRedisUrl(env.get('REDIS_URL')),
      keyPrefix: '',
      maxRetriesPerRequest: null,
      retryStrategy(times: number) {
        return times > 10 ? null : times * 100
      },
    },
  },
})

export function parseRedisUrl(raw: string) {
  const url = new URL(raw)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    password: url.password || undefined,
    db: Number(url.pathname.replace('/', '') || 0),
  }
}

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
