import type { Hex } from "viem";
import type { VmAccess } from "../agents/types.ts";
import { createTrace, type FinalState, type Model, type Trace } from "../vm/index.ts";

/** Traces kept at once; a dispute touches a few, everything else needs only final states. */
const TRACE_CACHE = 64;

export type VmCache = VmAccess & {
  /** Computes the honest results of inputs ahead of time (the engine calls it while anvil mines). */
  precompute(inputs: readonly (readonly number[])[]): void;
  /** Drops what is cached for a finished request. */
  forget(requestId: bigint): void;
  /** Whether `stateHash` is the honest result of the request. */
  isHonest(requestId: bigint, stateHash: Hex): boolean;
};

/**
 * The model VM over the requests' inputs, cached: honest final states per open request, and a small
 * LRU of traces (honest and faulty) for the requests in dispute. Memory stays bounded however long the
 * run: what a finished request cached is dropped with it.
 */
export function createVmAccess(model: Model, inputOf: (requestId: bigint) => readonly number[]): VmCache {
  // Honest results are keyed by input, so they can be computed before the request has an id.
  const finals = new Map<string, FinalState>();
  const keyOf = (input: readonly number[]) => input.join(",");
  const faultyFinals = new Map<bigint, Map<string, FinalState | undefined>>();
  const traces = new Map<string, Trace>();
  const traceLength = createTrace(model, new Array(model.shape.sizes[0]).fill(0)).traceLength;

  const traceOf = (requestId: bigint, fault?: { step: number; delta: bigint }): Trace => {
    const key = fault ? `${requestId}:${fault.step}:${fault.delta}` : `${requestId}`;
    let trace = traces.get(key);
    if (trace) {
      traces.delete(key);
    } else {
      trace = createTrace(model, inputOf(requestId), fault ? { fault } : {});
      if (traces.size >= TRACE_CACHE) traces.delete(traces.keys().next().value as string);
    }
    traces.set(key, trace);
    return trace;
  };

  // The same results by request id, once it has one: agents ask for every open request's result at every turn,
  // and keying by input would join the input into a string at each ask.
  const finalOfRequest = new Map<bigint, FinalState>();
  const honestFinal = (requestId: bigint): FinalState => {
    const known = finalOfRequest.get(requestId);
    if (known) return known;
    const key = keyOf(inputOf(requestId));
    let final = finals.get(key);
    if (!final) {
      final = traceOf(requestId).finalState();
      finals.set(key, final);
    }
    finalOfRequest.set(requestId, final);
    return final;
  };

  return {
    traceLength,
    honestFinal,
    precompute(inputs) {
      for (const input of inputs) {
        const key = keyOf(input);
        if (!finals.has(key)) finals.set(key, createTrace(model, input).finalState());
      }
    },
    faultyFinal(requestId, step, delta) {
      const key = `${step}:${delta}`;
      let mine = faultyFinals.get(requestId);
      if (!mine) faultyFinals.set(requestId, (mine = new Map()));
      if (mine.has(key)) return mine.get(key);
      const final = traceOf(requestId, { step, delta }).finalState();
      const result = final.stateHash === honestFinal(requestId).stateHash ? undefined : final;
      mine.set(key, result);
      return result;
    },
    commitment(requestId, step, fault) {
      return traceOf(requestId, fault).commitmentAt(step);
    },
    proveStep(requestId, step) {
      return traceOf(requestId).proveStep(step);
    },
    isHonest(requestId, stateHash) {
      return honestFinal(requestId).stateHash === stateHash;
    },
    forget(requestId) {
      finals.delete(keyOf(inputOf(requestId)));
      finalOfRequest.delete(requestId);
      faultyFinals.delete(requestId);
      // The trace cache is a small LRU (TRACE_CACHE entries): scanning it is cheap.
      const prefix = `${requestId}:`;
      for (const key of [...traces.keys()]) if (key === `${requestId}` || key.startsWith(prefix)) traces.delete(key);
    },
  };
}
