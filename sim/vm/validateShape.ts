import { InvalidShapeError } from './errors.ts'
import type { Shape } from './types.ts'

export const MAX_LAYERS = 64
export const MAX_TRACE_LENGTH = 2 ** 32
export const MAX_MEMORY_WORDS = 2 ** 24
export const MAX_SHIFT = 31

/** Throws InvalidShapeError (with the reason code of ModelVM_BadShape) unless `shape` is valid. */
export function validateShape(shape: Shape): void {
  const { sizes, shift } = shape
  if (sizes.length < 2) throw new InvalidShapeError(1, `need at least 2 widths, got ${sizes.length}`)
  if (sizes.length - 1 > MAX_LAYERS) throw new InvalidShapeError(2, `${sizes.length - 1} layers > ${MAX_LAYERS}`)
  if (!Number.isInteger(shift) || shift < 0 || shift > MAX_SHIFT) throw new InvalidShapeError(4, `shift ${shift}`)
  let t = 0
  let m = 0
  sizes.forEach((n, l) => {
    if (!Number.isInteger(n) || n < 1 || n > 0xffff) throw new InvalidShapeError(3, `width ${n} of layer ${l}`)
    m += n
    if (l > 0) t += n * ((sizes[l - 1] as number) + 1)
  })
  if (t > MAX_TRACE_LENGTH || m > MAX_MEMORY_WORDS) throw new InvalidShapeError(5, `T = ${t}, memory = ${m} words`)
}
