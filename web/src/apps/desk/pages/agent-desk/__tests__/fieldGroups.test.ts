import { describe, expect, it } from 'vitest'
import { focusNextGroup, groupOfField, nextGroup } from '../composables/fieldGroups'

describe('Alt+N field groups', () => {
  it('goes caller → content → place → category → urgency and round again', () => {
    expect(nextGroup(undefined)).toBe('caller')
    expect(nextGroup('caller')).toBe('content')
    expect(nextGroup('category')).toBe('urgency')
    expect(nextGroup('urgency')).toBe('caller')
  })

  it('focuses the marked first field of the next group', () => {
    document.body.innerHTML = `
      <div data-group="caller"><input id="name"></div>
      <div data-group="content"><input type="radio" id="type"><div data-first><input id="title"></div><textarea id="text"></textarea></div>
      <div data-group="place"><input id="district"></div>`
    const root = document.body
    expect(focusNextGroup(root, document.getElementById('name'))).toBe('content')
    expect(document.activeElement?.id).toBe('title')
    expect(focusNextGroup(root, document.getElementById('text'))).toBe('place')
    expect(document.activeElement?.id).toBe('district')
    expect(focusNextGroup(root, document.body)).toBe('caller')
    expect(document.activeElement?.id).toBe('name')
  })

  it('finds the group of the field a server error names', () => {
    expect(groupOfField('caller.phone')).toBe('caller')
    expect(groupOfField('channel')).toBe('caller')
    expect(groupOfField('place.street')).toBe('place')
    expect(groupOfField('category')).toBe('category')
    expect(groupOfField('urgency')).toBe('urgency')
    expect(groupOfField('title')).toBe('content')
  })
})
