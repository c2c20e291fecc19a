// The three-level category pickers' options (agent desk, the action dialogs) from /categories: every level selectable, the value of
// a node is its path ("一级", "一级/二级", "一级/二级/三级"), as the API takes it. Retired categories are left out:
// the server refuses them for new registrations and reclassification.
import type { Category } from '@/shared/api/types'

export interface CategoryNode {
  value: string
  label: string
  children?: CategoryNode[]
  [key: string]: unknown // what ElCascader's option type asks for
}

export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const roots: CategoryNode[] = []
  const byPath = new Map<string, CategoryNode>()
  for (const c of categories) {
    if (c.retired) continue
    const levels = [c.level1, c.level2, c.level3].filter((l): l is string => !!l)
    let siblings = roots
    let path = ''
    for (const level of levels) {
      path = path ? `${path}/${level}` : level
      let node = byPath.get(path)
      if (!node) {
        node = { value: path, label: level }
        byPath.set(path, node)
        siblings.push(node)
      }
      siblings = node.children ??= []
    }
  }
  const prune = (nodes: CategoryNode[]) => {
    for (const n of nodes) {
      if (n.children?.length) prune(n.children)
      else delete n.children
    }
  }
  prune(roots)
  return roots
}
