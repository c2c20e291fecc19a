// The user's message for an ApiError: the error code's text in the current language, then the field
// it names (by its label) and the server's own words as the detail.
import { ApiError } from './errors'
import { label, t } from '../i18n'

export interface ShownError {
  title: string
  field: string | undefined
  fieldLabel: string | undefined
  detail: string
}

export function describeError(error: unknown): ShownError {
  if (!(error instanceof ApiError)) {
    return { title: t('error.internal'), field: undefined, fieldLabel: undefined, detail: String(error) }
  }
  if (error.code === 'rate_limited' && error.retryAfter) {
    return { title: t('login.locked', { seconds: error.retryAfter }), field: error.field, fieldLabel: undefined, detail: error.serverMessage }
  }
  const fieldLabel = error.field ? label('field', error.field) : undefined
  const title = (fieldLabel ? t('error.fieldPrefix', { field: fieldLabel }) : '') + label('error', error.code)
  return { title, field: error.field, fieldLabel, detail: error.serverMessage }
}

export function errorText(error: unknown): string {
  const shown = describeError(error)
  return shown.detail ? `${shown.title}（${shown.detail}）` : shown.title
}
