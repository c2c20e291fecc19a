import { describe, expect, it } from 'vitest'
import { specialDays } from '../composables/calendar'

describe('specialDays', () => {
  it('keeps off weekdays and worked weekend days only', () => {
    const out = specialDays([
      { date: '2026-10-01', working: false }, // Thursday, holiday
      { date: '2026-10-02', working: true }, // Friday, ordinary
      { date: '2026-10-03', working: false }, // Saturday, ordinary
      { date: '2026-10-10', working: true }, // Saturday, make-up
    ])
    expect(out).toEqual([
      { date: '2026-10-01', offDay: true },
      { date: '2026-10-10', offDay: false },
    ])
  })
})
