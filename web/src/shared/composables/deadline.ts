// Deadline lights: red when the deadline has passed (or the server says overdue), yellow when less
// than `yellowShare` of the time between creation and deadline is left, green otherwise.
export type Light = 'green' | 'yellow' | 'red' | 'none' | 'done'

export const DEFAULT_YELLOW_SHARE = 0.25
const YELLOW_KEY = 'hotline.yellowShare'

export function yellowShare(): number {
  try {
    const saved = Number(localStorage.getItem(YELLOW_KEY))
    if (saved > 0 && saved < 1) return saved
  } catch {
    /* ignore */
  }
  return DEFAULT_YELLOW_SHARE
}

export function setYellowShare(share: number): void {
  if (!(share > 0 && share < 1)) throw new RangeError('yellow share must be between 0 and 1')
  localStorage.setItem(YELLOW_KEY, String(share))
}

const FINISHED = new Set(['replied', 'callback_pending', 'closed', 'archived', 'merged', 'resolved_at_intake'])

export interface DeadlineFacts {
  state?: string
  created_at?: string
  deadline?: string
  overdue?: boolean
}

export function deadlineLight(ticket: DeadlineFacts, now: number, share = DEFAULT_YELLOW_SHARE): Light {
  if (ticket.state && FINISHED.has(ticket.state)) return 'done'
  if (!ticket.deadline) return 'none'
  const due = Date.parse(ticket.deadline)
  if (Number.isNaN(due)) return 'none'
  if (ticket.overdue || now >= due) return 'red'
  const start = ticket.created_at ? Date.parse(ticket.created_at) : NaN
  const total = Number.isNaN(start) ? 0 : due - start
  if (total > 0 && (due - now) / total < share) return 'yellow'
  return 'green'
}

// "2 天 3 小时" style remaining time; negative when overdue.
export function remainingMs(ticket: DeadlineFacts, now: number): number | null {
  if (!ticket.deadline) return null
  const due = Date.parse(ticket.deadline)
  return Number.isNaN(due) ? null : due - now
}
