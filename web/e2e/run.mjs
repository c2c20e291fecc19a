// Runs every journey in e2e/journeys/*.mjs (or those named on the command line) against one world,
// one after another, and prints "N passed, N failed". Each journey exports `name` and
// `run(world, check)`.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import assert from 'node:assert/strict'
import { startWorld, webDir } from './harness.mjs'

const dir = join(webDir, 'e2e', 'journeys')
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const world = await startWorld()
let passed = 0
let failed = 0
for (const file of files) {
  const journey = await import(pathToFileURL(join(dir, file)).href)
  const started = Date.now()
  try {
    world.problems.length = 0
    await journey.run(world, assert)
    if (world.problems.length) throw new Error(`the pages reported:\n     ${world.problems.join('\n     ')}`)
    passed++
    console.log(`ok   ${file}: ${journey.name} (${Date.now() - started} ms)`)
  } catch (e) {
    failed++
    console.log(`FAIL ${file}: ${journey.name}\n     ${e?.stack ?? e}`)
  } finally {
    for (const context of world.browser.contexts()) await context.close().catch(() => {})
  }
}
if (failed) console.log(`--- server log (tail) ---\n${world.serverLog().slice(-4000)}`)
await world.stop()
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
