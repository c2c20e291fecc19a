import { describe, expect, it } from 'vitest'
import { leadingZeroBits, sha256, toHex } from '../sha256'
import { solve } from '../solver'

const text = (s: string) => new TextEncoder().encode(s)

describe('sha256', () => {
  it('matches the FIPS 180-4 vectors', () => {
    expect(toHex(sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(toHex(sha256(text('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(toHex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
  })
  it('handles lengths around the block boundary and UTF-8', () => {
    expect(toHex(sha256(text('a'.repeat(55))))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318')
    expect(toHex(sha256(text('a'.repeat(64))))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb')
    expect(sha256(text('五山路')).length).toBe(32)
  })
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x0f, 0xff]))).toBe(12)
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0)
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32)
  })
})

describe('solve', () => {
  it('finds a nonce the server would accept, reporting progress', () => {
    const challenge = 'v1.1700000000.12.c2FsdA.bWFj'
    let reported = 0
    const nonce = solve(challenge, 12, (tries) => (reported = tries), 256)
    expect(leadingZeroBits(sha256(text(`${challenge}:${nonce}`)))).toBeGreaterThanOrEqual(12)
    // The first such nonce: none before it qualifies.
    for (let n = 0; n < Number(nonce); n++) {
      expect(leadingZeroBits(sha256(text(`${challenge}:${n}`)))).toBeLessThan(12)
    }
    if (Number(nonce) >= 256) expect(reported).toBeGreaterThan(0)
  })
})
