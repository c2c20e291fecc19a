// The portal's few calls, with plain fetch (no session, no client library: the portal stays small).
// A failed answer becomes PortalError: the server's message (Chinese for the portal), the field it
// names, the wait of a 429; a network failure has status 0.
import type { components } from '@/shared/api/schema'

export type Places = components['schemas']['PortalPlaces']
export type Challenge = components['schemas']['PortalChallenge']
export type Receipt = components['schemas']['PortalReceipt']
export type Photo = components['schemas']['PortalPhoto']
export type TrackingView = components['schemas']['TrackingView']
export type TrackingGrant = components['schemas']['TrackingGrant']
export type CitizenRating = components['schemas']['TrackingRating']['level']

export class PortalError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message)
    this.name = 'PortalError'
  }
}

const JSON_TYPE = { 'Content-Type': 'application/json' }

async function call<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { method, body, headers: { 'Accept-Language': 'zh-CN', ...headers } })
  } catch {
    throw new PortalError(0, 'network')
  }
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const error = (json as { error?: { message?: string; field?: string } } | undefined)?.error
    const retry = response.headers.get('Retry-After')
    throw new PortalError(response.status, error?.message ?? `HTTP ${response.status}`, error?.field, retry ? Number(retry) : undefined)
  }
  return json as T
}

export const portalApi = {
  places: () => call<Places>('GET', '/api/v1/portal/places'),
  challenge: () => call<Challenge>('POST', '/api/v1/portal/challenges'),
  submit: (body: unknown) =>
    call<Receipt>('POST', '/api/v1/portal/requests', JSON.stringify(body), { 'Content-Type': 'application/json' }),
  photo: (id: number, token: string, file: Blob) =>
    call<Photo>('POST', `/api/v1/portal/requests/${id}/photos`, file, {
      Authorization: `Upload ${token}`,
      'Content-Type': file.type || 'application/octet-stream',
    }),
  // Tracking (查询): a code to the number given with the request, then a token for 30 minutes.
  trackCode: (ticketId: number, phone: string) =>
    call<unknown>('POST', '/api/v1/portal/track/codes', JSON.stringify({ ticket_id: ticketId, phone }), JSON_TYPE),
  trackVerify: (ticketId: number, phone: string, code: string) =>
    call<TrackingGrant>('POST', '/api/v1/portal/track', JSON.stringify({ ticket_id: ticketId, phone, code }), JSON_TYPE),
  trackView: (ticketId: number, token: string) =>
    call<TrackingView>('GET', `/api/v1/portal/track/${ticketId}`, undefined, { Authorization: `Track ${token}` }),
  trackRate: (ticketId: number, token: string, level: CitizenRating, reason: string) =>
    call<TrackingView>('POST', `/api/v1/portal/track/${ticketId}/rating`, JSON.stringify(reason ? { level, reason } : { level }), {
      ...JSON_TYPE,
      Authorization: `Track ${token}`,
    }),
}

// Solves a challenge in a Web Worker; `onProgress` gets the tries so far.
export function solveInWorker(challenge: Challenge, onProgress: (tries: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<{ progress?: number; nonce?: string }>) => {
      if (event.data.progress !== undefined) onProgress(event.data.progress)
      if (event.data.nonce !== undefined) {
        worker.terminate()
        resolve(event.data.nonce)
      }
    }
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(event.message))
    }
    worker.postMessage({ challenge: challenge.challenge, difficulty: challenge.difficulty })
  })
}
