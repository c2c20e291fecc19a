// The year's special days from /calendar (each day working or not): a holiday is a weekday off, a
// make-up day (调休上班) is a Saturday or Sunday at work; listed by month.
export interface CalendarDay {
  date?: string
  working?: boolean
}
export type SpecialKind = 'holiday' | 'makeup'
export interface SpecialDay {
  date: string
  kind: SpecialKind
  weekday: number
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()
}

export function specialDays(days: readonly CalendarDay[]): SpecialDay[] {
  const out: SpecialDay[] = []
  for (const day of days) {
    if (!day.date) continue
    const weekday = weekdayOf(day.date)
    const weekend = weekday === 0 || weekday === 6
    if (weekend && day.working) out.push({ date: day.date, kind: 'makeup', weekday })
    else if (!weekend && day.working === false) out.push({ date: day.date, kind: 'holiday', weekday })
  }
  return out
}

export function byMonth(days: readonly SpecialDay[]): { month: number; days: SpecialDay[] }[] {
  const months = new Map<number, SpecialDay[]>()
  for (const day of days) {
    const month = Number(day.date.slice(5, 7))
    months.set(month, [...(months.get(month) ?? []), day])
  }
  return [...months.entries()].sort((a, b) => a[0] - b[0]).map(([month, list]) => ({ month, days: list }))
}

// What to store to undo a special day: the day goes back to what its weekday is.
export function removal(day: SpecialDay): { date: string; off_day: boolean } {
  return { date: day.date, off_day: day.kind === 'makeup' }
}
