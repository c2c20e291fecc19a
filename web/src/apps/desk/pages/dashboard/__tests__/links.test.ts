import { describe, expect, it } from 'vitest'
import { chinaTime, districtLink, intakeLink, nearlyDueLink, overdueLink, reportLink } from '../composables/links'

describe('dashboard links', () => {
  it('turns a China-time day and hour into the API instant', () => {
    expect(chinaTime('2024-05-06')).toBe('2024-05-05T16:00:00Z')
    expect(chinaTime('2024-05-06', 9)).toBe('2024-05-06T01:00:00Z')
    expect(chinaTime('2024-05-06', 24)).toBe('2024-05-06T16:00:00Z')
  })

  it('points the intake at the tickets created that day, hour or channel, within the district', () => {
    expect(intakeLink({ date: '2024-05-06' })).toEqual({ name: 'tickets', query: { created_from: '2024-05-05T16:00:00Z', created_to: '2024-05-06T16:00:00Z' } })
    expect(intakeLink({ date: '2024-05-06', district: '440106' }, { hour: 9, channel: 'phone' })).toEqual({
      name: 'tickets',
      query: { district: '440106', created_from: '2024-05-06T01:00:00Z', created_to: '2024-05-06T02:00:00Z', channel: 'phone' },
    })
  })

  it('points overdue, nearly due, districts and KPIs at what counts them', () => {
    expect(overdueLink({ date: '2024-05-06' }, 'u1')).toEqual({ name: 'tickets', query: { unit: 'u1', overdue: 'true' } })
    expect(nearlyDueLink('u1')).toEqual({ name: 'supervision', query: { tab: 'nearly', unit: 'u1' } })
    expect(districtLink('440106', true)).toEqual({ name: 'tickets', query: { district: '440106', overdue: 'true' } })
    expect(reportLink('2023-04')).toEqual({ name: 'reports', query: { year: '2023', month: '4' } })
  })
})
