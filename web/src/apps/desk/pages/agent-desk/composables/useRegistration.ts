// Saving the draft and what follows on the registered ticket: merge into a possible duplicate
// (asking before a forced merge), submit for review, resolve at intake, rate the intake. Which of
// these are offered comes from the ticket's allowed_actions.
import { computed, reactive, ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import { ApiError } from '@/shared/api/errors'
import { label } from '@/shared/i18n'
import { act, fetchTicket } from '@/shared/api/tickets'
import type { ActionRequest, NewTicket, PossibleDuplicate, RegisteredTicket, Ticket, TicketAction } from '@/shared/api/types'

export type FieldErrors = Record<string, string>

// The errors to show under form fields: the field the server named gets the error's text in the
// user's language (the alert above the form carries the server's own words).
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || !error.field) return {}
  return { [error.field]: label('error', error.code) }
}

// A 409 naming `force`: the merge needs a confirmation (another district or category).
export function needsForce(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.field === 'force'
}

// The registered ticket waiting for its next step survives a reload too (its id and the duplicates
// the registration answered with): a reload must not leave a ticket registered and forgotten.
export const REGISTERED_KEY = 'hotline.agentDesk.registered'
interface StoredRegistration {
  id: number
  duplicates: PossibleDuplicate[]
}

function remember(value: StoredRegistration | null) {
  try {
    if (value) localStorage.setItem(REGISTERED_KEY, JSON.stringify(value))
    else localStorage.removeItem(REGISTERED_KEY)
  } catch {
    /* private mode */
  }
}

export function storedRegistration(): StoredRegistration | null {
  try {
    const v = JSON.parse(localStorage.getItem(REGISTERED_KEY) ?? 'null') as StoredRegistration | null
    return v && typeof v.id === 'number' ? { id: v.id, duplicates: Array.isArray(v.duplicates) ? v.duplicates : [] } : null
  } catch {
    return null
  }
}

export function useRegistration() {
  const registered = shallowRef<RegisteredTicket | null>(null)
  const ticket = shallowRef<Ticket | null>(null) // the registered ticket as it is now
  const duplicates = shallowRef<PossibleDuplicate[]>([])
  const saving = ref(false)
  const acting = ref(false)
  const error = ref<unknown>(null)
  const fieldErrors = reactive<FieldErrors>({})
  const allowed = computed(() => new Set(ticket.value?.allowed_actions ?? []))

  function clearFieldErrors() {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
  }

  async function save(body: NewTicket): Promise<RegisteredTicket | null> {
    if (saving.value) return null
    saving.value = true
    error.value = null
    clearFieldErrors()
    try {
      const { data } = await api.POST('/api/v1/tickets', { body })
      const result = data as RegisteredTicket
      registered.value = result
      ticket.value = result as Ticket
      duplicates.value = result.possible_duplicates ?? []
      if (typeof result.id === 'number') remember({ id: result.id, duplicates: duplicates.value })
      return result
    } catch (e) {
      error.value = e
      Object.assign(fieldErrors, fieldErrorsOf(e))
      return null
    } finally {
      saving.value = false
    }
  }

  // Runs an action on the registered ticket; resolves to true when done. A merge that needs force
  // rejects with the ApiError so the caller can ask and retry with force:true.
  async function run(action: TicketAction, body: ActionRequest = {}): Promise<boolean> {
    const id = ticket.value?.id
    if (id === undefined || acting.value) return false
    acting.value = true
    error.value = null
    try {
      ticket.value = await act(id, action, body)
      return true
    } catch (e) {
      if (action === 'merge' && needsForce(e)) throw e
      error.value = e
      return false
    } finally {
      acting.value = false
    }
  }

  // After a reload: the ticket as it is now, with the duplicates it was registered with.
  async function restore(): Promise<boolean> {
    const stored = storedRegistration()
    if (!stored) return false
    try {
      ticket.value = await fetchTicket(stored.id)
      duplicates.value = stored.duplicates
      return true
    } catch (e) {
      remember(null)
      error.value = e
      return false
    }
  }

  // A pushed event (or a refetch after a reconnect): the ticket as it is now, with the actions this
  // user may take on it now.
  function patch(next: Ticket) {
    if (ticket.value && next.id === ticket.value.id) ticket.value = next
  }

  async function refresh() {
    if (!ticket.value?.id) return
    try {
      ticket.value = await fetchTicket(ticket.value.id)
    } catch {
      /* keep what is shown; the next action reports the error */
    }
  }

  function reset() {
    remember(null)
    registered.value = null
    ticket.value = null
    duplicates.value = []
    error.value = null
    clearFieldErrors()
  }

  return { registered, ticket, duplicates, saving, acting, error, fieldErrors, allowed, save, run, reset, restore, patch, refresh, clearFieldErrors }
}
