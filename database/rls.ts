/*
| Row-level security helpers for migrations. Every table holding organisation data
| calls `tenantTable()` right after creating it: RLS enabled AND forced (so even the
| table owner is filtered), one policy keyed on the transaction-local tenant id.
*/
export function tenantPolicySql(table: string, opts: { allowNullOrganisation?: boolean } = {}) {
  const check = opts.allowNullOrganisation
    ? '(organisation_id IS NULL OR organisation_id = app_current_tenant())'
    : '(organisation_id = app_current_tenant())'
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (organisation_id = app_current_tenant()) WITH CHECK ${check}`,
  ]
}

/** Marks a table append-only: the role setup revokes UPDATE/DELETE/TRUNCATE from the app role. */
export function appendOnlySql(table: string) {
  return `COMMENT ON TABLE ${table} IS 'append-only'`
}
