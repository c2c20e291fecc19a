import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '../../../i18n'
import { replaceClientForTests } from '../../../api/client'
import { resetReferenceForTests } from '../../../composables/useReference'
import type { Ticket } from '../../../api/types'
import TicketActionDialog from '../TicketActionDialog.vue'

const ticket = { id: 7, state: 'pending_review', lead_unit: '', co_units: [], co_handling: [], allowed_actions: ['dispatch', 'recall'] } as Ticket
let answer: { status: number; body: unknown } = { status: 200, body: ticket }
let posted: unknown[] = []

async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const request = input as Request
  const path = new URL(request.url).pathname
  if (path === '/api/v1/units') return new Response(JSON.stringify({ items: [{ id: 'x', name: '某单位', active: true }] }), { status: 200 })
  if (path === '/api/v1/categories') return new Response(JSON.stringify({ items: [] }), { status: 200 })
  posted.push(JSON.parse(await request.text()))
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } })
}

function mountDialog(action: 'dispatch' | 'recall') {
  return mount(TicketActionDialog, {
    props: { ticket, action, open: true, 'onUpdate:open': () => {} },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}
// The error an ElFormItem was given (jsdom does not render its message transition).
const itemError = (wrapper: ReturnType<typeof mountDialog>, field: string) => {
  const item = wrapper.findAllComponents({ name: 'ElFormItem' }).find((c) => c.attributes('data-testid') === `field-${field}`)
  expect(item?.classes()).toContain('is-error')
  return String(item?.props('error') ?? '')
}
const submit = async () => {
  document.querySelector<HTMLButtonElement>('[data-testid="action-submit"]')!.click()
  await flushPromises()
}

describe('TicketActionDialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    posted = []
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows exactly the inputs of the action, and refuses to send a required one empty', async () => {
    const wrapper = mountDialog('recall')
    await flushPromises()
    const fields = [...document.querySelectorAll('[data-testid^="field-"]')].map((e) => e.getAttribute('data-testid'))
    expect(fields).toEqual(['field-reason'])
    await submit()
    expect(posted).toEqual([])
    expect(itemError(wrapper, 'reason')).toBe('请填写「理由」')
    wrapper.unmount()
  })

  it('puts the server’s 400 on the field it names, a 409 in the alert', async () => {
    answer = { status: 400, body: { error: { code: 'invalid_argument', message: 'unknown unit: x', field: 'lead_unit' } } }
    const wrapper = mountDialog('dispatch')
    await flushPromises()
    ;(wrapper.vm as unknown as { $: { setupState: { form: { lead_unit: string } } } }).$.setupState.form.lead_unit = 'x'
    await submit()
    expect(posted).toEqual([{ lead_unit: 'x' }])
    expect(itemError(wrapper, 'lead_unit')).toContain('unknown unit: x')
    expect(document.querySelector('[data-testid="api-error"]')).toBeNull()

    answer = { status: 409, body: { error: { code: 'conflict', message: 'state changed' } } }
    await submit()
    expect(document.querySelector('[data-testid="api-error"]')!.textContent).toContain('当前状态不允许此操作')
    expect(wrapper.emitted('done')).toBeUndefined()
    wrapper.unmount()
  })

  it('emits done with the changed ticket and closes', async () => {
    answer = { status: 200, body: { ...ticket, state: 'pending_review', version: 9 } }
    const wrapper = mountDialog('recall')
    await flushPromises()
    ;(wrapper.vm as unknown as { $: { setupState: { form: { reason: string } } } }).$.setupState.form.reason = '派错了'
    await submit()
    expect(posted).toEqual([{ reason: '派错了' }])
    expect(wrapper.emitted('done')?.[0]?.[0]).toMatchObject({ version: 9 })
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})
