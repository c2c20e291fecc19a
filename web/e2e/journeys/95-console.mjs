// The manager's console on a replayed year: a small `hotline replay-year` of 2023 is loaded into
// the journey's database beside the demo data; the dashboard's KPI cards for 2023-12 and the
// reports page for 2023 show what `hotline report kpi` prints for the same database; the XLSX
// download is a workbook; the map says its boundaries are illustrative; a district filters it.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export const name = 'manager sees the replayed 2023 KPIs on the dashboard and in the reports, downloads the XLSX'

function hotline(world, args) {
  const bin = process.env.HOTLINE_BIN ?? new URL('../../../build/src/cli/hotline', import.meta.url).pathname
  const run = spawnSync(bin, [...args, '--db', world.db], { encoding: 'utf8', maxBuffer: 64 << 20 })
  if (run.status !== 0) throw new Error(`hotline ${args.join(' ')}: ${run.stderr}`)
  return run.stdout
}

const pct = (rate) => (rate === null || rate === undefined ? '—' : `${Number(rate).toFixed(2)}%`)

export async function run(world, assert) {
  hotline(world, ['replay-year', '--scale', '0.001', '--no-progress'])
  const expected = JSON.parse(hotline(world, ['report', 'kpi', '--year', '2023', '--format', 'json']))
  const december = expected.months.indexOf('2023-12')
  assert.ok(december >= 0, 'the replay has December')

  const page = await world.signIn('manager')
  await page.waitForURL(/\/desk\/dashboard/) // the manager's home
  await page.goto(`${world.baseURL}/desk/dashboard?month=2023-12`)
  for (const key of Object.keys(expected.kpis)) {
    const card = page.getByTestId(`kpi-${key}`)
    await card.waitFor({ timeout: 10000 })
    const kpi = expected.kpis[key]
    assert.equal((await card.getByTestId('kpi-month').innerText()).trim(), pct(kpi.rate[december]), `${key} of 2023-12`)
    assert.equal((await card.getByTestId('kpi-year').innerText()).trim(), pct(kpi.year.rate), `${key} of 2023`)
    if (kpi.met === false) assert.ok(await card.evaluate((el) => el.classList.contains('below')), `${key} is red: below its target for the year`)
  }
  // Today's intake is the server's aggregate; the map says its shapes are illustrative.
  const today = await world.api('manager', 'GET', '/api/v1/dashboard')
  await page.getByTestId('intake-count').getByText(String(today.body.intake.total), { exact: true }).waitFor({ timeout: 5000 })
  await page.getByTestId('map-note').waitFor({ timeout: 10000 })
  await page.waitForTimeout(600) // the charts' first animation
  await world.screenshot(page, 'dashboard')

  // A district (picked from the map's list, as a keyboard user would) filters the rest; the URL keeps it.
  const district = today.body.districts[0]?.district
  if (district) {
    const units = await world.api('manager', 'GET', '/api/v1/units')
    const districtName = units.body.items.find((u) => u.id === district)?.name
    await page.getByTestId('district-select').click()
    await page.getByRole('option', { name: districtName, exact: true }).click()
    await page.waitForURL(new RegExp(`district=${district}`))
    const within = await world.api('manager', 'GET', `/api/v1/dashboard?district=${district}`)
    await page.getByTestId('district-filter').waitFor()
    await page.getByTestId('intake-count').getByText(String(within.body.intake.total), { exact: true }).waitFor({ timeout: 5000 })
  }

  // The reports: tables 6-15 and 16 (the replay stores the year's management items), as the server builds them.
  await page.goto(`${world.baseURL}/desk/reports?year=2023`)
  const tables = await world.api('manager', 'GET', '/api/v1/reports/tables?year=2023')
  assert.equal(tables.status, 200)
  assert.equal(tables.body.evaluation, true, 'the replay entered the management items')
  const answerTable = tables.body.tables.find((t) => t.title.startsWith('表8'))
  assert.ok(answerTable, 'table 8 is there')
  await page.getByText(answerTable.title).waitFor({ timeout: 10000 })
  await page.getByText(tables.body.tables.at(-1).title).waitFor()
  const yearRate = expected.kpis.call_answer_rate.year.rate.toFixed(2)
  const rendered = await page.getByTestId(`table-${answerTable.sheet}`).innerText()
  assert.ok(rendered.includes(yearRate), `table 8 shows the year's answer rate ${yearRate}`)
  for (const row of answerTable.rows) assert.ok(rendered.includes(row[0]), `row ${row[0]}`)
  await world.screenshot(page, 'reports')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()])
  assert.match(download.suggestedFilename(), /^hotline-report-2023\.xlsx$/)
  const bytes = readFileSync(await download.path())
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'a zip')
  assert.ok(bytes.includes(Buffer.from('xl/workbook.xml')), 'with xl/workbook.xml')
}
