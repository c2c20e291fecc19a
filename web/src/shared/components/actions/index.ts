// The action dialogs other screens reuse: the dialog component and the per-action form spec.
export { default as TicketActionDialog } from './TicketActionDialog.vue'
export { actionSpecs, specOf, missingFields, buildBody, visibleFields, isRequired, emptyForm } from './actionSpec'
export type { ActionForm, ActionSpec, FieldSpec, ActionField } from './actionSpec'
