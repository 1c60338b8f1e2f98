#!/usr/bin/env node
// ERC-7641 arithmetic test vectors: an independent model of the rules (not a reading of the contract).
// Run: node contracts/test/vectors/generate-erc7641-vectors.mjs  (writes erc7641-vectors.json beside it;
// `--check` exits 1 if the committed JSON differs from what the model computes now).
//
// Rules modelled (IMO-FACTS ERC-7641 section and IRevShareToken):
//   - revenue received between two snapshots is `pending`; snapshot s splits it:
//       toClaimable = floor(pending * claimableBps / 10000), toRedeemPool = pending - toClaimable;
//     unless snapshot s has no eligible supply: then nothing is split and `pending` waits for the next;
//   - the balances and eligible supply of snapshot s are those held when s became due: `dueActions`
//     (run at the due time, before `snapshot()`) count for snapshot s + 1;
//   - snapshot s closes the window of snapshot e = s - claimWindow (if e >= 1): unclaimed = pool(e) - claimed(e)
//     (rounding dust included) goes into pool(s) (RollForward) or into the redeem pool (ToRedeemPool);
//     pool(s) = toClaimable (+ unclaimed under RollForward);
//   - a holder's claim for snapshot s pays floor(pool(s) * balanceAt(s) / eligibleSupplyAt(s)); it is
//     allowed while s > current - claimWindow, once, for holders that are not revenue-excluded; a claim
//     that pays nothing reverts (the vectors never contain one);
//   - eligibleSupply = totalSupply - balances of revenue-excluded holders;
//   - burn(amount) pays floor(redeemPool * amount / eligibleSupply) (eligible supply before the burn),
//     nothing to an excluded holder; redeemableOnBurn(amount) is that quote for amount <= eligibleSupply.
//
// JSON shape (all token and wei amounts are decimal strings, to be read as BigInt / uint256; ids and
// config numbers are JSON numbers; holders are labels, the Solidity replay uses makeAddr(label)):
// {
//   "version": 2,
//   "cases": [{
//     "name": string, "description": string,
//     "config": { "claimableBps": number, "claimWindow": number,
//                 "unclaimedPolicy": "RollForward" | "ToRedeemPool" },
//     "holders": [{ "label": string, "balance": string, "excluded": boolean }],
//     "periods": [{                              // period k ends with snapshot k
//       "revenue": string,                       // ETH revenue deposited at the start of the period
//       "actions": [                             // then these, in order, before the due time
//         { "type": "transfer", "from": label, "to": label, "amount": string },
//         { "type": "burn", "holder": label, "amount": string, "expectedRedeemed": string },
//         { "type": "claim", "holder": label, "snapshotId": number, "expectedPaid": string }
//       ],
//       "dueActions": [ ... ],                   // then these, at the due time (same shapes)
//       "expected": {                            // right after snapshot k
//         "snapshotId": number, "revenue": string, "toClaimable": string, "toRedeemPool": string,
//         "expiredSnapshotId": number,           // 0 if no window closed
//         "expiredUnclaimed": string, "rolledForward": boolean,
//         "pool": string,
//         "eligibleSupply": string,              // now (live), after the due actions
//         "eligibleSupplyAt": string,            // of snapshot k: as it stood at the due time
//         "totalSupply": string,
//         "pending": string, "openClaimable": string, "redeemPool": string,
//         "claimable": [{ "holder": label, "snapshotId": number, "amount": string }],  // every holder x 1..k
//         "redeemableOnBurn": [{ "amount": string, "redeemable": string }]
//       }
//     }],
//     "finalBooks": { "received", "pending", "openClaimable", "redeemPool", "claimed", "redeemed": string }
//   }]
// }
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BPS = 10000n;
const E18 = 10n ** 18n;

/** The ERC-7641 model of one token (ETH revenue only: the arithmetic is the same per asset). */
class Model {
  constructor(config, holders) {
    this.bps = BigInt(config.claimableBps);
    this.window = config.claimWindow;
    this.rollForward = config.unclaimedPolicy === "RollForward";
    this.balance = new Map(holders.map((h) => [h.label, BigInt(h.balance)]));
    this.excluded = new Set(holders.filter((h) => h.excluded).map((h) => h.label));
    this.labels = holders.map((h) => h.label);
    this.current = 0;
    this.pending = 0n;
    this.openClaimable = 0n;
    this.redeemPool = 0n;
    this.claimed = 0n;
    this.redeemed = 0n;
    this.received = 0n;
    this.pools = [null]; // pools[s] = { amount, claimed }
    this.balanceAt = [null]; // balanceAt[s] = Map
    this.eligibleAt = [null];
    this.claimedBy = new Set(); // `${label}#${s}`
    this.frozen = null; // balances as they stood at the due time of the next snapshot
  }

  /** The due time of the next snapshot is reached: what follows counts for the one after. */
  reachDue() {
    this.frozen = { balance: new Map(this.balance), eligible: this.eligibleSupply() };
  }

  eligibleSupply() {
    let sum = 0n;
    for (const [label, b] of this.balance) if (!this.excluded.has(label)) sum += b;
    return sum;
  }

  totalSupply() {
    let sum = 0n;
    for (const b of this.balance.values()) sum += b;
    return sum;
  }

  deposit(amount) {
    this.pending += amount;
    this.received += amount;
  }

  transfer(from, to, amount) {
    if (this.balance.get(from) < amount) throw new Error(`transfer: ${from} holds too little`);
    this.balance.set(from, this.balance.get(from) - amount);
    this.balance.set(to, this.balance.get(to) + amount);
  }

  redeemable(amount) {
    const eligible = this.eligibleSupply();
    if (eligible === 0n) return 0n;
    if (amount > eligible) throw new Error("redeemable: amount above eligible supply (not modelled)");
    return (this.redeemPool * amount) / eligible;
  }

  burn(holder, amount) {
    if (this.balance.get(holder) < amount || amount === 0n) throw new Error(`burn: bad amount for ${holder}`);
    const paid = this.excluded.has(holder) ? 0n : this.redeemable(amount);
    this.redeemPool -= paid;
    this.redeemed += paid;
    this.balance.set(holder, this.balance.get(holder) - amount);
    return paid;
  }

  isOpen(s) {
    return s >= 1 && s <= this.current && s + this.window > this.current;
  }

  claimable(holder, s) {
    if (!this.isOpen(s) || this.excluded.has(holder) || this.claimedBy.has(`${holder}#${s}`)) return 0n;
    const b = this.balanceAt[s].get(holder);
    if (b === 0n) return 0n;
    return (this.pools[s].amount * b) / this.eligibleAt[s];
  }

  claim(holder, s) {
    const paid = this.claimable(holder, s);
    if (paid === 0n) throw new Error(`claim: ${holder} has nothing to claim for ${s} (would revert)`);
    this.claimedBy.add(`${holder}#${s}`);
    this.pools[s].claimed += paid;
    this.openClaimable -= paid;
    this.claimed += paid;
    return paid;
  }

  snapshot() {
    const id = ++this.current;
    const at = this.frozen ?? { balance: new Map(this.balance), eligible: this.eligibleSupply() };
    this.frozen = null;
    const revenue = at.eligible === 0n ? 0n : this.pending;
    const toClaimable = (revenue * this.bps) / BPS;
    const toRedeemPool = revenue - toClaimable;
    const expiredSnapshotId = id > this.window ? id - this.window : 0;
    const expiredUnclaimed =
      expiredSnapshotId === 0 ? 0n : this.pools[expiredSnapshotId].amount - this.pools[expiredSnapshotId].claimed;
    let pool = toClaimable;
    this.pending -= revenue;
    this.openClaimable += toClaimable;
    this.redeemPool += toRedeemPool;
    if (this.rollForward) {
      pool += expiredUnclaimed;
    } else {
      this.openClaimable -= expiredUnclaimed;
      this.redeemPool += expiredUnclaimed;
    }
    this.pools[id] = { amount: pool, claimed: 0n };
    this.balanceAt[id] = at.balance;
    this.eligibleAt[id] = at.eligible;
    return { id, revenue, toClaimable, toRedeemPool, expiredSnapshotId, expiredUnclaimed, pool };
  }
}

/** Runs actions on the model and returns them with their expected payouts. */
function runActions(model, list) {
  const actions = [];
  for (const a of list) {
    if (a.type === "transfer") {
      model.transfer(a.from, a.to, BigInt(a.amount));
      actions.push({ type: "transfer", from: a.from, to: a.to, amount: String(a.amount) });
    } else if (a.type === "burn") {
      const redeemed = model.burn(a.holder, BigInt(a.amount));
      actions.push({ type: "burn", holder: a.holder, amount: String(a.amount), expectedRedeemed: String(redeemed) });
    } else if (a.type === "claim") {
      const paid = model.claim(a.holder, a.snapshotId);
      actions.push({ type: "claim", holder: a.holder, snapshotId: a.snapshotId, expectedPaid: String(paid) });
    } else {
      throw new Error(`unknown action ${a.type}`);
    }
  }
  return actions;
}

/** Runs a case description (amounts as BigInt or strings) and returns the JSON case with expectations. */
function buildCase(spec) {
  const holders = spec.holders.map((h) => ({ label: h.label, balance: String(h.balance), excluded: !!h.excluded }));
  const model = new Model(spec.config, holders);
  const periods = [];
  for (const p of spec.periods) {
    const revenue = BigInt(p.revenue ?? 0n);
    if (revenue > 0n) model.deposit(revenue);
    const actions = runActions(model, p.actions ?? []);
    model.reachDue();
    const dueActions = runActions(model, p.dueActions ?? []);
    const split = model.snapshot();
    const claimable = [];
    for (const label of model.labels) {
      for (let s = 1; s <= split.id; s++) {
        claimable.push({ holder: label, snapshotId: s, amount: String(model.claimable(label, s)) });
      }
    }
    const eligible = model.eligibleSupply();
    const quoteAmounts = [...new Set([1n, eligible / 3n, eligible].filter((x) => x > 0n))];
    periods.push({
      revenue: String(revenue),
      actions,
      dueActions,
      expected: {
        snapshotId: split.id,
        revenue: String(split.revenue),
        toClaimable: String(split.toClaimable),
        toRedeemPool: String(split.toRedeemPool),
        expiredSnapshotId: split.expiredSnapshotId,
        expiredUnclaimed: String(split.expiredUnclaimed),
        rolledForward: model.rollForward,
        pool: String(split.pool),
        eligibleSupply: String(eligible),
        eligibleSupplyAt: String(model.eligibleAt[split.id]),
        totalSupply: String(model.totalSupply()),
        pending: String(model.pending),
        openClaimable: String(model.openClaimable),
        redeemPool: String(model.redeemPool),
        claimable,
        redeemableOnBurn: quoteAmounts.map((amount) => ({
          amount: String(amount),
          redeemable: String(model.redeemable(amount)),
        })),
      },
    });
  }
  return {
    name: spec.name,
    description: spec.description,
    config: spec.config,
    holders,
    periods,
    finalBooks: {
      received: String(model.received),
      pending: String(model.pending),
      openClaimable: String(model.openClaimable),
      redeemPool: String(model.redeemPool),
      claimed: String(model.claimed),
      redeemed: String(model.redeemed),
    },
  };
}

const RF = (claimableBps, claimWindow) => ({ claimableBps, claimWindow, unclaimedPolicy: "RollForward" });
const TR = (claimableBps, claimWindow) => ({ claimableBps, claimWindow, unclaimedPolicy: "ToRedeemPool" });

const specs = [
  {
    name: "basic-two-holders",
    description: "60/40 holders, 80% claimable, both claim snapshot 1, revenue in two periods",
    config: RF(8000, 2),
    holders: [
      { label: "alice", balance: 600n * E18 },
      { label: "bob", balance: 400n * E18 },
    ],
    periods: [
      { revenue: 10n * E18 },
      {
        revenue: 5n * E18,
        actions: [
          { type: "claim", holder: "alice", snapshotId: 1 },
          { type: "claim", holder: "bob", snapshotId: 1 },
        ],
      },
      { revenue: 0n, actions: [{ type: "burn", holder: "bob", amount: 100n * E18 }] },
    ],
  },
  {
    name: "dust-three-thirds-rollforward",
    description: "3 equal holders, 100 wei all claimable: each gets 33, 1 wei dust rolls into snapshot 3",
    config: RF(10000, 2),
    holders: [
      { label: "h0", balance: 1n },
      { label: "h1", balance: 1n },
      { label: "h2", balance: 1n },
    ],
    periods: [
      { revenue: 100n },
      {
        revenue: 0n,
        actions: [
          { type: "claim", holder: "h0", snapshotId: 1 },
          { type: "claim", holder: "h1", snapshotId: 1 },
          { type: "claim", holder: "h2", snapshotId: 1 },
        ],
      },
      { revenue: 200n },
      { revenue: 0n, actions: [{ type: "claim", holder: "h1", snapshotId: 3 }] },
    ],
  },
  {
    name: "dust-three-thirds-to-redeem-pool",
    description: "3 equal holders of 1/3 each; the 1 wei of dust goes to the redeem pool when the window closes",
    config: TR(10000, 2),
    holders: [
      { label: "h0", balance: E18 },
      { label: "h1", balance: E18 },
      { label: "h2", balance: E18 },
    ],
    periods: [
      { revenue: 100n },
      {
        revenue: 0n,
        actions: [
          { type: "claim", holder: "h0", snapshotId: 1 },
          { type: "claim", holder: "h1", snapshotId: 1 },
          { type: "claim", holder: "h2", snapshotId: 1 },
        ],
      },
      { revenue: 0n },
      { revenue: 0n, actions: [{ type: "burn", holder: "h2", amount: E18 }] },
    ],
  },
  {
    name: "claimable-bps-0",
    description: "nothing claimable: all revenue to the redeem pool, burns redeem pro rata",
    config: RF(0, 2),
    holders: [
      { label: "alice", balance: 3n * E18 },
      { label: "bob", balance: 7n * E18 },
    ],
    periods: [
      { revenue: 1000n },
      { revenue: 999n, actions: [{ type: "burn", holder: "alice", amount: E18 }] },
      { revenue: 1n, actions: [{ type: "burn", holder: "bob", amount: 7n * E18 }] },
    ],
  },
  {
    name: "claimable-bps-10000",
    description: "everything claimable, the redeem pool stays empty",
    config: TR(10000, 3),
    holders: [
      { label: "alice", balance: 5n },
      { label: "bob", balance: 2n },
    ],
    periods: [
      { revenue: 7777n },
      { revenue: 1n, actions: [{ type: "claim", holder: "bob", snapshotId: 1 }] },
      { revenue: 0n, actions: [{ type: "burn", holder: "alice", amount: 1n }] },
    ],
  },
  {
    name: "burn-right-after-snapshot",
    description: "alice burns all right after snapshot 1 and still claims it; bob burns before snapshot 2 and forfeits it",
    config: RF(8000, 2),
    holders: [
      { label: "alice", balance: 50n * E18 },
      { label: "bob", balance: 30n * E18 },
      { label: "carol", balance: 20n * E18 },
    ],
    periods: [
      { revenue: 3n * E18 },
      {
        revenue: 2n * E18,
        actions: [
          { type: "burn", holder: "alice", amount: 50n * E18 },
          { type: "claim", holder: "alice", snapshotId: 1 },
          { type: "burn", holder: "bob", amount: 30n * E18 },
        ],
      },
      { revenue: 0n, actions: [{ type: "claim", holder: "carol", snapshotId: 2 }] },
    ],
  },
  {
    name: "window-close-rollforward",
    description: "window 2: snapshot 1 left unclaimed (dust too) rolls into snapshot 3's pool",
    config: RF(8000, 2),
    holders: [
      { label: "alice", balance: 1n * E18 },
      { label: "bob", balance: 2n * E18 },
    ],
    periods: [
      { revenue: 1_000_003n },
      { revenue: 500n, actions: [{ type: "claim", holder: "bob", snapshotId: 1 }] },
      { revenue: 10n },
      {
        revenue: 0n,
        actions: [
          { type: "claim", holder: "alice", snapshotId: 3 },
          { type: "claim", holder: "bob", snapshotId: 3 },
        ],
      },
      { revenue: 0n },
      { revenue: 0n },
    ],
  },
  {
    name: "window-close-to-redeem-pool",
    description: "window 3: what snapshots 1 and 2 left unclaimed moves to the redeem pool at snapshots 4 and 5",
    config: TR(8000, 3),
    holders: [
      { label: "alice", balance: 1n * E18 },
      { label: "bob", balance: 2n * E18 },
    ],
    periods: [
      { revenue: 1_000_003n },
      { revenue: 500n, actions: [{ type: "claim", holder: "bob", snapshotId: 1 }] },
      { revenue: 0n, actions: [{ type: "claim", holder: "alice", snapshotId: 2 }] },
      { revenue: 0n },
      { revenue: 0n, actions: [{ type: "burn", holder: "alice", amount: E18 / 2n }] },
    ],
  },
  {
    name: "revenue-excluded-holder",
    description:
      "a sale contract holding half the supply earns nothing and does not dilute; it sells to carol mid-way; its burn redeems nothing",
    config: RF(8000, 2),
    holders: [
      { label: "sale", balance: 500n * E18, excluded: true },
      { label: "alice", balance: 300n * E18 },
      { label: "bob", balance: 200n * E18 },
      { label: "carol", balance: 0n },
    ],
    periods: [
      { revenue: 9n * E18 + 7n },
      {
        revenue: 4n * E18,
        actions: [
          { type: "transfer", from: "sale", to: "carol", amount: 100n * E18 },
          { type: "claim", holder: "alice", snapshotId: 1 },
          { type: "transfer", from: "alice", to: "sale", amount: 50n * E18 },
        ],
      },
      {
        revenue: 1n,
        actions: [
          { type: "claim", holder: "carol", snapshotId: 2 },
          { type: "burn", holder: "sale", amount: 100n * E18 },
          { type: "burn", holder: "bob", amount: 20n * E18 },
        ],
      },
    ],
  },
  {
    name: "odd-bps-rounding",
    description: "claimableBps 3333 with tiny and odd revenues; 7 holders with prime balances",
    config: TR(3333, 2),
    holders: [2n, 3n, 5n, 7n, 11n, 13n, 17n].map((b, i) => ({ label: `p${i}`, balance: b })),
    periods: [
      { revenue: 1n },
      { revenue: 700n },
      { revenue: 1_000_000_007n, actions: [{ type: "claim", holder: "p6", snapshotId: 2 }] },
      {
        revenue: 3n,
        actions: [
          { type: "claim", holder: "p0", snapshotId: 3 },
          { type: "claim", holder: "p5", snapshotId: 3 },
          { type: "transfer", from: "p6", to: "p0", amount: 17n },
        ],
      },
      { revenue: 0n, actions: [{ type: "burn", holder: "p0", amount: 19n }] },
    ],
  },
  {
    name: "due-time-freezes-balances",
    description:
      "transfers and a burn at the due time count for the next snapshot: the burner keeps the due claim, the receiver waits one snapshot",
    config: RF(8000, 2),
    holders: [
      { label: "alice", balance: 500n * E18 },
      { label: "bob", balance: 300n * E18 },
      { label: "carol", balance: 200n * E18 + 7n },
    ],
    periods: [
      {
        revenue: 10n * E18,
        actions: [{ type: "transfer", from: "alice", to: "bob", amount: 100n * E18 }],
        dueActions: [
          { type: "transfer", from: "alice", to: "carol", amount: 300n * E18 },
          { type: "burn", holder: "bob", amount: 400n * E18 },
        ],
      },
      {
        revenue: 5n * E18 + 3n,
        actions: [
          { type: "claim", holder: "bob", snapshotId: 1 },
          { type: "claim", holder: "carol", snapshotId: 1 },
        ],
        dueActions: [
          { type: "claim", holder: "alice", snapshotId: 1 },
          { type: "transfer", from: "carol", to: "alice", amount: 1n },
        ],
      },
      { revenue: 1n, dueActions: [{ type: "burn", holder: "carol", amount: 250n * E18 }] },
    ],
  },
  {
    name: "no-eligible-holder-revenue-waits",
    description:
      "every eligible token is burned: the snapshot splits nothing and the revenue waits; the sale sells to carol and the next snapshot splits all of it",
    config: TR(8000, 2),
    holders: [
      { label: "sale", balance: 500n * E18, excluded: true },
      { label: "alice", balance: 300n * E18 },
      { label: "bob", balance: 200n * E18 },
      { label: "carol", balance: 0n },
    ],
    periods: [
      { revenue: 4n * E18 },
      {
        revenue: 6n * E18 + 1n,
        actions: [
          { type: "burn", holder: "alice", amount: 300n * E18 },
          { type: "burn", holder: "bob", amount: 200n * E18 },
        ],
      },
      { revenue: 1n * E18, actions: [{ type: "transfer", from: "sale", to: "carol", amount: 50n * E18 }] },
      { revenue: 0n, actions: [{ type: "claim", holder: "carol", snapshotId: 3 }] },
      { revenue: 0n, actions: [{ type: "burn", holder: "carol", amount: 50n * E18 }] },
    ],
  },
];

const vectors = { version: 2, cases: specs.map(buildCase) };
const text = `${JSON.stringify(vectors, null, 2)}\n`;
const out = join(dirname(fileURLToPath(import.meta.url)), "erc7641-vectors.json");
if (process.argv.includes("--check")) {
  const committed = readFileSync(out, "utf8");
  if (committed !== text) {
    console.error("erc7641-vectors.json is stale: run node contracts/test/vectors/generate-erc7641-vectors.mjs");
    process.exit(1);
  }
  console.log("erc7641-vectors.json is up to date");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${vectors.cases.length} cases to ${out}`);
}
