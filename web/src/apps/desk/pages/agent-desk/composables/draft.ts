// The registration form's draft: one per tab, kept in localStorage so a reload (or a crash of the
// browser in the middle of a call) loses nothing; cleared once the ticket is saved.
import { reactive, watch } from 'vue'
import type { NewTicket } from '@/shared/api/types'

export type TicketType = NewTicket['type']
export type Channel = NewTicket['channel']
export type Urgency = NonNullable<NewTicket['urgency']>

export interface DraftTicket {
  type: TicketType
  channel: Channel
  caller: { name: string; phone: string; confidential: boolean }
  title: string
  text: string
  place: { district: string; street: string; address: string }
  category: string
  urgency: Urgency
}

export const DRAFT_KEY = 'hotline.agentDesk.draft'
export const TICKET_TYPES: TicketType[] = ['complaint', 'inquiry', 'help', 'report', 'suggestion', 'praise']
export const CHANNELS: Channel[] = ['phone', 'online_chat', 'wechat', 'web', 'app', 'email', 'sms', 'open311', 'other_hotline']
export const URGENCIES: Urgency[] = ['normal', 'urgent']

export function emptyDraft(): DraftTicket {
  return {
    type: 'complaint',
    channel: 'phone',
    caller: { name: '', phone: '', confidential: false },
    title: '',
    text: '',
    place: { district: '', street: '', address: '' },
    category: '',
    urgency: 'normal',
  }
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback

// Reads a stored draft; anything missing or of the wrong shape falls back to the empty draft's value
// (an old build's draft, or a hand-edited one, never breaks the form).
export function parseDraft(raw: string | null): DraftTicket {
  const base = emptyDraft()
  if (!raw) return base
  let v: Record<string, unknown>
  try {
    v = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return base
  }
  if (!v || typeof v !== 'object') return base
  const caller = (v.caller ?? {}) as Record<string, unknown>
  const place = (v.place ?? {}) as Record<string, unknown>
  return {
    type: oneOf(v.type, TICKET_TYPES, base.type),
    channel: oneOf(v.channel, CHANNELS, base.channel),
    caller: { name: str(caller.name), phone: str(caller.phone), confidential: caller.confidential === true },
    title: str(v.title),
    text: str(v.text),
    place: { district: str(place.district), street: str(place.street), address: str(place.address) },
    category: str(v.category),
    urgency: oneOf(v.urgency, URGENCIES, base.urgency),
  }
}

export function isEmptyDraft(d: DraftTicket): boolean {
  return JSON.stringify(d) === JSON.stringify(emptyDraft())
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export function loadDraft(): DraftTicket {
  return parseDraft(storage()?.getItem(DRAFT_KEY) ?? null)
}

export function storeDraft(d: DraftTicket): void {
  try {
    if (isEmptyDraft(d)) storage()?.removeItem(DRAFT_KEY)
    else storage()?.setItem(DRAFT_KEY, JSON.stringify(d))
  } catch {
    /* storage full or private mode: the draft lasts for this page only */
  }
}

// The request body: trimmed, without empty optional parts (an empty place or caller is not sent).
export function toNewTicket(d: DraftTicket): NewTicket {
  const body: NewTicket = { type: d.type, channel: d.channel, title: d.title.trim(), text: d.text.trim(), urgency: d.urgency }
  const caller = { name: d.caller.name.trim(), phone: d.caller.phone.replace(/\s+/g, ''), confidential: d.caller.confidential }
  if (caller.name || caller.phone || caller.confidential) body.caller = caller
  const place: NonNullable<NewTicket['place']> = {}
  if (d.place.district) place.district = d.place.district
  if (d.place.street) place.street = d.place.street
  if (d.place.address.trim()) place.address = d.place.address.trim()
  if (Object.keys(place).length) body.place = place
  if (d.category) body.category = d.category
  return body
}

// The form's state, shared by the page's components, saved on every change.
export function useDraft() {
  const draft = reactive<DraftTicket>(loadDraft())
  watch(draft, (d) => storeDraft(d), { deep: true })
  function reset() {
    Object.assign(draft, emptyDraft())
  }
  return { draft, reset }
}
