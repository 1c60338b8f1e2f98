import { layoutOf } from './layout.ts'
import { runMemory } from './runMemory.ts'
import type { Model } from './types.ts'

/** Runs the model on int32 input values and returns the int32 output values (no hashing). */
export function execute(model: Model, input: readonly number[]): number[] {
  const layout = layoutOf(model.shape)
  const mem = runMemory(model, input)
  return Array.from(mem.subarray(layout.memOffset[layout.layers] as number))
}
