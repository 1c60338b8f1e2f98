import type { Hex } from "viem";
import {
  createTrace,
  encodeInput,
  encodeShape,
  initialStateHash,
  loadModel,
  StepVerificationError,
  verifyStep,
  weightsRoot,
  type Model,
  type Trace,
} from "../vm/index.ts";

/**
 * The facts about the tiny model (T = 1,032) that the oracle's model-based test takes from the TypeScript
 * VM twin: initial states, honest and faulty final states, commitments for bisection moves, one-step proofs
 * and what ModelVM.step makes of a proof. Traces are cached per (input, claim).
 */

/**
 * Faulty traces a liar can hold. All three faults hit a finishing step (a neuron's write), so the memory root,
 * and with it the final state, always differs from the honest one; they sit in the first hidden layer, the
 * second hidden layer and the very last step, so games diverge early, midway and at the end.
 */
export const FAULTS = [
  { step: 8, delta: 1n },
  { step: 485, delta: 3n },
  { step: 1031, delta: 1n },
] as const;

/** Which trace a party holds: the honest one or a faulty one (index into FAULTS). */
export type ClaimKind = "honest" | 0 | 1 | 2;
export const CLAIM_KINDS: readonly ClaimKind[] = ["honest", 0, 1, 2];

export function claimLabel(kind: ClaimKind): string {
  return kind === "honest" ? "honest claim" : `wrong claim (fault @${FAULTS[kind].step})`;
}

export type StepVerdict = { post: Hex } | { error: string };

export type OracleVm = {
  readonly model: Model;
  readonly weightsRoot: Hex;
  readonly shapeBytes: Hex;
  readonly traceLength: number;
  readonly inputWords: number;
  traceOf(input: readonly number[], kind: ClaimKind): Trace;
  inputBytes(input: readonly number[]): Hex;
  initialHash(input: readonly number[]): Hex;
  /** A known trace (honest or faulty) whose state before step `i` has commitment `hash`. */
  traceWith(input: readonly number[], i: number, hash: Hex): Trace | undefined;
  /** What ModelVM.step returns for `proof` against `preStateHash`: the post-state hash or its error name. */
  judge(preStateHash: Hex, proof: Hex): StepVerdict;
};

export function oracleVm(): OracleVm {
  const { model } = loadModel("tiny");
  const root = weightsRoot(model);
  const cache = new Map<string, Trace>();
  const traceOf = (input: readonly number[], kind: ClaimKind): Trace => {
    const key = `${input.join(",")}|${kind}`;
    let trace = cache.get(key);
    if (trace === undefined) {
      trace = kind === "honest" ? createTrace(model, input) : createTrace(model, input, { fault: FAULTS[kind] });
      cache.set(key, trace);
    }
    return trace;
  };
  const first = traceOf(new Array<number>(model.shape.sizes[0] ?? 0).fill(0), "honest");
  return {
    model,
    weightsRoot: root,
    shapeBytes: encodeShape(model.shape),
    traceLength: first.traceLength,
    inputWords: model.shape.sizes[0] ?? 0,
    traceOf,
    inputBytes: (input) => encodeInput(model.shape, input),
    initialHash: (input) => initialStateHash(model.shape, input),
    traceWith: (input, i, hash) => CLAIM_KINDS.map((k) => traceOf(input, k)).find((t) => t.commitmentAt(i) === hash),
    judge(preStateHash, proof) {
      try {
        return { post: verifyStep(root, model.shape, preStateHash, proof) };
      } catch (error) {
        if (error instanceof StepVerificationError) return { error: `ModelVM_${error.reason}` };
        throw error;
      }
    },
  };
}
