import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import type { Ticket } from '@/shared/api/types'
import { ApiError } from '@/shared/api/errors'

const act = vi.fn()
vi.mock('@/shared/api/tickets', () => ({ act: (...args: unknown[]) => act(...args) }))

import { bodyFor, emptyForm, missingFields, offeredActions, useUnitActions } from '../composables/useUnitActions'

const base = { id: 7, state: 'acknowledged', lead_unit: '440106', co_units: ['440104'], co_handling: [{ unit: '440104', opinion: '' }] } as Ticket

describe('unit action rules', () => {
  it('offers allowed_actions ∩ the screen\'s actions, in the screen\'s order', () => {
    expect(offeredActions({ allowed_actions: ['reply', 'recall', 'acknowledge', 'forward'] })).toEqual(['acknowledge', 'reply', 'forward'])
    expect(offeredActions(null)).toEqual([])
  })
  it('requires the fields each action needs', () => {
    const form = emptyForm()
    expect(missingFields('request_return', form)).toEqual(['reason'])
    expect(missingFields('reply', form)).toEqual(['reply'])
    expect(missingFields('reply', { ...form, reply: '已处理' }, true)).toEqual(['reason'])
    expect(missingFields('request_extension', { ...form, extension_days: 0, reason: 'x' })).toEqual(['extension_days'])
    expect(missingFields('forward', form)).toEqual(['unit'])
    expect(missingFields('acknowledge', form)).toEqual([])
  })
  it('builds the request bodies', () => {
    const form = { ...emptyForm(), reply: ' 已修复 ', reason: '协办单位未回复', extension_days: 3, unit: '440106021', opinion: '同意' }
    expect(bodyFor('reply', form)).toEqual({ reply: '已修复' })
    expect(bodyFor('reply', form, undefined, undefined, true)).toEqual({ reply: '已修复', reason: '协办单位未回复' })
    expect(bodyFor('request_extension', form)).toEqual({ extension_days: 3, reason: '协办单位未回复' })
    expect(bodyFor('forward', form)).toEqual({ unit: '440106021' })
    expect(bodyFor('co_opinion', form, base, '440104')).toEqual({ opinion: '同意', unit: '440104' })
    expect(bodyFor('co_acknowledge', form, base, '440106')).toEqual({})
  })
})

describe('useUnitActions', () => {
  beforeEach(() => act.mockReset())

  it('acknowledges in one click and reports the new ticket', async () => {
    const done = vi.fn()
    act.mockResolvedValue({ ...base, state: 'acknowledged' })
    const a = useUnitActions(ref({ ...base, state: 'dispatched' }), () => '440106', done)
    a.start('acknowledge')
    await vi.waitFor(() => expect(done).toHaveBeenCalled())
    expect(act).toHaveBeenCalledWith(7, 'acknowledge', {})
    expect(a.active.value).toBe(null)
  })

  it('does not send a form with a required field left empty', async () => {
    const a = useUnitActions(ref(base), () => '440106', vi.fn())
    a.start('request_return')
    expect(await a.submit()).toBe(null)
    expect(a.missing.value).toEqual(['reason'])
    expect(a.fieldError('reason')).toBe(true)
    expect(act).not.toHaveBeenCalled()
  })

  it('turns the co-opinion 409 of a reply into a reason to give, then sends it with the reason', async () => {
    const done = vi.fn()
    act.mockRejectedValueOnce(new ApiError(409, 'conflict', 'co-handling units have not given their opinion yet: 440104 (wait for co_opinion, or give a reason for replying without it)'))
    act.mockResolvedValueOnce({ ...base, state: 'replied' })
    const a = useUnitActions(ref(base), () => '440106', done)
    a.start('reply')
    a.form.reply = '路灯已修复'
    expect(await a.submit()).toBe(null)
    expect(a.needsReason.value).toBe(true)
    expect(a.owing.value).toEqual(['440104'])
    expect(a.fields.value).toEqual(['reply', 'reason'])
    expect(await a.submit()).toBe(null) // the reason is now required
    a.form.reason = '协办单位逾期未回复'
    const next = await a.submit()
    expect(next?.state).toBe('replied')
    expect(act).toHaveBeenLastCalledWith(7, 'reply', { reply: '路灯已修复', reason: '协办单位逾期未回复' })
    expect(done).toHaveBeenCalledOnce()
  })

  it('keeps another error for the form, with the field it names', async () => {
    act.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', 'extension_days out of range', 'extension_days'))
    const a = useUnitActions(ref(base), () => '440106', vi.fn())
    a.start('request_extension')
    a.form.reason = '需要协调'
    await a.submit()
    expect(a.fieldError('extension_days')).toBe(true)
    expect(a.needsReason.value).toBe(false)
    expect(a.active.value).toBe('request_extension')
  })
})
