// View test: the panel shows the buttons of allowed_actions ∩ the unit screen's actions, and the
// co-handling units with their state; citizens' text is shown as text.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import type { Ticket } from '@/shared/api/types'
import UnitTicketPanel from '../components/UnitTicketPanel.vue'

const units = { items: [{ id: '440106', name: '天河区', parent_id: '4401' }, { id: '440104', name: '越秀区', parent_id: '4401' }] }
replaceClientForTests((async () => new Response(JSON.stringify(units), { status: 200, headers: { 'Content-Type': 'application/json' } })) as unknown as typeof fetch)

const ticket = {
  id: 9,
  state: 'dispatched',
  type: 'complaint',
  title: '<b>路灯</b>不亮',
  text: '<script>alert(1)</script>夜里很黑',
  lead_unit: '440106',
  co_units: ['440104'],
  co_handling: [{ unit: '440104', acknowledged_at: null, opinion: '' }],
  allowed_actions: ['acknowledge', 'recall', 'request_return', 'forward'],
} as Ticket

function mountPanel(t: Ticket) {
  return mount(UnitTicketPanel, {
    props: { ticket: t, myUnit: '440106' },
    global: { plugins: [i18n], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
  })
}

describe('UnitTicketPanel', () => {
  afterEach(() => resetReferenceForTests())

  it('offers allowed_actions ∩ the unit actions', async () => {
    const wrapper = mountPanel(ticket)
    await flushPromises()
    const buttons = wrapper.findAll('[data-testid^="unit-action-"]').map((b) => b.attributes('data-testid'))
    expect(buttons).toEqual(['unit-action-acknowledge', 'unit-action-request_return', 'unit-action-forward'])
    expect(wrapper.text()).toContain('签收')
    expect(wrapper.text()).not.toContain('撤回')
  })

  it('shows the co-units and renders citizens\' text as text', async () => {
    const wrapper = mountPanel(ticket)
    await flushPromises()
    expect(wrapper.find('[data-testid="co-handling"]').text()).toContain('越秀区')
    expect(wrapper.find('[data-testid="co-handling"]').text()).toContain('未签收')
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.text()).toContain('<script>alert(1)</script>夜里很黑')
  })

  it('says so when nothing is allowed', async () => {
    const wrapper = mountPanel({ ...ticket, allowed_actions: ['recall'] })
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="unit-action-"]')).toHaveLength(0)
    expect(wrapper.text()).toContain('当前没有可执行的操作')
  })
})
