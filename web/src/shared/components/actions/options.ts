// Choices offered by the action dialogs: unit lists (forward: only below the lead unit; co-handling:
// the ticket's co-units in the user's own subtree) and the category tree for the cascader.
import type { Unit } from '../../api/types'
export { categoryTree } from '../../composables/categoryTree'

export function descendantsOf(units: readonly Unit[], id: string | undefined): Unit[] {
  if (!id) return []
  const out: Unit[] = []
  const queue = [id]
  while (queue.length) {
    const parent = queue.shift()!
    for (const u of units) {
      if (u.parent_id === parent && u.id && u.id !== id) {
        out.push(u)
        queue.push(u.id)
      }
    }
  }
  return out
}

export function isWithin(units: readonly Unit[], id: string | undefined, root: string | undefined): boolean {
  if (!id || !root) return false
  const byId = new Map(units.map((u) => [u.id, u]))
  for (let at: string | undefined = id, guard = 0; at && guard < 20; guard++) {
    if (at === root) return true
    at = byId.get(at)?.parent_id
  }
  return false
}

// The co-handling units a handler of `myUnit` may act for (co_acknowledge, co_opinion).
export function myCoUnits(units: readonly Unit[], coUnits: readonly string[] | undefined, myUnit: string | undefined): string[] {
  return (coUnits ?? []).filter((u) => isWithin(units, u, myUnit))
}
