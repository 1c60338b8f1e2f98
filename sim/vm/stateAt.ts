import { createTrace } from './createTrace.ts'
import type { Model, VmState } from './types.ts'

/** The state before step i of the honest run (builds a trace; reuse createTrace for many queries). */
export function stateAt(model: Model, input: readonly number[], i: number): VmState {
  return createTrace(model, input).stateAt(i)
}
