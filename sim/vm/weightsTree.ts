import { packWords } from './bytes.ts'
import { layoutOf } from './layout.ts'
import { MerkleTree } from './merkle.ts'
import { modelWords } from './modelWords.ts'
import type { Model } from './types.ts'

const cache = new WeakMap<Model, MerkleTree>()

/** The weights Merkle tree (8 int32 words per leaf, depth from the shape), built once per model object. */
export function weightsTree(model: Model): MerkleTree {
  const hit = cache.get(model)
  if (hit !== undefined) return hit
  const tree = MerkleTree.fromLeaves(packWords(modelWords(model), true), layoutOf(model.shape).weightDepth)
  cache.set(model, tree)
  return tree
}
