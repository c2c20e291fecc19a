// Ticket attachments: the upload is the raw file (POST .../attachments?filename=), the download a
// blob fetched with the bearer token (a plain link could not carry it), shown or saved through an
// object URL. The server decides the type by content and checks size and visibility.
import { authHeaders } from './client'
import { apiErrorFrom, networkError } from './errors'
import type { Ticket } from './types'

export type Attachment = NonNullable<Ticket['attachments']>[number]

async function failure(response: Response) {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  return apiErrorFrom(response.status, body)
}

export async function uploadAttachment(ticketId: number, file: File, fetchImpl: typeof fetch = fetch): Promise<Ticket> {
  const url = `/api/v1/tickets/${ticketId}/attachments?filename=${encodeURIComponent(file.name)}`
  let response: Response
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { ...authHeaders(), 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    })
  } catch (e) {
    throw networkError(e)
  }
  if (!response.ok) throw await failure(response)
  return (await response.json()) as Ticket
}

export async function fetchAttachment(ticketId: number, sha256: string, fetchImpl: typeof fetch = fetch): Promise<Blob> {
  let response: Response
  try {
    response = await fetchImpl(`/api/v1/tickets/${ticketId}/attachments/${sha256}`, { headers: authHeaders() })
  } catch (e) {
    throw networkError(e)
  }
  if (!response.ok) throw await failure(response)
  return response.blob()
}

export function isImage(attachment: Attachment): boolean {
  return /^image\/(png|jpeg|gif|webp)$/.test(attachment.content_type ?? '')
}

export function humanSize(bytes: number | undefined): string {
  const n = bytes ?? 0
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
