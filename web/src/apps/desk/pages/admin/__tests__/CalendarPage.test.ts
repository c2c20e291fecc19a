// The calendar page against a fake API: the year's holidays and make-up days listed by month,
// resetting one deletes it (DELETE /calendar/days/{date}), a grid day set as a holiday is stored
// off, a notice the server cannot read shows its refusal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import CalendarPage from '../views/CalendarPage.vue'
import adminRoutes from '../routes'

const year = new Date().getFullYear()
let calls: { method: string; path: string; body: unknown }[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
// Jan 1 off, and the first Sunday after it at work.
function firstSunday(): string {
  for (let d = 2; d <= 8; d++) if (new Date(Date.UTC(year, 0, d)).getUTCDay() === 0) return `${year}-01-0${d}`
  return `${year}-01-08`
}
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method !== 'GET' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname + url.search, body })
  if (url.pathname === '/api/v1/calendar') {
    const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay()
    const days = [{ date: `${year}-01-01`, working: jan1 === 0 || jan1 === 6 }, { date: firstSunday(), working: true }, { date: `${year}-01-12`, working: true }]
    return json({ from: `${year}-01-01`, to: `${year}-12-31`, days })
  }
  if (url.pathname === '/api/v1/calendar/days') return json({ status: 'ok' })
  if (url.pathname.startsWith('/api/v1/calendar/days/') && request.method === 'DELETE') return json({ status: 'reset', date: url.pathname.slice(-10) })
  if (url.pathname === '/api/v1/calendar/notice') return json({ error: { code: 'invalid_argument', message: 'line 1: cannot read', field: 'text' } }, 400)
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/calendar')
  await router.isReady()
  const wrapper = mount(CalendarPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('CalendarPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the make-up day and resets it to an ordinary day', async () => {
    const wrapper = await mountPage()
    await wrapper.find('[data-testid="calendar-view"]').findAll('label')[1]!.trigger('click')
    await flushPromises()
    expect(calls[0]?.path).toBe(`/api/v1/calendar?from=${year}-01-01&to=${year}-12-31`)
    const sunday = firstSunday()
    const row = wrapper.find(`[data-testid="day-${sunday}"]`)
    expect(row.text()).toContain('调休上班')
    expect(wrapper.find(`[data-testid="day-${year}-01-12"]`).exists()).toBe(false)
    await row.find('button').trigger('click')
    await flushPromises()
    const confirm = [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === '恢复为平常日') as HTMLButtonElement
    confirm.click()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe(`/api/v1/calendar/days/${sunday}`)
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
    wrapper.unmount()
  })

  it('shows twelve month grids and sets a clicked day as a holiday', async () => {
    const wrapper = await mountPage()
    const grid = wrapper.find('[data-testid="calendar-grid"]')
    expect(grid.findAll('section')).toHaveLength(12)
    expect(grid.find(`[data-testid="grid-${firstSunday()}"]`).attributes('data-kind')).toBe('makeup')
    expect(grid.find(`[data-testid="grid-${year}-01-12"]`).attributes('data-kind')).not.toBe('makeup')
    await grid.find(`[data-testid="grid-${year}-03-10"]`).trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="pick-holiday"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="pick-save"]') as HTMLButtonElement).click()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ days: [{ date: `${year}-03-10`, off_day: true }] })
    wrapper.unmount()
  })

  it('resets a special day clicked in the grid when set to ordinary', async () => {
    const wrapper = await mountPage()
    await wrapper.find(`[data-testid="grid-${firstSunday()}"]`).trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="pick-ordinary"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="pick-save"]') as HTMLButtonElement).click()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe(`/api/v1/calendar/days/${firstSunday()}`)
    wrapper.unmount()
  })

  it("shows the server's refusal of a notice", async () => {
    const wrapper = await mountPage()
    const text = wrapper.find('[data-testid="notice-text"]')
    await text.setValue('一、元旦：看不懂')
    await wrapper.find('[data-testid="notice-import"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.path === '/api/v1/calendar/notice')?.body).toEqual({ year, text: '一、元旦：看不懂' })
    expect(wrapper.find('[data-testid="api-error"]').text()).toContain('line 1: cannot read')
    wrapper.unmount()
  })
})
