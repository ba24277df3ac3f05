import { test } from '@japa/runner'
import {
  addWorkingDays,
  belgianHolidays,
  easterSunday,
  isWorkingDay,
  workingDaysBetween,
} from '../../services/working_days.js'

test.group('legal: Belgian working days', () => {
  test('Easter Sunday is computed for 2026–2030', ({ assert }) => {
    assert.equal(easterSunday(2026), '2026-04-05')
    assert.equal(easterSunday(2027), '2027-03-28')
    assert.equal(easterSunday(2028), '2028-04-16')
    assert.equal(easterSunday(2029), '2029-04-01')
    assert.equal(easterSunday(2030), '2030-04-21')
  })

  test('the ten Belgian public holidays of {year}')
    .with([
      { year: 2026, moving: ['2026-04-06', '2026-05-14', '2026-05-25'] },
      { year: 2027, moving: ['2027-03-29', '2027-05-06', '2027-05-17'] },
      { year: 2028, moving: ['2028-04-17', '2028-05-25', '2028-06-05'] },
      { year: 2029, moving: ['2029-04-02', '2029-05-10', '2029-05-21'] },
      { year: 2030, moving: ['2030-04-22', '2030-05-30', '2030-06-10'] },
    ])
    .run(({ assert }, { year, moving }) => {
      const holidays = belgianHolidays(year)
      assert.equal(holidays.size, 10)
      const [easterMonday, ascension, whitMonday] = moving
      assert.equal(holidays.get(easterMonday), 'easter_monday')
      assert.equal(holidays.get(ascension), 'ascension')
      assert.equal(holidays.get(whitMonday), 'whit_monday')
      for (const md of ['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25']) {
        assert.isTrue(holidays.has(`${year}-${md}`), `${year}-${md}`)
      }
    })

  test('a request on 2027-04-26 is due 2027-05-19 (15 working days)', ({ assert }) => {
    assert.equal(addWorkingDays('2027-04-26', 15), '2027-05-19')
  })

  test('a Friday before a holiday weekend skips the weekend and the holiday', ({ assert }) => {
    // Friday 2026-04-03, Easter Monday 2026-04-06: next working day is Tuesday.
    assert.equal(addWorkingDays('2026-04-03', 1), '2026-04-07')
    // Friday 2028-07-21 is itself the National Day; Thursday 20 → Monday 24.
    assert.equal(addWorkingDays('2028-07-20', 1), '2028-07-24')
    // Friday 2030-06-07 before Whit Monday (10 June): next working day is Tuesday 11.
    assert.equal(addWorkingDays('2030-06-07', 1), '2030-06-11')
    // Friday 2029-12-21: Christmas (Tue 25) and New Year (Tue 1) skipped on the way.
    assert.equal(addWorkingDays('2029-12-21', 15), '2030-01-15')
  })

  test('weekends and holidays are not working days', ({ assert }) => {
    assert.isFalse(isWorkingDay('2026-07-21'))
    assert.isFalse(isWorkingDay('2026-07-18'))
    assert.isTrue(isWorkingDay('2026-07-20'))
  })

  test('working days between two dates, signed', ({ assert }) => {
    assert.equal(workingDaysBetween('2027-04-26', '2027-05-19'), 15)
    assert.equal(workingDaysBetween('2027-05-19', '2027-05-19'), 0)
    assert.equal(workingDaysBetween('2027-05-20', '2027-05-19'), -1)
    assert.equal(workingDaysBetween('2027-05-24', '2027-05-19'), -3)
  })
})
