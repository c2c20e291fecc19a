import { describe, expect, it } from 'vitest'
import { byMonth, monthGrid, specialDays, weekdayOf } from '../composables/calendarDays'

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

  it('lays a month out in weeks from Monday, padding the first and last week', () => {
    // January 2026 starts on a Thursday and has 31 days: 5 weeks.
    const weeks = monthGrid(2026, 1, [{ date: '2026-01-01', working: false }, { date: '2026-01-04', working: true }])
    expect(weeks).toHaveLength(5)
    expect(weeks[0]!.slice(0, 3)).toEqual([null, null, null])
    expect(weeks[0]![3]).toEqual({ date: '2026-01-01', day: 1, weekday: 4, kind: 'holiday' })
    expect(weeks[0]![5]?.kind).toBe('weekend') // Saturday the 3rd
    expect(weeks[0]![6]?.kind).toBe('makeup') // Sunday the 4th at work
    expect(weeks[1]![0]?.kind).toBe('workday')
    expect(weeks[4]!.filter((d) => d).map((d) => d!.day)).toEqual([26, 27, 28, 29, 30, 31])
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(monthGrid(2024, 2, []).flat().filter((d) => d)).toHaveLength(29)
  })
})
