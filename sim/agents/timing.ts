import type { Scenario } from "../scenario/schema.ts";

/** Seconds between two blocks (agents act once per block). */
export function blockSeconds(scenario: Pick<Scenario, "epoch">): number {
  return scenario.epoch.seconds / scenario.epoch.blocks;
}

/** Whether the block at `now` is the last one at or before `deadline` (the next one, `b` seconds later, is past it). */
export function lastChance(now: number, deadline: number, b: number): boolean {
  return now <= deadline && now + b > deadline;
}

/** Whether `deadline` had already passed at the previous block: whoever acts promptly has had its chance, so a backstop may act. */
export function overdue(now: number, deadline: number, b: number): boolean {
  return now - b > deadline;
}

/** Rounds of bisection left in a range of `size` steps when the range always keeps its larger half (the longest path). */
export function roundsLeft(size: number): number {
  let rounds = 0;
  for (let n = size; n > 1; n = Math.ceil(n / 2)) rounds++;
  return rounds;
}

/** The longest a bisection game can last: `(2·⌈log2 T⌉ + 1)·D` (IBisectionGame.maxDuration). */
export function gameLength(traceLength: number, moveDeadline: number): number {
  return (2 * roundsLeft(traceLength) + 1) * moveDeadline;
}

/**
 * The latest block time at which a request with a result is final in the simulator: the claim rule's bound
 * `windowEnd + (2·⌈log2 T⌉ + 1)·D` (docs/oracle.md), plus two blocks: the first block past it times the last game
 * out, the next finalizes (a block's actions are in a random order, so both cannot be counted on in one block).
 */
export function finalityDeadline(windowEnd: number, traceLength: number, moveDeadline: number, b: number): number {
  return windowEnd + gameLength(traceLength, moveDeadline) + 2 * b;
}
