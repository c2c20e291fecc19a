// View test: the record dialog with the real Element Plus and the API mocked at fetch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import type { Ticket } from '@/shared/api/types'
import CallbackDialog from '../components/CallbackDialog.vue'

const ticket = {
  id: 42,
  state: 'callback_pending',
  title: '井盖松动',
  reply: '已更换井盖。',
  lead_unit: '440106',
  caller: { name: '李**', phone: '139****9000', confidential: false },
  allowed_actions: ['callback', 'close'],
  callback_attempts: 0,
} as Ticket

let calls: { method: string; path: string; body: unknown }[] = []

function fakeFetch(responses: Record<string, unknown>) {
  return (async (input: Request) => {
    const url = new URL(input.url)
    const body = input.method === 'POST' ? await input.clone().json().catch(() => undefined) : undefined
    calls.push({ method: input.method, path: url.pathname, body })
    const key = `${input.method} ${url.pathname}`
    const found = responses[key] ?? (url.pathname === '/api/v1/units' ? { items: [{ id: '440106', name: '天河区' }] } : undefined)
    if (found === undefined) return new Response(JSON.stringify({ error: { code: 'not_found', message: key } }), { status: 404 })
    return new Response(JSON.stringify(found), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }) as unknown as typeof fetch
}

const button = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLButtonElement | null
const clickText = (text: string) => {
  const el = [...document.querySelectorAll('label, span')].find((e) => e.textContent?.trim() === text) as HTMLElement | undefined
  el?.click()
}

describe('CallbackDialog', () => {
  beforeEach(() => {
    calls = []
    resetReferenceForTests()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('records a dissatisfied rating and redoes in one step', async () => {
    replaceClientForTests(
      fakeFetch({
        'POST /api/v1/tickets/42/callback': { ...ticket, state: 'closed', allowed_actions: ['redo'] },
        'POST /api/v1/tickets/42/redo': { ...ticket, state: 'dispatched', allowed_actions: [] },
      }),
    )
    const wrapper = mount(CallbackDialog, { props: { ticket }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(document.body.textContent).toContain('已更换井盖。')
    expect(button('callback-redo')).toBeNull()
    clickText('不满意')
    await flushPromises()
    button('callback-redo')!.click()
    await flushPromises()
    // The reason's form item is marked (its message fades in through a transition).
    const marked = [...document.querySelectorAll('.el-form-item.is-error .el-form-item__label')].map((e) => e.textContent)
    expect(marked).toEqual(['理由'])
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    const reason = document.querySelector('textarea[aria-label="理由"]') as HTMLTextAreaElement
    reason.value = '仍然松动'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.querySelectorAll('.el-form-item.is-error').length).toBe(0)
    button('callback-redo')!.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/v1/tickets/42/callback', body: { outcome: 'rated', rating: 'dissatisfied', reason: '仍然松动' } },
      { method: 'POST', path: '/api/v1/tickets/42/redo', body: { reason: '仍然松动' } },
    ])
    const done = wrapper.emitted('done')!
    expect((done.at(-1)![0] as Ticket).state).toBe('dispatched')
    expect(wrapper.emitted('close')).toBeTruthy()
    wrapper.unmount()
  })

  it('reveals the contact on a click', async () => {
    replaceClientForTests(fakeFetch({ 'GET /api/v1/tickets/42/contact': { name: '李女士', phone: '13900139000', confidential: false } }))
    const wrapper = mount(CallbackDialog, { props: { ticket }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(button('caller-contact')?.textContent ?? document.querySelector('[data-testid="caller-contact"]')!.textContent).toContain('139****9000')
    button('reveal-contact')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid="caller-contact"]')!.textContent).toContain('13900139000')
    expect(calls.some((c) => c.path === '/api/v1/tickets/42/contact')).toBe(true)
    wrapper.unmount()
  })
})
