import { bytesToHex, type Hex } from 'viem'
import type { Model } from './types.ts'
import { weightsTree } from './weightsTree.ts'

/** The model's weights commitment (what ModelRegistry stores and ModelVM.step checks against). */
export function weightsRoot(model: Model): Hex {
  return bytesToHex(weightsTree(model).root())
}
