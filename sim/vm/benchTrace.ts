// Measures the TypeScript VM on the shipped models:
//   npx tsx sim/vm/benchTrace.ts [name ...]   (default: medium large)
import { createTrace } from './createTrace.ts'
import { loadModel, type ModelName } from './loadModel.ts'
import { mulberry32 } from './testModels.ts'
import { weightsTree } from './weightsTree.ts'
import { execute } from './execute.ts'

const names = (process.argv.length > 2 ? process.argv.slice(2) : ['medium', 'large']) as ModelName[]
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`

for (const name of names) {
  const { model, file } = loadModel(name)
  const input = file.samples[0]!.input
  let t0 = performance.now()
  execute(model, input)
  const tExec = ms(t0)
  t0 = performance.now()
  const trace = createTrace(model, input)
  const final = trace.finalState()
  const tFinal = ms(t0)
  t0 = performance.now()
  weightsTree(model)
  const tWeights = ms(t0)
  const rand = mulberry32(1)
  const steps = Array.from({ length: 20 }, () => Math.floor(rand() * trace.traceLength))
  t0 = performance.now()
  for (const i of steps) trace.commitmentAt(i)
  const tCommit = `${((performance.now() - t0) / steps.length).toFixed(1)} ms`
  t0 = performance.now()
  for (const i of steps) trace.proveStep(i)
  const tProve = `${((performance.now() - t0) / steps.length).toFixed(1)} ms`
  console.log(
    `${name}: T=${trace.traceLength} execute ${tExec}; final commitment ${tFinal} (${final.stateHash.slice(0, 10)}); ` +
      `weights tree ${tWeights}; commitmentAt(random i) ${tCommit} each; proveStep ${tProve} each`,
  )
}
