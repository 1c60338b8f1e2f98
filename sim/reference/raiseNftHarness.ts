import { expect } from "vitest";
import type { TxResult } from "../testing/modelChain.ts";

/**
 * Helpers shared by the raise and AIGC model-based tests (fast-check `fc.commands` against Anvil).
 */

/** What a reference model predicts for one transaction. */
export type Predicted = { ok: true } | { ok: false; error: string; args: readonly unknown[] };

/**
 * The chain did what the model predicted: both succeeded, or both reverted with the same custom error
 * and the same arguments.
 */
export function expectOutcome(label: string, actual: TxResult, predicted: Predicted): void {
  if (predicted.ok) {
    expect(actual.ok ? "success" : `revert ${actual.error}(${formatArgs(actual.args)})`, `${label}: model predicts success`).toBe("success");
    return;
  }
  const got = actual.ok ? "success" : `${actual.error}(${formatArgs(actual.args)})`;
  expect(got, `${label}: model predicts a revert`).toBe(`${predicted.error}(${formatArgs(predicted.args)})`);
}

function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a.toLowerCase() : String(a))).join(", ");
}


/** Wei as a short readable string for command names: "1.5 ETH", "17 wei". */
export function formatWei(wei: bigint): string {
  const eth = 10n ** 18n;
  if (wei !== 0n && wei % 10n ** 12n === 0n) {
    const whole = wei / eth;
    const fraction = (wei % eth).toString().padStart(18, "0").replace(/0+$/, "");
    return fraction === "" ? `${whole} ETH` : `${whole}.${fraction} ETH`;
  }
  return `${wei} wei`;
}
