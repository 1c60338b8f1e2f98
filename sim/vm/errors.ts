/** Base of every error the model VM throws: a short message, details, a hint, and the cause. */
export class ModelVmError extends Error {
  override name = 'ModelVmError'
  readonly details: string | undefined
  readonly hint: string | undefined
  constructor(message: string, options: { details?: string; hint?: string; cause?: unknown } = {}) {
    const lines = [message]
    if (options.details !== undefined) lines.push(`Details: ${options.details}`)
    if (options.hint !== undefined) lines.push(`Hint: ${options.hint}`)
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause })
    this.details = options.details
    this.hint = options.hint
  }
}

/** The shape descriptor or Shape object is invalid (mirrors ModelVM_BadShape(reason)). */
export class InvalidShapeError extends ModelVmError {
  override name = 'InvalidShapeError'
  constructor(
    readonly reason: 1 | 2 | 3 | 4 | 5,
    details: string,
  ) {
    super(`Invalid model shape (reason ${reason}).`, {
      details,
      hint: 'A shape is a shift in 0..31 and 2..65 layer widths in 1..65535, with T <= 2^32 and memory <= 2^24 words.',
    })
  }
}

/** The model's weights or biases do not match its shape or are not int32. */
export class InvalidModelError extends ModelVmError {
  override name = 'InvalidModelError'
  constructor(details: string) {
    super('Invalid model.', { details, hint: 'weights[l][j] has one int32 per input of layer l+1; biases[l] one per neuron.' })
  }
}

/** Input or output values or bytes of the wrong length or range (mirrors ModelVM_BadInput/BadOutput). */
export class InvalidWordsError extends ModelVmError {
  override name = 'InvalidWordsError'
  constructor(what: 'input' | 'output', details: string) {
    super(`Invalid ${what}.`, { details, hint: `The ${what} is packed int32 values, one per ${what} neuron.` })
  }
}

export type StepErrorReason =
  | 'BadPreState'
  | 'BadWeightProof'
  | 'BadMemoryProof'
  | 'MalformedProof'
  | 'StepOutOfRange'
  | 'Overflow'

/** A one-step proof (or a state preimage) is rejected; `reason` names the Solidity error it mirrors. */
export class StepVerificationError extends ModelVmError {
  override name = 'StepVerificationError'
  constructor(
    readonly reason: StepErrorReason,
    details: string,
  ) {
    super(`One-step proof rejected: ModelVM_${reason}.`, { details })
  }
}
