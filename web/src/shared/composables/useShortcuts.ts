// Keyboard shortcuts for the life of a component. A plain key (no Ctrl/Alt/Meta) does nothing while
// the focus is in a text field, so typing never triggers a shortcut; combinations with Ctrl or Alt
// work everywhere. Each shortcut has a label for the "?" sheet.
import { onBeforeUnmount, onMounted } from 'vue'
import { registerSheet } from './shortcutSheet'

export interface Shortcut {
  keys: string // "ctrl+s", "alt+n", "j", "?"
  label: string
  run: (event: KeyboardEvent) => void
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.tagName) return false
  if (el.isContentEditable) return true
  const tag = el.tagName.toLowerCase()
  if (tag === 'textarea' || tag === 'select') return true
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type
    return !['checkbox', 'radio', 'button', 'submit'].includes(type)
  }
  return false
}

export function keyOf(event: KeyboardEvent): string {
  const parts: string[] = []
  if (event.ctrlKey || event.metaKey) parts.push('ctrl')
  if (event.altKey) parts.push('alt')
  if (event.shiftKey && event.key.length > 1) parts.push('shift')
  let key = event.key.toLowerCase()
  if (event.altKey && event.code?.startsWith('Key')) key = event.code.slice(3).toLowerCase()
  if (event.altKey && event.code?.startsWith('Digit')) key = event.code.slice(5)
  parts.push(key)
  return parts.join('+')
}

export function matchShortcut(shortcuts: readonly Shortcut[], event: KeyboardEvent): Shortcut | undefined {
  const key = keyOf(event)
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey
  if (plain && isTyping(event.target)) return undefined
  return shortcuts.find((s) => s.keys === key)
}

export function useShortcuts(shortcuts: () => readonly Shortcut[]): void {
  const onKey = (event: KeyboardEvent) => {
    const hit = matchShortcut(shortcuts(), event)
    if (!hit) return
    event.preventDefault()
    hit.run(event)
  }
  let unregister = () => {}
  onMounted(() => {
    window.addEventListener('keydown', onKey)
    unregister = registerSheet(shortcuts)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey)
    unregister()
  })
}
