import type { Address, Log } from "viem";
import { applyDeposit, applyRemoval, emptyLpBook, type LpBook } from "../market/lpReturns.ts";
import { pairEvents } from "../market/pairEvents.ts";
import type { AmmDeployment } from "./deployment.ts";

/** One ETH movement into or out of the pair (kind as in flows.csv), between `party` (the sender, or the launch) and the pair. */
export type PairFlow = { readonly kind: "swap-eth-in" | "swap-eth-out" | "lp-deposit" | "lp-withdrawal"; readonly party: Address; readonly amount: bigint };

/** One LP position: its book (sim/market/lpReturns.ts) and the LP tokens it holds. */
export type LpHolding = { book: LpBook; lpTokens: bigint };

/**
 * The pair's side of a run: the ETH each router transaction moved in or out of it (from the pair's own Swap,
 * Mint and Burn events, so the router's refunds of unused ETH never count), each liquidity position's book
 * (providers' and the liquidity recipient's, keyed by lower-cased address), and the fees of each epoch so far.
 */
export type PairLedger = {
  readonly router: string;
  /** The launch's liquidity recipient, who owns its LP tokens (locked or vesting). */
  readonly recipient: Address;
  readonly pair: Address;
  readonly tokenIsToken0: boolean;
  readonly positions: Map<string, LpHolding>;
  readonly feesByEpoch: bigint[];
};

export function createPairLedger(amm: AmmDeployment, token: Address, recipient: Address): PairLedger {
  return { router: amm.router.toLowerCase(), recipient, pair: amm.pair, tokenIsToken0: token.toLowerCase() < amm.weth.toLowerCase(), positions: new Map(), feesByEpoch: [] };
}

const ZERO = "0x0000000000000000000000000000000000000000";

function holdingOf(ledger: PairLedger, owner: Address): LpHolding {
  const key = owner.toLowerCase();
  let holding = ledger.positions.get(key);
  if (!holding) ledger.positions.set(key, (holding = { book: emptyLpBook(), lpTokens: 0n }));
  return holding;
}

/**
 * A successful router transaction of `from`: the ETH it moved in and out of the pair, and its liquidity
 * position updated by what it added (Mint and the LP tokens minted to it) or removed (Burn, the LP tokens burned,
 * valued at the pool's price just before, which the burn leaves unchanged).
 */
export function recordPairTransaction(ledger: PairLedger, from: Address, logs: readonly Log[]): PairFlow[] {
  const flows: PairFlow[] = [];
  const events = pairEvents(logs, ledger.pair, ledger.tokenIsToken0);
  let minted = 0n;
  let burned = 0n;
  for (const [i, e] of events.entries()) {
    switch (e.kind) {
      case "swap":
        if (e.ethIn > 0n) flows.push({ kind: "swap-eth-in", party: from, amount: e.ethIn });
        if (e.ethOut > 0n) flows.push({ kind: "swap-eth-out", party: from, amount: e.ethOut });
        break;
      case "lpTransfer":
        if (e.from.toLowerCase() === ZERO && e.to.toLowerCase() === from.toLowerCase()) minted += e.value;
        if (e.from.toLowerCase() === ledger.pair.toLowerCase() && e.to.toLowerCase() === ZERO) burned += e.value;
        break;
      case "mint": {
        flows.push({ kind: "lp-deposit", party: from, amount: e.eth });
        const holding = holdingOf(ledger, from);
        holding.book = applyDeposit(holding.book, e.eth, e.tokens);
        holding.lpTokens += minted;
        minted = 0n;
        break;
      }
      case "burn": {
        flows.push({ kind: "lp-withdrawal", party: from, amount: e.eth });
        // the Sync just before the Burn holds the reserves after it; the pool before adds back what it paid out
        const sync = events.slice(0, i).reverse().find((s) => s.kind === "sync");
        const after = sync?.kind === "sync" ? sync : { eth: 0n, tokens: 0n };
        const holding = holdingOf(ledger, from);
        if (holding.lpTokens > 0n) holding.book = applyRemoval(holding.book, burned, holding.lpTokens, e.eth, e.tokens, { eth: after.eth + e.eth, tokens: after.tokens + e.tokens });
        holding.lpTokens -= burned;
        burned = 0n;
        break;
      }
      case "sync":
        break;
    }
  }
  return flows;
}

/** The launch's liquidity at listing: its position, which the liquidity recipient owns (locked or vesting). */
export function recordLaunchLiquidity(ledger: PairLedger, tokens: bigint, eth: bigint, lpTokens: bigint): void {
  const holding = holdingOf(ledger, ledger.recipient);
  holding.book = applyDeposit(holding.book, eth, tokens);
  holding.lpTokens += lpTokens;
}
