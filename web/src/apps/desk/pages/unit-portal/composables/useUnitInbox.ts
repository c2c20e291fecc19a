// The unit's inbox for one tab: the server's list filtered by the tab's states (sorted by deadline
// for open work), narrowed to the tab's tickets (lead in my subtree, or my unit as co-unit) and kept
// live: a ticket pushed by an event joins or leaves by the same rule.
import { computed, type Ref } from 'vue'
import type { EventMessage, Ticket } from '@/shared/api/types'
import { useTicketList } from '@/shared/composables/useTicketList'
import { useUnits } from '@/shared/composables/useReference'
import { tabMatches, tabQuery, type UnitTab } from './unitTabs'
import { useNewWorkAlert } from '@/shared/composables/useNewWorkAlert'

// The server's q: a substring of title or text.
const hasText = (ticket: Ticket, q: string) => !q || (ticket.title ?? '').includes(q) || (ticket.text ?? '').includes(q)

export function useUnitInbox(tab: Ref<UnitTab>, myUnit: () => string | undefined, text: () => string = () => '') {
  const units = useUnits()
  const parentOf = (id: string) => {
    if (!units.units.value.length) return undefined
    const unit = units.byId.value.get(id)
    return unit ? (unit.parent_id ?? '') : undefined
  }
  const matches = (ticket: Ticket) => tabMatches(tab.value, ticket, myUnit(), parentOf) && hasText(ticket, text())
  const alert = useNewWorkAlert()
  const list = useTicketList({
    query: () => ({ ...tabQuery(tab.value), ...(text() ? { q: text() } : {}) }),
    matches,
    pageSize: 200,
    onArrival: (ticket) => (ticket.state === 'dispatched' ? alert.notify(ticket) : undefined),
  })
  const rows = computed(() => list.rows.value.filter(matches))
  // An action's result, shown at once (the pushed event brings the same ticket again).
  const apply = (ticket: Ticket) => list.patch({ ticket } as EventMessage)
  return { ...list, rows, apply, matches }
}
