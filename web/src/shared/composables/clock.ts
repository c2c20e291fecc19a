// One reactive clock for the whole tab (deadline lights), ticking every 30 s.
import { ref } from 'vue'

export const now = ref(Date.now())
let timer: ReturnType<typeof setInterval> | null = null

export function startClock(intervalMs = 30_000): void {
  if (timer) clearInterval(timer)
  timer = setInterval(() => (now.value = Date.now()), intervalMs)
}
