// The classifier's advice for what the agent is typing: POST /classify debounced (~400 ms after the
// last keystroke); an answer to an older text never replaces a newer one.
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import { api } from '@/shared/api/client'
import type { DispatchAdvice } from '@/shared/api/types'

export interface ClassifyInput {
  title: string
  text: string
}
export type Classifier = (input: ClassifyInput) => Promise<DispatchAdvice | null>

export const classifyViaApi: Classifier = async ({ title, text }) => {
  const { data } = await api.POST('/api/v1/classify', { body: { title, text } })
  return (data ?? null) as DispatchAdvice | null
}

export function useClassify(source: () => ClassifyInput, options: { delay?: number; classify?: Classifier } = {}) {
  const delay = options.delay ?? 400
  const classify = options.classify ?? classifyViaApi
  const advice = shallowRef<DispatchAdvice | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let sequence = 0

  async function run(input: ClassifyInput) {
    const mine = ++sequence
    loading.value = true
    try {
      const result = await classify(input)
      if (mine !== sequence) return
      advice.value = result
      error.value = null
    } catch (e) {
      if (mine === sequence) error.value = e
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  function schedule(input: ClassifyInput) {
    if (timer) clearTimeout(timer)
    timer = null
    const title = input.title.trim()
    const text = input.text.trim()
    if (!title && !text) {
      sequence++ // drop any answer still on its way
      advice.value = null
      loading.value = false
      return
    }
    timer = setTimeout(() => {
      timer = null
      void run({ title, text })
    }, delay)
  }

  watch(source, schedule, { immediate: true, deep: true })
  onScopeDispose(() => {
    if (timer) clearTimeout(timer)
  })
  return { advice, loading, error }
}
