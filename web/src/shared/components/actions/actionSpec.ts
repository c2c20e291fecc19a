// The form of each ticket action: which ActionRequest fields its dialog shows, and which of them are
// required (docs/lifecycle.md's "reason required" column and the ActionRequest descriptions of the
// OpenAPI document). This is only the form: whether the action is allowed at all comes from the
// ticket's `allowed_actions`, and the server still judges the request (a 400 names the field).
import type { ActionRequest, Ticket, TicketAction } from '../../api/types'

export type ActionField = keyof ActionRequest

// Enum values of ActionRequest (a test checks them against src/net/openapi.json).
export const RATINGS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const
export const OUTCOMES = ['rated', 'unreachable', 'refused'] as const
export const TYPES = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const
export const URGENCIES = ['normal', 'urgent'] as const

// The dialog's model: every field of every action, in one flat object (place split in three).
export interface ActionForm {
  reason: string
  approve: boolean
  lead_unit: string
  co_units: string[]
  extension_days: number | undefined
  rating: string
  merge_into: number | undefined
  reply: string
  category: string
  note: string
  unit: string
  opinion: string
  text_addition: string
  place_district: string
  place_street: string
  place_address: string
  type: string
  urgency: string
  outcome: string
  answer: string
  knowledge_article: string
  force: boolean
}

export function emptyForm(): ActionForm {
  return {
    reason: '', approve: true, lead_unit: '', co_units: [], extension_days: undefined, rating: '',
    merge_into: undefined, reply: '', category: '', note: '', unit: '', opinion: '', text_addition: '',
    place_district: '', place_street: '', place_address: '', type: '', urgency: '', outcome: 'rated',
    answer: '', knowledge_article: '', force: false,
  }
}

type Rule = boolean | ((form: ActionForm, ticket: Ticket) => boolean)

export interface FieldSpec {
  name: ActionField
  required?: Rule
  // Shown only when this holds (e.g. the rating only for outcome "rated").
  when?: (form: ActionForm, ticket: Ticket) => boolean
}

export interface ActionSpec {
  fields: FieldSpec[]
  // A step that cannot be taken back easily: the confirm button is red.
  danger?: boolean
}

const reason = (required: Rule = true): FieldSpec => ({ name: 'reason', required })
const rejected = (form: ActionForm) => !form.approve
const rated = (form: ActionForm) => form.outcome === 'rated'
// reply: a reason is required while a co-handling unit has not given its opinion.
export const coOpinionsMissing = (_: ActionForm, ticket: Ticket) =>
  (ticket.co_handling ?? []).some((part) => !part.opinion)

// Actions that are not a form: `attach` is an upload, offered by the ticket page's attachments panel.
export const ACTIONS_WITHOUT_DIALOG = ['attach'] as const
type DialogAction = Exclude<TicketAction, (typeof ACTIONS_WITHOUT_DIALOG)[number]>

export const actionSpecs: Record<DialogAction, ActionSpec> = {
  submit: { fields: [] },
  review: {
    fields: [
      { name: 'approve' },
      { name: 'category', when: (f) => f.approve },
      reason(rejected),
    ],
  },
  dispatch: { fields: [{ name: 'lead_unit', required: true }, { name: 'co_units' }] },
  acknowledge: { fields: [] },
  handle: { fields: [{ name: 'note', required: true }] },
  request_extension: { fields: [{ name: 'extension_days', required: true }, reason()] },
  approve_extension: { fields: [reason(false)] },
  reject_extension: { fields: [reason()] },
  request_return: { fields: [reason()], danger: true },
  uphold_return: { fields: [reason(false)] },
  reject_return: { fields: [reason()] },
  reply: { fields: [{ name: 'reply', required: true }, reason(coOpinionsMissing)] },
  review_reply: { fields: [{ name: 'approve' }, reason(rejected)] },
  callback: {
    fields: [
      { name: 'outcome', required: true },
      { name: 'rating', required: rated, when: rated },
      reason((f) => rated(f) && f.rating === 'dissatisfied'),
    ],
  },
  close: { fields: [reason(false)] },
  redo: { fields: [reason()] },
  archive: { fields: [] },
  merge: { fields: [{ name: 'merge_into', required: true }, { name: 'force' }, reason()], danger: true },
  supervise: { fields: [reason(), { name: 'note' }] },
  resolve_at_intake: { fields: [{ name: 'answer', required: true }, { name: 'knowledge_article' }] },
  forward: { fields: [{ name: 'unit', required: true }, { name: 'note' }] },
  recall: { fields: [reason()], danger: true },
  co_acknowledge: { fields: [{ name: 'unit' }] },
  co_opinion: { fields: [{ name: 'unit' }, { name: 'opinion', required: true }] },
  correct: {
    fields: [
      { name: 'text_addition' },
      { name: 'place' },
      { name: 'category' },
      { name: 'type' },
      { name: 'urgency' },
      reason(),
    ],
  },
  rate_intake: { fields: [{ name: 'rating', required: true }] },
}

export function specOf(action: TicketAction | string): ActionSpec | undefined {
  return (actionSpecs as Record<string, ActionSpec>)[action]
}

export function visibleFields(action: TicketAction, form: ActionForm, ticket: Ticket): FieldSpec[] {
  return (specOf(action)?.fields ?? []).filter((f) => !f.when || f.when(form, ticket))
}

export function isRequired(field: FieldSpec, form: ActionForm, ticket: Ticket): boolean {
  const rule = field.required ?? false
  return typeof rule === 'function' ? rule(form, ticket) : rule
}

function isEmpty(name: ActionField, form: ActionForm): boolean {
  switch (name) {
    case 'approve':
    case 'force':
      return false
    case 'co_units':
      return form.co_units.length === 0
    case 'extension_days':
      return !(typeof form.extension_days === 'number' && form.extension_days > 0)
    case 'merge_into':
      return !(typeof form.merge_into === 'number' && form.merge_into > 0)
    case 'place':
      return !form.place_district && !form.place_street && !form.place_address
    default:
      return !String(form[name as keyof ActionForm] ?? '').trim()
  }
}

// The required fields still empty (shown before the request is sent; the server checks again).
export function missingFields(action: TicketAction, form: ActionForm, ticket: Ticket): ActionField[] {
  return visibleFields(action, form, ticket)
    .filter((f) => isRequired(f, form, ticket) && isEmpty(f.name, form))
    .map((f) => f.name)
}

// The request body: exactly the visible fields of this action that have a value.
export function buildBody(action: TicketAction, form: ActionForm, ticket: Ticket): ActionRequest {
  const body: ActionRequest = {}
  const set = body as Record<string, unknown>
  for (const { name } of visibleFields(action, form, ticket)) {
    if (name === 'approve') body.approve = form.approve
    else if (name === 'force') {
      if (form.force) body.force = true
    } else if (name === 'place') {
      const place: NonNullable<ActionRequest['place']> = {}
      if (form.place_district) place.district = form.place_district
      if (form.place_street) place.street = form.place_street
      if (form.place_address.trim()) place.address = form.place_address.trim()
      if (Object.keys(place).length) body.place = place
    } else if (!isEmpty(name, form)) {
      const value = form[name as keyof ActionForm]
      set[name] = typeof value === 'string' ? value.trim() : value
    }
  }
  return body
}

// The dialog's form item for a field the server names in a 400 ("place.district" -> "place").
export function formFieldOf(serverField: string | undefined): ActionField | undefined {
  if (!serverField) return undefined
  const head = serverField.split(/[.[]/)[0] as ActionField
  return head
}
