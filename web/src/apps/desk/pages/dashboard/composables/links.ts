// Where each number of the dashboard leads: the ticket list (/desk/tickets) with the filters
// that select the tickets counted, or the report behind a KPI.
import type { RouteLocationRaw } from 'vue-router'

export const OPEN_STATES = ['dispatched', 'acknowledged', 'in_progress', 'return_requested', 'extension_requested']

// The China-time instant of `date` ("YYYY-MM-DD") at `hour`, as the API's timestamps.
export function chinaTime(date: string, hour = 0): string {
  const [y, m, d] = date.split('-').map(Number)
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hour - 8))
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export interface Scope {
  date: string
  district?: string | null
}

function tickets(query: Record<string, string>, scope: Scope): RouteLocationRaw {
  const withDistrict = scope.district ? { district: scope.district, ...query } : query
  return { name: 'tickets', query: withDistrict }
}

// The day's intake, optionally one hour of it (0-23) or one channel, type or category.
export function intakeLink(scope: Scope, extra: { hour?: number; channel?: string; type?: string; category?: string } = {}): RouteLocationRaw {
  const from = extra.hour === undefined ? chinaTime(scope.date) : chinaTime(scope.date, extra.hour)
  const to = extra.hour === undefined ? chinaTime(scope.date, 24) : chinaTime(scope.date, extra.hour + 1)
  const query: Record<string, string> = { created_from: from, created_to: to }
  if (extra.channel) query.channel = extra.channel
  if (extra.type) query.type = extra.type
  if (extra.category) query.category = extra.category
  return tickets(query, scope)
}

export function overdueLink(scope: Scope, unit?: string): RouteLocationRaw {
  return tickets(unit ? { unit, overdue: 'true' } : { overdue: 'true' }, scope)
}

export function openLink(scope: Scope, unit?: string): RouteLocationRaw {
  const query: Record<string, string> = { state: OPEN_STATES.join(',') }
  if (unit) query.unit = unit
  return tickets(query, scope)
}

// Nearly due is the supervision board's tab (the list has no such filter).
export function nearlyDueLink(unit: string): RouteLocationRaw {
  return { name: 'supervision', query: { tab: 'nearly', unit } }
}

export function districtLink(district: string, overdue: boolean): RouteLocationRaw {
  return { name: 'tickets', query: overdue ? { district, overdue: 'true' } : { district, state: OPEN_STATES.join(',') } }
}

export function reportLink(month: string): RouteLocationRaw {
  const [year, m] = month.split('-')
  return { name: 'reports', query: { year: year ?? '', month: String(Number(m)) } }
}
