/*
| Open-loop, constant-rate HTTP load (the wrk2 method), run as its own process so the
| client's event loop and GC never share a process with the server or a booted app.
|
| Why not autocannon's `overallRate`: autocannon resets a per-connection quota every
| second and sends the quota back to back, so "half of saturation" is a saturated burst
| for half of each second followed by silence; its coordinated-omission correction then
| records one synthetic sample per millisecond of every response's latency
| (`Math.ceil(1 / rate)` = 1 ms). Neither measures latency at a steady half load.
|
| Here request i is due at t0 + i / rate (uniform spacing) and is sent on one of
| `connections` keep-alive sockets. Latency is counted from the moment the request was
| due, not from when it left (coordinated omission corrected): a request that waits for
| a free socket or for a late timer counts that wait. The timer's own lateness is
| reported too, so a stalled client is visible.
|
| Input (JSON on stdin): { url | urls, headers?, rate, seconds, connections?,
| warmupSeconds? } (with `urls`, request i goes to urls[i % urls.length]); or
| { url | urls, headers?, sequential: true, count, warmup? }: one request at a time.
| Output (stdout, JSON): { sent, completed, errors, non2xx, achievedRate, latency: {p50,
| p90, p99, p999, max, mean}, timerLag: {p50, p99, max}, samples? (with `samples: true`) }
| in milliseconds.
*/
import http from 'node:http'

let input = ''
for await (const chunk of process.stdin) input += chunk
const opts = JSON.parse(input)
const connections = opts.connections ?? 10
const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
const targets = (opts.urls ?? [opts.url]).map((url) => {
  const target = new URL(url)
  return {
    host: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    headers: opts.headers ?? {},
    agent,
  }
})

function percentiles(samples) {
  const sorted = Float64Array.from(samples).sort()
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN
  const round = (n) => Math.round(n * 100) / 100
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    p999: round(at(0.999)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(mean),
  }
}

/** Sends requests at `rate` per second for `seconds`; resolves with the samples. */
function run(rate, seconds) {
  return new Promise((resolve) => {
    const interval = 1000 / rate
    const total = Math.round(rate * seconds)
    const latencies = []
    const lags = []
    let sent = 0
    let done = 0
    let errors = 0
    let non2xx = 0
    const t0 = performance.now()
    const finish = () => {
      if (done === total)
        resolve({ latencies, lags, sent, errors, non2xx, elapsed: performance.now() - t0 })
    }
    const fire = (i, due) => {
      const req = http.get(targets[i % targets.length], (res) => {
        if (res.statusCode < 200 || res.statusCode > 299) non2xx++
        res.on('data', () => {})
        res.on('end', () => {
          latencies.push(performance.now() - due)
          done++
          finish()
        })
      })
      req.on('error', () => {
        errors++
        done++
        finish()
      })
    }
    const tick = () => {
      const now = performance.now()
      while (sent < total && t0 + sent * interval <= now) {
        const due = t0 + sent * interval
        lags.push(now - due)
        fire(sent++, due)
      }
      if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()))
    }
    tick()
  })
}

/**
 * Closed loop, one request at a time on one keep-alive socket (`ab -c 1`): the latency
 * of each request alone, without queueing, for `count` requests.
 */
async function sequential(count) {
  const latencies = []
  let errors = 0
  let non2xx = 0
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await new Promise((resolve) => {
      http
        .get(targets[i % targets.length], (res) => {
          if (res.statusCode < 200 || res.statusCode > 299) non2xx++
          res.on('data', () => {})
          res.on('end', () => {
            latencies.push(performance.now() - start)
            resolve()
          })
        })
        .on('error', () => {
          errors++
          resolve()
        })
    })
  }
  return { latencies, lags: [], sent: count, errors, non2xx, elapsed: performance.now() - t0 }
}

if (opts.sequential) await sequential(opts.warmup ?? 50)
else if (opts.warmupSeconds) await run(opts.rate, opts.warmupSeconds)
const r = opts.sequential ? await sequential(opts.count) : await run(opts.rate, opts.seconds)
agent.destroy()
process.stdout.write(
  JSON.stringify({
    sent: r.sent,
    completed: r.latencies.length,
    errors: r.errors,
    non2xx: r.non2xx,
    achievedRate: Math.round((r.latencies.length / r.elapsed) * 1000 * 10) / 10,
    latency: percentiles(r.latencies),
    samples: opts.samples ? r.latencies : undefined,
    timerLag: percentiles(r.lags),
  })
)
