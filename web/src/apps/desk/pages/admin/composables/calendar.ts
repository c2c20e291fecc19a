// The special days of a year from GET /calendar's every-day list: weekdays that are off
// (holidays) and weekend days that are worked (make-up days).
export interface SpecialDay {
  date: string
  offDay: boolean
}

export function specialDays(days: { date?: string; working?: boolean }[]): SpecialDay[] {
  const out: SpecialDay[] = []
  for (const day of days) {
    if (!day.date) continue
    const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay()
    const weekend = weekday === 0 || weekday === 6
    if (weekend && day.working) out.push({ date: day.date, offDay: false })
    else if (!weekend && day.working === false) out.push({ date: day.date, offDay: true })
  }
  return out
}
