// The portal form's state and its checks before anything is sent: the same limits the server
// applies (core/portal_service.hpp), so most mistakes are shown at once, by the input. The server
// still decides; its 400s name the same fields.
export const TICKET_TYPES = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const
export type TicketType = (typeof TICKET_TYPES)[number]

export const LIMITS = {
  minText: 5,
  maxText: 2000,
  maxName: 20,
  maxAddress: 100,
  maxPhotos: 5,
  maxPhotoBytes: 8 * 1024 * 1024,
  photoTypes: ['image/jpeg', 'image/png', 'image/webp'],
} as const

export interface PortalForm {
  type: TicketType | ''
  text: string
  district: string
  street: string
  address: string
  latitude: number | null
  longitude: number | null
  name: string
  phone: string
  confidential: boolean
  consent: boolean
}

export function emptyForm(): PortalForm {
  return {
    type: '',
    text: '',
    district: '',
    street: '',
    address: '',
    latitude: null,
    longitude: null,
    name: '',
    phone: '',
    confidential: false,
    consent: false,
  }
}

// Characters as people count them (code points), as the server does.
export function chars(text: string): number {
  return Array.from(text.trim()).length
}

// Field -> message key (i18n `portal.errors.*`). Empty when the form may be sent.
export function validate(form: PortalForm): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!form.type) errors.type = 'type'
  const text = chars(form.text)
  if (text < LIMITS.minText) errors.text = 'textShort'
  else if (text > LIMITS.maxText) errors.text = 'textLong'
  if (!form.district) errors['place.district'] = 'district'
  if (!form.street) errors['place.street'] = 'street'
  if (!form.address.trim()) errors['place.address'] = 'address'
  else if (chars(form.address) > LIMITS.maxAddress) errors['place.address'] = 'addressLong'
  if (!form.name.trim()) errors.name = 'name'
  else if (chars(form.name) > LIMITS.maxName) errors.name = 'nameLong'
  const phone = form.phone.replace(/[\s-]/g, '')
  if (!/^1[3-9]\d{9}$/.test(phone)) errors.phone = 'phone'
  if (!form.consent) errors.consent = 'consent'
  return errors
}

// A photo's problem before upload: 'photoType' or 'photoSize'; null when it may be sent.
export function checkPhoto(file: { type: string; size: number }): string | null {
  if (!(LIMITS.photoTypes as readonly string[]).includes(file.type)) return 'photoType'
  if (file.size > LIMITS.maxPhotoBytes) return 'photoSize'
  return null
}

// The request body (the proof of work added by the caller).
export function requestBody(form: PortalForm, challenge: string, nonce: string) {
  const place: Record<string, unknown> = {
    district: form.district,
    street: form.street,
    address: form.address.trim(),
  }
  if (form.latitude !== null && form.longitude !== null) {
    place.latitude = form.latitude
    place.longitude = form.longitude
  }
  return {
    type: form.type,
    text: form.text.trim(),
    place,
    name: form.name.trim(),
    phone: form.phone.replace(/[\s-]/g, ''),
    confidential: form.confidential,
    consent: form.consent,
    challenge,
    nonce,
  }
}
