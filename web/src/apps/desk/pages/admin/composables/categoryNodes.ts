// The admin's category tree from the flat /categories list: every level a node keyed by its path,
// retired when every category at or below it is (as the server decides), and the name checks the
// server makes (trimmed, 1-40 characters, no '/').
import type { Category } from '@/shared/api/types'

export interface CategoryAdminNode {
  path: string
  label: string
  depth: number
  retired: boolean
  children: CategoryAdminNode[]
}

export const kMaxCategoryName = 40
export const kMaxCategoryDepth = 3

export function categoryAdminTree(categories: readonly Category[]): CategoryAdminNode[] {
  const roots: CategoryAdminNode[] = []
  const byPath = new Map<string, CategoryAdminNode>()
  for (const c of categories) {
    const levels = [c.level1, c.level2, c.level3].filter((l): l is string => !!l)
    let siblings = roots
    let path = ''
    for (const [i, level] of levels.entries()) {
      path = path ? `${path}/${level}` : level
      let node = byPath.get(path)
      if (!node) {
        node = { path, label: level, depth: i + 1, retired: true, children: [] }
        byPath.set(path, node)
        siblings.push(node)
      }
      if (!c.retired) node.retired = false
      siblings = node.children
    }
  }
  return roots
}

// Why `name` cannot be a category name ('' when it can); i18n keys under admin.categories.
export function nameProblem(name: string): '' | 'nameRequired' | 'nameSlash' | 'nameLong' {
  const trimmed = name.trim()
  if (!trimmed) return 'nameRequired'
  if (trimmed.includes('/')) return 'nameSlash'
  if ([...trimmed].length > kMaxCategoryName) return 'nameLong'
  return ''
}
