import { describe, expect, it } from 'vitest'
import { changes } from '../composables/changes'

describe('audit changes', () => {
  it('lists only the fields that differ', () => {
    const before = JSON.stringify({ id: 'sp', name: '石牌街道', parent_id: '440106', active: true })
    const after = JSON.stringify({ id: 'sp', name: '石牌街道', parent_id: '440104', active: true })
    expect(changes(before, after)).toEqual([{ field: 'parent_id', before: '440106', after: '440104' }])
  })

  it('a new thing has every field after; a deleted one every field before', () => {
    expect(changes('', JSON.stringify({ id: 'r1', co_units: ['a', 'b'] }))).toEqual([
      { field: 'id', before: '', after: 'r1' },
      { field: 'co_units', before: '', after: '["a","b"]' },
    ])
    expect(changes(JSON.stringify({ off_day: true }), '')).toEqual([{ field: 'off_day', before: 'true', after: '' }])
  })

  it('text that is not a JSON object is compared whole', () => {
    expect(changes('not json', 'not json')).toEqual([])
    expect(changes('[1]', '[2]')).toEqual([{ field: '', before: '[1]', after: '[2]' }])
    expect(changes(undefined, undefined)).toEqual([])
  })
})
