import { hexToBytes, type Hex } from 'viem'
import { InvalidShapeError } from './errors.ts'
import type { Shape } from './types.ts'
import { validateShape } from './validateShape.ts'

/** Inverse of encodeShape; throws InvalidShapeError on malformed bytes (as ModelVM.layout reverts). */
export function decodeShape(descriptor: Hex): Shape {
  const b = hexToBytes(descriptor)
  if (b.length < 5 || (b.length - 1) % 2 !== 0) throw new InvalidShapeError(1, `${b.length} bytes`)
  const sizes: number[] = []
  for (let i = 1; i < b.length; i += 2) sizes.push(((b[i] as number) << 8) | (b[i + 1] as number))
  const shape: Shape = { sizes, shift: b[0] as number }
  validateShape(shape)
  return shape
}
