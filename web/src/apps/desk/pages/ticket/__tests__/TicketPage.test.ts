import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import TicketPage from '../views/TicketPage.vue'

const XSS = '<img src=x onerror=alert(1)>'
const baseTicket = {
  id: 7, type: 'complaint', channel: 'phone', title: XSS, text: '第一行\n第二行', state: 'pending_review', urgency: 'normal',
  caller: { name: '张*', phone: '138****8000', confidential: false }, place: { district: '440106', address: '天河路1号' },
  created_at: '2026-12-01T09:00:00+08:00', deadline: '2026-12-15T23:59:59+08:00', lead_unit: '', co_units: [], co_handling: [],
  forwarded_from: [], merged_from: [], version: 3, allowed_actions: ['review', 'dispatch', 'merge'],
}
const history = [
  { id: 1, seq: 1, action: 'register', actor: 'agent', role: 'agent', at: '2026-12-01T09:00:00+08:00', reason: '', payload: { title: XSS, urgency: 'normal' } },
  { id: 2, seq: 2, action: 'submit', actor: 'agent', role: 'agent', at: '2026-12-01T09:05:00+08:00', reason: '', payload: {} },
]

interface Call { method: string; path: string; body: unknown }
let calls: Call[] = []
let ticketStatus = 200
let ticket: Record<string, unknown> = baseTicket
let contactStatus = 200
let contactQuery = ''

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const path = new URL(request.url).pathname
  const text = request.method === 'POST' ? await request.text() : ''
  calls.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined })
  if (path === '/api/v1/tickets/7/contact') {
    contactQuery = new URL(request.url).search
    return contactStatus === 200
      ? json(200, { name: '张三', phone: '13800138000', confidential: false })
      : json(403, { error: { code: 'forbidden', message: 'the caller asked for confidentiality' } })
  }
  if (path === '/api/v1/units') return json(200, { items: [{ id: '440106', kind: 'district', name: '天河区', active: true }] })
  if (path === '/api/v1/categories') return json(200, { items: [] })
  if (path === '/api/v1/tickets/7/history') return json(ticketStatus === 200 ? 200 : ticketStatus, ticketStatus === 200 ? { items: history } : { error: { code: 'not_found', message: 'ticket not found' } })
  if (path === '/api/v1/tickets/7' || path === '/api/v1/tickets/8') {
    return ticketStatus === 200 ? json(200, ticket) : json(ticketStatus, { error: { code: ticketStatus === 404 ? 'not_found' : 'forbidden', message: 'no' } })
  }
  if (path === '/api/v1/tickets/7/review') return json(200, { ...ticket, reviewed: true, version: 4, allowed_actions: ['dispatch', 'merge'] })
  return json(404, { error: { code: 'not_found', message: path } })
}

async function mountPage(id = 7) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/tickets/:id', name: 'ticket', component: TicketPage, meta: { permissions: [] } },
      { path: '/tickets', name: 'tickets', component: { template: '<div />' }, meta: { permissions: [] } },
    ],
  })
  await router.push(`/tickets/${id}`)
  await router.isReady()
  const wrapper = mount(TicketPage, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('TicketPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    calls = []
    ticketStatus = 200
    ticket = { ...baseTicket }
    contactStatus = 200
    contactQuery = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the title as text: no img element is created', async () => {
    const wrapper = await mountPage()
    expect(wrapper.get('[data-testid="ticket-title"]').text()).toBe(XSS)
    expect(document.querySelector('img')).toBeNull()
    expect(wrapper.get('[data-testid="ticket-text"]').text()).toContain('第二行')
    wrapper.unmount()
  })

  it('offers one button per allowed action and nothing else', async () => {
    const wrapper = await mountPage()
    const actions = wrapper.findAll('[data-testid="ticket-actions"] [data-action]').map((b) => b.attributes('data-action'))
    expect(actions).toEqual(['review', 'dispatch', 'merge'])
    expect(wrapper.get('[data-testid="action-review"]').text()).toBe('审核')
    wrapper.unmount()

    ticket = { ...baseTicket, allowed_actions: [] }
    const none = await mountPage()
    expect(none.findAll('[data-testid="ticket-actions"] [data-action]')).toHaveLength(0)
    expect(none.get('[data-testid="ticket-actions"]').text()).toContain('没有可执行的操作')
    none.unmount()
  })

  it('runs an action through its dialog and takes the changed ticket', async () => {
    const wrapper = await mountPage()
    await wrapper.get('[data-testid="action-review"]').trigger('click')
    await flushPromises()
    const submit = document.querySelector<HTMLButtonElement>('[data-testid="action-submit"]')
    expect(submit).not.toBeNull()
    submit!.click()
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/api/v1/tickets/7/review', body: { approve: true } })
    const actions = wrapper.findAll('[data-testid="ticket-actions"] [data-action]').map((b) => b.attributes('data-action'))
    expect(actions).toEqual(['dispatch', 'merge'])
    wrapper.unmount()
  })

  it('renders the timeline newest first with who, role and what', async () => {
    const wrapper = await mountPage()
    const events = wrapper.findAll('[data-testid="timeline-event"]')
    expect(events.map((e) => e.attributes('data-action'))).toEqual(['submit', 'register'])
    expect(events[0]!.text()).toContain('提交审核')
    expect(events[0]!.text()).toContain('话务员')
    wrapper.unmount()
  })

  it('reveals the contact only on an explicit click, with the reason, and shows a 403', async () => {
    const wrapper = await mountPage()
    expect(wrapper.get('[data-testid="caller-phone"]').text()).toContain('138****8000')
    await wrapper.get('[data-testid="reveal-contact"]').trigger('click')
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('#contact-reason')!
    input.value = '核实身份'
    input.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="contact-confirm"]')!.click()
    await flushPromises()
    expect(decodeURIComponent(contactQuery)).toBe('?reason=核实身份')
    expect(wrapper.get('[data-testid="caller-phone"]').text()).toContain('13800138000')
    expect(wrapper.find('[data-testid="reveal-contact"]').exists()).toBe(false)
    wrapper.unmount()

    contactStatus = 403
    const refused = await mountPage()
    await refused.get('[data-testid="reveal-contact"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid="contact-confirm"]')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid="contact-dialog"] [data-testid="api-error"]')?.textContent).toContain('无权')
    expect(refused.get('[data-testid="caller-phone"]').text()).toContain('138****8000')
    refused.unmount()
  })

  it('shows the not-found and forbidden states', async () => {
    ticketStatus = 404
    const missing = await mountPage()
    expect(missing.find('[data-testid="ticket-not_found"]').exists()).toBe(true)
    expect(missing.find('[data-testid="ticket-title"]').exists()).toBe(false)
    missing.unmount()
    ticketStatus = 403
    const forbidden = await mountPage()
    expect(forbidden.find('[data-testid="ticket-forbidden"]').text()).toContain('无权查看')
    forbidden.unmount()
  })
})
