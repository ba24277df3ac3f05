import { test } from '@japa/runner'
import {
  isValidEnterpriseNumber,
  isValidIban,
  normaliseEnterpriseNumber,
  normaliseIban,
} from '#services/belgian_identifiers'

test.group('Belgian identifiers: BCE/KBO enterprise number', () => {
  test('valid numbers in both notations normalise to 0123.456.789', ({ assert }) => {
    assert.equal(normaliseEnterpriseNumber('0202239951'), '0202.239.951')
    assert.equal(normaliseEnterpriseNumber('0202.239.951'), '0202.239.951')
    assert.equal(normaliseEnterpriseNumber(' BE 0202 239 951 '), '0202.239.951')
    assert.equal(normaliseEnterpriseNumber('be0202239951'), '0202.239.951')
    // 97 − (first 8 digits mod 97) = last two digits.
    for (const body of ['04031707', '08755769', '10000001', '04170147']) {
      const check = String(97 - (Number(body) % 97)).padStart(2, '0')
      assert.isTrue(isValidEnterpriseNumber(body + check), body + check)
    }
  })

  test('wrong check digits, lengths, characters and notations are rejected', ({ assert }) => {
    for (const bad of [
      '0202239952',
      '0202239950',
      '202239951',
      '02022399510',
      '0202.239.95',
      '0202.2399.51',
      '02.02.239.951',
      '0202-239-951',
      'ABCDEFGHIJ',
      '',
      '2202239951',
    ]) {
      assert.isNull(normaliseEnterpriseNumber(bad), bad)
      assert.isFalse(isValidEnterpriseNumber(bad), bad)
    }
  })
})

test.group('Belgian identifiers: IBAN', () => {
  test('valid IBANs are normalised without spaces, uppercase', ({ assert }) => {
    assert.equal(normaliseIban('BE68 5390 0754 7034'), 'BE68539007547034')
    assert.equal(normaliseIban('be71 0961 2345 6769'), 'BE71096123456769')
    assert.equal(normaliseIban('FR14 2004 1010 0505 0001 3M02 606'), 'FR1420041010050500013M02606')
    assert.equal(normaliseIban('NL91ABNA0417164300'), 'NL91ABNA0417164300')
    assert.equal(normaliseIban('DE89 3704 0044 0532 0130 00'), 'DE89370400440532013000')
    assert.isTrue(isValidIban('LU28 0019 4006 4475 0000'))
  })

  test('wrong checksum, country length or shape is rejected', ({ assert }) => {
    for (const bad of [
      'BE68539007547035',
      'BE6853900754703',
      'BE685390075470344',
      'NL91ABNA0417164301',
      '68BE539007547034',
      'BE68 5390 0754 703!',
      'XX00',
      '',
    ]) {
      assert.isNull(normaliseIban(bad), bad)
      assert.isFalse(isValidIban(bad), bad)
    }
  })
})
