// The reports page against a fake API: the server's tables rendered with title, header and rows;
// the year's management items entered by a manager (PUT) and the tables read again; a supervisor
// sees the form read-only.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { useSessionStore } from '@/shared/stores/session'
import ReportsPage from '../views/ReportsPage.vue'
import { MANAGEMENT_ITEMS, tablesUrl } from '../composables/useReports'

let calls: { method: string; path: string; body: unknown }[] = []
let entered = false
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const table8 = { sheet: '表8 话务接通率', title: '表8：月度话务接通率完成情况统计表（单位：通）', header: ['时间', '呼入量', '接通量', '话务接通率'], rows: [['2023年1月', '783', '759', '96.93%'], ['合计', '783', '759', '96.93%']] }
const table16 = { sheet: '表16 绩效评价', title: '表16：绩效评价', header: ['指标', '得分'], rows: [['综合得分', '99.87']] }

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'PUT' ? await request.clone().json() : null
  calls.push({ method: request.method, path: url.pathname + url.search, body })
  if (url.pathname === '/api/v1/reports/tables') return json({ year: 2023, month: null, evaluation: entered, tables: entered ? [table8, table16] : [table8] })
  if (url.pathname === '/api/v1/evaluation-inputs/2023' && request.method === 'PUT') {
    entered = true
    return json(body)
  }
  if (url.pathname === '/api/v1/evaluation-inputs/2023') return json({ error: { code: 'not_found', message: 'nothing entered' } }, 404)
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountAs(role: string) {
  const session = useSessionStore()
  session.me = { id: 1, username: role, role } as never
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/desk/reports', name: 'reports', component: ReportsPage }] })
  await router.push('/desk/reports?year=2023')
  await router.isReady()
  const wrapper = mount(ReportsPage, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('ReportsPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    entered = false
    replaceClientForTests(fakeFetch as typeof fetch)
  })

  it('lays out the tables as the server builds them', async () => {
    const wrapper = await mountAs('manager')
    expect(calls.map((c) => c.path)).toContain('/api/v1/reports/tables?year=2023')
    const shown = wrapper.get('[data-testid="table-表8 话务接通率"]')
    expect(shown.get('figcaption').text()).toBe(table8.title)
    expect(shown.findAll('thead th').map((th) => th.text())).toEqual(table8.header)
    expect(shown.findAll('tbody tr')[0]!.text()).toContain('96.93%')
    expect(wrapper.text()).toContain('录入本年度管理指标后显示表16')
    wrapper.unmount()
  })

  it('stores the management items and shows table 16', async () => {
    const wrapper = await mountAs('manager')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const puts = calls.filter((c) => c.method === 'PUT')
    expect(puts).toHaveLength(1)
    const put = puts[0]
    expect(put?.path).toBe('/api/v1/evaluation-inputs/2023')
    expect(Object.keys((put?.body as { management: object }).management)).toEqual([...MANAGEMENT_ITEMS])
    expect(wrapper.text()).toContain(table16.title)
    wrapper.unmount()
  })

  it('shows the form read-only to a supervisor', async () => {
    const wrapper = await mountAs('supervisor')
    expect(wrapper.find('[data-testid="save-management"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('downloads from the tables URL with the format', () => {
    expect(tablesUrl(2023, null, 'xlsx')).toBe('/api/v1/reports/tables?year=2023&format=xlsx')
    expect(tablesUrl(2023, 4, 'csv')).toBe('/api/v1/reports/tables?year=2023&format=csv&month=4')
  })
})
