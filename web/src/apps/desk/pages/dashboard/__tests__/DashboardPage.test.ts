// The dashboard against a fake API (charts stubbed: jsdom has no canvas): the KPI cards of the
// chosen month with the server's figures, red when below target and linked to the report; today's
// numbers linked to the ticket list; the district in the URL sent to the server and shown.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { installEventSocket } from '@/shared/realtime'
import { resetReferenceForTests } from '@/shared/composables/useReference'

vi.mock('@/shared/charts/useChart', () => ({ useChart: () => {} }))
vi.mock('@/shared/charts/districtMap', () => ({ MAP_NAME: 'test', registerDistrictMap: async () => 'illustrative' }))
const { default: DashboardPage } = await import('../views/DashboardPage.vue')

let calls: string[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const series = (rate: number, year: number, target: string, met: boolean) => ({
  numerator: [rate],
  denominator: [100],
  rate: [rate],
  year: { numerator: year, denominator: 100, rate: year },
  target,
  met,
})
const report = {
  year: 2023,
  months: ['2023-12'],
  kpis: {
    call_answer_rate: series(94.5, 96.16, '≥95%', true),
    dispatch_timeliness: series(99.0, 99.5, '100%', false),
  },
  satisfaction_distribution: {},
}
const dashboard = {
  date: '2026-12-02',
  now: '2026-12-02T10:00:00+08:00',
  district: '440106',
  nearly_due_share: 0.25,
  intake: { total: 7, by_channel: [{ key: 'phone', count: 5 }, { key: 'wechat', count: 2 }], by_type: [{ key: 'complaint', count: 7 }], by_hour: Array(24).fill(0) },
  top_categories: [{ key: '城乡建设/住房管理', count: 4 }],
  units: [{ unit: 'u1', overdue: 3, nearly_due: 1 }],
  districts: [{ district: '440106', intake: 7, open: 10, overdue: 3, overdue_share: 0.3 }],
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  calls.push(url.pathname + url.search)
  if (url.pathname === '/api/v1/dashboard') return json(dashboard)
  if (url.pathname === '/api/v1/reports/kpi') return json(report)
  if (url.pathname === '/api/v1/units') return json({ items: [{ id: '440106', name: '天河区', kind: 'district' }, { id: 'u1', name: '市住建局' }] })
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage(path: string) {
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/desk/dashboard', name: 'dashboard', component: DashboardPage },
      { path: '/desk/tickets', name: 'tickets', component: stub },
      { path: '/desk/reports', name: 'reports', component: stub },
      { path: '/desk/supervision', name: 'supervision', component: stub },
    ],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(DashboardPage, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('DashboardPage', () => {
  beforeEach(() => {
    calls = []
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    installEventSocket({ on: () => () => {} } as never)
  })

  it("shows the month's KPIs against their targets, red when below, linked to the report", async () => {
    const wrapper = await mountPage('/desk/dashboard?month=2023-12&district=440106')
    expect(calls).toContain('/api/v1/reports/kpi?year=2023')
    const answer = wrapper.get('[data-testid="kpi-call_answer_rate"]')
    expect(answer.get('[data-testid="kpi-month"]').text()).toBe('94.50%')
    expect(answer.get('[data-testid="kpi-year"]').text()).toBe('96.16%')
    expect(answer.classes()).toContain('below') // the month is below 95 %
    expect(answer.attributes('href')).toBe('/desk/reports?year=2023&month=12')
    expect(wrapper.get('[data-testid="kpi-dispatch_timeliness"]').classes()).toContain('below')
    wrapper.unmount()
  })

  it("links today's numbers to the tickets behind them, within the district", async () => {
    const wrapper = await mountPage('/desk/dashboard?month=2023-12&district=440106')
    expect(calls.some((c) => c.startsWith('/api/v1/dashboard?district=440106'))).toBe(true)
    expect(wrapper.get('[data-testid="district-filter"]').text()).toContain('天河区')
    const total = wrapper.get('[data-testid="intake-total"]')
    expect(total.get('[data-testid="intake-count"]').text()).toBe('7')
    expect(total.attributes('href')).toContain('district=440106')
    expect(decodeURIComponent(total.attributes('href') ?? '')).toContain('created_from=2026-12-01T16:00:00Z')
    const phone = wrapper.findAll('a').find((a) => a.text() === '电话 5')
    expect(phone?.attributes('href')).toContain('channel=phone')
    const unit = wrapper.get('[data-testid="unit-deadlines"]')
    expect(unit.text()).toContain('市住建局')
    expect(unit.find('a.red').attributes('href')).toBe('/desk/tickets?district=440106&unit=u1&overdue=true')
    expect(wrapper.get('[data-testid="overdue-total"]').text()).toContain('3')
    expect(wrapper.get('[data-testid="map-note"]').text()).toContain('示意边界')
    wrapper.unmount()
  })
})
