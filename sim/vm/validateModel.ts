import { isInt32 } from './bytes.ts'
import { InvalidModelError } from './errors.ts'
import type { Model } from './types.ts'
import { validateShape } from './validateShape.ts'

/** Throws InvalidModelError unless weights and biases match the shape and are int32. */
export function validateModel(model: Model): void {
  validateShape(model.shape)
  const { sizes } = model.shape
  const L = sizes.length - 1
  if (model.weights.length !== L || model.biases.length !== L) {
    throw new InvalidModelError(`expected ${L} layers of weights and biases`)
  }
  for (let l = 0; l < L; l++) {
    const rows = model.weights[l] ?? []
    const biases = model.biases[l] ?? []
    if (rows.length !== sizes[l + 1] || biases.length !== sizes[l + 1]) {
      throw new InvalidModelError(`layer ${l + 1} must have ${sizes[l + 1]} neurons`)
    }
    rows.forEach((row, j) => {
      if (row.length !== sizes[l]) throw new InvalidModelError(`layer ${l + 1} neuron ${j} needs ${sizes[l]} weights`)
      if (!row.every(isInt32)) throw new InvalidModelError(`layer ${l + 1} neuron ${j} has a non-int32 weight`)
    })
    if (!biases.every(isInt32)) throw new InvalidModelError(`layer ${l + 1} has a non-int32 bias`)
  }
}
