// Quality inspection (质检) calls, typed from the generated schema.
import { api } from '@/shared/api/client'
import type { components } from '@/shared/api/schema'

export type Checklist = components['schemas']['QualityChecklist']
export type ChecklistInput = components['schemas']['QualityChecklistInput']
export type Agent = components['schemas']['QualityAgent']
export type Team = components['schemas']['QualityTeam']
export type Inspection = components['schemas']['QualityInspection']
export type InspectionDetail = components['schemas']['QualityInspectionDetail']
export type SampleRequest = components['schemas']['QualitySampleRequest']
export type ScoreRow = components['schemas']['QualityScoreRow']

export async function listChecklists(): Promise<Checklist[]> {
  const { data } = await api.GET('/api/v1/quality/checklists')
  return data?.items ?? []
}
export async function createChecklist(body: ChecklistInput): Promise<Checklist> {
  const { data } = await api.POST('/api/v1/quality/checklists', { body })
  return data as Checklist
}
export async function updateChecklist(id: number, body: ChecklistInput): Promise<Checklist> {
  const { data } = await api.PUT('/api/v1/quality/checklists/{id}', { params: { path: { id } }, body })
  return data as Checklist
}
// The active agent accounts a sample may be drawn for (supervisors and managers).
export async function listAgents(): Promise<Agent[]> {
  const { data } = await api.GET('/api/v1/quality/agents')
  return data?.items ?? []
}
export async function listTeams(): Promise<Team[]> {
  const { data } = await api.GET('/api/v1/quality/teams')
  return data?.items ?? []
}
export async function saveTeams(items: Team[]): Promise<Team[]> {
  const { data } = await api.PUT('/api/v1/quality/teams', { body: { items } })
  return data?.items ?? []
}
export async function drawSample(body: SampleRequest): Promise<Inspection[]> {
  const { data } = await api.POST('/api/v1/quality/samples', { body })
  return data?.items ?? []
}
export async function listInspections(query: { agent_id?: number; state?: 'pending' | 'scored' } = {}): Promise<Inspection[]> {
  const { data } = await api.GET('/api/v1/quality/inspections', { params: { query } })
  return data?.items ?? []
}
export async function getInspection(id: number): Promise<InspectionDetail> {
  const { data } = await api.GET('/api/v1/quality/inspections/{id}', { params: { path: { id } } })
  return data as InspectionDetail
}
export async function scoreInspection(id: number, scores: Record<string, number>, remarks: string): Promise<Inspection> {
  const { data } = await api.PUT('/api/v1/quality/inspections/{id}/score', { params: { path: { id } }, body: { scores, remarks } })
  return data as Inspection
}
export async function listScores(by: 'agent' | 'team'): Promise<ScoreRow[]> {
  const { data } = await api.GET('/api/v1/quality/scores', { params: { query: { by } } })
  return data?.items ?? []
}
