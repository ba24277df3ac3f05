/*
| The reference for benchmarks/units_list.ts: a bare `node:http` + `pg` server doing
| what GET /api/v1/buildings/:id/units does in the database, and nothing else (no
| framework, no auth lookup): as the same app role, one transaction with the tenant
| set (RLS applies), the count and the first page of units with their current owner
| count, in the same order.
|
| Plain JavaScript on purpose: no TypeScript loader in this process.
| env: BARE_DATABASE_URL (app role), BARE_PORT, BARE_ORGANISATION_ID, BARE_POOL_MAX
*/
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({
  connectionString: process.env.BARE_DATABASE_URL,
  max: Number(process.env.BARE_POOL_MAX ?? 10),
})
const organisationId = process.env.BARE_ORGANISATION_ID

const COUNT = `SELECT count(*)::int AS total FROM units WHERE organisation_id = $1 AND building_id = $2`
const PAGE = `
  SELECT u.*, (SELECT count(*) FROM unit_owners uo
                WHERE uo.unit_id = u.id AND uo.organisation_id = u.organisation_id
                  AND (uo.end_date IS NULL OR uo.end_date > CURRENT_DATE)) AS owners_count
    FROM units u
   WHERE u.organisation_id = $1 AND u.building_id = $2
   ORDER BY u.number COLLATE natural_sort ASC, u.id ASC
   LIMIT $3 OFFSET $4`

async function listUnits(buildingId, page, perPage) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [organisationId])
    const total = (await client.query(COUNT, [organisationId, buildingId])).rows[0].total
    const rows = (
      await client.query(PAGE, [organisationId, buildingId, perPage, (page - 1) * perPage])
    ).rows
    await client.query('COMMIT')
    return {
      data: rows.map((r) => ({
        id: r.id,
        organisationId: r.organisation_id,
        buildingId: r.building_id,
        number: r.number,
        type: r.type,
        floor: r.floor,
        area: r.area,
        quota: r.quota,
        createdAt: r.created_at?.toISOString(),
        updatedAt: r.updated_at?.toISOString(),
        building: r.building_id,
        ownersCount: Number(r.owners_count),
      })),
      meta: {
        total,
        perPage,
        currentPage: page,
        lastPage: Math.max(1, Math.ceil(total / perPage)),
      },
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const match = url.pathname.match(/^\/api\/v1\/buildings\/([0-9a-f-]{36})\/units$/)
  if (!match) {
    res.writeHead(404, { 'content-type': 'application/json' })
    return res.end('{"errors":[{"code":"E_NOT_FOUND","message":"Not found"}]}')
  }
  try {
    const body = JSON.stringify(
      await listUnits(
        match[1],
        Number(url.searchParams.get('page') ?? 1),
        Number(url.searchParams.get('perPage') ?? 20)
      )
    )
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(body)
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errors: [{ code: 'E_INTERNAL', message: String(error) }] }))
  }
})

server.listen(Number(process.env.BARE_PORT), '127.0.0.1', () => console.log('bare server ready'))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
