import env from '#start/env'

/** The app role's URL: the owner's URL with the app role's credentials. */
export function appDatabaseUrl(): string {
  const url = new URL(env.get('DATABASE_URL'))
  url.username = appRoleName()
  url.password = env.get('APP_DB_PASSWORD', 'vme_app_password')
  return url.toString()
}

export function appRoleName(): string {
  return env.get('APP_DB_USER', 'vme_app')
}
