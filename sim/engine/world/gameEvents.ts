import type { Address, Hex } from "viem";
import type { GameView } from "../../agents/types.ts";
import type { ContractEvents, GameRecord, World, WorldEvent } from "./types.ts";

/** The bisection game's part of the world. */
export type GameState = {
  /** Open games as agents see them. */
  readonly games: Map<bigint, GameView>;
  /** Every game's facts for the metrics (written out once the game has ended). */
  readonly records: Map<bigint, GameRecord>;
};

export function createGameState(): GameState {
  return { games: new Map(), records: new Map() };
}

/** A move counts for its game and for the game's request. */
function countMove(world: World, game: GameView): void {
  const record = world.game.records.get(game.id);
  if (record) record.moves++;
  const request = world.oracle.records.get(game.requestId);
  if (request) request.bisectionMoves++;
}

/** Both endings of a game: a proven step or a timeout (the oracle's ClaimDefeated or GameVoided follows in the same transaction). */
function ended({ game }: World, e: WorldEvent): void {
  const gameId = e.args.gameId as bigint;
  const record = game.records.get(gameId);
  if (record) {
    record.endedBlock = e.blockNumber;
    record.endedTime = e.time;
    record.winner = (e.args.defenderWon as boolean) ? "defender" : "challenger";
    record.how = e.name === "StepProven" ? "step" : "timeout";
  }
  game.games.delete(gameId);
}

/** BisectionGame: games open, moves (bisect, respond) and endings; what an ending did to the claims is the oracle's part. */
export const gameEvents: ContractEvents<"BisectionGame"> = {
  GameCreated({ game }, e) {
    const a = e.args;
    const gameId = a.gameId as bigint;
    const record = game.records.get(gameId);
    const hi = Number(a.traceLength as bigint);
    // The oracle's ClaimPosted, emitted after this in the same transaction, links the game to its request and claims.
    game.games.set(gameId, {
      id: gameId,
      requestId: record?.requestId ?? 0n,
      defender: a.defender as Address,
      challenger: a.challenger as Address,
      targetClaim: record?.targetClaim ?? 0,
      challengerClaim: record?.challengerClaim ?? 0,
      lo: 0,
      hi,
      phase: hi <= 1 ? "defender-to-step" : "defender-to-bisect",
      midHash: "0x",
      deadline: Number(a.deadline as bigint),
    });
  },

  Bisected(world, e) {
    const a = e.args;
    const game = world.game.games.get(a.gameId as bigint);
    if (!game) return;
    game.phase = "challenger-to-respond";
    game.midHash = a.midHash as Hex;
    game.deadline = Number(a.deadline as bigint);
    countMove(world, game);
  },

  Responded(world, e) {
    const a = e.args;
    const game = world.game.games.get(a.gameId as bigint);
    if (!game) return;
    game.lo = Number(a.lo as bigint);
    game.hi = Number(a.hi as bigint);
    game.phase = game.hi - game.lo <= 1 ? "defender-to-step" : "defender-to-bisect";
    game.deadline = Number(a.deadline as bigint);
    countMove(world, game);
  },

  StepProven: ended,
  TimedOut: ended,
};
