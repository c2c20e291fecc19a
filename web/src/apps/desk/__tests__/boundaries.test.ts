// The folder rules of WEB-STYLE.md, checked on the sources: `shared/` never imports from `apps/`,
// and one page never imports another page (shared things move to `shared/`).
import { describe, expect, it } from 'vitest'

const sources = import.meta.glob('/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

function imports(code: string): string[] {
  return [...code.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '')
}

function resolve(file: string, spec: string): string {
  if (spec.startsWith('@/')) return `/src/${spec.slice(2)}`
  if (!spec.startsWith('.')) return spec
  const parts = file.split('/').slice(0, -1)
  for (const part of spec.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}

const pageOf = (path: string) => /^\/src\/apps\/desk\/pages\/([^/]+)\//.exec(path)?.[1]

describe('module boundaries', () => {
  const files = Object.keys(sources).filter((f) => !f.includes('/__tests__/'))

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(50)
  })

  it('shared/ never imports from apps/', () => {
    const bad = files
      .filter((f) => f.startsWith('/src/shared/'))
      .flatMap((f) => imports(sources[f]!).map((s) => [f, resolve(f, s)] as const))
      .filter(([, target]) => target.startsWith('/src/apps/'))
    expect(bad).toEqual([])
  })

  it('a page never imports another page', () => {
    const bad = files
      .filter((f) => pageOf(f))
      .flatMap((f) => imports(sources[f]!).map((s) => [f, resolve(f, s)] as const))
      .filter(([f, target]) => pageOf(target) && pageOf(target) !== pageOf(f))
    expect(bad).toEqual([])
  })
})
