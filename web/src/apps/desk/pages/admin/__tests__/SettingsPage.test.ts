// The settings page against a fake API: the two cards show the server's values (minutes, percent),
// saving the KPI settings after the confirmation sends seconds and basis points and shows how many
// months were recomputed, "恢复默认" takes the defaults, a refusal names the field, and a
// supervisor sees the values without save buttons.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { useSessionStore } from '@/shared/stores/session'
import SettingsPage from '../views/SettingsPage.vue'
import adminRoutes from '../routes'
import { formToKpi, kpiToForm, type DeadlineSettings, type KpiSettings } from '../composables/settingsForm'

const deadlines: DeadlineSettings = {
  working_days: { inquiry: 2, help: 10, complaint: 15, report: 15, suggestion: 10, praise: 10 },
  urgent_hours: 24,
  acknowledge_working_days: 1,
  max_extension_working_days: 30,
  callback_working_days: 2,
  callback_max_attempts: 3,
}
const target = (basis_points: number, all_required = false) => ({ basis_points, all_required })
const kpi: KpiSettings = {
  satisfied_levels: ['very_satisfied', 'satisfied', 'basically_satisfied'],
  dispatch_limit_seconds: 7200,
  online_response_limit_seconds: 180,
  targets: {
    platform_availability: target(9999),
    call_answer_rate: target(9500),
    dispatch_timeliness: target(10000, true),
    online_response_timeliness: target(9500),
    first_contact_resolution: target(8500),
    dispatch_accuracy: target(9700),
    intake_satisfaction: target(9500),
    dissatisfied_callback_rate: target(10000, true),
  },
}
let calls: { method: string; path: string; body: unknown }[] = []
let refuseKpi = false
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method !== 'GET' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/settings') {
    const current = { ...deadlines, working_days: { ...deadlines.working_days, complaint: 5 } }
    return json({ deadlines: current, kpi: { ...kpi, dispatch_limit_seconds: 3600 }, defaults: { deadlines, kpi } })
  }
  if (url.pathname === '/api/v1/settings/deadlines') return json({ deadlines: body })
  if (url.pathname === '/api/v1/settings/kpi') {
    if (refuseKpi) return json({ error: { code: 'invalid_argument', message: 'kpi.dispatch_limit_seconds must be 60-604800', field: 'kpi.dispatch_limit_seconds' } }, 400)
    return json({ kpi: body, recomputed_months: 14, elapsed_ms: 37 })
  }
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage(role: 'admin' | 'supervisor' = 'admin') {
  const session = useSessionStore()
  session.me = { id: 1, username: role, role } as never
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/settings')
  await router.isReady()
  const wrapper = mount(SettingsPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
const inputValue = (wrapper: Awaited<ReturnType<typeof mountPage>>, id: string) => (wrapper.find(`[data-testid="${id}"] input`).element as HTMLInputElement).value
async function confirmBox() {
  await flushPromises()
  const ok = [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === '保存') as HTMLButtonElement
  ok.click()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

describe('settingsForm', () => {
  it('edits minutes and percent and gives back seconds and basis points', () => {
    const form = kpiToForm(kpi)
    expect(form.dispatchLimitMinutes).toBe(120)
    expect(form.targets.platform_availability.percent).toBe(99.99)
    form.dispatchLimitMinutes = 90
    form.targets.call_answer_rate.percent = 96.5
    form.satisfied = ['satisfied', 'very_satisfied']
    const back = formToKpi(form)
    expect(back.dispatch_limit_seconds).toBe(5400)
    expect(back.targets.call_answer_rate).toEqual({ basis_points: 9650, all_required: false })
    expect(back.targets.dispatch_timeliness).toEqual({ basis_points: 10000, all_required: true })
    expect(back.satisfied_levels).toEqual(['very_satisfied', 'satisfied'])
  })
})

describe('SettingsPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    refuseKpi = false
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it("shows the server's values and saves the KPI settings after the confirmation", async () => {
    const wrapper = await mountPage()
    expect(inputValue(wrapper, 'days-complaint')).toBe('5')
    expect(inputValue(wrapper, 'kpi-dispatch-minutes')).toBe('60')
    expect(inputValue(wrapper, 'target-call_answer_rate')).toBe('95.00')
    await wrapper.find('[data-testid="save-kpi"]').trigger('click')
    expect(document.querySelector('.el-message-box')?.textContent).toContain('重新计算')
    await confirmBox()
    const put = calls.find((c) => c.method === 'PUT')
    expect(put?.path).toBe('/api/v1/settings/kpi')
    expect((put?.body as KpiSettings).dispatch_limit_seconds).toBe(3600)
    expect((put?.body as KpiSettings).targets.call_answer_rate.basis_points).toBe(9500)
    expect(wrapper.find('[data-testid="kpi-result"]').text()).toContain('已重新计算 14 个月的计数，用时 37 毫秒')
    wrapper.unmount()
  })

  it('resets the deadlines to the defaults and saves them', async () => {
    const wrapper = await mountPage()
    const reset = wrapper.find('[data-testid="settings-deadlines"]').findAll('button').find((b) => b.text() === '恢复默认')
    await reset!.trigger('click')
    expect(inputValue(wrapper, 'days-complaint')).toBe('15')
    await wrapper.find('[data-testid="save-deadlines"]').trigger('click')
    await confirmBox()
    const put = calls.find((c) => c.path === '/api/v1/settings/deadlines')
    expect(put?.body).toEqual(deadlines)
    wrapper.unmount()
  })

  it("shows the server's refusal naming the field", async () => {
    refuseKpi = true
    const wrapper = await mountPage()
    await wrapper.find('[data-testid="save-kpi"]').trigger('click')
    await confirmBox()
    expect(wrapper.find('[data-testid="settings-kpi"] [data-testid="api-error"]').text()).toContain('kpi.dispatch_limit_seconds')
    expect(wrapper.find('[data-testid="kpi-result"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('is read-only for a supervisor', async () => {
    const wrapper = await mountPage('supervisor')
    expect(wrapper.find('[data-testid="save-kpi"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="save-deadlines"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('只读')
    wrapper.unmount()
  })
})
