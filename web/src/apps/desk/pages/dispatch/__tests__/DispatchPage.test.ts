// The dispatch centre against a fake API and a fake event socket: the queues' badges, a ticket pushed
// by an event joins its queue live and leaves it when its state changes, the toolbar offers only what
// allowed_actions permit, and the dialog reviews then dispatches to the picked suggestion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { installEventSocket } from '@/shared/realtime'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import type { Ticket } from '@/shared/api/types'
import TicketTable from '@/shared/components/TicketTable.vue'
import DispatchPage from '../views/DispatchPage.vue'

const ticket = (id: number, state: string, over: Partial<Ticket> = {}): Ticket =>
  ({ id, state, title: `工单${id}`, text: '天河区路灯不亮', type: 'complaint', reviewed: false, allowed_actions: [], created_at: '2026-12-02T09:00:00+08:00', deadline: '2026-12-09T09:00:00+08:00', ...over }) as Ticket

let calls: { method: string; path: string; body: unknown }[] = []
let handlers: Record<string, ((message: unknown) => void)[]> = {}
const emit = (name: string, message: unknown) => (handlers[name] ?? []).forEach((h) => h(message))
const byState: Record<string, Ticket[]> = {
  pending_review: [ticket(1, 'pending_review', { allowed_actions: ['review', 'dispatch', 'merge', 'correct'] }), ticket(2, 'pending_review', { allowed_actions: ['review', 'dispatch'] })],
  return_requested: [],
  extension_requested: [ticket(3, 'extension_requested', { allowed_actions: ['approve_extension', 'reject_extension'] })],
  dispatched: [ticket(4, 'dispatched', { allowed_actions: ['recall'] })],
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'POST' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/tickets') return json({ items: byState[url.searchParams.get('state') ?? ''] ?? [], next_after: null })
  if (url.pathname === '/api/v1/units') return json({ items: [{ id: '440106', name: '天河区', kind: 'district' }, { id: 'dept-zjj', name: '住建局', kind: 'department' }] })
  if (url.pathname === '/api/v1/classify') {
    return json({ dispatch_suggestions: [
      { unit_id: 'dept-zjj', unit_name: '住建局', score: 0.4, reasons: ['派单目录规则'] },
      { unit_id: '440106', unit_name: '天河区', score: 0.8, reasons: ['地点 天河区 (文中识别)', '模型分类 城乡建设'] },
    ] })
  }
  const m = url.pathname.match(/^\/api\/v1\/tickets\/(\d+)\/(\w+)$/)
  if (m) {
    const id = Number(m[1])
    if (m[2] === 'review') return json(ticket(id, 'pending_review', { reviewed: true, allowed_actions: ['dispatch'] }))
    if (m[2] === 'dispatch' && id === 2) return json({ error: { code: 'conflict', message: 'ticket 2 is dispatched' } }, 409)
    if (m[2] === 'dispatch') return json(ticket(id, 'dispatched', { reviewed: true, lead_unit: (body as { lead_unit: string }).lead_unit, allowed_actions: ['recall'] }))
  }
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/desk/dispatch', name: 'dispatch', component: DispatchPage },
      { path: '/desk/tickets/:id', name: 'ticket', component: { template: '<div />' } },
    ],
  })
  await router.push('/desk/dispatch')
  await router.isReady()
  const wrapper = mount(DispatchPage, { global: { plugins: [router, i18n], stubs: { transition: false, 'transition-group': false } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const badge = (wrapper: ReturnType<typeof mount>, key: string) => wrapper.find(`[data-testid="badge-${key}"]`).text()

describe('DispatchPage', () => {
  beforeEach(() => {
    calls = []
    handlers = {}
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    installEventSocket({ on: (name: string, h: (m: unknown) => void) => ((handlers[name] ??= []).push(h), () => {}) } as never)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the four queues and shows their counts', async () => {
    const { wrapper } = await mountPage()
    const states = calls.filter((c) => c.path === '/api/v1/tickets').length
    expect(states).toBe(4)
    expect(badge(wrapper, 'pending')).toBe('2')
    expect(badge(wrapper, 'returned')).toBe('0')
    expect(badge(wrapper, 'extension')).toBe('1')
    expect(badge(wrapper, 'dispatched')).toBe('1')
    wrapper.unmount()
  })

  it('adds a submitted ticket pushed by an event at once and drops it when it leaves the state', async () => {
    const { wrapper } = await mountPage()
    emit('event', { ticket: ticket(9, 'pending_review', { allowed_actions: ['review'] }) })
    await flushPromises()
    expect(badge(wrapper, 'pending')).toBe('3')
    expect(wrapper.findComponent(TicketTable).props('rows').map((r: Ticket) => r.id)).toEqual([9, 1, 2])
    emit('event', { ticket: ticket(9, 'dispatched', { allowed_actions: ['recall'] }) })
    await flushPromises()
    expect(badge(wrapper, 'pending')).toBe('2')
    expect(badge(wrapper, 'dispatched')).toBe('2')
    wrapper.unmount()
  })

  it('offers only the allowed actions, then reviews and dispatches to the picked suggestion', async () => {
    const { wrapper } = await mountPage()
    expect(wrapper.find('[data-testid="do-dispatch"]').exists()).toBe(false)
    wrapper.findComponent(TicketTable).vm.$emit('update:selected', [1])
    await flushPromises()
    expect(wrapper.find('[data-testid="do-dispatch"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="do-review"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="do-recall"]').exists()).toBe(false)

    await wrapper.find('[data-testid="do-dispatch"]').trigger('click')
    await flushPromises()
    const cards = [...document.body.querySelectorAll<HTMLButtonElement>('[data-testid="suggestion"]')]
    expect(cards.map((c) => c.querySelector('strong')?.textContent)).toEqual(['天河区', '住建局'])
    expect(cards[0]!.textContent).toContain('地点 天河区')
    cards[0]!.click()
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-testid="dispatch-submit"]')!.click()
    await flushPromises()
    const acts = calls.filter((c) => /\/tickets\/\d+\/\w+$/.test(c.path)).map((c) => [c.path, c.body])
    expect(acts).toEqual([
      ['/api/v1/tickets/1/review', { approve: true }],
      ['/api/v1/tickets/1/dispatch', { lead_unit: '440106', co_units: [] }],
    ])
    // The dispatched ticket leaves the pending queue and joins the dispatched one before any event.
    expect(badge(wrapper, 'pending')).toBe('1')
    expect(badge(wrapper, 'dispatched')).toBe('2')
    wrapper.unmount()
  })

  it('bulk-dispatches to one unit and reports the ticket that failed, in Chinese, keeping it selected', async () => {
    const { wrapper } = await mountPage()
    wrapper.findComponent(TicketTable).vm.$emit('update:selected', [1, 2])
    await flushPromises()
    expect(wrapper.find('[data-testid="do-dispatch"]').text()).toContain('批量派单（2 件）')
    await wrapper.find('[data-testid="do-dispatch"]').trigger('click')
    await flushPromises()
    expect(document.body.querySelectorAll('[data-testid="suggestion"]').length).toBe(0)
    expect(calls.some((c) => c.path === '/api/v1/classify')).toBe(false)
    // No unit chosen: nothing is sent and the field says so.
    document.body.querySelector<HTMLButtonElement>('[data-testid="dispatch-submit"]')!.click()
    await flushPromises()
    const leadItem = document.body.querySelector('[data-testid="lead-unit"]')!.closest('.el-form-item')!
    expect(leadItem.classList.contains('is-error')).toBe(true)
    expect(calls.some((c) => c.path.endsWith('/dispatch'))).toBe(false)
    const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.props('ariaLabel') === '主办单位')
    expect(select).toBeTruthy()
    select!.vm.$emit('update:modelValue', '440106')
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-testid="dispatch-submit"]')!.click()
    await flushPromises()
    const dispatched = calls.filter((c) => c.path.endsWith('/dispatch')).map((c) => c.path)
    expect(dispatched).toEqual(['/api/v1/tickets/1/dispatch', '/api/v1/tickets/2/dispatch'])
    const failures = [...document.body.querySelectorAll('[data-testid="bulk-failure"]')].map((li) => li.textContent)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toContain('#2')
    expect(failures[0]).toContain('当前状态不允许此操作')
    expect(document.body.querySelector('[data-testid="bulk-result"]')!.textContent).toContain('成功 1 件，失败 1 件')
    expect(wrapper.findComponent(TicketTable).props('selected')).toEqual([2])
    // The dialog stays open for a retry of the failed ticket only.
    await flushPromises()
    expect(document.body.querySelector('[data-testid="dispatch-dialog"] .el-dialog__title')!.textContent).toBe('派单：工单 #2')
    wrapper.unmount()
  })
})
