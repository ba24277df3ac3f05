/*
| The permission table (SPEC §1). Policies and the `can` middleware read it; nothing
| else decides who may do what. Modules add their own entries through their manifest.
*/
export const ROLES = [
  'admin',
  'syndic',
  'accountant',
  'board_member',
  'owner',
  'contractor',
] as const
export type Role = (typeof ROLES)[number]

const STAFF: Role[] = ['admin', 'syndic', 'accountant']

const table: Record<string, Role[]> = {
  'organisation.read': ['admin', 'syndic', 'accountant', 'board_member', 'owner', 'contractor'],
  'organisation.update': ['admin'],
  'members.read': ['admin', 'syndic'],
  'members.write': ['admin'],
  'modules.read': ['admin', 'syndic', 'accountant'],
  'modules.write': ['admin'],
  'audit.read': ['admin'],
  'buildings.read': [...STAFF, 'board_member'],
  'buildings.write': ['admin', 'syndic'],
  'owners.read': [...STAFF, 'board_member'],
  'owners.write': ['admin', 'syndic'],
  'owners.invite': ['admin', 'syndic'],
  'notifications.read': [...ROLES],
  'documents.read': [...STAFF, 'board_member'],
  'documents.write': ['admin', 'syndic'],
}

export function registerPermissions(entries: Record<string, Role[]>) {
  Object.assign(table, entries)
}

export function can(role: Role, permission: string): boolean {
  const roles = table[permission]
  if (!roles) throw new Error(`Unknown permission "${permission}"`)
  return roles.includes(role)
}

export function permissionTable(): Readonly<Record<string, Role[]>> {
  return table
}
