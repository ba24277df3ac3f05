// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { createBuilding } from '#tests/functional/buildings/helpers'
import { call, community, disableCommunity, ownerQuery, ownerUser, signupOrg } from './helpers.js'

const skill = (extra: Record<string, unknown> = {}) => ({
  category: 'professional',
  name: 'Réparation de vélos',
  description: 'Freins, dérailleurs et crevaisons.',
  level: 'expert',
  hourlyRate: null,
  available: true,
  ...extra,
})

test.group('Community skills', () => {
  test('create, read, update, availability, delete; validation; ownership rules', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const res = await call(client, c.alice, 'post', '/skills', skill())
    res.assertStatus(201)
    const s = res.body()
    assert.equal(s.ownerId, c.alice.ownerId)
    assert.isTrue(s.free)
    assert.isTrue(s.mine)
    const paid = await call(
      client,
      c.bob,
      'post',
      '/skills',
      skill({ name: 'Cours de piano', category: 'hobby', level: 'advanced', hourlyRate: '25' })
    )
    assert.equal(paid.body().hourlyRate, '25.00')
    assert.isFalse(paid.body().free)

    const bad = await call(
      client,
      c.alice,
      'post',
      '/skills',
      skill({ category: 'magic', level: 'god', name: '' })
    )
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((e: any) => e.field),
      ['category', 'level', 'name']
    )
    const negative = await call(client, c.alice, 'post', '/skills', skill({ hourlyRate: -5 }))
    assert.equal(negative.body().errors[0].field, 'hourlyRate')
    ;(
      await call(client, c.alice, 'post', '/skills', skill({ ownerId: c.bob.ownerId }))
    ).assertStatus(403)
    const onBehalf = await call(
      client,
      c.org,
      'post',
      '/skills',
      skill({ ownerId: c.bob.ownerId, name: 'Jardinage', category: 'hobby' })
    )
    assert.equal(onBehalf.body().ownerId, c.bob.ownerId)

    ;(await call(client, c.bob, 'put', `/skills/${s.id}`, { name: 'Pirate' })).assertStatus(403)
    const upd = await call(client, c.alice, 'put', `/skills/${s.id}`, {
      level: 'advanced',
      hourlyRate: 10,
    })
    assert.equal(upd.body().level, 'advanced')
    assert.equal(upd.body().hourlyRate, '10.00')
    const off = await call(client, c.alice, 'put', `/skills/${s.id}/availability`, {
      available: false,
    })
    assert.isFalse(off.body().available)
    ;(await call(client, c.alice, 'put', `/skills/${s.id}/availability`, {})).assertStatus(422)
    ;(await call(client, c.alice, 'get', `/skills/${randomUUID()}`)).assertStatus(404)
    ;(await call(client, c.bob, 'delete', `/skills/${s.id}`)).assertStatus(403)
    ;(await call(client, c.alice, 'delete', `/skills/${s.id}`)).assertStatus(204)
    const audits = await ownerQuery(
      `select action from audit_logs where subject_id = ? order by created_at`,
      [s.id]
    )
    assert.deepEqual(
      audits.map((a) => a.action),
      [
        'community.skill.create',
        'community.skill.update',
        'community.skill.update',
        'community.skill.delete',
      ]
    )
  })

  test('endorsements: one per endorser, never your own; most endorsed; summary; statistics', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const carol = await ownerUser(client, c.org, c.buildingId, { firstName: 'Carol' })
    const bike = (await call(client, c.alice, 'post', '/skills', skill())).body()
    const piano = (
      await call(
        client,
        c.alice,
        'post',
        '/skills',
        skill({ name: 'Cours de piano', category: 'hobby', hourlyRate: 20 })
      )
    ).body()
    const own = await call(client, c.alice, 'post', `/skills/${bike.id}/endorsements`, {})
    own.assertStatus(403)
    const e1 = await call(client, c.bob, 'post', `/skills/${bike.id}/endorsements`, {
      comment: 'Mon vélo roule !',
    })
    e1.assertStatus(201)
    ;(await call(client, c.bob, 'post', `/skills/${bike.id}/endorsements`, {})).assertStatus(409)
    ;(await call(client, carol, 'post', `/skills/${bike.id}/endorsements`, {})).assertStatus(201)
    ;(await call(client, carol, 'post', `/skills/${piano.id}/endorsements`, {})).assertStatus(201)

    const list = await call(client, c.alice, 'get', `/skills/${bike.id}/endorsements`)
    assert.equal(list.body().meta.total, 2)
    const top = await call(client, c.bob, 'get', `/buildings/${c.buildingId}/skills/most-endorsed`)
    assert.deepEqual(
      top.body().data.map((s: any) => s.id),
      [bike.id, piano.id]
    )
    assert.equal(top.body().data[0].endorsementCount, 2)

    const summary = await call(client, c.bob, 'get', `/owners/${c.alice.ownerId}/skills/summary`)
    assert.equal(summary.body().totalSkills, 2)
    assert.equal(summary.body().endorsements, 3)
    assert.equal(summary.body().free, 1)
    assert.equal(summary.body().averageHourlyRate, '20.00')
    const ownerList = await call(client, c.bob, 'get', `/owners/${c.alice.ownerId}/skills`)
    assert.equal(ownerList.body().meta.total, 2)

    const stats = await call(client, c.org, 'get', `/buildings/${c.buildingId}/skills/statistics`)
    assert.equal(stats.body().totalSkills, 2)
    assert.equal(stats.body().byCategory.hobby, 1)
    assert.equal(stats.body().endorsements, 3)
    const byType = await call(client, c.org, 'get', `/buildings/${c.buildingId}/skills/type/hobby`)
    assert.equal(byType.body().meta.total, 1)
    ;(
      await call(client, c.org, 'get', `/buildings/${c.buildingId}/skills/type/cooking`)
    ).assertStatus(404)

    ;(await call(client, c.alice, 'delete', `/endorsements/${e1.body().id}`)).assertStatus(403)
    ;(await call(client, c.bob, 'delete', `/endorsements/${e1.body().id}`)).assertStatus(204)
  })

  test('search: accent-insensitive French and Dutch full text, trigram fallback, filters', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    await call(client, c.alice, 'post', '/skills', skill())
    await call(
      client,
      c.bob,
      'post',
      '/skills',
      skill({ name: 'Fietsherstellingen', description: 'Banden en remmen', level: 'intermediate' })
    )
    await call(
      client,
      c.bob,
      'post',
      '/skills',
      skill({ name: 'Guitare classique', category: 'hobby', available: false })
    )
    await call(
      client,
      c.alice,
      'post',
      '/skills',
      skill({ name: 'Nederlandse les', category: 'language', level: 'beginner' })
    )
    const elsewhere = await createBuilding(client, c.org)
    const stranger = await ownerUser(client, c.org, elsewhere.id)
    await call(client, stranger, 'post', '/skills', skill({ name: 'Réparations vélo ailleurs' }))

    const search = (qs: string) =>
      call(client, c.bob, 'get', `/buildings/${c.buildingId}/skills/search?${qs}`)
    const fr = await search('query=reparation%20velo')
    assert.equal(fr.body().mode, 'fulltext')
    assert.deepEqual(
      fr.body().data.map((s: any) => s.name),
      ['Réparation de vélos']
    )
    const stem = await search(`query=${encodeURIComponent('réparations')}`)
    assert.include(
      stem.body().data.map((s: any) => s.name),
      'Réparation de vélos'
    )
    const nl = await search('query=fietsherstelling')
    assert.deepEqual(
      nl.body().data.map((s: any) => s.name),
      ['Fietsherstellingen']
    )
    const desc = await search('query=remmen')
    assert.deepEqual(
      desc.body().data.map((s: any) => s.name),
      ['Fietsherstellingen']
    )
    const typo = await search('query=guitarre')
    assert.equal(typo.body().mode, 'similarity')
    assert.deepEqual(
      typo.body().data.map((s: any) => s.name),
      ['Guitare classique']
    )
    const avail = await search('query=guitare&available=true')
    assert.lengthOf(avail.body().data, 0)
    const level = await search('query=&level=beginner')
    assert.deepEqual(
      level.body().data.map((s: any) => s.name),
      ['Nederlandse les']
    )
    ;(await search('query=x&level=guru')).assertStatus(422)
    ;(await search('query=x&available=maybe')).assertStatus(422)
    const all = await call(client, c.bob, 'get', `/buildings/${c.buildingId}/skills`)
    assert.equal(all.body().meta.total, 4)
  })

  test('search index follows the skills: rename, availability, delete; ts_rank scores; paging; endorsements; other tenants never match', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const search = (qs: string, who = c.bob) =>
      call(client, who, 'get', `/buildings/${c.buildingId}/skills/search?${qs}`)
    const names = (res: any) => res.body().data.map((s: any) => s.name)
    const a = (await call(client, c.alice, 'post', '/skills', skill())).body()
    // A description-only match ranks below a name match.
    const b = (
      await call(
        client,
        c.bob,
        'post',
        '/skills',
        skill({ name: 'Mécanique', description: 'Entretien de vélos et trottinettes' })
      )
    ).body()
    const other = await signupOrg(client)
    const otherBuilding = await createBuilding(client, other)
    const stranger = await ownerUser(client, other, otherBuilding.id)
    await call(client, stranger, 'post', '/skills', skill({ name: 'Vélos ailleurs' }))

    const velo = await search('query=velo')
    assert.equal(velo.body().mode, 'fulltext')
    assert.deepEqual(names(velo), ['Réparation de vélos', 'Mécanique'])
    assert.equal(velo.body().meta.total, 2)
    // The score is Postgres' ts_rank of the French|Dutch prefix query.
    const ranks = await ownerQuery(
      `select id, ts_rank(search_vector, to_tsquery('french', 'velo:*') || to_tsquery('dutch', 'velo:*'))::float8 r
         from community_skills where id in (?, ?)`,
      [a.id, b.id]
    )
    for (const s of velo.body().data) {
      const r = ranks.find((x) => x.id === s.id)
      assert.closeTo(s.score, Number(r.r.toFixed(4)), 0.00011)
    }
    assert.isAbove(velo.body().data[0].score, velo.body().data[1].score)
    // Same when the French and Dutch stems differ and one extends the other
    // (plomber / plomberie: read once from the shorter range, counted for both).
    const plumbing = (
      await call(
        client,
        c.bob,
        'post',
        '/skills',
        skill({ name: 'Plomberie', description: 'Plomberie et chauffage, plombier agréé' })
      )
    ).body()
    const plomberie = (await search('query=plomberie')).body().data
    const [expected] = await ownerQuery(
      `select ts_rank(search_vector, to_tsquery('french', 'plomberie:*') || to_tsquery('dutch', 'plomberie:*'))::float8 r,
              to_tsquery('french', 'plomberie:*')::text fr, to_tsquery('dutch', 'plomberie:*')::text nl
         from community_skills where id = ?`,
      [plumbing.id]
    )
    assert.notEqual(expected.fr, expected.nl) // two different lexemes, one a prefix of the other
    assert.deepEqual(
      plomberie.map((x: any) => x.id),
      [plumbing.id]
    )
    assert.closeTo(plomberie[0].score, Number(expected.r.toFixed(4)), 0.00011)
    ;(await call(client, c.bob, 'delete', `/skills/${plumbing.id}`)).assertStatus(204)

    // Paging and meta.
    const page2 = await search('query=velo&perPage=1&page=2')
    assert.deepEqual(names(page2), ['Mécanique'])
    assert.deepEqual(page2.body().meta, { total: 2, perPage: 1, currentPage: 2, lastPage: 2 })
    const beyond = await search('query=velo&perPage=1&page=5')
    assert.lengthOf(beyond.body().data, 0)
    assert.equal(beyond.body().meta.total, 2)

    // Endorsements and owner names come with the page.
    ;(await call(client, c.bob, 'post', `/skills/${a.id}/endorsements`, {})).assertStatus(201)
    const endorsed = (await search('query=reparation')).body().data[0]
    assert.equal(endorsed.endorsementCount, 1)
    assert.isTrue(endorsed.endorsedByMe)
    assert.isFalse(endorsed.mine)
    assert.match(endorsed.ownerName, /^Alice/)

    // Rename: the old words leave the index (and the vocabulary), the new ones are found.
    const vocabulary = async () =>
      (
        await ownerQuery(
          `select term from community_skill_vocabulary where organisation_id = ? order by term`,
          [c.org.organisationId]
        )
      ).map((r) => r.term)
    assert.includeMembers(await vocabulary(), ['frein', 'crevaison', 'velos'])
    ;(
      await call(client, c.alice, 'put', `/skills/${a.id}`, {
        name: 'Cours de tricot',
        description: null,
      })
    ).assertStatus(200)
    assert.deepEqual(names(await search('query=velo')), ['Mécanique'])
    assert.deepEqual(names(await search('query=tricot')), ['Cours de tricot'])
    assert.notInclude(await vocabulary(), 'frein')
    assert.notInclude(await vocabulary(), 'crevaison')
    assert.include(await vocabulary(), 'velos') // Mécanique still has it
    assert.include(await vocabulary(), 'tricot')

    // Availability filter reads the index too.
    ;(
      await call(client, c.alice, 'put', `/skills/${a.id}/availability`, { available: false })
    ).assertStatus(200)
    assert.lengthOf((await search('query=tricot&available=true')).body().data, 0)
    assert.lengthOf((await search('query=tricot&available=false')).body().data, 1)

    // A very long word (> 100 letters) is not indexed; the skill is saved and found by its other words.
    const long = await call(
      client,
      c.bob,
      'post',
      '/skills',
      skill({ name: 'Calligraphie', description: `${'a'.repeat(1500)} plume` })
    )
    long.assertStatus(201)
    assert.deepEqual(names(await search('query=plume')), ['Calligraphie'])
    ;(await call(client, c.bob, 'delete', `/skills/${long.body().id}`)).assertStatus(204)

    // Typo in a description word: the similarity fallback over the vocabulary.
    const typo = await search('query=trotinettes')
    assert.equal(typo.body().mode, 'similarity')
    assert.deepEqual(names(typo), ['Mécanique'])

    // Delete: postings gone (FK cascade), words only this skill had leave the vocabulary.
    ;(await call(client, c.alice, 'delete', `/skills/${a.id}`)).assertStatus(204)
    assert.lengthOf((await search('query=tricot')).body().data, 0)
    assert.lengthOf(
      await ownerQuery(`select 1 from community_skill_terms where skill_id = ?`, [a.id]),
      0
    )
    assert.notInclude(await vocabulary(), 'tricot')

    // The other organisation's skill never matches, and both tables are tenant-isolated.
    const rls = await ownerQuery(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
        where relname in ('community_skill_terms', 'community_skill_vocabulary') order by relname`
    )
    assert.deepEqual(
      rls.map((r) => [r.relname, r.relrowsecurity, r.relforcerowsecurity]),
      [
        ['community_skill_terms', true, true],
        ['community_skill_vocabulary', true, true],
      ]
    )
    const mine = await call(
      client,
      stranger,
      'get',
      `/buildings/${otherBuilding.id}/skills/search?query=velos`
    )
    assert.deepEqual(names(mine), ['Vélos ailleurs'])
    // Another organisation's building is a 404, whatever the query (even an invalid one).
    for (const qs of ['query=velo', 'query=', 'query=x&level=guru', 'query=%21%21']) {
      const res = await call(
        client,
        stranger,
        'get',
        `/buildings/${c.buildingId}/skills/search?${qs}`
      )
      assert.equal(res.status(), 404, qs)
    }
    ;(
      await call(client, c.bob, 'get', `/buildings/not-a-uuid/skills/search?query=velo`)
    ).assertStatus(404)
  })

  test('cross-organisation 404 and module disabled', async ({ client, assert }) => {
    const c = await community(client)
    const s = (await call(client, c.alice, 'post', '/skills', skill())).body()
    const other = await signupOrg(client)
    ;(await call(client, other, 'get', `/skills/${s.id}`)).assertStatus(404)
    ;(await call(client, other, 'put', `/skills/${s.id}`, { name: 'Volé' })).assertStatus(404)
    ;(await call(client, other, 'delete', `/skills/${s.id}`)).assertStatus(404)
    ;(await call(client, other, 'get', `/owners/${c.alice.ownerId}/skills/summary`)).assertStatus(
      404
    )
    const [row] = await ownerQuery(`select name from community_skills where id = ?`, [s.id])
    assert.equal(row.name, 'Réparation de vélos')
    await disableCommunity(c.org)
    const off = await call(client, c.alice, 'get', `/skills/${s.id}`)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })
})
