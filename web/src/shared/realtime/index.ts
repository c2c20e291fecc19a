// The tab's one event socket and the composable pages use to listen while they are mounted.
import { onBeforeUnmount } from 'vue'
import { EventSocket, type SocketHandlers } from './socket'

let shared: EventSocket | null = null

export function useEventSocket(): EventSocket {
  if (!shared) throw new Error('event socket not started')
  return shared
}

export function installEventSocket(socket: EventSocket): EventSocket {
  shared = socket
  return socket
}

// Subscribes for the life of the calling component.
export function useTicketEvents(handlers: Partial<SocketHandlers>): void {
  const socket = shared
  if (!socket) return
  const offs = (Object.keys(handlers) as (keyof SocketHandlers)[]).map((name) =>
    socket.on(name, handlers[name] as never),
  )
  onBeforeUnmount(() => offs.forEach((off) => off()))
}
