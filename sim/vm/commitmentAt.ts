import type { Hex } from 'viem'
import { createTrace, type CreateTraceOptions } from './createTrace.ts'
import type { Model } from './types.ts'

/** Commitment of the state before step i (honest unless options.fault is given). */
export function commitmentAt(model: Model, input: readonly number[], i: number, options: CreateTraceOptions = {}): Hex {
  return createTrace(model, input, options).commitmentAt(i)
}
