import { defineConfig } from '@adonisjs/cors'

export default defineConfig({
  enabled: true,
  origin: [],
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
  headers: true,
  exposeHeaders: ['Retry-After'],
  credentials: true,
  maxAge: 90,
})
