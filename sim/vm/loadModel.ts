import { readFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { ModelVmError } from './errors.ts'
import type { Model, Shape } from './types.ts'
import { validateModel } from './validateModel.ts'

export const MODEL_NAMES = ['tiny', 'small', 'medium', 'large'] as const
export type ModelName = (typeof MODEL_NAMES)[number]

/** The JSON written by sim/vm/train/trainClassifier.ts. */
export type ModelFile = {
  readonly name: string
  readonly task: string
  readonly seed: number
  readonly shape: Shape
  readonly traceLength: number
  readonly weightsRoot: Hex
  readonly weights: number[][][]
  readonly biases: number[][]
  readonly report: {
    readonly floatAccuracy: number
    readonly fixedAccuracy: number
    readonly testSize: number
    readonly sampleAccuracy: number
  }
  /** Inputs already in fixed point (int32 at scale 2^shift), with their true labels. */
  readonly samples: readonly { readonly input: readonly number[]; readonly label: number }[]
}

export type LoadedModel = { readonly model: Model; readonly file: ModelFile }

/** Loads a shipped model from sim/vm/models/<name>.json. */
export function loadModel(name: ModelName): LoadedModel {
  const url = new URL(`./models/${name}.json`, import.meta.url)
  let file: ModelFile
  try {
    file = JSON.parse(readFileSync(url, 'utf8')) as ModelFile
  } catch (cause) {
    throw new ModelVmError(`Cannot load model "${name}".`, {
      details: url.pathname,
      hint: 'Regenerate the models with `npx tsx sim/vm/train/trainClassifier.ts`.',
      cause,
    })
  }
  const model: Model = { shape: file.shape, weights: file.weights, biases: file.biases }
  validateModel(model)
  return { model, file }
}
