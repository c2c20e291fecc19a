import { describe, expect, it } from 'vitest'
import type { Ticket, TicketAction } from '../../../api/types'
import {
  ACTIONS_WITHOUT_DIALOG, OUTCOMES, RATINGS, TYPES, URGENCIES, actionSpecs, buildBody, emptyForm, formFieldOf, isRequired, missingFields, visibleFields,
} from '../actionSpec'

// @ts-ignore -- Node's fs in a Vitest test (the app's tsconfig carries no Node types)
import { readFileSync } from 'node:fs'

// The server's own OpenAPI document and lifecycle table (generated from its transition table),
// read from the repository (Vitest runs in web/).
const cwd = (globalThis as unknown as { process: { cwd(): string } }).process.cwd()
const read = (path: string): string => readFileSync(`${cwd}/../${path}`, 'utf8')
const openapi = JSON.parse(read('src/net/openapi.json'))
const lifecycle = read('docs/lifecycle.md')
const actionEnum: string[] = openapi.paths['/api/v1/tickets/{id}/{action}'].post.parameters.find((p: { name: string }) => p.name === 'action').schema.enum
const requestProps = openapi.components.schemas.ActionRequest.properties

// | `action` | from | to | roles | reason required | description |
const reasonRequired = new Map(
  lifecycle
    .split('\n')
    .map((line: string) => /^\| `([a-z_]+)` \|[^|]*\|[^|]*\|[^|]*\| (yes|no) \|/.exec(line))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => [m[1]!, m[2] === 'yes'] as const),
)

const ticket = (extra: Partial<Ticket> = {}): Ticket => ({ id: 7, state: 'pending_review', co_handling: [], ...extra }) as Ticket

describe('the action form spec', () => {
  it('has a spec for every action of the OpenAPI enum, and none besides', () => {
    expect(actionEnum.length).toBeGreaterThan(20)
    const withoutDialog: readonly string[] = ACTIONS_WITHOUT_DIALOG
    expect(Object.keys(actionSpecs).sort()).toEqual(actionEnum.filter((a) => !withoutDialog.includes(a)).sort())
    for (const a of ACTIONS_WITHOUT_DIALOG) expect(actionEnum).toContain(a)
  })

  it('asks only for ActionRequest fields', () => {
    for (const [action, spec] of Object.entries(actionSpecs)) {
      for (const field of spec.fields) expect(requestProps, `${action}.${field.name}`).toHaveProperty(field.name)
    }
  })

  it('requires a reason exactly where docs/lifecycle.md says "reason required: yes"', () => {
    expect(reasonRequired.size).toBeGreaterThan(20)
    for (const action of actionEnum) {
      const spec = (actionSpecs as Record<string, (typeof actionSpecs)['submit']>)[action]
      if (!spec) continue // an upload, not a form (ACTIONS_WITHOUT_DIALOG)
      const reason = spec.fields.find((f) => f.name === 'reason')
      const always = reason?.required === true
      expect(always, `${action}: reason always required`).toBe(reasonRequired.get(action) ?? false)
    }
  })

  it('uses the enum values of the OpenAPI document', () => {
    expect([...RATINGS]).toEqual(requestProps.rating.enum)
    expect([...OUTCOMES]).toEqual(requestProps.outcome.enum)
    expect([...TYPES]).toEqual(requestProps.type.enum)
    expect([...URGENCIES]).toEqual(requestProps.urgency.enum)
  })

  it('requires the inputs the server requires', () => {
    const form = emptyForm()
    expect(missingFields('dispatch', form, ticket())).toEqual(['lead_unit'])
    expect(missingFields('handle', form, ticket())).toEqual(['note'])
    expect(missingFields('request_extension', form, ticket())).toEqual(['extension_days', 'reason'])
    expect(missingFields('merge', form, ticket())).toEqual(['merge_into', 'reason'])
    expect(missingFields('co_opinion', form, ticket())).toEqual(['opinion'])
    expect(missingFields('resolve_at_intake', form, ticket())).toEqual(['answer'])
    expect(missingFields('rate_intake', form, ticket())).toEqual(['rating'])
    expect(missingFields('forward', form, ticket())).toEqual(['unit'])
    expect(missingFields('submit', form, ticket())).toEqual([])
    expect(missingFields('acknowledge', form, ticket())).toEqual([])
  })

  it('review and review_reply need a reason only when sending back', () => {
    const form = emptyForm()
    expect(missingFields('review', form, ticket())).toEqual([])
    form.approve = false
    expect(missingFields('review', form, ticket())).toEqual(['reason'])
    expect(missingFields('review_reply', form, ticket())).toEqual(['reason'])
    expect(visibleFields('review', form, ticket()).map((f) => f.name)).not.toContain('category')
  })

  it('callback: a rating with outcome rated, a reason with a dissatisfied one, nothing else otherwise', () => {
    const form = emptyForm()
    expect(missingFields('callback', form, ticket())).toEqual(['rating'])
    form.rating = 'dissatisfied'
    expect(missingFields('callback', form, ticket())).toEqual(['reason'])
    form.outcome = 'unreachable'
    expect(visibleFields('callback', form, ticket()).map((f) => f.name)).toEqual(['outcome', 'reason'])
    expect(missingFields('callback', form, ticket())).toEqual([])
    expect(buildBody('callback', form, ticket())).toEqual({ outcome: 'unreachable' })
  })

  it('reply needs a reason while a co-handling unit owes its opinion', () => {
    const form = emptyForm()
    form.reply = '已处理'
    const waiting = ticket({ co_handling: [{ unit: '440106', opinion: '' }] })
    const given = ticket({ co_handling: [{ unit: '440106', opinion: '同意' }] })
    const reason = actionSpecs.reply.fields.find((f) => f.name === 'reason')!
    expect(isRequired(reason, form, waiting)).toBe(true)
    expect(isRequired(reason, form, given)).toBe(false)
    expect(missingFields('reply', form, waiting)).toEqual(['reason'])
  })

  it('builds a body of only the visible fields that have a value', () => {
    const form = emptyForm()
    form.lead_unit = '440106'
    form.reason = '  无关  '
    form.note = 'not a dispatch field'
    expect(buildBody('dispatch', form, ticket())).toEqual({ lead_unit: '440106' })
    expect(buildBody('recall', form, ticket())).toEqual({ reason: '无关' })
    expect(buildBody('review', form, ticket())).toEqual({ approve: true, reason: '无关' })
    form.place_district = '440106'
    form.place_address = '天河路1号'
    expect(buildBody('correct', form, ticket()).place).toEqual({ district: '440106', address: '天河路1号' })
  })

  it('maps the field a 400 names to its form item', () => {
    expect(formFieldOf('place.district')).toBe('place')
    expect(formFieldOf('reason')).toBe('reason')
    expect(formFieldOf(undefined)).toBeUndefined()
  })
})
