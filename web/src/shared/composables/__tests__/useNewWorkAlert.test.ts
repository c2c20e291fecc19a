import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useNewWorkAlert } from '../useNewWorkAlert'
import type { Ticket } from '../../api/types'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

function mountAlert() {
  const notify = vi.fn()
  const tone = vi.fn()
  let api!: ReturnType<typeof useNewWorkAlert>
  const wrapper = mount(defineComponent({ setup: () => ((api = useNewWorkAlert({ doc: document, notify, tone })), () => h('div')) }))
  return { api: () => api, notify, tone, wrapper }
}

describe('useNewWorkAlert', () => {
  it('does nothing while the tab is visible', () => {
    setVisibility('visible')
    document.title = '派单中心'
    const { api, notify, tone } = mountAlert()
    api().notify({ id: 1, title: 'x' } as Ticket)
    expect(document.title).toBe('派单中心')
    expect(notify).not.toHaveBeenCalled()
    expect(tone).not.toHaveBeenCalled()
  })

  it('counts new work in the title while hidden, notifies, and clears on return', () => {
    setVisibility('visible')
    document.title = '派单中心'
    const { api, notify, tone, wrapper } = mountAlert()
    setVisibility('hidden')
    api().notify({ id: 7, title: '路灯不亮' } as Ticket)
    api().notify({ id: 8, title: '噪音' } as Ticket)
    expect(document.title).toBe('(2) 派单中心')
    expect(notify).toHaveBeenLastCalledWith('有新的待办工单', '#8 噪音')
    expect(tone).toHaveBeenCalledTimes(2)
    setVisibility('visible')
    expect(document.title).toBe('派单中心')
    expect(api().unseen.value).toBe(0)
    wrapper.unmount()
  })
})
