#!/usr/bin/env node
/*
| Runs the local fake Stripe server (tests/helpers/fake_stripe.ts) for the demo, when no
| real STRIPE_SECRET_KEY is configured. Node 24 strips the TypeScript types itself.
|
|   node scripts/fake_stripe.mjs [--port 12111] [--app http://127.0.0.1:3333]
|
| Then start the app with STRIPE_API_URL=http://127.0.0.1:12111 and the same
| STRIPE_WEBHOOK_SECRET (printed below).
*/
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FAKE_STRIPE_PORT ?? '12111' },
    app: {
      type: 'string',
      default: process.env.APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3333}`,
    },
  },
})

const { startFakeStripe } = await import('../tests/helpers/fake_stripe.ts')
const fake = await startFakeStripe({
  port: Number(values.port),
  webhookUrl: `${values.app.replace(/\/$/, '')}/api/v1/webhooks/stripe`,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_fake_local_demo_secret',
  configureProcessEnv: false,
  autoEvents: true,
  verbose: true,
})
console.log(`fake Stripe listening on ${fake.url}`)
console.log(`  STRIPE_API_URL=${fake.url}`)
console.log(`  STRIPE_WEBHOOK_SECRET=${fake.webhookSecret}`)
console.log(`  webhooks → ${fake.webhookUrl}`)

const stop = async () => {
  await fake.stop()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
