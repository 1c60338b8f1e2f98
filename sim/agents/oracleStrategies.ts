import type { Scenario } from "../scenario/schema.ts";
import { challengerPolicy } from "./challengers.ts";
import { initialRationalChallengerState, rationalChallengerPolicy, type RationalChallengerState } from "./rationalChallenger.ts";
import { initialRationalSubmitterState, rationalSubmitterPolicy, type RationalSubmitterState } from "./rationalSubmitter.ts";
import { scripted } from "./scripted.ts";
import { submitterPolicy } from "./submitters.ts";
import type { NoState, Role } from "./types.ts";
import { ledgerState, withComputeLedger, type LedgerState } from "./withComputeLedger.ts";

// The submitters' and challengers' strategies (`submitters.strategy`, `challengers.strategy`): the scripted policy
// with an empty state, or the rational one with its own, each inside a compute ledger.

type SubmitterState = NoState | RationalSubmitterState;
type ChallengerState = NoState | RationalChallengerState;

const scriptedSubmitter = scripted(submitterPolicy);
const scriptedChallenger = scripted(challengerPolicy);

/** Submitters of a role: how many (rational honest submitters add the entrants), what each starts with, their policy. */
export function submitterRole(role: Extract<Role, "honest-submitter" | "malicious-submitter">) {
  return {
    role,
    count: (s: Scenario) => (role === "malicious-submitter" ? s.submitters.malicious : s.submitters.honest + (s.submitters.strategy === "rational" ? s.submitters.entrants : 0)),
    initialState: (s: Scenario, index: number): LedgerState<SubmitterState> => ledgerState(s.submitters.strategy === "rational" ? initialRationalSubmitterState(s, { role, index }) : {}),
    policy: withComputeLedger<SubmitterState>((agent, state, obs, rng) =>
      obs.scenario.submitters.strategy === "rational" ? rationalSubmitterPolicy(agent, state as RationalSubmitterState, obs, rng) : scriptedSubmitter(agent, state as NoState, obs, rng),
    ),
    earnsOracleCredit: true,
  };
}

/** Lazy challengers: scripted (check with checkProbability) or rational. */
export const lazyChallengerRole = {
  role: "lazy-challenger" as const,
  count: (s: Scenario) => s.challengers.lazy,
  initialState: (s: Scenario): LedgerState<ChallengerState> => ledgerState(s.challengers.strategy === "rational" ? initialRationalChallengerState(s) : {}),
  policy: withComputeLedger<ChallengerState>((agent, state, obs, rng) =>
    obs.scenario.challengers.strategy === "rational" ? rationalChallengerPolicy(agent, state as RationalChallengerState, obs, rng) : scriptedChallenger(agent, state as NoState, obs, rng),
  ),
  earnsOracleCredit: true,
};

