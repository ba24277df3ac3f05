import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface ConstantRateOptions {
  url?: string
  /** Request i goes to urls[i % urls.length]. */
  urls?: string[]
  headers: Record<string, string>
  rate?: number
  seconds?: number
  connections?: number
  warmupSeconds?: number
  /** One request at a time (closed loop, one connection): `count` after `warmup`. */
  sequential?: boolean
  count?: number
  warmup?: number
  /** Also return every latency sample. */
  samples?: boolean
}

interface Percentiles {
  p50: number
  p90: number
  p99: number
  p999: number
  max: number
  mean: number
}

export interface ConstantRateResult {
  sent: number
  completed: number
  achievedRate: number
  errors: number
  non2xx: number
  latency: Percentiles
  timerLag: Percentiles
  samples?: number[]
}

const SCRIPT = fileURLToPath(new URL('constant_rate.mjs', import.meta.url))

/**
 * HTTP load from a separate process (benchmarks/constant_rate.mjs, see why there): a
 * steady `rate` req/s with latencies counted from each request's due time, or
 * `sequential` requests one at a time; 0.01 ms resolution.
 */
export function constantRate(opts: ConstantRateOptions): Promise<ConstantRateResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] })
    child.stdin.end(JSON.stringify(opts))
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`constant_rate exited ${code}`))
    )
  })
}
