import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import { loadModel, MODEL_NAMES } from './loadModel.ts'
import { traceLength } from './traceLength.ts'
import { argmax } from './train/trainClassifier.ts'
import { weightsRoot } from './weightsRoot.ts'

const EXPECTED_T = { tiny: 1032, small: 16084, medium: 66004, large: 1014004 } as const

describe.each(MODEL_NAMES)('shipped model %s', (name) => {
  const { model, file } = loadModel(name)
  it('has the trace length listed in docs/vm-spec.md', () => {
    expect(traceLength(model.shape)).toBe(EXPECTED_T[name])
    expect(file.traceLength).toBe(EXPECTED_T[name])
  })
  it('classifies its samples with the fixed-point accuracy the trainer reported', () => {
    const correct = file.samples.filter((s) => argmax(execute(model, s.input)) === s.label).length
    expect(correct / file.samples.length).toBe(file.report.sampleAccuracy)
    expect(file.report.fixedAccuracy).toBeGreaterThan(0.9)
  })
  it('stores its weights root', () => {
    expect(weightsRoot(model)).toBe(file.weightsRoot)
  })
})
