import { describe, expect, it } from 'vitest'
import { changedFields } from '../composables/diff'

describe('changedFields', () => {
  it('lists only the keys whose value changed', () => {
    const out = changedFields('{"id":"440106001","parent_id":"440106","name":"五山街道"}', '{"id":"440106001","parent_id":"440104","name":"五山街道"}')
    expect(out).toEqual([{ field: 'parent_id', before: '440106', after: '440104' }])
  })
  it('shows a created thing as every field with an empty before', () => {
    const out = changedFields('', '{"role":"agent","active":true}')
    expect(out).toEqual([
      { field: 'role', before: '', after: 'agent' },
      { field: 'active', before: '', after: 'true' },
    ])
  })
  it('compares arrays (calendar days) as a whole', () => {
    expect(changedFields('[{"date":"2026-10-01"}]', '[{"date":"2026-10-02"}]')).toEqual([
      { field: '', before: '[{"date":"2026-10-01"}]', after: '[{"date":"2026-10-02"}]' },
    ])
    expect(changedFields('', '')).toEqual([])
  })
})
