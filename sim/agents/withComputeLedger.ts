import type { ComputeCounts } from "../economics/computeCost.ts";
import type { Action, AgentPolicy, AgentState, Observation, StateValue, VmAccess } from "./types.ts";

/** Actions that are moves of a dispute game: each one makes its mover compute part of a trace. */
const GAME_MOVES: ReadonlySet<Action["kind"]> = new Set(["bisect", "respond", "step"]);

/**
 * What an agent has computed so far, as the engine records it each epoch (`record`, cumulative counts):
 * `model_runs` requests whose model it ran (an honest answer, a check of a result), `lie_runs` requests it
 * answered with a lie without running the model, `game_moves` moves it made in dispute games.
 */
export type ComputeRecord = { readonly model_runs: number; readonly lie_runs: number; readonly game_moves: number };

/**
 * The state of a policy under a compute ledger: the policy's own state, the open requests whose model the
 * agent already ran (id → how: a request counts once, as a model run if it ran the honest model on it, else
 * as a lie), and the counts so far.
 */
export type LedgerState<S extends AgentState> = {
  readonly policy: S;
  readonly ran: { readonly [requestId: string]: "honest" | "lie" };
  /** The ledger's counts, beside whatever the policy's own state records (its `record`, if it has one). */
  readonly record: ComputeRecord & { readonly [figure: string]: StateValue };
};

/** The initial state of a ledger around a policy's initial state. */
export function ledgerState<S extends AgentState>(policy: S): LedgerState<S> {
  return { policy, ran: {}, record: { model_runs: 0, lie_runs: 0, game_moves: 0 } };
}

/** The counts of a ledger's record, in the cost model's names (sim/economics/computeCost.ts). */
export function computeCountsOf(record: ComputeRecord): ComputeCounts {
  return { modelRuns: record.model_runs, lieRuns: record.lie_runs, gameMoves: record.game_moves };
}

/** A view of the model VM that notes which requests the policy runs it on, honestly or with a fault. */
function watchedVm(vm: VmAccess, marks: Map<bigint, "honest" | "lie">): VmAccess {
  return {
    traceLength: vm.traceLength,
    honestFinal: (requestId) => {
      marks.set(requestId, "honest");
      return vm.honestFinal(requestId);
    },
    faultyFinal: (requestId, step, delta) => {
      if (!marks.has(requestId)) marks.set(requestId, "lie");
      return vm.faultyFinal(requestId, step, delta);
    },
    commitment: (requestId, step, fault) => vm.commitment(requestId, step, fault),
    proveStep: (requestId, step) => vm.proveStep(requestId, step),
  };
}

/**
 * Wraps a policy so that what its agent computes is counted, whoever the agent is: "whoever runs the model
 * pays" becomes "whoever asks the VM for a request's result pays". The policy sees the same observation but
 * for a VM that notes the requests it asks about: a final state of the honest trace is one run of the model
 * (an answer it computed, a result it checked); a final state of a faulty trace alone is a lie it made up
 * without running the model; each game move it returns (bisect, respond, step) is a move. A request counts
 * once however often the policy asks (the agent keeps what it computed), and is forgotten once it has left the
 * world (at the next epoch's first turn). The policy's actions and own state are untouched: it acts exactly as it would unwrapped. Pure.
 */
export function withComputeLedger<S extends AgentState>(policy: AgentPolicy<S>): AgentPolicy<LedgerState<S>> {
  return (agent, state, observation, rng) => {
    const marks = new Map<bigint, "honest" | "lie">();
    const watched: Observation = { ...observation, vm: watchedVm(observation.vm, marks) };
    const result = policy(agent, state.policy, watched, rng);
    let { model_runs, lie_runs } = state.record;
    // Requests that left the world are forgotten once per epoch (at its first turn): a request id never comes back,
    // so the counts are the same as forgetting them at every turn, at a fraction of the cost. The object is copied
    // only when something changes (states are values: the old one is never modified).
    let ran: Record<string, "honest" | "lie"> = state.ran;
    if (observation.turn === 0) {
      ran = {};
      for (const [id, how] of Object.entries(state.ran)) if (observation.requests.has(BigInt(id))) ran[id] = how;
    }
    let copied = ran !== state.ran;
    for (const [requestId, how] of marks) {
      const id = requestId.toString();
      const before = ran[id];
      if (before === "honest" || before === how) continue;
      // A lie it later ran the model for after all costs it a whole run: the lie is no longer counted apart.
      if (before === "lie") lie_runs--;
      if (how === "honest") model_runs++;
      else lie_runs++;
      if (!copied) {
        ran = { ...ran };
        copied = true;
      }
      ran[id] = how;
    }
    const game_moves = state.record.game_moves + result.actions.filter((a) => GAME_MOVES.has(a.kind)).length;
    const own: StateValue = result.state.record;
    const figures: { readonly [figure: string]: StateValue } = typeof own === "object" && own !== null && !Array.isArray(own) ? (own as { readonly [figure: string]: StateValue }) : {};
    return { actions: result.actions, state: { policy: result.state, ran, record: { ...figures, model_runs, lie_runs, game_moves } } };
  };
}
