// Entry point of the TypeScript model VM (the twin of contracts/src/vm/ModelVM.sol; see docs/vm-spec.md).
export type { Fault, FinalState, Model, Shape, StepProof, VmState } from './types.ts'
export type { CreateTraceOptions, Trace } from './createTrace.ts'
export type { Layout, StepInfo } from './layout.ts'
export type { LoadedModel, ModelFile, ModelName } from './loadModel.ts'
export {
  InvalidModelError,
  InvalidShapeError,
  InvalidWordsError,
  ModelVmError,
  StepVerificationError,
} from './errors.ts'
export { commitmentAt } from './commitmentAt.ts'
export { createTrace } from './createTrace.ts'
export { decodeOutput } from './decodeOutput.ts'
export { decodeShape } from './decodeShape.ts'
export { encodeInput } from './encodeInput.ts'
export { encodeShape } from './encodeShape.ts'
export { execute } from './execute.ts'
export { finalState } from './finalState.ts'
export { initialStateHash } from './initialStateHash.ts'
export { layoutOf, locateStep } from './layout.ts'
export { loadModel, MODEL_NAMES } from './loadModel.ts'
export { proveStep } from './proveStep.ts'
export { stateAt } from './stateAt.ts'
export { encodeStatePreimage, stateHash } from './stateHash.ts'
export { traceLength } from './traceLength.ts'
export { validateModel } from './validateModel.ts'
export { validateShape } from './validateShape.ts'
export { verifyStep } from './verifyStep.ts'
export { weightsRoot } from './weightsRoot.ts'
