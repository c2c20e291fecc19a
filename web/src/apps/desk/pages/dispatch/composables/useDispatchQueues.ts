// The four queues of the dispatch centre, each a live server-filtered list (a ticket submitted by
// an agent appears at once, one that leaves the state disappears), with the badge counts.
import { computed } from 'vue'
import { useTicketList } from '@/shared/composables/useTicketList'
import { useNewWorkAlert } from '@/shared/composables/useNewWorkAlert'
import type { EventMessage, Ticket } from '@/shared/api/types'
import { QUEUES, countBadge, queueMatches, type QueueKey } from './queues'

export function useDispatchQueues() {
  const alert = useNewWorkAlert()
  const lists = Object.fromEntries(
    QUEUES.map((queue) => [
      queue.key,
      useTicketList({ query: () => ({ state: queue.state }), matches: queueMatches(queue), pageSize: 200, onArrival: queue.key === 'pending' ? alert.notify : undefined }),
    ]),
  ) as Record<QueueKey, ReturnType<typeof useTicketList>>

  const badges = computed(() =>
    Object.fromEntries(QUEUES.map((q) => [q.key, countBadge(lists[q.key].rows.value.length, lists[q.key].hasMore.value)])) as Record<QueueKey, string>,
  )

  // A ticket changed by this user's own action: every queue is patched at once, before the event.
  function applyChanged(ticket: Ticket) {
    const message = { ticket } as EventMessage
    for (const q of QUEUES) lists[q.key].patch(message)
  }

  return { lists, badges, applyChanged }
}
