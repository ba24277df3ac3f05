import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Two-factor authentication (SPEC §4). Users are global (no tenant), so are their
| 2FA columns and backup codes.
| - two_factor_secret: AES-256-GCM ciphertext (base64 of iv ‖ tag ‖ data), set at
|   enable time; two_factor_enabled_at stays null until the first code is verified.
| - two_factor_last_step: the last accepted TOTP time step (replay protection).
| - sessions_revoked_at: sessions opened before it are refused (password change).
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (t) => {
      t.text('two_factor_secret').nullable()
      t.timestamp('two_factor_enabled_at', { useTz: true }).nullable()
      t.bigInteger('two_factor_last_step').nullable()
      t.timestamp('sessions_revoked_at', { useTz: true }).nullable()
    })

    this.schema.createTable('user_backup_codes', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      t.specificType('code_hash', 'char(64)').notNullable()
      t.timestamp('used_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['user_id', 'code_hash'])
    })
  }

  async down() {
    this.schema.dropTable('user_backup_codes')
    this.schema.alterTable('users', (t) => {
      t.dropColumn('two_factor_secret')
      t.dropColumn('two_factor_enabled_at')
      t.dropColumn('two_factor_last_step')
      t.dropColumn('sessions_revoked_at')
    })
  }
}
