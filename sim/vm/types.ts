import type { Hex } from 'viem'

/** Layer widths n_0 (input) .. n_L (output) and the fixed-point scale shift s (values are x * 2^s). */
export type Shape = {
  readonly sizes: readonly number[]
  readonly shift: number
}

/** A fixed-point feed-forward network. All numbers are int32. */
export type Model = {
  readonly shape: Shape
  /** weights[l][j][i]: weight from input i of layer l+1 (1-based layer l+1) to its neuron j. */
  readonly weights: readonly (readonly (readonly number[])[])[]
  /** biases[l][j]: bias of neuron j of layer l+1, at scale 2^s. */
  readonly biases: readonly (readonly number[])[]
}

/** The machine state before step `pc`. */
export type VmState = {
  readonly pc: number
  readonly acc: bigint
  readonly memoryRoot: Hex
  /** Output values (last layer) written so far. */
  readonly output: readonly number[]
}

/**
 * A fault for a malicious trace: step `step` is executed wrongly, everything else honestly.
 * A multiply-accumulate step adds `delta` to the accumulator; a finishing step writes
 * clamp32(y + delta) instead of y (nudged by one toward zero if saturation would hide the change).
 */
export type Fault = {
  readonly step: number
  readonly delta: bigint
}

export type StepProof = {
  readonly pc: number
  readonly preStateHash: Hex
  readonly preStatePreimage: Hex
  /** preimage || weight leaf || weight siblings || memory leaf || memory siblings */
  readonly proof: Hex
  /** What an honest VM (ModelVM.step) computes from the pre-state. */
  readonly postStateHash: Hex
}

export type FinalState = {
  readonly output: Hex
  readonly outputValues: readonly number[]
  readonly preimage: Hex
  readonly stateHash: Hex
  readonly outputHash: Hex
}
