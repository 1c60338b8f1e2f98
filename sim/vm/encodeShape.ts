import { bytesToHex, type Hex } from 'viem'
import type { Shape } from './types.ts'
import { validateShape } from './validateShape.ts'

/** Shape descriptor: abi.encodePacked(uint8 shift, uint16 n_0, ..., uint16 n_L). */
export function encodeShape(shape: Shape): Hex {
  validateShape(shape)
  const out = new Uint8Array(1 + 2 * shape.sizes.length)
  out[0] = shape.shift
  shape.sizes.forEach((n, i) => {
    out[1 + 2 * i] = n >> 8
    out[2 + 2 * i] = n & 0xff
  })
  return bytesToHex(out)
}
