import { describe, expect, it } from 'vitest'
import { byMonth, removal, specialDays, weekdayOf } from '../composables/calendarDays'

describe('calendar days', () => {
  it('a weekday off is a holiday, a weekend at work a make-up day, the rest is ordinary', () => {
    const days = [
      { date: '2026-01-01', working: false }, // Thursday
      { date: '2026-01-03', working: false }, // Saturday: an ordinary weekend
      { date: '2026-01-04', working: true }, // Sunday at work
      { date: '2026-01-05', working: true }, // Monday: ordinary
      { date: '2026-02-16', working: false },
    ]
    const special = specialDays(days)
    expect(special.map((d) => [d.date, d.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-01-04', 'makeup'],
      ['2026-02-16', 'holiday'],
    ])
    expect(byMonth(special).map((m) => [m.month, m.days.length])).toEqual([
      [1, 2],
      [2, 1],
    ])
  })

  it('weekday of a date, whatever the time zone', () => {
    expect(weekdayOf('2026-12-02')).toBe(3)
    expect(weekdayOf('2026-01-04')).toBe(0)
  })

  it('removing a day stores what its weekday normally is', () => {
    expect(removal({ date: '2026-01-01', kind: 'holiday', weekday: 4 })).toEqual({ date: '2026-01-01', off_day: false })
    expect(removal({ date: '2026-01-04', kind: 'makeup', weekday: 0 })).toEqual({ date: '2026-01-04', off_day: true })
  })
})
