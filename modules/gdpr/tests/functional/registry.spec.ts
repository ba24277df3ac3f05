import { test } from '@japa/runner'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { asPerson, createPerson, gdprCall, ownerQuery } from './helpers.js'

/*
| The registry of personal columns must match the database. A column whose NAME looks
| personal, in ANY table (core or module), must be declared by some contributor, or be
| in this allow-list with the reason it is not personal data of a data subject.
*/
const PERSONAL_NAME =
  /(^|_)(name|first_name|last_name|full_name|company_name|display_name|email|e_mail|phone|mobile|iban|bic|address|street|notes?|comment|comments|remarks?|message|body|birth|national_number|ip|user_agent)($|_)/i

const NOT_PERSONAL: Record<string, string> = {
  'adonis_schema.name': 'migration file names',
  'organisations.name': 'the syndic firm (a legal person), not a data subject',
  'organisations.display_name': 'the syndic firm branding',
  'organisations.address': 'the syndic firm office address',
  'organisations.contact_email':
    'the firm’s generic contact; cleared on erase if it equals the person’s e-mail',
  'organisations.contact_phone': 'the firm’s switchboard',
  'buildings.name': 'name of the building (the co-ownership), not of a person',
  'buildings.street': 'address of the building, not of a person',
  'gdpr_processing_activities.title': 'register entry wording',
  'gdpr_incidents.title': 'breach register wording (no personal values by instruction)',
  'accounting_accounts.name': 'PCMN account label (e.g. "Fournisseurs")',
  'accounting_funds_settings.iban': 'bank account of the co-ownership (ACP), a legal person',
  'accounting_funds_settings.bic': 'bank of the co-ownership account',
  'community_resources.name': 'a bookable common room or item',
  'community_skills.name': 'label of a skill category',
  'iot_devices.name': 'label of a meter or sensor',
  'legal_etat_dates.delivery_message_id': 'SMTP Message-ID of the e-mail sent to the notary',
  'accounting_budgets.notes': 'the syndic’s notes on a budget of the co-ownership',
  'legal_technical_inspections.notes': 'inspector’s findings on an installation (lift, boiler…)',
  'legal_notary_requests.street': 'address of the unit being sold (the building), not of a person',
}

function declaredColumns() {
  const declared = new Map<string, string>()
  for (const c of personalDataRegistry.all()) {
    for (const entry of c.personalColumns) {
      for (const column of entry.columns) declared.set(`${entry.table}.${column}`, c.key)
    }
  }
  return declared
}

test.group('GDPR: personal data registry completeness', () => {
  test('every column that looks personal, in every table, is declared by a contributor or allow-listed', async ({
    assert,
  }) => {
    const columns = await ownerQuery(
      `select table_name, column_name from information_schema.columns
        where table_schema = 'public' order by table_name, column_name`
    )
    const declared = declaredColumns()
    const candidates = columns
      .map((c) => `${c.table_name}.${c.column_name}`)
      .filter((key) => PERSONAL_NAME.test(key.split('.')[1]))
    const missing = candidates.filter((key) => !declared.has(key) && !NOT_PERSONAL[key])
    assert.deepEqual(
      missing,
      [],
      `Personal-looking columns not declared in any contributor's personalColumns: ${missing.join(', ')}`
    )
    console.log(
      `  registry: ${candidates.length} personal-looking columns, ${declared.size} declared, ${Object.keys(NOT_PERSONAL).length} allow-listed, contributors: ${personalDataRegistry
        .all()
        .map((c) => c.key)
        .join(', ')}`
    )
  })

  test('every declared table/column exists (no stale declarations)', async ({ assert }) => {
    const columns = await ownerQuery(
      `select table_name, column_name from information_schema.columns where table_schema = 'public'`
    )
    const existing = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`))
    const stale = [...declaredColumns().entries()]
      .filter(([key]) => !existing.has(key))
      .map(([key, by]) => `${key} (${by})`)
    assert.deepEqual(stale, [])
  })

  test('export contains every row of every table linked to the person', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    // Some more of the person's traces: a notification, an invitation, audit events.
    await ownerQuery(
      `insert into notifications (organisation_id, user_id, type, title, body) values (?, ?, 'test', 'Assemblée générale', 'Convocation')`,
      [p.orgA.organisationId, p.userId]
    )
    await gdprCall(client, asPerson(p), 'put', '/gdpr/marketing-preference', { optIn: true })
    await ownerQuery(
      `insert into gdpr_email_changes (user_id, new_email, token_hash, expires_at) values (?, ?, md5(random()::text) || md5(random()::text), now() + interval '1 day')`,
      [p.userId, `pending-${p.email}`]
    )

    // Rows pointing at the person: a uuid column equal to the user id or one of their
    // owner ids, or an e-mail column equal to their address.
    const ownerRows = await ownerQuery(`select id from owners where user_id = ?`, [p.userId])
    const ownerIds = ownerRows.map((r) => r.id as string)
    const ids = [p.userId, ...ownerIds]
    const columns = await ownerQuery(
      `select c.table_name, c.column_name, c.data_type, c.udt_name,
              exists (select 1 from information_schema.columns i where i.table_schema = 'public' and i.table_name = c.table_name and i.column_name = 'id') as has_id
         from information_schema.columns c
         join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema and t.table_type = 'BASE TABLE'
        where c.table_schema = 'public' and (c.udt_name = 'uuid' or (c.udt_name in ('citext','varchar','text') and c.column_name like '%email%'))`
    )
    // Rows without a uuid `id` (or exported without it, like token hashes): the dataset carrying them.
    const idless: Record<string, string> = {
      gdpr_preferences: '"gdprPreferences"',
      auth_access_tokens: '"accessTokens"',
    }
    // Rows that exist BEFORE the export (the export's own log rows come after it).
    const found: { table: string; column: string; id: string | null }[] = []
    for (const c of columns) {
      const isEmail = c.udt_name !== 'uuid'
      const rows = await ownerQuery(
        `select ${c.has_id ? 'id::text as id' : '1 as one'} from "${c.table_name}" where "${c.column_name}"${isEmail ? '::text' : ''} = any(?)`,
        [isEmail ? [p.email] : ids]
      )
      for (const row of rows) {
        found.push({ table: c.table_name, column: c.column_name, id: c.has_id ? row.id : null })
      }
    }

    const res = await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    res.assertStatus(200)
    const exported = JSON.stringify(res.body())
    const missing: string[] = []
    const checked = found.length
    for (const row of found) {
      if (!row.id || idless[row.table]) {
        if (!idless[row.table] || !exported.includes(idless[row.table])) {
          missing.push(`${row.table} (via ${row.column})`)
        }
      } else if (!exported.includes(row.id)) {
        missing.push(`${row.table}#${row.id} (via ${row.column})`)
      }
    }
    console.log(`  export coverage: ${checked} rows linked to the person, all exported`)
    assert.isAbove(checked, 5)
    assert.deepEqual([...new Set(missing)], [], `rows about the person missing from the export`)
  })
})
