// The unit tree from the flat /units list, and which units may become a unit's new parent (never
// the unit itself or one below it: that would make a loop).
import type { Unit } from '@/shared/api/types'

export interface UnitNode {
  id: string
  label: string
  unit: Unit
  children: UnitNode[]
}

export function unitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>()
  for (const u of units) nodes.set(u.id ?? '', { id: u.id ?? '', label: u.name ?? u.id ?? '', unit: u, children: [] })
  const roots: UnitNode[] = []
  for (const node of nodes.values()) {
    const parent = node.unit.parent_id ? nodes.get(node.unit.parent_id) : undefined
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export function descendantsOf(units: readonly Unit[], id: string): Set<string> {
  const children = new Map<string, string[]>()
  for (const u of units) {
    if (!u.parent_id) continue
    const list = children.get(u.parent_id) ?? []
    list.push(u.id ?? '')
    children.set(u.parent_id, list)
  }
  const out = new Set<string>([id])
  const stack = [id]
  while (stack.length) {
    for (const child of children.get(stack.pop() ?? '') ?? []) {
      if (!out.has(child)) {
        out.add(child)
        stack.push(child)
      }
    }
  }
  return out
}

export function possibleParents(units: readonly Unit[], id: string | null): Unit[] {
  const excluded = id ? descendantsOf(units, id) : new Set<string>()
  return units.filter((u) => !excluded.has(u.id ?? ''))
}
