import { LANES } from './bytes.ts'
import { treeDepth } from './merkle.ts'
import type { Shape } from './types.ts'
import { validateShape } from './validateShape.ts'

/** What a shape implies: step and memory offsets per layer and both tree depths. */
export type Layout = {
  readonly sizes: readonly number[]
  readonly shift: number
  readonly layers: number
  /** stepStart[l] = first step of layer l (1-based); stepStart[L + 1] = T. Index 0 unused (0). */
  readonly stepStart: readonly number[]
  /** memOffset[l] = first memory word of layer l's activations (layer 0 = input); memOffset[L + 1] = M. */
  readonly memOffset: readonly number[]
  readonly traceLength: number
  readonly memoryWords: number
  readonly weightDepth: number
  readonly memoryDepth: number
}

export type StepInfo = {
  readonly layer: number
  readonly neuron: number
  /** Index of the step inside its neuron: k < n_{l-1} multiply-accumulates input k; k = n_{l-1} finishes. */
  readonly k: number
  readonly finish: boolean
  readonly lastLayer: boolean
  /** Memory word read (multiply-accumulate) or written (finish). */
  readonly memoryAddress: number
  /** Output words already written before this step. */
  readonly outputCount: number
  /** Finish steps before this one = activations written so far. */
  readonly written: number
}

const cache = new WeakMap<Shape, Layout>()

export function layoutOf(shape: Shape): Layout {
  const hit = cache.get(shape)
  if (hit !== undefined) return hit
  validateShape(shape)
  const { sizes } = shape
  const L = sizes.length - 1
  const stepStart = [0, 0]
  const memOffset = [0]
  for (let l = 1; l <= L; l++) {
    stepStart.push((stepStart[l] as number) + (sizes[l] as number) * ((sizes[l - 1] as number) + 1))
    memOffset.push((memOffset[l - 1] as number) + (sizes[l - 1] as number))
  }
  memOffset.push((memOffset[L] as number) + (sizes[L] as number))
  const traceLength = stepStart[L + 1] as number
  const memoryWords = memOffset[L + 1] as number
  const layout: Layout = {
    sizes,
    shift: shape.shift,
    layers: L,
    stepStart,
    memOffset,
    traceLength,
    memoryWords,
    weightDepth: treeDepth(Math.ceil(traceLength / LANES)),
    memoryDepth: treeDepth(Math.ceil(memoryWords / LANES)),
  }
  cache.set(shape, layout)
  return layout
}

/** Locates step pc (0 <= pc <= T; pc = T describes the final state, all written). */
export function locateStep(layout: Layout, pc: number): StepInfo {
  const { sizes, layers, stepStart, memOffset } = layout
  if (pc >= layout.traceLength) {
    return {
      layer: layers + 1,
      neuron: 0,
      k: 0,
      finish: false,
      lastLayer: false,
      memoryAddress: 0,
      outputCount: sizes[layers] as number,
      written: layout.memoryWords - (sizes[0] as number),
    }
  }
  let l = 1
  while (pc >= (stepStart[l + 1] as number)) l++
  const prev = sizes[l - 1] as number
  const rel = pc - (stepStart[l] as number)
  const neuron = Math.floor(rel / (prev + 1))
  const k = rel % (prev + 1)
  const finish = k === prev
  const lastLayer = l === layers
  return {
    layer: l,
    neuron,
    k,
    finish,
    lastLayer,
    memoryAddress: finish ? (memOffset[l] as number) + neuron : (memOffset[l - 1] as number) + k,
    outputCount: lastLayer ? neuron : 0,
    written: (memOffset[l] as number) - (sizes[0] as number) + neuron,
  }
}
