// The typed API client (openapi-fetch over the generated schema) with the one middleware every
// request passes: the bearer token, Accept-Language, and a failed response turned into ApiError.
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { apiErrorFrom, networkError } from './errors'

export interface ClientHooks {
  token: () => string | null
  language: () => string
  onUnauthenticated: () => void
}

let hooks: ClientHooks = { token: () => null, language: () => 'zh-CN', onUnauthenticated: () => {} }

export function configureClient(next: ClientHooks): void {
  hooks = next
}

// The headers every call carries, for the few requests that are not JSON (file upload and download).
export function authHeaders(): Record<string, string> {
  const token = hooks.token()
  return { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Accept-Language': hooks.language() }
}

const middleware: Middleware = {
  onRequest({ request }) {
    const token = hooks.token()
    if (token) request.headers.set('Authorization', `Bearer ${token}`)
    request.headers.set('Accept-Language', hooks.language())
    return request
  },
  async onResponse({ response }) {
    if (response.ok) return response
    let body: unknown
    try {
      body = await response.clone().json()
    } catch {
      body = undefined
    }
    const error = apiErrorFrom(response.status, body)
    const retry = response.headers.get('Retry-After')
    if (retry) error.retryAfter = Number(retry)
    if (response.status === 401 && !response.url.endsWith('/auth/login')) hooks.onUnauthenticated()
    throw error
  },
  onError({ error }) {
    throw error instanceof Error && error.name === 'ApiError' ? error : networkError(error)
  },
}

export function makeClient(fetchImpl?: typeof fetch) {
  const client = createClient<paths>({
    baseUrl: globalThis.location?.origin ?? '',
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
  client.use(middleware)
  return client
}

// The app's client. Tests build their own with `makeClient(fakeFetch)`.
export let api = makeClient()

export function replaceClientForTests(fetchImpl: typeof fetch): void {
  api = makeClient(fetchImpl)
}
