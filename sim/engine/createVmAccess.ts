import type { Hex } from "viem";
import type { VmAccess } from "../agents/types.ts";
import { createTrace, type FinalState, type Model, type Trace } from "../vm/index.ts";

/** Traces kept at once; a dispute touches a few, everything else needs only final states. */
const TRACE_CACHE = 64;

export type VmCache = VmAccess & {
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
  const finals = new Map<bigint, FinalState>();
  const faultyFinals = new Map<string, FinalState | undefined>();
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

  const honestFinal = (requestId: bigint): FinalState => {
    let final = finals.get(requestId);
    if (!final) {
      final = traceOf(requestId).finalState();
      finals.set(requestId, final);
    }
    return final;
  };

  return {
    traceLength,
    honestFinal,
    faultyFinal(requestId, step, delta) {
      const key = `${requestId}:${step}:${delta}`;
      if (faultyFinals.has(key)) return faultyFinals.get(key);
      const final = traceOf(requestId, { step, delta }).finalState();
      const result = final.stateHash === honestFinal(requestId).stateHash ? undefined : final;
      faultyFinals.set(key, result);
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
      finals.delete(requestId);
      const prefix = `${requestId}:`;
      for (const key of [...faultyFinals.keys()]) if (key.startsWith(prefix)) faultyFinals.delete(key);
      for (const key of [...traces.keys()]) if (key === `${requestId}` || key.startsWith(prefix)) traces.delete(key);
    },
  };
}
