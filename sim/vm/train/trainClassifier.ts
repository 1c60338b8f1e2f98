// Trains the shipped classifiers and writes sim/vm/models/<name>.json.
//   npx tsx sim/vm/train/trainClassifier.ts [name ...]     (default: all)
// Task: 8-D points from 8 Gaussian clusters (two per class, 4 classes), generated from a seed.
// A float MLP (ReLU, softmax cross-entropy, Adam) is trained in plain TypeScript, then quantized to the
// VM's fixed point (value * 2^shift, rounded) and evaluated again with the VM's own execute().
import { writeFileSync } from 'node:fs'
import { execute } from '../execute.ts'
import { traceLength } from '../traceLength.ts'
import { mulberry32 } from '../testModels.ts'
import type { Model } from '../types.ts'
import { weightsRoot } from '../weightsRoot.ts'
import type { ModelFile, ModelName } from '../loadModel.ts'
import { MODEL_NAMES } from '../loadModel.ts'

export const DIM = 8
export const CLASSES = 4
export const SHIFT = 10

type Config = { hidden: number[]; epochs: number; trainSize: number; lr: number; seed: number }

export const CONFIGS: Record<ModelName, Config> = {
  tiny: { hidden: [32, 20], epochs: 30, trainSize: 2000, lr: 0.01, seed: 1 },
  small: { hidden: [120, 120], epochs: 12, trainSize: 2000, lr: 0.005, seed: 2 },
  medium: { hidden: [250, 250], epochs: 6, trainSize: 2000, lr: 0.003, seed: 3 },
  large: { hidden: [1000, 1000], epochs: 2, trainSize: 1000, lr: 0.001, seed: 4 },
}

const TEST_SIZE = 1000
const SAMPLES = 16
const DATA_SEED = 7641

type Point = { x: Float64Array; label: number }

/** The data set: cluster centres from DATA_SEED, points from `seed`. */
export function makeData(n: number, seed: number): Point[] {
  const centresRand = mulberry32(DATA_SEED)
  const gauss = gaussian(centresRand)
  const centres = Array.from({ length: 2 * CLASSES }, () => Float64Array.from({ length: DIM }, () => 1.6 * gauss()))
  const rand = mulberry32(seed)
  const g = gaussian(rand)
  return Array.from({ length: n }, () => {
    const c = Math.floor(rand() * centres.length)
    const centre = centres[c] as Float64Array
    return { x: Float64Array.from(centre, (m) => m + 0.9 * g()), label: c % CLASSES }
  })
}

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
}

type Net = { sizes: number[]; W: Float64Array[]; b: Float64Array[] }

function initNet(sizes: number[], rand: () => number): Net {
  const g = gaussian(rand)
  const W: Float64Array[] = []
  const b: Float64Array[] = []
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1] as number
    W.push(Float64Array.from({ length: (sizes[l] as number) * fanIn }, () => g() * Math.sqrt(2 / fanIn)))
    b.push(new Float64Array(sizes[l] as number))
  }
  return { sizes, W, b }
}

function forward(net: Net, x: Float64Array): Float64Array[] {
  const acts = [x]
  const L = net.sizes.length - 1
  for (let l = 1; l <= L; l++) {
    const n = net.sizes[l] as number
    const m = net.sizes[l - 1] as number
    const W = net.W[l - 1] as Float64Array
    const b = net.b[l - 1] as Float64Array
    const a = acts[l - 1] as Float64Array
    const z = new Float64Array(n)
    for (let j = 0; j < n; j++) {
      let s = b[j] as number
      const o = j * m
      for (let i = 0; i < m; i++) s += (W[o + i] as number) * (a[i] as number)
      z[j] = l < L && s < 0 ? 0 : s
    }
    acts.push(z)
  }
  return acts
}

function train(net: Net, data: Point[], cfg: Config, rand: () => number): void {
  const L = net.sizes.length - 1
  const params = [...net.W, ...net.b]
  const grads = params.map((p) => new Float64Array(p.length))
  const m1 = params.map((p) => new Float64Array(p.length))
  const m2 = params.map((p) => new Float64Array(p.length))
  const batch = 32
  let t = 0
  const order = data.map((_, i) => i)
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[order[i], order[j]] = [order[j] as number, order[i] as number]
    }
    for (let start = 0; start < order.length; start += batch) {
      for (const g of grads) g.fill(0)
      const idx = order.slice(start, start + batch)
      for (const k of idx) {
        const p = data[k] as Point
        const acts = forward(net, p.x)
        const out = acts[L] as Float64Array
        const mx = Math.max(...out)
        const e = Array.from(out, (v) => Math.exp(v - mx))
        const sum = e.reduce((a, b) => a + b, 0)
        let delta = Float64Array.from(e, (v, c) => v / sum - (c === p.label ? 1 : 0))
        for (let l = L; l >= 1; l--) {
          const n = net.sizes[l] as number
          const m = net.sizes[l - 1] as number
          const a = acts[l - 1] as Float64Array
          const gW = grads[l - 1] as Float64Array
          const gb = grads[L + l - 1] as Float64Array
          const W = net.W[l - 1] as Float64Array
          const next = new Float64Array(m)
          for (let j = 0; j < n; j++) {
            const d = delta[j] as number
            if (d === 0) continue
            gb[j] = (gb[j] as number) + d
            const o = j * m
            for (let i = 0; i < m; i++) {
              gW[o + i] = (gW[o + i] as number) + d * (a[i] as number)
              next[i] = (next[i] as number) + d * (W[o + i] as number)
            }
          }
          if (l > 1) for (let i = 0; i < m; i++) if ((a[i] as number) <= 0) next[i] = 0
          delta = next
        }
      }
      t++
      const lr = (cfg.lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t)
      params.forEach((p, k) => {
        const g = grads[k] as Float64Array
        const a = m1[k] as Float64Array
        const v = m2[k] as Float64Array
        for (let i = 0; i < p.length; i++) {
          const gi = (g[i] as number) / idx.length
          a[i] = 0.9 * (a[i] as number) + 0.1 * gi
          v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi
          p[i] = (p[i] as number) - (lr * (a[i] as number)) / (Math.sqrt(v[i] as number) + 1e-8)
        }
      })
    }
  }
}

export function argmax(v: readonly number[] | Float64Array): number {
  let best = 0
  for (let i = 1; i < v.length; i++) if ((v[i] as number) > (v[best] as number)) best = i
  return best
}

export function quantize(v: number): number {
  return Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.round(v * 2 ** SHIFT)))
}

function toModel(net: Net): Model {
  const weights: number[][][] = []
  const biases: number[][] = []
  for (let l = 1; l < net.sizes.length; l++) {
    const n = net.sizes[l] as number
    const m = net.sizes[l - 1] as number
    const W = net.W[l - 1] as Float64Array
    weights.push(Array.from({ length: n }, (_, j) => Array.from(W.subarray(j * m, j * m + m), quantize)))
    biases.push(Array.from(net.b[l - 1] as Float64Array, quantize))
  }
  return { shape: { sizes: net.sizes, shift: SHIFT }, weights, biases }
}

export function trainClassifier(name: ModelName): ModelFile {
  const cfg = CONFIGS[name]
  const rand = mulberry32(cfg.seed)
  const trainSet = makeData(cfg.trainSize, cfg.seed * 1000 + 1)
  const testSet = makeData(TEST_SIZE, 99)
  const net = initNet([DIM, ...cfg.hidden, CLASSES], rand)
  train(net, trainSet, cfg, rand)
  const floatAccuracy = testSet.filter((p) => argmax(forward(net, p.x)[net.sizes.length - 1] as Float64Array) === p.label).length / TEST_SIZE
  const model = toModel(net)
  const fixed = testSet.map((p) => ({ input: Array.from(p.x, quantize), label: p.label }))
  const fixedAccuracy = fixed.filter((p) => argmax(execute(model, p.input)) === p.label).length / TEST_SIZE
  const samples = fixed.slice(0, SAMPLES)
  const sampleAccuracy = samples.filter((p) => argmax(execute(model, p.input)) === p.label).length / SAMPLES
  return {
    name,
    task: `${CLASSES}-class 8-D Gaussian clusters (2 per class), data seed ${DATA_SEED}; inputs at scale 2^${SHIFT}`,
    seed: cfg.seed,
    shape: model.shape,
    traceLength: traceLength(model.shape),
    weightsRoot: weightsRoot(model),
    report: { floatAccuracy, fixedAccuracy, testSize: TEST_SIZE, sampleAccuracy },
    samples,
    weights: model.weights as number[][][],
    biases: model.biases as number[][],
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.length > 2 ? (process.argv.slice(2) as ModelName[]) : [...MODEL_NAMES]
  for (const name of names) {
    const t0 = performance.now()
    const file = trainClassifier(name)
    const out = new URL(`../models/${name}.json`, import.meta.url)
    const { weights, biases, ...head } = file
    writeFileSync(out, `${JSON.stringify({ ...head, weights, biases })}\n`)
    const r = file.report
    console.log(
      `${name}: sizes ${file.shape.sizes.join('-')} T=${file.traceLength} (2^${Math.log2(file.traceLength).toFixed(2)}) ` +
        `float ${(100 * r.floatAccuracy).toFixed(1)}% fixed ${(100 * r.fixedAccuracy).toFixed(1)}% ` +
        `samples ${(100 * r.sampleAccuracy).toFixed(1)}% in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
  }
}
