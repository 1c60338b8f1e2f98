import { bytesToHex, hexToBytes, keccak256, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createTrace } from './createTrace.ts'
import { StepVerificationError } from './errors.ts'
import { layoutOf } from './layout.ts'
import { randomInput, randomModel } from './testModels.ts'
import { verifyStep } from './verifyStep.ts'
import { weightsRoot } from './weightsRoot.ts'

const model = randomModel([4, 3, 2], 4, 3)
const input = randomInput(4, 4)
const root = weightsRoot(model)
const trace = createTrace(model, input)
const T = layoutOf(model.shape).traceLength

function reason(pre: Hex, proof: Hex, r: Hex = root): string {
  try {
    verifyStep(r, model.shape, pre, proof)
    return 'ok'
  } catch (e) {
    if (e instanceof StepVerificationError) return e.reason
    throw e
  }
}

function flip(proof: Hex, at: number): Hex {
  const b = hexToBytes(proof)
  b[at] = b[at]! ^ 1
  return bytesToHex(b)
}

describe('verifyStep', () => {
  const p = trace.proveStep(2) // a multiply-accumulate of layer 1: no output words in the preimage
  const d = layoutOf(model.shape)
  it('accepts an honest proof', () => expect(reason(p.preStateHash, p.proof)).toBe('ok'))
  it('rejects a wrong pre-state', () => {
    expect(reason(keccak256('0x01'), p.proof)).toBe('BadPreState')
    expect(reason(p.preStateHash, flip(p.proof, 40))).toBe('BadPreState')
  })
  it('rejects a bad weight proof', () => {
    expect(reason(p.preStateHash, flip(p.proof, 96))).toBe('BadWeightProof')
    expect(reason(p.preStateHash, p.proof, keccak256('0x02'))).toBe('BadWeightProof')
  })
  it('rejects a bad memory proof', () => {
    expect(reason(p.preStateHash, flip(p.proof, 96 + 32 * (1 + d.weightDepth)))).toBe('BadMemoryProof')
  })
  it('rejects malformed bytes and out-of-range steps', () => {
    expect(reason(p.preStateHash, p.proof.slice(0, -2) as Hex)).toBe('MalformedProof')
    expect(reason(p.preStateHash, '0x00')).toBe('MalformedProof')
    const last = trace.proveStep(T - 1)
    const b = hexToBytes(last.proof)
    b[31] = b[31]! + 1 // pc = T
    expect(reason(last.preStateHash, bytesToHex(b))).toBe('StepOutOfRange')
  })
})
