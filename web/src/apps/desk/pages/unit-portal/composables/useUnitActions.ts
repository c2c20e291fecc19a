// The actions a unit handler takes on the selected ticket: the buttons are the server's
// allowed_actions ∩ what this screen offers; each action has a small form, checked here before it is
// sent with act(). A reply refused (409) because co-handling units still owe their opinion turns into
// an offer to send it anyway with a reason, naming those units.
import { computed, reactive, ref, watch, type Ref } from 'vue'
import { act } from '@/shared/api/tickets'
import { ApiError } from '@/shared/api/errors'
import type { ActionRequest, Ticket, TicketAction } from '@/shared/api/types'
import { isCoUnit, pendingCoUnits, unitsNamedIn } from './unitTabs'

export const UNIT_ACTIONS = [
  'acknowledge',
  'handle',
  'reply',
  'request_extension',
  'request_return',
  'forward',
  'co_acknowledge',
  'co_opinion',
] as const satisfies readonly TicketAction[]
export type UnitAction = (typeof UNIT_ACTIONS)[number]

// Actions taken with one click (no form).
export const DIRECT_ACTIONS: readonly UnitAction[] = ['acknowledge', 'co_acknowledge']

export interface UnitActionForm {
  note: string
  reply: string
  reason: string
  extension_days: number
  unit: string
  opinion: string
}

export type FormField = keyof UnitActionForm

export function emptyForm(): UnitActionForm {
  return { note: '', reply: '', reason: '', extension_days: 5, unit: '', opinion: '' }
}

export function offeredActions(ticket: Pick<Ticket, 'allowed_actions'> | null | undefined): UnitAction[] {
  const allowed = new Set(ticket?.allowed_actions ?? [])
  return UNIT_ACTIONS.filter((a) => allowed.has(a))
}

// The fields an action's form shows and the ones it requires (a reply's reason only once the server
// said co-units still owe their opinion).
export function fieldsOf(action: UnitAction, withReason = false): { shown: FormField[]; required: FormField[] } {
  switch (action) {
    case 'handle':
      return { shown: ['note'], required: ['note'] }
    case 'reply':
      return withReason ? { shown: ['reply', 'reason'], required: ['reply', 'reason'] } : { shown: ['reply'], required: ['reply'] }
    case 'request_extension':
      return { shown: ['extension_days', 'reason'], required: ['extension_days', 'reason'] }
    case 'request_return':
      return { shown: ['reason'], required: ['reason'] }
    case 'forward':
      return { shown: ['unit', 'note'], required: ['unit'] }
    case 'co_opinion':
      return { shown: ['opinion'], required: ['opinion'] }
    default:
      return { shown: [], required: [] }
  }
}

// The fields left empty that the action needs.
export function missingFields(action: UnitAction, form: UnitActionForm, withReason = false): FormField[] {
  return fieldsOf(action, withReason).required.filter((f) => {
    const v = form[f]
    return typeof v === 'number' ? !(v >= 1) : !v.trim()
  })
}

// The request body of an action from its form. Co-handling actions name the unit acted for when the
// handler's own unit is one of the ticket's co-units.
export function bodyFor(action: UnitAction, form: UnitActionForm, ticket?: Pick<Ticket, 'co_units'>, myUnit?: string, withReason = false): ActionRequest {
  const text = (s: string) => s.trim()
  switch (action) {
    case 'handle':
      return { note: text(form.note) }
    case 'reply':
      return withReason && text(form.reason) ? { reply: text(form.reply), reason: text(form.reason) } : { reply: text(form.reply) }
    case 'request_extension':
      return { extension_days: Math.round(form.extension_days), reason: text(form.reason) }
    case 'request_return':
      return { reason: text(form.reason) }
    case 'forward':
      return text(form.note) ? { unit: form.unit, note: text(form.note) } : { unit: form.unit }
    case 'co_opinion':
      return ticket && isCoUnit(ticket, myUnit) ? { opinion: text(form.opinion), unit: myUnit } : { opinion: text(form.opinion) }
    case 'co_acknowledge':
      return ticket && isCoUnit(ticket, myUnit) ? { unit: myUnit } : {}
    default:
      return {}
  }
}

// Whether an error is the server's "co-units have not given their opinion" refusal of a reply.
export function isCoOpinionConflict(action: UnitAction, error: unknown, ticket?: Pick<Ticket, 'co_handling' | 'co_units'>): boolean {
  if (action !== 'reply' || !(error instanceof ApiError) || error.status !== 409) return false
  return /co-handling|协办/.test(error.serverMessage) || (!!ticket && pendingCoUnits(ticket).length > 0)
}

export function useUnitActions(ticket: Ref<Ticket | null>, myUnit: () => string | undefined, onDone: (t: Ticket) => void) {
  const active = ref<UnitAction | null>(null)
  const form = reactive<UnitActionForm>(emptyForm())
  const busy = ref(false)
  const error = ref<unknown>(null)
  const missing = ref<FormField[]>([])
  const needsReason = ref(false)
  const owing = ref<string[]>([])

  const offered = computed(() => offeredActions(ticket.value))
  const fields = computed(() => (active.value ? fieldsOf(active.value, needsReason.value).shown : []))
  // The field to highlight: one left empty, else the one the server named.
  const fieldError = (field: FormField): boolean =>
    missing.value.includes(field) || (error.value instanceof ApiError && error.value.field === field)

  // A highlighted field clears as soon as it is filled in.
  watch(form, () => {
    const action = active.value
    if (action && missing.value.length) missing.value = missing.value.filter((f) => missingFields(action, form, needsReason.value).includes(f))
  })

  function reset() {
    Object.assign(form, emptyForm())
    error.value = null
    missing.value = []
    needsReason.value = false
    owing.value = []
  }

  function start(action: UnitAction) {
    reset()
    active.value = action
    if (DIRECT_ACTIONS.includes(action)) void submit()
  }

  function cancel() {
    active.value = null
    reset()
  }

  async function submit(): Promise<Ticket | null> {
    const action = active.value
    const current = ticket.value
    if (!action || !current?.id || busy.value) return null
    missing.value = missingFields(action, form, needsReason.value)
    if (missing.value.length) return null
    busy.value = true
    error.value = null
    try {
      const next = await act(current.id, action, bodyFor(action, form, current, myUnit(), needsReason.value))
      active.value = null
      reset()
      onDone(next)
      return next
    } catch (e) {
      if (isCoOpinionConflict(action, e, current)) {
        needsReason.value = true
        const named = unitsNamedIn((e as ApiError).serverMessage)
        owing.value = named.length ? named : pendingCoUnits(current)
      } else {
        error.value = e
      }
      return null
    } finally {
      busy.value = false
    }
  }

  return { active, form, busy, error, missing, needsReason, owing, offered, fields, fieldError, start, cancel, submit }
}
