import type { TestOrg } from '#tests/helpers/api'

/*
| Extra fixtures for the cross-organisation contract (route_contracts.spec.ts, part b).
| The core resources (building, unit, co-owner, ownership, invitations, document,
| notification) are always created. A module adds one creator here that makes its own
| resources in the given organisation THROUGH ITS API: after the creators ran, every
| row of that organisation in every table with `organisation_id` and `id` becomes a
| candidate id, matched to route params by the path segment before the param
| (`/budgets/:id` → table `budgets` or `<module>_budgets`). Paths given to `api` may be
| relative to /api/v1 or absolute. Routes whose resource has
| no row get a random uuid (still expected to answer 404).
*/
export interface FixtureContext {
  org: TestOrg
  /** Ids of the core fixtures, to hang module resources on. */
  core: { buildingId: string; unitId: string; ownerId: string }
  /** Authenticated JSON call as the organisation's admin; returns status and body. */
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>
}

export type FixtureCreator = (ctx: FixtureContext) => Promise<void>

export const fixtureCreators: FixtureCreator[] = []
