import { describe, expect, it, vi } from 'vitest'
import type { Ticket } from '@/shared/api/types'
import { ApiError } from '@/shared/api/errors'
import { callbackBody, emptyCallbackForm, isInQueue, missingCallbackFields, recordCallback, retryAt, sortQueue, type CallbackForm } from '../composables/callbackQueue'

const now = Date.parse('2026-12-02T10:00:00+08:00')
const ticket = (over: Partial<Ticket>): Ticket => ({ id: 1, state: 'callback_pending', allowed_actions: ['callback', 'close'], ...over }) as Ticket
const form = (over: Partial<CallbackForm>): CallbackForm => ({ ...emptyCallbackForm(), ...over })

describe('the queue', () => {
  it('holds callback_pending tickets only', () => {
    expect(isInQueue({ state: 'callback_pending' })).toBe(true)
    expect(isInQueue({ state: 'closed' })).toBe(false)
    expect(isInQueue({ state: 'dispatched' })).toBe(false)
  })
  it('waits until next_callback_at', () => {
    expect(retryAt(ticket({ next_callback_at: '2026-12-03T00:00:00+08:00' }), now)).toBe(Date.parse('2026-12-03T00:00:00+08:00'))
    expect(retryAt(ticket({ next_callback_at: '2026-12-02T00:00:00+08:00' }), now)).toBe(null)
    expect(retryAt(ticket({ next_callback_at: null }), now)).toBe(null)
  })
  it('lists ready tickets first, then by the callback window', () => {
    const rows = [
      ticket({ id: 1, callback_due: '2026-12-03T23:59:59+08:00', next_callback_at: '2026-12-03T00:00:00+08:00' }),
      ticket({ id: 2, callback_due: '2026-12-04T23:59:59+08:00' }),
      ticket({ id: 3, callback_due: '2026-12-03T23:59:59+08:00' }),
    ]
    expect(sortQueue(rows, now).map((t) => t.id)).toEqual([3, 2, 1])
  })
})

describe('the form', () => {
  it('needs a rating, and a reason with dissatisfied', () => {
    expect(missingCallbackFields(form({}))).toEqual(['rating'])
    expect(missingCallbackFields(form({ rating: 'dissatisfied' }))).toEqual(['reason'])
    expect(missingCallbackFields(form({ rating: 'satisfied' }))).toEqual([])
    expect(missingCallbackFields(form({ outcome: 'unreachable' }))).toEqual([])
  })
  it('builds the callback body', () => {
    expect(callbackBody(form({ outcome: 'unreachable', rating: 'satisfied' }))).toEqual({ outcome: 'unreachable' })
    expect(callbackBody(form({ rating: 'satisfied' }))).toEqual({ outcome: 'rated', rating: 'satisfied' })
    expect(callbackBody(form({ rating: 'dissatisfied', reason: ' 没修好 ' }))).toEqual({ outcome: 'rated', rating: 'dissatisfied', reason: '没修好' })
  })
})

describe('dissatisfied → redo in one step', () => {
  const closed = ticket({ state: 'closed', rating: 'dissatisfied', allowed_actions: ['redo', 'archive'] })
  const redone = ticket({ state: 'dispatched', allowed_actions: [] })

  it('records the callback, then redoes with the same reason', async () => {
    const act = vi.fn().mockResolvedValueOnce(closed).mockResolvedValueOnce(redone)
    const result = await recordCallback(ticket({}), form({ rating: 'dissatisfied', reason: '路灯仍不亮', redo: true }), act)
    expect(act.mock.calls).toEqual([
      [1, 'callback', { outcome: 'rated', rating: 'dissatisfied', reason: '路灯仍不亮' }],
      [1, 'redo', { reason: '路灯仍不亮' }],
    ])
    expect(result).toEqual({ ticket: redone, redone: true })
  })
  it('does not redo without the redo choice, nor for another rating', async () => {
    const act = vi.fn().mockResolvedValue(closed)
    await recordCallback(ticket({}), form({ rating: 'dissatisfied', reason: 'x' }), act)
    await recordCallback(ticket({}), form({ rating: 'satisfied', redo: true }), act)
    expect(act.mock.calls.map((c) => c[1])).toEqual(['callback', 'callback'])
  })
  it('keeps the recorded callback when the redo fails', async () => {
    const refused = new ApiError(409, 'conflict', 'cannot redo')
    const act = vi.fn().mockResolvedValueOnce(closed).mockRejectedValueOnce(refused)
    const result = await recordCallback(ticket({}), form({ rating: 'dissatisfied', reason: 'x', redo: true }), act)
    expect(result).toEqual({ ticket: closed, redone: false, redoError: refused })
  })
  it('does not redo when the callback itself is refused', async () => {
    const act = vi.fn().mockRejectedValueOnce(new ApiError(409, 'conflict', 'not yet'))
    await expect(recordCallback(ticket({}), form({ rating: 'dissatisfied', reason: 'x', redo: true }), act)).rejects.toThrow('not yet')
    expect(act).toHaveBeenCalledOnce()
  })
})
