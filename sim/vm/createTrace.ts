import { bytesToHex, concat, type Hex } from 'viem'
import { LANES, packWords } from './bytes.ts'
import { StepVerificationError } from './errors.ts'
import { layoutOf, locateStep, type Layout } from './layout.ts'
import { MerkleTree } from './merkle.ts'
import { modelWords } from './modelWords.ts'
import { runMemory } from './runMemory.ts'
import { encodeStatePreimage, outputHashOf, stateHash } from './stateHash.ts'
import type { Fault, FinalState, Model, StepProof, VmState } from './types.ts'
import { verifyStep } from './verifyStep.ts'
import { weightsRoot } from './weightsRoot.ts'
import { weightsTree } from './weightsTree.ts'

export type CreateTraceOptions = {
  /** Makes this a malicious trace: step fault.step is executed wrongly. */
  readonly fault?: Fault
}

export type Trace = {
  readonly model: Model
  readonly input: readonly number[]
  readonly traceLength: number
  /** The state before step i (0 <= i <= T). */
  stateAt(i: number): VmState
  /** stateHash(stateAt(i)). */
  commitmentAt(i: number): Hex
  /** One-step proof of step i (0 <= i < T) from this trace's state i. */
  proveStep(i: number): StepProof
  finalState(): FinalState
}

/**
 * A random-access trace. Memory is append-only (every activation is written once, in address order),
 * so the state at step i is fixed by the final memory (computed once by runMemory, O(M) words), the
 * number of activations written before i, and a partial dot product for the accumulator (O(width)).
 * The memory Merkle tree is one cursor: moving forward updates one leaf path per written word; moving
 * backward rebuilds from the prefix in O(M / 8) hashes. No per-step snapshot is ever kept.
 */
export function createTrace(model: Model, input: readonly number[], options: CreateTraceOptions = {}): Trace {
  const layout = layoutOf(model.shape)
  const { fault } = options
  if (fault !== undefined && (!Number.isInteger(fault.step) || fault.step < 0 || fault.step >= layout.traceLength)) {
    throw new StepVerificationError('StepOutOfRange', `fault step ${fault.step} outside 0..${layout.traceLength - 1}`)
  }
  const memory = runMemory(model, input, fault)
  const words = modelWords(model)
  const n0 = layout.sizes[0] as number
  const outOffset = layout.memOffset[layout.layers] as number
  const cursor = new MemoryCursor(layout, memory)

  function checkStep(i: number, max: number): void {
    if (!Number.isInteger(i) || i < 0 || i > max) {
      throw new StepVerificationError('StepOutOfRange', `step ${i} outside 0..${max}`)
    }
  }

  function stateAt(i: number): VmState {
    checkStep(i, layout.traceLength)
    const info = locateStep(layout, i)
    let acc = 0n
    if (i < layout.traceLength && info.k > 0) {
      const prev = layout.sizes[info.layer - 1] as number
      const base = i - info.k
      const inOff = layout.memOffset[info.layer - 1] as number
      for (let j = 0; j < info.k; j++) acc += BigInt(words[base + j] as number) * BigInt(memory[inOff + j] as number)
      if (fault !== undefined && fault.step >= base && fault.step < i && fault.step < base + prev) acc += fault.delta
    }
    cursor.moveTo(n0 + info.written)
    return {
      pc: i,
      acc,
      memoryRoot: bytesToHex(cursor.tree.root()),
      output: Array.from(memory.subarray(outOffset, outOffset + info.outputCount)),
    }
  }

  function proveStep(i: number): StepProof {
    checkStep(i, layout.traceLength - 1)
    const state = stateAt(i) // leaves the cursor at state i's memory
    const info = locateStep(layout, i)
    const wTree = weightsTree(model)
    const wIndex = Math.floor(i / LANES)
    const mIndex = Math.floor(info.memoryAddress / LANES)
    const preStatePreimage = encodeStatePreimage(state)
    const preStateHash = stateHash(state)
    const proof = concat([
      preStatePreimage,
      bytesToHex(wTree.leaf(wIndex)),
      bytesToHex(wTree.siblings(wIndex)),
      bytesToHex(cursor.tree.leaf(mIndex)),
      bytesToHex(cursor.tree.siblings(mIndex)),
    ])
    const postStateHash = verifyStep(weightsRoot(model), model.shape, preStateHash, proof)
    return { pc: i, preStateHash, preStatePreimage, proof, postStateHash }
  }

  function finalState(): FinalState {
    const state = stateAt(layout.traceLength)
    return {
      output: bytesToHex(packWords(state.output)),
      outputValues: state.output,
      preimage: encodeStatePreimage(state),
      stateHash: stateHash(state),
      outputHash: outputHashOf(state.output),
    }
  }

  return {
    model,
    input,
    traceLength: layout.traceLength,
    stateAt,
    commitmentAt: (i) => stateHash(stateAt(i)),
    proveStep,
    finalState,
  }
}

/** The memory tree holding the first `count` words of the final memory (the rest zero). */
class MemoryCursor {
  tree: MerkleTree
  private count: number

  constructor(
    private readonly layout: Layout,
    private readonly memory: Int32Array,
  ) {
    this.count = layout.sizes[0] as number
    this.tree = this.build(this.count)
  }

  moveTo(count: number): void {
    if (count === this.count) return
    const forward = count - this.count
    if (forward < 0 || forward * this.layout.memoryDepth > this.layout.memoryWords / LANES) {
      this.tree = this.build(count)
    } else {
      for (let leaf = Math.floor(this.count / LANES); leaf <= Math.floor((count - 1) / LANES); leaf++) {
        this.tree.setLeaf(leaf, this.leafBytes(leaf, count))
      }
    }
    this.count = count
  }

  private build(count: number): MerkleTree {
    return MerkleTree.fromLeaves(packWords(this.memory.subarray(0, count), true), this.layout.memoryDepth)
  }

  private leafBytes(leaf: number, count: number): Uint8Array {
    const words = this.memory.subarray(leaf * LANES, Math.min(count, leaf * LANES + LANES))
    const out = new Uint8Array(32)
    out.set(packWords(words))
    return out
  }
}
