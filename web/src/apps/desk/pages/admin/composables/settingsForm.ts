// The settings page's forms and the API's shapes: the dispatch limit is edited in minutes, targets
// in percent (the API keeps seconds and basis points), satisfied levels as a list of ratings.
import type { components } from '@/shared/api/schema'

export type DeadlineSettings = components['schemas']['DeadlineSettings']
export type KpiSettings = components['schemas']['KpiSettings']
export type KpiKey = keyof KpiSettings['targets']
export type TicketType = keyof DeadlineSettings['working_days']
export type Rating = KpiSettings['satisfied_levels'][number]

export const ticketTypes: readonly TicketType[] = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise']
export const ratings: readonly Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied']
export const kpiKeys: readonly KpiKey[] = [
  'platform_availability',
  'call_answer_rate',
  'dispatch_timeliness',
  'online_response_timeliness',
  'first_contact_resolution',
  'dispatch_accuracy',
  'intake_satisfaction',
  'dissatisfied_callback_rate',
]

export interface KpiForm {
  dispatchLimitMinutes: number
  onlineResponseSeconds: number
  satisfied: Rating[]
  targets: Record<KpiKey, { percent: number; allRequired: boolean }>
}

export function cloneDeadlines(d: DeadlineSettings): DeadlineSettings {
  return { ...d, working_days: { ...d.working_days } }
}

export function kpiToForm(k: KpiSettings): KpiForm {
  const targets = {} as KpiForm['targets']
  for (const key of kpiKeys) targets[key] = { percent: k.targets[key].basis_points / 100, allRequired: k.targets[key].all_required ?? false }
  return {
    dispatchLimitMinutes: Math.round(k.dispatch_limit_seconds / 60),
    onlineResponseSeconds: k.online_response_limit_seconds,
    satisfied: ratings.filter((r) => k.satisfied_levels.includes(r)),
    targets,
  }
}

export function formToKpi(f: KpiForm): KpiSettings {
  const targets = {} as KpiSettings['targets']
  for (const key of kpiKeys) targets[key] = { basis_points: Math.round(f.targets[key].percent * 100), all_required: f.targets[key].allRequired }
  return {
    satisfied_levels: ratings.filter((r) => f.satisfied.includes(r)),
    dispatch_limit_seconds: Math.round(f.dispatchLimitMinutes * 60),
    online_response_limit_seconds: Math.round(f.onlineResponseSeconds),
    targets,
  }
}
