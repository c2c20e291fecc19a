// Names for the generated schema types the screens use. Nothing here is written by hand: each is
// an alias of a type in schema.d.ts, which comes from the server's OpenAPI document.
import type { components, paths } from './schema'

type Schemas = components['schemas']
export type Ticket = Schemas['Ticket']
export type RegisteredTicket = Schemas['RegisteredTicket']
export type NewTicket = Schemas['NewTicket']
export type TicketEvent = Schemas['TicketEvent']
export type EventMessage = Schemas['EventMessage']
export type ActionRequest = Schemas['ActionRequest']
export type Me = Schemas['Me']
export type User = Schemas['User']
export type Unit = Schemas['Unit']
export type Category = Schemas['Category']
export type Classification = Schemas['Classification']
export type DispatchSuggestion = Schemas['DispatchSuggestion']
export type DispatchAdvice = Schemas['DispatchAdvice']
export type PossibleDuplicate = Schemas['PossibleDuplicate']
export type Caller = Schemas['Caller']
export type Place = Schemas['Place']
export type ApiErrorBody = Schemas['Error']
export type Role = NonNullable<User['role']>
export type TicketAction = paths['/api/v1/tickets/{id}/{action}']['post']['parameters']['path']['action']
export type TicketListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>
export type TicketState = string
export type Dashboard = Schemas['Dashboard']
export type KeyCount = Schemas['KeyCount']
export type KpiReport = Schemas['KpiReport']
export type KpiSeries = Schemas['KpiSeries']
export type ReportTables = Schemas['ReportTables']
export type ReportTable = Schemas['ReportTable']
export type EvaluationInputs = Schemas['EvaluationInputs']
