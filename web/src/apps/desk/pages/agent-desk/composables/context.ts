// What the agent desk's page shares with its form parts: the draft and the fields the server named.
import type { InjectionKey } from 'vue'
import type { DraftTicket } from './draft'
import type { FieldErrors } from './useRegistration'

export interface AgentDeskContext {
  draft: DraftTicket
  fieldErrors: FieldErrors
}
export const agentDeskKey: InjectionKey<AgentDeskContext> = Symbol('agentDesk')
