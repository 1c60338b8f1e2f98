import type { Shape } from './types.ts'
import { validateShape } from './validateShape.ts'

/** T = sum over layers l = 1..L of n_l * (n_{l-1} + 1): one multiply-accumulate per weight, one finish per neuron. */
export function traceLength(shape: Shape): number {
  validateShape(shape)
  let t = 0
  for (let l = 1; l < shape.sizes.length; l++) t += (shape.sizes[l] as number) * ((shape.sizes[l - 1] as number) + 1)
  return t
}
