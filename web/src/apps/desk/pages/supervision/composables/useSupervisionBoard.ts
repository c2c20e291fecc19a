// The board's data: the overdue list (overdue=true) and every ticket open for handling, nearest
// deadline first (all pages), both kept live by the event stream; from them the nearly-due tickets,
// the counts per unit and the tickets that already had notices.
import { computed, ref, watch } from 'vue'
import { useTicketList } from '@/shared/composables/useTicketList'
import { now } from '@/shared/composables/clock'
import { setYellowShare, yellowShare } from '@/shared/composables/deadline'
import type { EventMessage, Ticket } from '@/shared/api/types'
import { OPEN_STATES, byDeadline, isNearlyDue, isOpen, isOverdue, unitCounts } from './board'

const MAX_ROWS = 3000

export function useSupervisionBoard() {
  const overdueList = useTicketList({ query: () => ({ overdue: true, sort: 'deadline' }), matches: (t) => isOpen(t) && t.overdue === true, pageSize: 500 })
  const openList = useTicketList({ query: () => ({ state: OPEN_STATES.join(','), sort: 'deadline' }), matches: isOpen, pageSize: 500 })

  // The open list is read whole (a city's open tickets are a few thousand at most).
  watch(
    () => [openList.loading.value, openList.hasMore.value, openList.rows.value.length] as const,
    ([loading, more, n]) => {
      if (!loading && more && n < MAX_ROWS && !openList.error.value) void openList.loadMore()
    },
  )

  const share = ref(yellowShare())
  function setShare(value: number) {
    setYellowShare(value)
    share.value = value
  }

  // The server's overdue list, plus open tickets whose deadline passed since (the clock moves on).
  const overdue = computed(() => {
    const byId = new Map<number, Ticket>()
    for (const t of overdueList.rows.value) if (isOverdue(t, now.value)) byId.set(t.id ?? 0, t)
    for (const t of openList.rows.value) if (isOverdue(t, now.value)) byId.set(t.id ?? 0, t)
    return [...byId.values()].sort(byDeadline)
  })
  const nearlyDue = computed(() => openList.rows.value.filter((t) => isNearlyDue(t, now.value, share.value)).sort(byDeadline))
  const supervised = computed(() =>
    openList.rows.value.filter((t) => (t.supervision_count ?? 0) > 0).sort((a, b) => (b.supervision_count ?? 0) - (a.supervision_count ?? 0) || byDeadline(a, b)),
  )
  const counts = computed(() => unitCounts(overdue.value, nearlyDue.value))
  const loading = computed(() => overdueList.loading.value || openList.loading.value)
  const error = computed(() => overdueList.error.value || openList.error.value)

  function applyChanged(ticket: Ticket) {
    const message = { ticket } as EventMessage
    overdueList.patch(message)
    openList.patch(message)
  }
  function refresh() {
    void overdueList.refresh()
    void openList.refresh()
  }

  return { overdue, nearlyDue, supervised, counts, loading, error, share, setShare, applyChanged, refresh }
}
