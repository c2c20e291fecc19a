// The command palette's list: the allowed actions whose label or name contains what was typed.
export interface PaletteItem {
  action: string
  label: string
}

export function filterPalette(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const q = query.trim().toLowerCase()
  if (!q) return [...items]
  return items.filter((i) => i.label.toLowerCase().includes(q) || i.action.toLowerCase().includes(q))
}

// The next highlighted row after ↑/↓, wrapping around.
export function moveIndex(index: number, delta: number, length: number): number {
  if (length <= 0) return 0
  return (((index + delta) % length) + length) % length
}
