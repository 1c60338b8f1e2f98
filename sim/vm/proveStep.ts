import { createTrace, type CreateTraceOptions } from './createTrace.ts'
import type { Model, StepProof } from './types.ts'

/** One-step proof of step i: pre-state preimage, proof bytes, and the post-state hash ModelVM.step returns. */
export function proveStep(model: Model, input: readonly number[], i: number, options: CreateTraceOptions = {}): StepProof {
  return createTrace(model, input, options).proveStep(i)
}
