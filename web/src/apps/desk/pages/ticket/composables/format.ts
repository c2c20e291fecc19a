// Small formatting helpers of the ticket page.
import dayjs from 'dayjs'
import type { Caller } from '@/shared/api/types'

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : ''
}

// The server masks callers ("郑**", "135****9331"); only then is there something to reveal.
export function isMasked(caller: Caller | undefined): boolean {
  return !!caller && [caller.name, caller.phone].some((v) => !!v && v.includes('*'))
}
