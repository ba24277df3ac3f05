import { defineConfig } from '@adonisjs/shield'

export default defineConfig({
  csp: { enabled: false, directives: {}, reportOnly: false },
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
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})
