import { createTrace, type CreateTraceOptions } from './createTrace.ts'
import type { FinalState, Model } from './types.ts'

/** Output bytes, final state preimage (pc = T) and final state hash of a run. */
export function finalState(model: Model, input: readonly number[], options: CreateTraceOptions = {}): FinalState {
  return createTrace(model, input, options).finalState()
}
