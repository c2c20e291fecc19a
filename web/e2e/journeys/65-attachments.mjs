import { deflateSync } from 'node:zlib'

export const name = 'attachments: a photo uploaded on the ticket page shows with its preview; a disguised file is refused in Chinese; another unit cannot fetch it'

// A valid 2×2 PNG, built here so the test needs no fixture file.
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, tail])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(2, 0)
  ihdr.writeUInt32BE(2, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0])
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

export async function run(world, assert) {
  const created = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint', channel: 'phone', title: `占道经营附图 ${Date.now() % 100000}`, text: '天河区石牌街道有商贩长期占道经营，附现场照片。', place: { district: '440106' },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  const page = await world.signIn('agent')
  await page.goto(`${world.baseURL}/desk/tickets/${id}`)
  const panel = page.getByTestId('attachments')
  await panel.waitFor()
  await page.getByTestId('attachment-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png() })
  await panel.getByTestId('attachment').first().waitFor()
  assert.match(await panel.getByTestId('attachment').first().innerText(), /现场照片\.png/)
  await panel.locator('img.attachments__thumb').first().waitFor()

  // A page of HTML named as a photo: refused by content, the message in Chinese.
  await page.getByTestId('attachment-input').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>') })
  await page.getByTestId('attachment-error').waitFor()
  assert.match(await page.getByTestId('attachment-error').innerText(), /文件/)
  assert.equal(await panel.getByTestId('attachment').count(), 1)
  await world.screenshot(page, 'ticket-attachments')

  // The stored file is the uploaded one; another unit's handler gets nothing for its hash.
  const ticket = (await world.api('agent', 'GET', `/api/v1/tickets/${id}`)).body
  const sha = ticket.attachments[0].sha256
  const token = await world.token('agent')
  const file = await fetch(`${world.apiURL}/api/v1/tickets/${id}/attachments/${sha}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(file.status, 200)
  assert.equal(file.headers.get('content-type'), 'image/png')
  assert.ok(Buffer.from(await file.arrayBuffer()).equals(png()))
  const yuexiu = await world.token('yuexiu')
  const refused = await fetch(`${world.apiURL}/api/v1/tickets/${id}/attachments/${sha}`, { headers: { Authorization: `Bearer ${yuexiu}` } })
  assert.equal(refused.status, 404)
}
