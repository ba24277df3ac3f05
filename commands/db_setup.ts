import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { setupDatabase, setupOptionsFromEnv } from '#services/database_setup_service'

/**
 * `node ace db:setup`: database, app role, migrations (as the owner), grants.
 * Used by `npm start`, `npm run demo` and the test runner.
 */
export default class DbSetup extends BaseCommand {
  static commandName = 'db:setup'
  static description =
    'Create the database and app role if missing, migrate as owner, grant the app role'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Drop and recreate the database first' })
  declare fresh: boolean

  async run() {
    const opts = await setupOptionsFromEnv()
    const applied = await setupDatabase(this.app, { ...opts, fresh: this.fresh })
    this.logger.success(
      `database ready (${applied} migration(s) applied, role ${opts.appRole} granted)`
    )
  }
}
