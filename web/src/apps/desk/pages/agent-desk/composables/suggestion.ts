// From the classifier's advice to the form: which category "accept" puts into the picker and what
// to do with the place found in the text.
import type { Category, DispatchAdvice } from '@/shared/api/types'
import type { DraftTicket } from './draft'

export interface CategoryGuess {
  label: string
  score: number
  words: string[]
}

export function topGuesses(advice: DispatchAdvice | null | undefined, n = 3): CategoryGuess[] {
  const top = advice?.classification?.top ?? []
  return top
    .filter((g) => g.label)
    .slice(0, n)
    .map((g) => ({ label: g.label ?? '', score: g.score ?? 0, words: g.words ?? [] }))
}

// The picker value for a label: the label itself when it is a category path or a prefix of whole
// levels of one (the classifier names first-level categories); null when no category matches.
export function categoryForLabel(label: string, categories: readonly Category[]): string | null {
  if (!label) return null
  for (const c of categories) {
    const path = c.path ?? [c.level1, c.level2, c.level3].filter(Boolean).join('/')
    if (path === label || path.startsWith(`${label}/`)) return label
  }
  return null
}

export interface FoundPlace {
  district: string
  street: string
  name: string
}

export function foundPlace(advice: DispatchAdvice | null | undefined): FoundPlace | null {
  const p = advice?.place
  if (!p || !p.district) return null
  return { district: p.district, street: p.street ?? '', name: p.name ?? '' }
}

// 'fill': the pickers are empty, fill them; 'offer': they hold something else, offer the found
// place; 'none': nothing found, or it is what the pickers already say.
export function placeAction(current: DraftTicket['place'], found: FoundPlace | null): 'fill' | 'offer' | 'none' {
  if (!found) return 'none'
  if (!current.district && !current.street) return 'fill'
  if (current.district === found.district && (current.street === found.street || !found.street)) return 'none'
  return 'offer'
}

export function applyPlace(place: DraftTicket['place'], found: FoundPlace): void {
  place.district = found.district
  place.street = found.street
}
