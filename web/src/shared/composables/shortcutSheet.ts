// The shortcuts currently active, for the "?" sheet.
import { shallowRef } from 'vue'
import type { Shortcut } from './useShortcuts'

export const activeSheets = shallowRef<(() => readonly Shortcut[])[]>([])

export function registerSheet(source: () => readonly Shortcut[]): () => void {
  activeSheets.value = [...activeSheets.value, source]
  return () => (activeSheets.value = activeSheets.value.filter((s) => s !== source))
}
