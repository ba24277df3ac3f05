import { test } from '@japa/runner'
import { formatMoney } from '../../pdf/etat_date_html.js'

/*
| The état daté prints ledger amounts (decimal strings) exactly: formatted from the
| string, never through a double.
*/
const plain = (s: string) => s.replace(/[\s\u202F\u00A0]/g, ' ')

test.group('legal: état daté money formatting', () => {
  test('same output as before for ordinary amounts', ({ assert }) => {
    assert.equal(plain(formatMoney('1234.56', 'fr')), '1 234,56 €')
    assert.equal(plain(formatMoney('1234.5', 'nl')), '€ 1.234,50')
    assert.equal(plain(formatMoney('-12.30', 'de')), '-12,30 €')
    assert.equal(formatMoney('0.00', 'en'), '€0.00')
    assert.equal(formatMoney(1500, 'en'), '€1,500.00')
    assert.equal(formatMoney(null, 'fr'), '—')
    assert.equal(formatMoney('', 'fr'), '—')
  })

  test('large amounts print exactly, digit for digit', ({ assert }) => {
    assert.equal(plain(formatMoney('12345678901234.56', 'fr')), '12 345 678 901 234,56 €')
    // 2^53 + 1 cents: a double makes it …409,94.
    assert.equal(plain(formatMoney('90071992547409.93', 'fr')), '90 071 992 547 409,93 €')
    assert.equal(formatMoney('999999999999999.99', 'en'), '€999,999,999,999,999.99')
  })

  test('more than 2 decimals round half-up to the cent; garbage is escaped, not formatted', ({
    assert,
  }) => {
    assert.equal(formatMoney('2.675', 'en'), '€2.68')
    assert.equal(formatMoney('-0.004', 'en'), '€0.00') // no "-€0.00"
    assert.equal(formatMoney('<b>n/a</b>', 'fr'), '&lt;b&gt;n/a&lt;/b&gt;')
  })
})
