// The state of one action dialog: the form, the fields still missing, sending the action and the
// server's answer (a 400 on the field it names, anything else as a general error).
import { computed, reactive, ref, type Ref } from 'vue'
import { act } from '../../api/tickets'
import { ApiError } from '../../api/errors'
import { errorText } from '../../api/messages'
import type { Ticket, TicketAction } from '../../api/types'
import { buildBody, emptyForm, formFieldOf, missingFields, visibleFields, type ActionField, type ActionForm } from './actionSpec'

export interface ActionFormOptions {
  ticket: Ref<Ticket>
  action: Ref<TicketAction>
  send?: typeof act
}

export function useActionForm({ ticket, action, send = act }: ActionFormOptions) {
  const form = reactive<ActionForm>(emptyForm())
  const sending = ref(false)
  const tried = ref(false)
  const error = ref<unknown>(null)
  const fieldErrors = ref<Partial<Record<ActionField, string>>>({})

  const fields = computed(() => visibleFields(action.value, form, ticket.value))
  const missing = computed(() => missingFields(action.value, form, ticket.value))

  function reset() {
    Object.assign(form, emptyForm())
    if (action.value === 'correct') {
      form.place_district = ticket.value.place?.district ?? ''
      form.place_street = ticket.value.place?.street ?? ''
      form.place_address = ticket.value.place?.address ?? ''
      form.type = ticket.value.type ?? ''
      form.urgency = ticket.value.urgency ?? ''
      form.category = ticket.value.category ?? ''
    }
    tried.value = false
    error.value = null
    fieldErrors.value = {}
  }

  // The body without the fields left as they were (correct sends only what changed).
  function body() {
    const out = buildBody(action.value, form, ticket.value)
    if (action.value === 'correct') {
      const t = ticket.value
      if (out.type === t.type) delete out.type
      if (out.urgency === t.urgency) delete out.urgency
      if (out.category === (t.category ?? '')) delete out.category
      if (out.place) {
        const place = { ...out.place }
        if (place.district === t.place?.district) delete place.district
        if (place.street === t.place?.street) delete place.street
        if (place.address === t.place?.address) delete place.address
        if (Object.keys(place).length) out.place = place
        else delete out.place
      }
    }
    return out
  }

  // Resolves to the changed ticket, or null when the form is incomplete or the server refused.
  async function submit(requiredText: (field: ActionField) => string): Promise<Ticket | null> {
    tried.value = true
    error.value = null
    fieldErrors.value = {}
    if (missing.value.length) {
      fieldErrors.value = Object.fromEntries(missing.value.map((f) => [f, requiredText(f)]))
      return null
    }
    sending.value = true
    try {
      return await send(ticket.value.id ?? 0, action.value, body())
    } catch (e) {
      const field = e instanceof ApiError && e.status === 400 ? formFieldOf(e.field) : undefined
      if (field && fields.value.some((f) => f.name === field)) {
        fieldErrors.value = { [field]: errorText(e) }
      } else {
        error.value = e
      }
      return null
    } finally {
      sending.value = false
    }
  }

  return { form, fields, missing, sending, tried, error, fieldErrors, reset, submit, body }
}
