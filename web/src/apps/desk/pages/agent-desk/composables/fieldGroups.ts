// Alt+N: the form's field groups in order (caller → content → place → category → urgency); the
// focus moves to the first field of the group after the one holding it.
export const FIELD_GROUPS = ['caller', 'content', 'place', 'category', 'urgency'] as const
export type FieldGroup = (typeof FIELD_GROUPS)[number]

export function nextGroup(current: string | null | undefined): FieldGroup {
  const i = FIELD_GROUPS.indexOf(current as FieldGroup)
  return FIELD_GROUPS[(i + 1) % FIELD_GROUPS.length]!
}

const FOCUSABLE = '[data-first], input:not([type=hidden]):not([disabled]), textarea:not([disabled]), button:not([disabled])'

export function focusGroup(root: ParentNode, group: FieldGroup): boolean {
  const box = root.querySelector<HTMLElement>(`[data-group="${group}"]`)
  if (!box) return false
  const first = box.querySelector<HTMLElement>('[data-first] input, [data-first] textarea, input[data-first], textarea[data-first]') ?? box.querySelector<HTMLElement>(FOCUSABLE)
  first?.focus()
  return !!first
}

export function focusNextGroup(root: ParentNode, active: Element | null): FieldGroup {
  const current = active?.closest<HTMLElement>('[data-group]')?.dataset.group
  const next = nextGroup(current)
  focusGroup(root, next)
  return next
}

// The group holding the field a server error names (caller.phone → caller, place.street → place).
export function groupOfField(field: string): FieldGroup {
  if (field.startsWith('caller') || field === 'channel') return 'caller'
  if (field.startsWith('place')) return 'place'
  if (field === 'category') return 'category'
  if (field === 'urgency') return 'urgency'
  return 'content'
}
