// Tracking a request (查询): number + mobile → "获取验证码" (then 60 s before another) → the code →
// the view, kept for the token's 30 minutes in sessionStorage so a reload does not ask again; the
// three ratings once the reply is approved. The server's refusals land on the field they name.
import { computed, onBeforeUnmount, reactive, ref } from 'vue'
import { PortalError, portalApi, type CitizenRating, type TrackingView } from './api'

export const COOLDOWN_SECONDS = 60
const STORAGE_KEY = 'hotline.portal.track'
const MOBILE = /^1[3-9]\d{9}$/

export type TrackStage = 'ask' | 'code' | 'view'
// The citizen-facing steps in order; `merged` stands aside (handled with another request).
export const STEPS = ['accepted', 'handling', 'answered', 'closed'] as const

interface Saved {
  ticketId: number
  token: string
  expiresAt: string
}

export function normalizedPhone(text: string): string {
  return text.replace(/[\s\u3000-]/g, '').replace(/^\+86/, '')
}

// Which of `STEPS` are done for a view's step (all before it, and it).
export function stepsDone(step: TrackingView['step']): Set<string> {
  const at = STEPS.indexOf(step as (typeof STEPS)[number])
  return new Set(at < 0 ? ['accepted'] : STEPS.slice(0, at + 1))
}

function load(): Saved | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null
    if (saved && new Date(saved.expiresAt).getTime() > Date.now()) return saved
  } catch {
    /* nothing usable */
  }
  return null
}
function store(saved: Saved | null) {
  try {
    if (saved) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved))
    else sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    /* private mode: the view lasts for the page */
  }
}

export type TrackMessage = 'network' | 'ticketId' | 'phone' | 'code' | 'reason'

// `text` gives the client's own messages in the current language (asked each time: the citizen
// may switch language on the way).
export function useTracking(text: (message: TrackMessage) => string) {
  const form = reactive({ ticketId: '', phone: '', code: '' })
  const stage = ref<TrackStage>('ask')
  const errors = ref<Record<string, string>>({})
  const banner = ref('')
  const notice = ref('')
  const busy = ref(false)
  const view = ref<TrackingView | null>(null)
  const cooldown = ref(0)
  let token = ''
  let timer: ReturnType<typeof setInterval> | undefined

  const canAsk = computed(() => !busy.value && cooldown.value === 0)

  function startCooldown() {
    cooldown.value = COOLDOWN_SECONDS
    clearInterval(timer)
    timer = setInterval(() => {
      cooldown.value = Math.max(0, cooldown.value - 1)
      if (cooldown.value === 0) clearInterval(timer)
    }, 1000)
  }
  onBeforeUnmount(() => clearInterval(timer))

  function refused(error: unknown) {
    if (!(error instanceof PortalError) || error.status === 0) {
      banner.value = text('network')
    } else if (error.status === 401) {
      // The token expired: start again from the number.
      store(null)
      token = ''
      view.value = null
      stage.value = 'ask'
      banner.value = error.message
    } else if (error.field && ['ticket_id', 'phone', 'code', 'reason', 'level'].includes(error.field)) {
      errors.value = { [error.field]: error.message }
    } else {
      banner.value = error.message
    }
    if (error instanceof PortalError && error.status === 429 && error.retryAfter) {
      cooldown.value = Math.max(cooldown.value, Math.min(error.retryAfter, 3600))
    }
  }

  function checkNumberAndPhone(): boolean {
    const found: Record<string, string> = {}
    if (!/^\d{1,18}$/.test(form.ticketId.trim()) || Number(form.ticketId) <= 0) found.ticket_id = text('ticketId')
    if (!MOBILE.test(normalizedPhone(form.phone))) found.phone = text('phone')
    errors.value = found
    return Object.keys(found).length === 0
  }

  async function run(work: () => Promise<void>) {
    banner.value = ''
    busy.value = true
    try {
      await work()
    } catch (error) {
      refused(error)
    } finally {
      busy.value = false
    }
  }

  async function askCode() {
    notice.value = ''
    if (!canAsk.value || !checkNumberAndPhone()) return
    await run(async () => {
      await portalApi.trackCode(Number(form.ticketId), normalizedPhone(form.phone))
      stage.value = 'code'
      notice.value = 'sent'
      startCooldown()
    })
  }

  async function verify() {
    if (!/^\d{6}$/.test(form.code.trim())) {
      errors.value = { code: text('code') }
      return
    }
    if (!checkNumberAndPhone()) return
    await run(async () => {
      const grant = await portalApi.trackVerify(Number(form.ticketId), normalizedPhone(form.phone), form.code.trim())
      token = grant.token
      store({ ticketId: grant.ticket.ticket_id, token: grant.token, expiresAt: grant.expires_at })
      view.value = grant.ticket
      form.code = ''
      stage.value = 'view'
    })
  }

  async function refresh() {
    if (!view.value) return
    const id = view.value.ticket_id
    await run(async () => {
      view.value = await portalApi.trackView(id, token)
    })
  }

  async function rate(level: CitizenRating, reason: string): Promise<boolean> {
    if (!view.value) return false
    if (level === 'dissatisfied' && !reason.trim()) {
      errors.value = { reason: text('reason') }
      return false
    }
    const id = view.value.ticket_id
    let done = false
    await run(async () => {
      view.value = await portalApi.trackRate(id, token, level, reason.trim())
      done = true
    })
    return done
  }

  // Back to the number (another request, or after the token expired).
  function restart() {
    store(null)
    token = ''
    view.value = null
    stage.value = 'ask'
    errors.value = {}
    banner.value = ''
  }

  // A view still valid from this tab's earlier verification, or the number from "?id=".
  async function resume(search: string) {
    const saved = load()
    if (saved) {
      token = saved.token
      form.ticketId = String(saved.ticketId)
      await run(async () => {
        view.value = await portalApi.trackView(saved.ticketId, saved.token)
        stage.value = 'view'
      })
      return
    }
    const id = new URLSearchParams(search).get('id')
    if (id && /^\d+$/.test(id)) form.ticketId = id
  }

  return { form, stage, errors, banner, notice, busy, view, cooldown, canAsk, askCode, verify, refresh, rate, restart, resume }
}
