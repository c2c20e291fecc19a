import { beforeEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { DRAFT_KEY, emptyDraft, loadDraft, parseDraft, storeDraft, toNewTicket, useDraft } from '../composables/draft'

beforeEach(() => localStorage.clear())

describe('the draft store', () => {
  it('falls back to the empty draft for nothing, junk or a wrong shape', () => {
    expect(parseDraft(null)).toEqual(emptyDraft())
    expect(parseDraft('{not json')).toEqual(emptyDraft())
    const odd = parseDraft(JSON.stringify({ type: 'nonsense', urgency: 'very_urgent', title: 42, caller: { phone: '138', confidential: 'yes' } }))
    expect(odd.type).toBe('complaint')
    expect(odd.urgency).toBe('normal')
    expect(odd.title).toBe('')
    expect(odd.caller).toEqual({ name: '', phone: '138', confidential: false })
  })

  it('round-trips through localStorage and removes an empty draft', () => {
    const d = { ...emptyDraft(), title: '路灯不亮', urgency: 'urgent' as const }
    storeDraft(d)
    expect(loadDraft()).toEqual(d)
    storeDraft(emptyDraft())
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull()
  })

  it('saves every change and is cleared by reset', async () => {
    const scope = effectScope()
    const { draft, reset } = scope.run(() => useDraft())!
    draft.title = '噪音扰民'
    draft.place.district = '440106'
    await nextTick()
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!)).toMatchObject({ title: '噪音扰民', place: { district: '440106' } })
    // A reload reads it back.
    const again = effectScope().run(() => useDraft())!
    expect(again.draft.title).toBe('噪音扰民')
    reset()
    await nextTick()
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull()
    scope.stop()
  })
})

describe('toNewTicket', () => {
  it('trims and leaves out empty optional parts', () => {
    const body = toNewTicket({ ...emptyDraft(), title: '  标题 ', text: ' 内容 ' })
    expect(body).toEqual({ type: 'complaint', channel: 'phone', title: '标题', text: '内容', urgency: 'normal' })
  })
  it('sends the caller, the place parts given and the category', () => {
    const d = emptyDraft()
    d.title = 't'
    d.caller = { name: ' 陈先生 ', phone: '138 0000 0000', confidential: true }
    d.place = { district: '440106', street: '', address: ' 华师 ' }
    d.category = '环境保护'
    expect(toNewTicket(d)).toMatchObject({
      caller: { name: '陈先生', phone: '13800000000', confidential: true },
      place: { district: '440106', address: '华师' },
      category: '环境保护',
    })
    expect(toNewTicket(d).place).not.toHaveProperty('street')
  })
})
