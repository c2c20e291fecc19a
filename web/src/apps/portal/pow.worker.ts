// The proof-of-work solver off the main thread: {challenge, difficulty} in; {progress} messages,
// then {nonce}.
import { solve } from './solver'

self.onmessage = (event: MessageEvent<{ challenge: string; difficulty: number }>) => {
  const { challenge, difficulty } = event.data
  const nonce = solve(challenge, difficulty, (tries) => self.postMessage({ progress: tries }))
  self.postMessage({ nonce })
}
