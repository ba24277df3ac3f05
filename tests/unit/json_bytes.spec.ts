import { test } from '@japa/runner'
import { JsonBytes, jsonFragment } from '#services/json_bytes'

test.group('JsonBytes', () => {
  test('timestamps equal Date#toISOString (quoted) on random instants and edges', ({ assert }) => {
    const max = Date.UTC(10_000, 0, 1)
    const instants = [0, 1, 999, 86_399_999, 86_400_000, max - 1, -1, max, 1.5]
    for (let i = 0; i < 100_000; i++) instants.push(Math.floor(Math.random() * max))
    const json = new JsonBytes(4)
    json.fragment(jsonFragment('['))
    instants.forEach((ms, i) => (i ? json.fragment(jsonFragment(',')) : json).isoTimestamp(ms))
    json.fragment(jsonFragment(']'))
    const parsed = JSON.parse(json.bytes().toString('utf8')) as string[]
    assert.lengthOf(parsed, instants.length)
    instants.forEach((ms, i) => {
      if (parsed[i] !== new Date(ms).toISOString()) assert.fail(`${ms}: ${parsed[i]}`)
    })
  })

  test('values are JSON.stringify, in UTF-8, and the buffer grows', ({ assert }) => {
    const value = { name: 'Salle « Fête » 🎉', quote: '"\\\n', n: 1.5, none: null }
    const json = new JsonBytes(1).fragment(jsonFragment('{"v":')).value(value)
    json.fragment(jsonFragment(',"u":')).value(undefined).fragment(jsonFragment('}'))
    assert.deepEqual(JSON.parse(json.bytes().toString('utf8')), { v: value, u: null })
  })

  test('fragments are printable ASCII only', ({ assert }) => {
    assert.throws(() => jsonFragment('é'), /not printable ASCII/)
    assert.throws(() => jsonFragment('a\nb'), /not printable ASCII/)
  })
})
