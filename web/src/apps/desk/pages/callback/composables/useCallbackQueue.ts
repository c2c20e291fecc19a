// The callback queue: tickets in callback_pending, kept live (a ticket joins when its reply is
// approved and leaves once called back, closed or sent for redo), ready ones first.
import { computed } from 'vue'
import type { EventMessage, Ticket } from '@/shared/api/types'
import { useTicketList } from '@/shared/composables/useTicketList'
import { now } from '@/shared/composables/clock'
import { isInQueue, sortQueue } from './callbackQueue'

export function useCallbackQueue() {
  const list = useTicketList({ query: () => ({ state: 'callback_pending' }), matches: isInQueue, pageSize: 200 })
  const rows = computed(() => sortQueue(list.rows.value.filter(isInQueue), now.value))
  const apply = (ticket: Ticket) => list.patch({ ticket } as EventMessage)
  return { ...list, rows, apply }
}
