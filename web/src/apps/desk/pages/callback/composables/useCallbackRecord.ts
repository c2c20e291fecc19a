// The record-a-callback form of one ticket: checks, sends (with the optional redo), keeps a failed
// redo retryable, closes (办结) when allowed, and reveals the caller's contact (audited by the server).
import { reactive, ref, watch, type Ref } from 'vue'
import { api } from '@/shared/api/client'
import { act } from '@/shared/api/tickets'
import type { Ticket } from '@/shared/api/types'
import {
  emptyCallbackForm,
  missingCallbackFields,
  recordCallback,
  redoOnly,
  type CallbackField,
  type CallbackForm,
  type CallbackResult,
} from './callbackQueue'

export interface Contact {
  name?: string
  phone?: string
  confidential?: boolean
}

export function useCallbackRecord(ticket: Ref<Ticket | null>, onDone: (result: CallbackResult) => void) {
  const form = reactive<CallbackForm>(emptyCallbackForm())
  const busy = ref(false)
  const error = ref<unknown>(null)
  const missing = ref<CallbackField[]>([])
  // A dissatisfied callback recorded whose redo failed: the ticket to redo and the error.
  const redoFailed = ref<Ticket | null>(null)
  const contact = ref<Contact | null>(null)
  const contactError = ref<unknown>(null)
  const contactReason = ref('')

  // A highlighted field clears as soon as it is filled in.
  watch(form, () => {
    if (missing.value.length) missing.value = missing.value.filter((f) => missingCallbackFields(form).includes(f))
  })

  function reset() {
    Object.assign(form, emptyCallbackForm())
    error.value = null
    missing.value = []
    redoFailed.value = null
    contact.value = null
    contactError.value = null
    contactReason.value = ''
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    if (busy.value) return null
    busy.value = true
    error.value = null
    try {
      return await work()
    } catch (e) {
      error.value = e
      return null
    } finally {
      busy.value = false
    }
  }

  async function submit(withRedo = false): Promise<CallbackResult | null> {
    const current = ticket.value
    if (!current?.id) return null
    form.redo = withRedo
    missing.value = missingCallbackFields(form)
    if (missing.value.length) return null
    const result = await run(() => recordCallback(current, form))
    if (!result) return null
    if (result.redone === false) {
      redoFailed.value = result.ticket
      error.value = result.redoError
    }
    onDone(result)
    return result
  }

  async function retryRedo(): Promise<Ticket | null> {
    const target = redoFailed.value
    if (!target) return null
    const next = await run(() => redoOnly(target, form.reason))
    if (next) {
      redoFailed.value = null
      onDone({ ticket: next, redone: true })
    }
    return next
  }

  async function close(): Promise<Ticket | null> {
    const current = ticket.value
    if (!current?.id) return null
    const next = await run(() => act(current.id as number, 'close'))
    if (next) onDone({ ticket: next })
    return next
  }

  async function revealContact(): Promise<Contact | null> {
    const current = ticket.value
    if (!current?.id) return null
    contactError.value = null
    try {
      const reason = contactReason.value.trim()
      const { data } = await api.GET('/api/v1/tickets/{id}/contact', {
        params: { path: { id: current.id }, query: reason ? { reason } : {} },
      })
      contact.value = (data ?? null) as Contact | null
    } catch (e) {
      contactError.value = e
    }
    return contact.value
  }

  return { form, busy, error, missing, redoFailed, contact, contactError, contactReason, reset, submit, retryRedo, close, revealContact }
}
