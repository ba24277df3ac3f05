/*
| SPEC community target: skills search over 50,000 skills, p99 < 20 ms.
| Seeds 50,000 skills (French/Dutch names and descriptions) for 2,000 co-owners of one
| building (VACUUM ANALYZE afterwards, as autovacuum does after a bulk insert), then
| measures rotating typical queries:
| (1) the service path: withTenant + runSearch() (prefix lexemes of the words, then one
|     statement over the postings index community_skill_terms: total, page of 20, owner
|     names, endorsements; the similarity fallback when nothing matches), in-process;
| (2) the HTTP path: GET /api/v1/buildings/:id/skills/search?query=… against the
|     compiled build (NODE_ENV=production, see community_common.ts startServer), one
|     request at a time from a separate client process (constant_rate.mjs).
| Run: npx node ace build (or BENCH_BUILD_DIR=<a private build>), then
|      flock /tmp/vme-bench.lock npx node --import=@poppinss/ts-exec benchmarks/community_skills_search.ts
*/
/* eslint-disable @unicorn/no-await-expression-member -- a benchmark script reads results inline */
import {
  bootCommunity,
  fmtStats,
  load,
  measureHttp,
  seedCommunity,
  startServer,
  stats,
  time,
  writeSection,
} from './community_common.js'

const N = Number(process.env.BENCH_N ?? 1000)
const QUERIES = [
  'vélo',
  'piano',
  'néerlandais',
  'fietsherstelling',
  'jardinage',
  'plomberie',
  'informatique',
  'cuisine italienne',
  'bricolage',
  'gitaarles',
  'guitarre',
  'electricite',
]
const app = await bootCommunity('community_skills')
const db = (await import('@adonisjs/lucid/services/db')).default
const { withTenant } = await import('#tenancy/tenant_context')
const { runSearch } = await import('#modules/community/skills/skill_queries')

const seed = await seedCommunity(db, 2000)
const owner = db.connection('owner')
await owner.rawQuery(
  `insert into community_skills (organisation_id, owner_id, category, name, description, level, hourly_rate, available)
   select ?, (?::uuid[])[1 + (g % 2000)],
     (array['professional','hobby','language','other'])[1 + (g % 4)],
     (array['Réparation de vélos','Cours de piano','Cours de néerlandais','Fietsherstellingen','Jardinage','Plomberie','Aide informatique','Cuisine italienne','Bricolage','Gitaarles','Guitare classique','Électricité','Couture','Bijles wiskunde','Babysit','Peinture décorative','Tuinonderhoud','Yoga','Photographie','Déménagement'])[1 + (g % 20)] || ' ' || g,
     (array['Je dépanne volontiers les voisins le week-end.','Ik help graag buren in het weekend.','Matériel fourni, expérience de dix ans.','Gratis voor de buren, met plezier.'])[1 + (g % 4)],
     (array['beginner','intermediate','advanced','expert'])[1 + (g % 4)],
     case when g % 3 = 0 then null else 10 + (g % 30) end,
     g % 5 <> 0
   from generate_series(1, 50000) g`,
  [seed.org, seed.ownerIds]
)
await owner.rawQuery('vacuum analyze')
const [{ postings }] = (
  await owner.rawQuery(
    `select count(*)::int postings from community_skill_terms where organisation_id = ?`,
    [seed.org]
  )
).rows
const loadBefore = load()
console.log(`seeded 50,000 skills (${postings} postings); load ${loadBefore}; measuring…`)
const actor = { userId: seed.userId, role: 'admin' as const, staff: true, ownerIds: [] as string[] }
const search = (q: string) =>
  withTenant(seed.org, () =>
    runSearch(actor, seed.buildingId, { query: q }, { page: 1, perPage: 20 })
  )

const counts: Record<string, string> = {}
for (const q of QUERIES) {
  const r = await search(q)
  counts[q] = `${r.meta.total} (${r.mode})`
}
for (let i = 0; i < 50; i++) await search(QUERIES[i % QUERIES.length])
const service: number[] = []
for (let i = 0; i < N; i++) service.push(await time(() => search(QUERIES[i % QUERIES.length])))
const s1 = stats(service)

const server = await startServer()
const loadMid = load()
const headers = { 'authorization': `Bearer ${seed.token}`, 'x-organisation': seed.org }
const url = (q: string) =>
  `${server.base}/api/v1/buildings/${seed.buildingId}/skills/search?query=${encodeURIComponent(q)}`
const check = await fetch(url('vélo'), { headers })
if (check.status !== 200) throw new Error(`HTTP ${check.status}: ${await check.text()}`)
const skillId = (
  await owner.rawQuery(`select id from community_skills where organisation_id = ? limit 1`, [
    seed.org,
  ])
).rows[0].id
const { main: s2, floor: f2 } = await measureHttp(
  (i) => url(QUERIES[i % QUERIES.length]),
  `${server.base}/api/v1/skills/${skillId}`,
  headers,
  N
)
server.stop()

const lines = [
  `skills: 50,000 of 2,000 co-owners in one building; queries rotate over ${QUERIES.length} terms`,
  `matches per query: ${Object.entries(counts)
    .map(([q, c]) => `${q}=${c}`)
    .join(', ')}`,
  `postings (community_skill_terms rows) of the organisation: ${postings}`,
  `machine: 2 cores shared with other sessions; load average (1/5/15 min) ${loadBefore} before the service run, ${loadMid} before the HTTP run, ${load()} at the end`,
  `service path (withTenant + runSearch, page of 20 + total): ${fmtStats(s1)}`,
  `HTTP path, compiled build (GET /buildings/:id/skills/search): ${fmtStats(s2)}`,
  `HTTP floor, same server, same client (GET /skills/:id, one row): ${fmtStats(f2)}`,
  `target p99 < 20 ms: service ${s1.p99 < 20 ? 'PASS' : 'FAIL'}, HTTP ${s2.p99 < 20 ? 'PASS' : 'FAIL'}`,
]
console.log(lines.join('\n'))
writeSection('Skills search over 50,000 skills', lines.map((l) => `- ${l}`).join('\n'))
await app.terminate()
process.exit(0)
