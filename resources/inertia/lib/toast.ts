import { reactive } from 'vue'

/** Short confirmations announced politely (the region lives in each layout). */
export const toasts = reactive<{ id: number; text: string; kind: 'success' | 'error' }[]>([])
let next = 1

export function toast(text: string, kind: 'success' | 'error' = 'success') {
  const id = next++
  toasts.push({ id, text, kind })
  setTimeout(() => {
    const i = toasts.findIndex((t) => t.id === id)
    if (i !== -1) toasts.splice(i, 1)
  }, 4000)
}
