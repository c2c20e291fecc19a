import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import type { DispatchAdvice } from '@/shared/api/types'
import { useClassify, type ClassifyInput } from '../composables/useClassify'

const advice = (label: string): DispatchAdvice => ({ classification: { label, score: 0.9, top: [{ label, score: 0.9, words: [] }] }, place: null, dispatch_suggestions: [] })

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function setup(classify: (i: ClassifyInput) => Promise<DispatchAdvice | null>) {
  const input = reactive({ title: '', text: '' })
  const scope = effectScope()
  const state = scope.run(() => useClassify(() => ({ title: input.title, text: input.text }), { classify }))!
  return { input, state, scope }
}

describe('useClassify', () => {
  it('asks once, 400 ms after the last keystroke, with the latest text', async () => {
    const classify = vi.fn(async (i: ClassifyInput) => advice(i.text))
    const { input, state } = setup(classify)
    for (const text of ['噪', '噪音', '噪音扰民']) {
      input.text = text
      await nextTick()
      vi.advanceTimersByTime(200)
    }
    expect(classify).not.toHaveBeenCalled()
    vi.advanceTimersByTime(200)
    expect(classify).toHaveBeenCalledTimes(1)
    expect(classify).toHaveBeenCalledWith({ title: '', text: '噪音扰民' })
    await vi.runAllTimersAsync()
    expect(state.advice.value?.classification?.label).toBe('噪音扰民')
    expect(state.loading.value).toBe(false)
  })

  it('never lets an older answer replace a newer one', async () => {
    const pending: Array<(a: DispatchAdvice) => void> = []
    const classify = vi.fn(() => new Promise<DispatchAdvice>((ok) => pending.push(ok)))
    const { input, state } = setup(classify)
    input.title = 'first'
    await nextTick()
    vi.advanceTimersByTime(400)
    input.title = 'second'
    await nextTick()
    vi.advanceTimersByTime(400)
    expect(pending).toHaveLength(2)
    pending[1]!(advice('second'))
    await Promise.resolve()
    pending[0]!(advice('first'))
    await vi.runAllTimersAsync()
    expect(state.advice.value?.classification?.label).toBe('second')
  })

  it('clears the advice when the text is emptied, and keeps the error of a failed call', async () => {
    const classify = vi.fn(async () => {
      throw new Error('down')
    })
    const { input, state } = setup(classify)
    input.text = 'x'
    await nextTick()
    await vi.advanceTimersByTimeAsync(400)
    expect(state.error.value).toBeInstanceOf(Error)
    input.text = '   '
    await nextTick()
    await vi.advanceTimersByTimeAsync(400)
    expect(classify).toHaveBeenCalledTimes(1)
    expect(state.advice.value).toBeNull()
  })
})
