import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventSocket, backoffDelay } from '../socket'

class FakeSocket {
  static all: FakeSocket[] = []
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  close() {
    this.closed = true
  }
  // server side
  open() {
    this.onopen?.()
  }
  push(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
  drop() {
    this.onclose?.()
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!

describe('EventSocket', () => {
  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  function make() {
    return new EventSocket({
      url: 'ws://test/api/v1/events',
      token: () => 'tok',
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 1,
    })
  }

  it('authenticates with a first message, never the URL, and goes live on ready', () => {
    const socket = make()
    socket.start()
    expect(last().url).not.toContain('tok')
    last().open()
    expect(JSON.parse(last().sent[0]!)).toEqual({ type: 'auth', token: 'tok', last_event_id: 0 })
    expect(socket.status.value).toBe('connecting')
    last().push({ type: 'ready' })
    expect(socket.status.value).toBe('live')
  })

  it('delivers each event once, resumes after the last id and signals reconnected', () => {
    const socket = make()
    const events: number[] = []
    const reconnected = vi.fn()
    socket.on('event', (m) => events.push(m.id!))
    socket.on('reconnected', reconnected)
    socket.start()
    last().open()
    last().push({ type: 'ready' })
    last().push({ type: 'event', id: 7, ticket: { id: 1 } })
    last().push({ type: 'event', id: 7, ticket: { id: 1 } })
    last().push({ type: 'event', id: 9, ticket: { id: 1 } })
    expect(events).toEqual([7, 9])

    last().drop()
    expect(socket.status.value).toBe('lost')
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(FakeSocket.all).toHaveLength(2)
    last().open()
    expect(JSON.parse(last().sent[0]!).last_event_id).toBe(9)
    expect(socket.status.value).toBe('lost')
    last().push({ type: 'event', id: 10, ticket: { id: 1 } })
    last().push({ type: 'ready' })
    expect(socket.status.value).toBe('live')
    expect(reconnected).toHaveBeenCalledTimes(1)
    expect(events).toEqual([7, 9, 10])
  })

  it('backs off while the server stays away, and a reset asks lists to reload', () => {
    const socket = make()
    const reset = vi.fn()
    socket.on('reset', reset)
    socket.start()
    last().open()
    last().push({ type: 'ready' })
    last().drop()
    vi.advanceTimersByTime(100)
    last().drop()
    vi.advanceTimersByTime(199)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    last().open()
    last().push({ type: 'reset' })
    expect(reset).toHaveBeenCalledTimes(1)
  })

  it('stops for good on stop()', () => {
    const socket = make()
    socket.start()
    last().open()
    socket.stop()
    expect(last().closed).toBe(true)
    last().drop()
    vi.advanceTimersByTime(10_000)
    expect(FakeSocket.all).toHaveLength(1)
    expect(socket.status.value).toBe('idle')
  })

  it('backoff grows to the cap with jitter', () => {
    expect(backoffDelay(0, 500, 15000, () => 0)).toBe(250)
    expect(backoffDelay(3, 500, 15000, () => 1)).toBe(4000)
    expect(backoffDelay(20, 500, 15000, () => 1)).toBe(15000)
  })
})
