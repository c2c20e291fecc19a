// 查询 against a fake server: number + mobile → a code (then a 60-second wait before another) →
// the view (timeline, unit, reply) → the rating; a wrong code shown by its input in the server's
// words, an expired token back to the start, a reload resuming the view, and the receipt's link.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import TrackPage from '../TrackPage.vue'
import App from '../App.vue'
import { i18n } from '../i18n'
import zhCN from '../locales/zh-CN.json'
import en from '../locales/en.json'

const view = {
  ticket_id: 3001, type: 'complaint', title: '五山路夜间施工噪音', step: 'handling', registered_at: '2026-12-02T08:00:00Z',
  deadline: '2026-12-24T15:59:59Z', unit: '天河区', reply: '', closed_at: null, rating: null, can_rate: false,
}
const answered = { ...view, step: 'answered', deadline: null, reply: '已责令施工单位夜间停工。', can_rate: true }
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

let answers: Array<() => Response | Promise<Response>>
let sent: Array<{ url: string; method?: string; body?: unknown; headers?: Record<string, string> }>

beforeEach(() => {
  sessionStorage.clear()
  vi.stubGlobal('scrollTo', () => {})
  answers = []
  sent = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, method: init?.method, body: init?.body, headers: init?.headers as Record<string, string> })
    if (url.endsWith('/places')) return json(200, { districts: [], streets: [] })
    const next = answers.shift()
    if (!next) throw new Error(`unexpected ${url}`)
    return next()
  }))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const mountPage = async (search = '') => {
  const wrapper = mount(TrackPage, { props: { search }, global: { plugins: [i18n] } })
  await flushPromises()
  return wrapper
}

async function verified() {
  const wrapper = await mountPage('?id=3001')
  expect((wrapper.find('#track-number').element as HTMLInputElement).value).toBe('3001')
  await wrapper.find('#track-phone').setValue('138 0013 8000')
  answers.push(() => json(202, { status: 'accepted', message: 'ok' }))
  await wrapper.find('[data-testid="track-send"]').trigger('click')
  await flushPromises()
  await wrapper.find('#track-code').setValue('123456')
  answers.push(() => json(201, { token: 'tok', expires_at: new Date(Date.now() + 1800_000).toISOString(), ticket: view }))
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper
}

describe('portal TrackPage', () => {
  it('checks the number and the mobile before asking for a code', async () => {
    const wrapper = await mountPage()
    await wrapper.find('#track-phone').setValue('12345')
    await wrapper.find('[data-testid="track-send"]').trigger('click')
    expect(wrapper.find('#track-number').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#track-phone').attributes('aria-invalid')).toBe('true')
    expect(sent).toEqual([])
  })

  it('sends a code, then waits 60 seconds before another', async () => {
    vi.useFakeTimers()
    const wrapper = await mountPage('?id=3001')
    await wrapper.find('#track-phone').setValue('13800138000')
    answers.push(() => json(202, { status: 'accepted', message: 'ok' }))
    await wrapper.find('[data-testid="track-send"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(String(sent[0]!.body))).toEqual({ ticket_id: 3001, phone: '13800138000' })
    expect(wrapper.find('[data-testid="track-sent"]').text()).toContain('10 分钟内有效')
    const send = wrapper.find('[data-testid="track-send"]')
    expect(send.text()).toContain('60 秒')
    expect(send.attributes('disabled')).toBeDefined()
    vi.advanceTimersByTime(59_000)
    await flushPromises()
    expect(send.text()).toContain('1 秒')
    vi.advanceTimersByTime(1_000)
    await flushPromises()
    expect(send.text()).toBe('获取验证码')
    expect(send.attributes('disabled')).toBeUndefined()
  })

  it('shows a wrong code by its input in the server\'s words', async () => {
    const wrapper = await mountPage('?id=3001')
    await wrapper.find('#track-phone').setValue('13800138000')
    answers.push(() => json(202, { status: 'accepted', message: 'ok' }))
    await wrapper.find('[data-testid="track-send"]').trigger('click')
    await flushPromises()
    await wrapper.find('#track-code').setValue('12')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="track-code-error"]').text()).toContain('6 位验证码')
    await wrapper.find('#track-code').setValue('654321')
    answers.push(() => json(400, { error: { code: 'invalid_argument', message: '验证码错误，还可以再试 4 次', field: 'code' } }))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#track-code').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('[data-testid="track-code-error"]').text()).toBe('验证码错误，还可以再试 4 次')
  })

  it('shows the timeline, the unit and the deadline, then the reply and the rating', async () => {
    const wrapper = await verified()
    expect(wrapper.find('[data-testid="track-number-shown"]').text()).toBe('3001')
    const steps = wrapper.findAll('[data-testid="track-timeline"] li')
    expect(steps.map((s) => s.text().slice(0, 3))).toEqual(['已受理', '办理中', '已答复', '已办结'])
    expect(steps.map((s) => s.classes('done'))).toEqual([true, true, false, false])
    expect(steps[1]!.attributes('aria-current')).toBe('step')
    expect(wrapper.find('[data-testid="track-unit"]').text()).toBe('天河区')
    expect(wrapper.find('[data-testid="track-deadline"]').text()).toContain('2026/12/24')
    expect(wrapper.find('[data-testid="track-rate"]').exists()).toBe(false)

    answers.push(() => json(200, answered))
    await wrapper.find('[data-testid="track-refresh"]').trigger('click')
    await flushPromises()
    expect(sent.at(-1)!.headers!.Authorization).toBe('Track tok')
    expect(wrapper.find('[data-testid="track-reply"]').text()).toContain('已责令施工单位夜间停工。')
    // 不满意 asks why first; an empty reason is refused before anything is sent.
    await wrapper.find('[data-testid="rate-dissatisfied"]').trigger('click')
    const before = sent.length
    await wrapper.find('[data-testid="rate-confirm"]').trigger('click')
    expect(wrapper.find('#track-reason').attributes('aria-invalid')).toBe('true')
    expect(sent.length).toBe(before)
    answers.push(() => json(200, { ...answered, step: 'closed', closed_at: '2026-12-03T02:00:00Z', rating: 'satisfied', can_rate: false }))
    await wrapper.find('[data-testid="rate-satisfied"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(String(sent.at(-1)!.body))).toEqual({ level: 'satisfied' })
    expect(sent.at(-1)!.url).toBe('/api/v1/portal/track/3001/rating')
    expect(wrapper.find('[data-testid="track-rating"]').text()).toContain('您的评价：满意')
    expect(wrapper.find('[data-testid="track-rate"]').exists()).toBe(false)
  })

  it('resumes the view after a reload, and starts again when the token has expired', async () => {
    await verified()
    answers.push(() => json(200, view))
    const again = await mountPage()
    expect(sent.at(-1)!.url).toBe('/api/v1/portal/track/3001')
    expect(again.find('[data-testid="track-view"]').exists()).toBe(true)
    answers.push(() => json(401, { error: { code: 'unauthenticated', message: '查询凭证无效或已过期，请重新获取验证码', field: 'authorization' } }))
    await again.find('[data-testid="track-refresh"]').trigger('click')
    await flushPromises()
    expect(again.find('[data-testid="track-form"]').exists()).toBe(true)
    expect(again.find('[data-testid="track-banner"]').text()).toContain('重新获取验证码')
    expect(sessionStorage.length).toBe(0)
  })

  it('has every text in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
})

describe('portal App navigation', () => {
  it('opens 查询 from the header and comes back with the browser', async () => {
    window.history.replaceState(null, '', '/')
    const wrapper = mount(App, { global: { plugins: [i18n] } })
    await flushPromises()
    expect(wrapper.find('[data-testid="portal-form"]').exists()).toBe(true)
    await wrapper.find('[data-testid="nav-track"]').trigger('click')
    expect(window.location.pathname).toBe('/track')
    expect(wrapper.find('[data-testid="track"]').exists()).toBe(true)
    window.history.replaceState(null, '', '/')
    window.dispatchEvent(new PopStateEvent('popstate'))
    await flushPromises()
    expect(wrapper.find('[data-testid="portal-form"]').exists()).toBe(true)
  })
})
