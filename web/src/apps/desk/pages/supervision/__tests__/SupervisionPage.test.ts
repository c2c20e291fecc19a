// The supervision board against a fake API: counts per lead unit, a unit filtering the list, a
// notice refused without a reason and then sent, and the ticket listed under "supervised".
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { installEventSocket } from '@/shared/realtime'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import { now } from '@/shared/composables/clock'
import type { Ticket } from '@/shared/api/types'
import TicketTable from '@/shared/components/TicketTable.vue'
import SupervisionPage from '../views/SupervisionPage.vue'

const NOW = Date.parse('2026-12-02T12:00:00+08:00')
const ticket = (id: number, unit: string, deadline: string, over: Partial<Ticket> = {}): Ticket =>
  ({ id, state: 'in_progress', title: `工单${id}`, lead_unit: unit, created_at: '2026-11-22T12:00:00+08:00', deadline, overdue: Date.parse(deadline) < NOW, supervision_count: 0, allowed_actions: ['supervise'], ...over }) as Ticket

const overdue = [ticket(1, 'a', '2026-11-30T12:00:00+08:00'), ticket(2, 'b', '2026-12-01T12:00:00+08:00'), ticket(3, 'b', '2026-12-01T18:00:00+08:00')]
const open = [...overdue, ticket(4, 'a', '2026-12-03T12:00:00+08:00'), ticket(5, 'c', '2026-12-20T12:00:00+08:00', { supervision_count: 2 })]
let calls: { method: string; path: string; body: unknown }[] = []

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'POST' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname + url.search, body })
  if (url.pathname === '/api/v1/tickets') return json({ items: url.searchParams.get('overdue') === 'true' ? overdue : open, next_cursor: null })
  if (url.pathname === '/api/v1/units') return json({ items: [{ id: 'a', name: '甲局' }, { id: 'b', name: '乙区' }, { id: 'c', name: '丙街道' }] })
  if (url.pathname === '/api/v1/tickets/2/supervise') return json({ ...overdue[1], supervision_count: 1 })
  if (url.pathname === '/api/v1/tickets/2/history') {
    return json({ items: [{ id: 50, ticket_id: 2, action: 'supervise', actor: 'supervisor', role: 'supervisor', at: '2026-12-02T12:01:00+08:00', reason: '请今日答复' }] })
  }
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/desk/supervision', name: 'supervision', component: SupervisionPage },
      { path: '/desk/tickets/:id', name: 'ticket', component: { template: '<div />' } },
    ],
  })
  await router.push('/desk/supervision')
  await router.isReady()
  const wrapper = mount(SupervisionPage, { global: { plugins: [router, i18n], stubs: { transition: false, 'transition-group': false } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}
const ids = (wrapper: ReturnType<typeof mount>) => wrapper.findComponent(TicketTable).props('rows').map((r: Ticket) => r.id)

describe('SupervisionPage', () => {
  beforeEach(() => {
    calls = []
    now.value = NOW
    localStorage.clear()
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    installEventSocket({ on: () => () => {} } as never)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('counts overdue and nearly-due tickets per unit and filters by a unit', async () => {
    const { wrapper, router } = await mountPage()
    const rows = wrapper.findAll('[data-testid="unit-count"]').map((r) => r.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([['乙区', '2', ''], ['甲局', '1', '1']])
    expect(ids(wrapper)).toEqual([1, 2, 3])
    await wrapper.findAll('[data-testid="unit-count"] button')[0]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.unit).toBe('b')
    expect(ids(wrapper)).toEqual([2, 3])
    wrapper.unmount()
  })

  it('needs a reason for a notice, sends it, and lists the ticket under supervised with its count', async () => {
    const { wrapper } = await mountPage()
    wrapper.findComponent(TicketTable).vm.$emit('update:selected', [2])
    await flushPromises()
    await wrapper.find('[data-testid="supervise-selected"]').trigger('click')
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-testid="supervise-submit"]')!.click()
    await flushPromises()
    expect(calls.some((c) => c.path.endsWith('/supervise'))).toBe(false)
    const reason = document.body.querySelector<HTMLTextAreaElement>('[data-testid="supervise-dialog"] textarea')!
    reason.value = '请今日答复'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-testid="supervise-submit"]')!.click()
    await flushPromises()
    expect(calls.find((c) => c.path.endsWith('/supervise'))?.body).toEqual({ reason: '请今日答复' })

    await wrapper.vm.$router.replace({ query: { tab: 'supervised' } })
    await flushPromises()
    const table = wrapper.find('[data-testid="supervised-table"]')
    expect(table.exists()).toBe(true)
    const counts = table.findAll('[data-testid="row-supervision-count"]').map((c) => c.text())
    expect(counts).toEqual(['2', '1'])
    wrapper.unmount()
  })

  it('a smaller yellow share leaves fewer tickets nearly due', async () => {
    const { wrapper } = await mountPage()
    const nearlyTab = () => wrapper.find('[data-testid="tab-nearly"]').element.parentElement!.textContent
    expect(nearlyTab()).toBe('临期1')
    const input = wrapper.findComponent({ name: 'ElInputNumber' })
    input.vm.$emit('update:modelValue', 5)
    await flushPromises()
    expect(localStorage.getItem('hotline.yellowShare')).toBe('0.05')
    expect(nearlyTab()).toBe('临期0')
    wrapper.unmount()
  })
})
