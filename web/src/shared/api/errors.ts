// One error model for the whole front end: every failed call becomes an `ApiError` with the API's
// code, the field it names (to highlight) and a message for the user in the current language.
import type { ApiErrorBody } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  readonly serverMessage: string
  retryAfter: number | undefined

  constructor(status: number, code: string, serverMessage: string, field?: string) {
    super(serverMessage)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.serverMessage = serverMessage
  }
}

// Reads the API's `{error:{code,message,field}}` body; anything else (a proxy's HTML page, an
// empty body) becomes a generic error of that status.
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error
  if (error && typeof error.code === 'string') {
    return new ApiError(status, error.code, error.message ?? '', error.field ?? undefined)
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'bad_request', `HTTP ${status}`)
}

export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause))
}
