// Choices offered by the action dialogs: unit lists (forward: only below the lead unit; co-handling:
// the ticket's co-units in the user's own subtree) and the category tree for the cascader.
import type { Category, Unit } from '../../api/types'

export interface CascaderOption {
  [key: string]: unknown
  value: string
  label: string
  children?: CascaderOption[]
}

// 一级/二级/三级 paths as a tree; each node's value is its path so far ("一级/二级"), so any level
// can be chosen.
export function categoryTree(categories: readonly Category[]): CascaderOption[] {
  const roots: CascaderOption[] = []
  const index = new Map<string, CascaderOption>()
  for (const c of categories) {
    const levels = [c.level1, c.level2, c.level3].filter((l): l is string => !!l)
    let siblings = roots
    let path = ''
    for (const level of levels) {
      path = path ? `${path}/${level}` : level
      let node = index.get(path)
      if (!node) {
        node = { value: path, label: level }
        index.set(path, node)
        siblings.push(node)
      }
      node.children ??= []
      siblings = node.children
    }
  }
  const prune = (nodes: CascaderOption[]) =>
    nodes.forEach((n) => {
      if (n.children?.length) prune(n.children)
      else delete n.children
    })
  prune(roots)
  return roots
}

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
