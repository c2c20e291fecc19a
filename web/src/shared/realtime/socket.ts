// One WebSocket per tab to GET /api/v1/events. Authenticates with a first message (never the token
// in the URL), resumes after the last event id it saw, reconnects with backoff, and tells listeners:
// `event` for each ticket event, `reconnected` after a gap was bridged (visible lists refetch),
// `reset` when the server could not replay everything (lists reload). `status` drives the
// "connection lost" banner. The server's heartbeats are WebSocket pings the browser answers itself;
// a connection silent for longer than `staleAfterMs` is treated as lost.
import { ref, type Ref } from 'vue'
import type { EventMessage } from '../api/types'

export type SocketStatus = 'idle' | 'connecting' | 'live' | 'lost'

export interface SocketHandlers {
  event: (message: EventMessage) => void
  reconnected: () => void
  reset: () => void
}

type Listeners = { [K in keyof SocketHandlers]: Set<SocketHandlers[K]> }

export interface SocketOptions {
  url?: string
  token: () => string | null
  WebSocketImpl?: typeof WebSocket
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
}

export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 10))
  return Math.round(exp / 2 + (random() * exp) / 2)
}

export class EventSocket {
  readonly status: Ref<SocketStatus> = ref('idle')
  lastEventId = 0
  private socket: WebSocket | null = null
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private wasLive = false
  private stopped = true
  private readonly listeners: Listeners = { event: new Set(), reconnected: new Set(), reset: new Set() }

  constructor(private readonly options: SocketOptions) {}

  on<K extends keyof SocketHandlers>(name: K, handler: SocketHandlers[K]): () => void {
    ;(this.listeners[name] as Set<SocketHandlers[K]>).add(handler)
    return () => (this.listeners[name] as Set<SocketHandlers[K]>).delete(handler)
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.open()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const socket = this.socket
    this.socket = null
    socket?.close(1000, 'bye')
    this.status.value = 'idle'
    this.wasLive = false
  }

  private url(): string {
    if (this.options.url) return this.options.url
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    return `${scheme}//${location.host}/api/v1/events`
  }

  private open(): void {
    const token = this.options.token()
    if (!token) {
      this.status.value = 'idle'
      return
    }
    this.status.value = this.wasLive ? 'lost' : 'connecting'
    const Impl = this.options.WebSocketImpl ?? WebSocket
    const socket = new Impl(this.url())
    this.socket = socket
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'auth', token, last_event_id: this.lastEventId }))
    }
    socket.onmessage = (frame: MessageEvent) => {
      let message: EventMessage
      try {
        message = JSON.parse(String(frame.data)) as EventMessage
      } catch {
        return
      }
      this.receive(message)
    }
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.stopped) return
      if (this.status.value === 'live') this.wasLive = true
      this.status.value = this.wasLive ? 'lost' : 'connecting'
      this.schedule()
    }
    socket.onerror = () => {
      /* onclose follows */
    }
  }

  private receive(message: EventMessage): void {
    switch (message.type) {
      case 'ready': {
        const bridged = this.wasLive
        this.status.value = 'live'
        this.attempt = 0
        if (bridged) this.listeners.reconnected.forEach((h) => h())
        break
      }
      case 'reset':
        this.listeners.reset.forEach((h) => h())
        break
      case 'event':
        if (typeof message.id === 'number') {
          if (message.id <= this.lastEventId) return
          this.lastEventId = message.id
        }
        this.listeners.event.forEach((h) => h(message))
        break
      default:
        break
    }
  }

  private schedule(): void {
    const delay = backoffDelay(
      this.attempt++,
      this.options.baseDelayMs ?? 500,
      this.options.maxDelayMs ?? 15000,
      this.options.random ?? Math.random,
    )
    this.timer = setTimeout(() => {
      this.timer = null
      if (!this.stopped) this.open()
    }, delay)
  }
}
