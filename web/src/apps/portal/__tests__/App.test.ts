// The portal's form against a fake server: the pickers from /places, the server's refusals shown
// where they belong (a field's message by its input, a 429 with the wait, a network failure with a
// retry), then the receipt. The worker is replaced (jsdom has none); the solver is tested on its own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'

vi.mock('../api', async (original) => ({
  ...(await original<typeof import('../api')>()),
  solveInWorker: vi.fn(async () => '42'),
}))

import App from '../App.vue'
import { i18n } from '../i18n'

const places = {
  districts: [{ id: '440106', name: '天河区', parent: '440100' }, { id: '440104', name: '越秀区', parent: '440100' }],
  streets: [{ id: '440106001', name: '五山街道', parent: '440106' }, { id: '440104001', name: '北京街道', parent: '440104' }],
}
const receipt = {
  ticket_id: 3001, state: 'registered', type: 'complaint', registered_at: '2026-12-02T08:00:00Z',
  deadline: '2026-12-24T15:59:59Z', upload_token: 'tok', upload_until: '2026-12-02T08:15:00Z', photos_allowed: 5,
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

let answers: Array<() => Response | Promise<Response>>
let sent: Array<{ url: string; body?: unknown }>

beforeEach(() => {
  Element.prototype.scrollIntoView = () => {}
  vi.stubGlobal('scrollTo', () => {})
  answers = []
  sent = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, body: init?.body })
    if (url.endsWith('/places')) return json(200, places)
    const next = answers.shift()
    if (!next) throw new Error(`unexpected ${url}`)
    return next()
  }))
})
afterEach(() => vi.unstubAllGlobals())

async function filled() {
  const wrapper = mount(App, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  await wrapper.find('input[value="complaint"]').setValue(true)
  await wrapper.find('#text').setValue('五山路夜间施工噪音扰民')
  await wrapper.find('#district').setValue('440106')
  expect(wrapper.findAll('#street option').map((o) => o.text())).toEqual(['请选择', '五山街道'])
  await wrapper.find('#street').setValue('440106001')
  await wrapper.find('#address').setValue('五山路 100 号')
  await wrapper.find('#name').setValue('陈女士')
  await wrapper.find('#phone').setValue('13800138000')
  await wrapper.find('[data-testid="consent"]').setValue(true)
  return wrapper
}
const challenge = () => json(201, { challenge: 'v1.x', difficulty: 4, algorithm: 'sha256-leading-zero-bits', expires_at: '2026-12-02T08:10:00Z' })

describe('portal App', () => {
  it('marks the empty fields and sends nothing', async () => {
    const wrapper = mount(App, { global: { plugins: [i18n] } })
    await flushPromises()
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="banner"]').text()).toContain('请先更正')
    expect(wrapper.find('#phone').attributes('aria-invalid')).toBe('true')
    expect(sent.map((s) => s.url)).toEqual(['/api/v1/portal/places'])
  })

  it('shows a field the server names by its input, in the server\'s words', async () => {
    const wrapper = await filled()
    answers.push(challenge, () => json(400, { error: { code: 'invalid_argument', message: '地址与所选街道不符', field: 'place.address' } }))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#address').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('地址与所选街道不符')
    const body = JSON.parse(String(sent[2]!.body))
    expect(body).toMatchObject({ challenge: 'v1.x', nonce: '42', type: 'complaint', consent: true })
  })

  it('says how long to wait after a 429', async () => {
    const wrapper = await filled()
    answers.push(challenge, () =>
      json(429, { error: { code: 'rate_limited', message: '这个手机号码今天提交次数已满', field: 'phone' } }, { 'Retry-After': '600' }))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const banner = wrapper.find('[data-testid="banner"]').text()
    expect(banner).toContain('这个手机号码今天提交次数已满')
    expect(banner).toContain('10 分钟')
  })

  it('offers a retry after a network failure, then shows the receipt', async () => {
    const wrapper = await filled()
    answers.push(() => Promise.reject(new TypeError('Failed to fetch')))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="banner"]').text()).toContain('网络连接失败')
    const retry = wrapper.find('[data-testid="banner"] button')
    expect(retry.text()).toBe('重试')
    answers.push(challenge, () => json(201, receipt))
    await retry.trigger('click') // a submit button: the same submission again
    await flushPromises()
    expect(wrapper.find('[data-testid="receipt-number"]').text()).toBe('3001')
    expect(wrapper.find('[data-testid="receipt-registered"]').text()).toContain('2026/12/02 16:00')
  })
})
