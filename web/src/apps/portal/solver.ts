// The proof of work: the first nonce n (decimal) such that SHA-256(challenge + ":" + n) starts
// with `difficulty` zero bits, as core/proof_of_work.hpp checks it. Runs in the worker
// (pow.worker.ts); `onProgress` is called every `every` tries.
import { leadingZeroBits, sha256 } from './sha256'

export function solve(
  challenge: string,
  difficulty: number,
  onProgress?: (tries: number) => void,
  every = 4096,
): string {
  const encoder = new TextEncoder()
  for (let n = 0; ; n++) {
    const nonce = String(n)
    if (leadingZeroBits(sha256(encoder.encode(`${challenge}:${nonce}`))) >= difficulty) return nonce
    if (onProgress && n % every === every - 1) onProgress(n + 1)
  }
}

// The expected tries for a difficulty: 2^difficulty (for the progress bar).
export function expectedTries(difficulty: number): number {
  return 2 ** difficulty
}
