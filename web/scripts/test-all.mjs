// The front end's whole test run, as `make test-web` calls it: the generated API types are current,
// strict type check, Vitest, then the journeys (e2e/run.mjs). Ends with one line:
// "web: N passed, N failed" (Vitest tests and journeys together).
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = fileURLToPath(new URL('..', import.meta.url))
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { cwd: web, stdio: 'inherit', ...options })

let passed = 0
let failed = 0
const step = (label, result) => {
  if (result.status !== 0) {
    console.error(`test-web: ${label} failed`)
    failed++
    return false
  }
  return true
}

step('gen-api --check', run('node', ['scripts/gen-api.mjs', '--check']))
step('vue-tsc', run('npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.app.json']))

const report = join(tmpdir(), `vitest-${process.pid}.json`)
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
try {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests + (json.success === false && json.numFailedTests === 0 ? 1 : 0)
  rmSync(report, { force: true })
} catch {
  console.error('test-web: vitest wrote no report')
  failed++
}

const e2e = spawnSync('node', ['e2e/run.mjs'], { cwd: web, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
process.stdout.write(e2e.stdout ?? '')
const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.stdout ?? '')
if (m) {
  passed += Number(m[1])
  failed += Number(m[2])
}
if (!m || e2e.status !== 0) failed += m ? 0 : 1

console.log(`web: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
