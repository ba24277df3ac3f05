import env from '#start/env'
import { defineConfig } from '@adonisjs/shield'

/*
| Security headers (issue 4, "Hardening"). The pages are a Vite bundle served from our
| own origin (scripts and styles in /assets), Inertia's page object is JSON in the
| HTML (not a script), so scripts need nothing but 'self'. Styles allow 'unsafe-inline'
| for Vue's runtime style attributes and the API reference's <style> block (style
| injection is not script execution). Images: our files, data: URLs (2FA QR codes) and
| https: (organisation logos are external URLs). Outside production the Vite client
| needs its websocket (HMR); production connects to 'self' only.
| Referrer-Policy and friends are set by app/middleware/security_headers_middleware.ts.
*/
const dev = env.get('NODE_ENV') === 'development'
/** Outside production the Vite client connects to its HMR websocket. */
const hmr = env.get('NODE_ENV') !== 'production'

export default defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: dev ? ["'self'", "'unsafe-inline'"] : ["'self'", '@nonce'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: hmr ? ["'self'", 'ws:', 'wss:'] : ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      frameSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      manifestSrc: ["'self'"],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // Bearer-token API calls carry no ambient credentials: CSRF does not apply. Cookie-
    // authenticated calls (the pages) must send the X-XSRF-TOKEN header.
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/api/') &&
      (!!ctx.request.header('authorization') || !ctx.request.cookiesList()['vme-session']),
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days', includeSubDomains: true },
  contentTypeSniffing: { enabled: true },
})
