// The year's special days from /calendar (each day working or not): a holiday is a weekday off, a
// make-up day (调休上班) is a Saturday or Sunday at work; listed by month or laid out as month
// grids. Resetting one (DELETE /calendar/days/{date}) lets the weekday rule apply again.
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

// One cell of a month grid: a day of the month, or null to pad the first and last week.
export type DayKind = SpecialKind | 'weekend' | 'workday'
export interface GridDay {
  date: string
  day: number
  weekday: number
  kind: DayKind
}

const pad = (n: number) => String(n).padStart(2, '0')

// The weeks (Monday first, as Chinese calendars show them) of `month` (1-12) of `year`, each day
// marked holiday / make-up day from the year's /calendar days, else weekend or workday.
export function monthGrid(year: number, month: number, days: readonly CalendarDay[]): (GridDay | null)[][] {
  const special = new Map(specialDays(days).map((d) => [d.date, d.kind]))
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const weeks: (GridDay | null)[][] = []
  let week: (GridDay | null)[] = []
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay()
  for (let i = 0; i < (firstWeekday + 6) % 7; i++) week.push(null)
  for (let day = 1; day <= count; day++) {
    const date = `${year}-${pad(month)}-${pad(day)}`
    const weekday = weekdayOf(date)
    const kind: DayKind = special.get(date) ?? (weekday === 0 || weekday === 6 ? 'weekend' : 'workday')
    week.push({ date, day, weekday, kind })
    if (week.length === 7) {
      weeks.push(week)
      week = []
    }
  }
  if (week.length) {
    while (week.length < 7) week.push(null)
    weeks.push(week)
  }
  return weeks
}
