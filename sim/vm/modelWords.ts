import type { Model } from './types.ts'
import { validateModel } from './validateModel.ts'

const cache = new WeakMap<Model, Int32Array>()

/**
 * The model's weight words in step order: for each layer, for each neuron, its weights then its bias.
 * Word pc is the one step pc reads, so there are exactly T words.
 */
export function modelWords(model: Model): Int32Array {
  const hit = cache.get(model)
  if (hit !== undefined) return hit
  validateModel(model)
  let t = 0
  for (const rows of model.weights) for (const row of rows) t += row.length + 1
  const words = new Int32Array(t)
  let o = 0
  model.weights.forEach((rows, l) => {
    rows.forEach((row, j) => {
      words.set(row, o)
      o += row.length
      words[o++] = (model.biases[l] as readonly number[])[j] as number
    })
  })
  cache.set(model, words)
  return words
}
