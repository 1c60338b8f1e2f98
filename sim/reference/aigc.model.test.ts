import fc from "fast-check";
import { bytesToHex, encodeAbiParameters, getAddress, keccak256, parseEther, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { fcCommandOptions, fcParams, fcTimeout } from "../testing/fcParams.ts";
import { startModelChain, type ChainSnapshot, type ModelChain, type TxResult } from "../testing/modelChain.ts";
import { packWords } from "../vm/bytes.ts";
import { createTrace, encodeInput, encodeShape, execute, loadModel, weightsRoot } from "../vm/index.ts";
import * as aigc from "./aigc.ts";
import type { AigcParameters, AigcState, Outcome } from "./aigc.ts";
import { expectOutcome, formatWei } from "./raiseNftHarness.ts";

/**
 * Model-based test of the ERC-7007 collection and its royalty market on a real stack (ModelVMVerifier,
 * ModelRegistry, RevShareToken, OpmlOracle with its BisectionGame, AigcNFT, RoyaltyMarket) with the tiny
 * model, so every submission is a real VM final state. fast-check drives mints, submissions (honest or
 * wrong, unchallenged), finalization, transfers, listings, sales, withdrawals and forbidden writes; after
 * each command the reference model (`aigc.ts`) and the chain must agree on owners, balances, content,
 * `verify`, royalties, market credits, oracle credits and the RevShareToken's revenue.
 */

const NFT = contractAbis.AigcNFT as Abi;
const MARKET = contractAbis.RoyaltyMarket as Abi;
const ORACLE = contractAbis.OpmlOracle as Abi;
const TOKEN = contractAbis.RevShareToken as Abi;
const REGISTRY = contractAbis.ModelRegistry as Abi;
const ETH_ASSET: Address = "0x0000000000000000000000000000000000000000";

const PARAMS: AigcParameters = {
  mintFee: parseEther("0.05"),
  royaltyBps: 500n,
  callbackGasLimit: 200_000n,
  modelFee: parseEther("0.01"),
  receiverBps: 8000n,
  submitterReward: parseEther("0.001"),
  protocolFee: parseEther("0.0005"),
  callbackGasPrice: 10n ** 10n,
  submitterBond: parseEther("0.1"),
  challengeWindow: 3_600,
  requestTimeout: 86_400,
};

/** Three collectors (the third never approves the market) and a contract that holds NFTs but refuses ETH. */
const COLLECTORS = [0, 1, 2].map((i) => agentAddress(`aigc-collector-${i}`));
const SUBMITTER = agentAddress("aigc-submitter");
const KEEPER = agentAddress("aigc-keeper");
const MODEL_OWNER = agentAddress("aigc-model-owner");
const GOVERNOR = agentAddress("aigc-governor");
const TREASURY = agentAddress("aigc-treasury");
const HOLDERS = [agentAddress("aigc-holder-0"), agentAddress("aigc-holder-1")];
const STARTING_ETH = 1_000n * 10n ** 18n;

type Real = { chain: ModelChain; nft: Address; market: Address; oracle: Address; token: Address; refuser: Address };
/** Who acts: the collectors and the ETH-refusing contract (its transactions are impersonated on Anvil). */
type Actor = { label: string; address: (m: AigcState, p: Prompt) => Address; approvesMarket: (m: AigcState, p: Prompt) => boolean };

// ------------------------------------------------------------------ prompts and VM results

const tiny = loadModel("tiny");
type Prompt = { label: string; prompt: Hex; tokenId: bigint; honest: Hex; honestState: Hex; wrong: Hex; wrongState: Hex };

/**
 * Three valid inputs from the model's samples (few, so commands often meet the same token); honest
 * results from the TypeScript VM, wrong ones from a faulty last step.
 */
const PROMPTS: Prompt[] = tiny.file.samples.slice(0, 3).map((sample, i) => {
  const prompt = encodeInput(tiny.model.shape, sample.input);
  const honest = createTrace(tiny.model, sample.input).finalState();
  const wrong = createTrace(tiny.model, sample.input, { fault: { step: tiny.file.traceLength - 1, delta: 1n } }).finalState();
  return { label: `prompt${i}`, prompt, tokenId: BigInt(keccak256(prompt)), honest: honest.output, honestState: honest.preimage, wrong: wrong.output, wrongState: wrong.preimage };
});

// ------------------------------------------------------------------ comparing model and chain

type Check = { label: string; call: { to: Address; abi: Abi; functionName: string; args?: readonly unknown[] }; expected: unknown };

function holders(r: Real): { label: string; address: Address }[] {
  return [
    ...COLLECTORS.map((a, i) => ({ label: `collector${i}`, address: a })),
    { label: "refuser", address: r.refuser },
    { label: "submitter", address: SUBMITTER },
    { label: "keeper", address: KEEPER },
    { label: "market", address: r.market },
  ];
}

async function expectAgreement(m: AigcState, r: Real, after: string): Promise<void> {
  expect(r.chain.now, `${after}: clock`).toBe(m.now);
  const checks: Check[] = [];
  const everyone = holders(r);
  for (const h of everyone) {
    checks.push({ label: `NFT balanceOf ${h.label}`, call: { to: r.nft, abi: NFT, functionName: "balanceOf", args: [h.address] }, expected: aigc.balanceOf(m, h.address) });
    checks.push({ label: `market creditOf ${h.label}`, call: { to: r.market, abi: MARKET, functionName: "creditOf", args: [h.address] }, expected: aigc.get(m.marketCredits, h.address) });
    checks.push({ label: `NFT creditOf ${h.label}`, call: { to: r.nft, abi: NFT, functionName: "creditOf", args: [h.address] }, expected: aigc.get(m.nftCredits, h.address) });
  }
  checks.push({ label: "NFT totalCredits", call: { to: r.nft, abi: NFT, functionName: "totalCredits" }, expected: aigc.totalNftCredits(m) });
  checks.push({ label: "NFT unattributedOracleCredit", call: { to: r.nft, abi: NFT, functionName: "unattributedOracleCredit" }, expected: m.nftPulled - m.nftRecognized });
  checks.push({ label: "market totalCredits", call: { to: r.market, abi: MARKET, functionName: "totalCredits" }, expected: aigc.totalMarketCredits(m) });
  checks.push({ label: "mintPrice", call: { to: r.nft, abi: NFT, functionName: "mintPrice" }, expected: aigc.mintPrice(m.params) });
  checks.push({ label: "token books received", call: { to: r.token, abi: TOKEN, functionName: "books", args: [ETH_ASSET] }, expected: m.tokenRevenue });
  for (const [who, label] of [[r.token, "token"], [MODEL_OWNER, "model owner"], [SUBMITTER, "submitter"], [r.nft, "NFT"]] as const) {
    checks.push({ label: `oracle creditOf ${label}`, call: { to: r.oracle, abi: ORACLE, functionName: "creditOf", args: [who] }, expected: aigc.get(m.oracleCredits, who) });
  }
  checks.push({ label: "oracle protocolFeesAccrued", call: { to: r.oracle, abi: ORACLE, functionName: "protocolFeesAccrued" }, expected: m.protocolFees });
  checks.push({ label: "oracle nextRequestId", call: { to: r.oracle, abi: ORACLE, functionName: "nextRequestId" }, expected: m.nextRequestId });
  const price = 10n ** 18n + 7n;
  checks.push({ label: "royaltyInfo", call: { to: r.nft, abi: NFT, functionName: "royaltyInfo", args: [PROMPTS[0]?.tokenId, price] }, expected: aigc.royaltyInfo(m, price) });
  for (const p of PROMPTS) checks.push(...promptChecks(m, r, p));

  const actual = await r.chain.readMany(checks.map((c) => c.call));
  checks.forEach((c, i) => {
    const got = c.label === "token books received" ? (actual[i] as { received: bigint }).received : actual[i];
    expect(got, `${after}: ${c.label}`).toEqual(c.expected);
  });

  const parties = [...everyone.map((h) => h.address), r.token, r.oracle, r.nft, MODEL_OWNER];
  const eth = await r.chain.balances(parties);
  parties.forEach((p, i) => expect(eth[i], `${after}: ETH of ${everyone[i]?.label ?? p}`).toBe(aigc.get(m.eth, p)));
  expectConservation(m, r, eth, parties, after);
}

/** What the chain says about one prompt: its record, owner, listing, content checks. Minted prompts only (the others revert). */
function promptChecks(m: AigcState, r: Real, p: Prompt): Check[] {
  const t = m.tokens.get(p.tokenId);
  const at = p.label;
  const checks: Check[] = [
    { label: `${at} tokenId`, call: { to: r.nft, abi: NFT, functionName: "tokenId", args: [p.prompt] }, expected: p.tokenId },
    { label: `${at} isFinal`, call: { to: r.nft, abi: NFT, functionName: "isFinal", args: [p.tokenId] }, expected: aigc.isFinal(m, p.tokenId) },
    { label: `${at} listing`, call: { to: r.market, abi: MARKET, functionName: "getListing", args: [r.nft, p.tokenId] }, expected: m.listings.get(p.tokenId) ?? { seller: ETH_ASSET, price: 0n } },
  ];
  const requestProof = encodeAbiParameters([{ type: "uint256" }], [t?.requestId ?? 0n]);
  for (const [data, dataLabel] of [[p.honest, "honest"], [p.wrong, "wrong"], ["0x", "empty"]] as const) {
    for (const [proof, proofKind] of [["0x", "empty"], [requestProof, "requestId"], ["0x01", "other"]] as const) {
      checks.push({
        label: `${at} verify(${dataLabel} data, ${proofKind} proof)`,
        call: { to: r.nft, abi: NFT, functionName: "verify", args: [p.prompt, data, proof] },
        expected: aigc.verify(m, p.tokenId, data, proofKind),
      });
    }
  }
  if (t === undefined) return checks;
  checks.push({ label: `${at} ownerOf`, call: { to: r.nft, abi: NFT, functionName: "ownerOf", args: [p.tokenId] }, expected: t.owner });
  checks.push({
    label: `${at} getRecord`,
    call: { to: r.nft, abi: NFT, functionName: "getRecord", args: [p.tokenId] },
    expected: { requestId: t.requestId, results: t.results, requester: t.requester, prompt: p.prompt, aigcData: t.aigcData },
  });
  checks.push({ label: `${at} tokenOfRequest`, call: { to: r.nft, abi: NFT, functionName: "tokenOfRequest", args: [t.requestId] }, expected: aigc.storedTokenOfRequest(t) });
  checks.push({ label: `${at} oracle isFinalized`, call: { to: r.oracle, abi: ORACLE, functionName: "isFinalized", args: [t.requestId] }, expected: t.status === "Finalized" });
  return checks;
}

/**
 * Every wei accounted for: ETH among the parties never changes; the oracle holds exactly its books for
 * these requests (credits + protocol fees + escrow and bonds of unfinalized requests); the market holds
 * exactly its credits; the NFT holds nothing; the RevShareToken holds exactly the revenue it booked;
 * every minted token has exactly one holder.
 */
function expectConservation(m: AigcState, r: Real, eth: bigint[], parties: Address[], after: string): void {
  const ethOf = (a: Address) => eth[parties.indexOf(a)] as bigint;
  const total = eth.reduce((a, b) => a + b, 0n);
  expect(total, `${after}: ETH conserved among the parties`).toBe(5n * STARTING_ETH);
  const p = m.params;
  let escrowAndBonds = 0n;
  for (const t of m.tokens.values()) {
    if (t.status === "Requested") escrowAndBonds += p.submitterReward + p.callbackGasLimit * p.callbackGasPrice;
    if (t.status === "Submitted") escrowAndBonds += p.submitterReward + p.callbackGasLimit * p.callbackGasPrice + p.submitterBond;
  }
  let oracleCredits = 0n;
  for (const v of m.oracleCredits.values()) oracleCredits += v;
  expect(ethOf(r.oracle), `${after}: oracle ETH = credits + protocol fees + escrow and bonds`).toBe(oracleCredits + m.protocolFees + escrowAndBonds);
  expect(ethOf(r.market), `${after}: market ETH = its credits`).toBe(aigc.totalMarketCredits(m));
  expect(ethOf(r.nft), `${after}: NFT ETH = its credits + pulled oracle credit not matched to a refund`).toBe(aigc.totalNftCredits(m) + m.nftPulled - m.nftRecognized);
  expect(ethOf(r.token), `${after}: RevShareToken ETH = revenue booked`).toBe(m.tokenRevenue);
  const held = holders(r).reduce((n, h) => n + aigc.balanceOf(m, h.address), 0n);
  expect(held, `${after}: every minted token has one holder`).toBe(BigInt(m.tokens.size));
}

// ------------------------------------------------------------------ commands

type Cmd = fc.AsyncCommand<AigcState, Real>;

const outcomes = new Map<string, number>();
const trace: string[] = [];
function tally(label: string, predicted: Outcome<unknown>): void {
  const result = predicted.ok ? "ok" : predicted.error;
  trace.push(`${label} -> ${result}`);
  const key = `${label.slice(0, label.indexOf("("))} -> ${result}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

async function step(m: AigcState, r: Real, label: string, send: () => Promise<TxResult>, apply: () => Outcome<unknown>): Promise<void> {
  const actual = await send();
  const predicted = apply();
  expectOutcome(label, actual, predicted);
  tally(label, predicted);
  await expectAgreement(m, r, label);
}

const send = (r: Real, from: Address, to: Address, abi: Abi, functionName: string, args: readonly unknown[], value?: bigint) =>
  r.chain.send({ from, to, abi, functionName, args, ...(value === undefined ? {} : { value }) });

/** How a payment relates to the exact price: the contracts take exactly the price, nothing more or less. */
type Pay = "exact" | "1 wei short" | "1 wei over";
const payDelta = (pay: Pay): bigint => (pay === "exact" ? 0n : pay === "1 wei short" ? -1n : 1n);

class Mint implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly p: Prompt,
    readonly pay: Pay,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const value = aigc.mintPrice(m.params) + payDelta(this.pay);
    const minter = this.actor.address(m, this.p);
    return step(m, r, this.toString(), () => send(r, minter, r.nft, NFT, "mint", [this.p.prompt], value), () => aigc.mint(m, minter, this.p.prompt, this.p.tokenId, value));
  };
  toString = () => `mint(${this.actor.label}, ${this.p.label}, ${this.pay})`;
}

/** The submitter posts the honest or a wrong final state for a prompt's request (request 99 if never minted). */
class Submit implements Cmd {
  constructor(
    readonly p: Prompt,
    readonly honest: boolean,
    readonly pay: Pay,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const requestId = m.tokens.get(this.p.tokenId)?.requestId ?? 99n;
    const [output, state] = this.honest ? [this.p.honest, this.p.honestState] : [this.p.wrong, this.p.wrongState];
    const value = m.params.submitterBond + payDelta(this.pay);
    return step(m, r, this.toString(), () => send(r, SUBMITTER, r.oracle, ORACLE, "submit", [requestId, output, state], value), () => aigc.submit(m, SUBMITTER, requestId, output, value));
  };
  toString = () => `submit(${this.p.label}, ${this.honest ? "honest" : "wrong"} output, bond ${this.pay})`;
}

class Finalize implements Cmd {
  constructor(readonly p: Prompt) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const requestId = m.tokens.get(this.p.tokenId)?.requestId ?? 99n;
    return step(m, r, this.toString(), () => send(r, KEEPER, r.oracle, ORACLE, "finalize", [requestId]), () => aigc.finalize(m, requestId));
  };
  toString = () => `finalize(${this.p.label})`;
}

class Warp implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  run = async (m: AigcState, r: Real) => {
    r.chain.warp(this.seconds);
    aigc.warp(m, this.seconds);
    await expectAgreement(m, r, this.toString());
  };
  toString = () => `warp(${this.seconds}s)`;
}

class Transfer implements Cmd {
  constructor(
    readonly from: Actor,
    readonly to: Actor,
    readonly p: Prompt,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const [from, to] = [this.from.address(m, this.p), this.to.address(m, this.p)];
    return step(m, r, this.toString(), () => send(r, from, r.nft, NFT, "transferFrom", [from, to, this.p.tokenId]), () => aigc.transfer(m, from, to, this.p.tokenId));
  };
  toString = () => `transferFrom(${this.from.label} → ${this.to.label}, ${this.p.label})`;
}

class List implements Cmd {
  constructor(
    readonly seller: Actor,
    readonly p: Prompt,
    readonly price: bigint,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const seller = this.seller.address(m, this.p);
    return step(
      m,
      r,
      this.toString(),
      () => send(r, seller, r.market, MARKET, "list", [r.nft, this.p.tokenId, this.price]),
      () => aigc.list(m, seller, this.p.tokenId, this.price, this.seller.approvesMarket(m, this.p)),
    );
  };
  toString = () => `list(${this.seller.label}, ${this.p.label}, ${formatWei(this.price)})`;
}

class Cancel implements Cmd {
  constructor(
    readonly caller: Actor,
    readonly p: Prompt,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const caller = this.caller.address(m, this.p);
    return step(m, r, this.toString(), () => send(r, caller, r.market, MARKET, "cancel", [r.nft, this.p.tokenId]), () => aigc.cancel(m, caller, this.p.tokenId));
  };
  toString = () => `cancel(${this.caller.label}, ${this.p.label})`;
}

class Buy implements Cmd {
  constructor(
    readonly buyer: Actor,
    readonly p: Prompt,
    readonly pay: Pay,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const buyer = this.buyer.address(m, this.p);
    // the listed price when there is a listing, else 1 ETH (the buy must fail: not listed)
    const value = (m.listings.get(this.p.tokenId)?.price ?? 10n ** 18n) + payDelta(this.pay);
    return step(m, r, this.toString(), () => send(r, buyer, r.market, MARKET, "buy", [r.nft, this.p.tokenId], value), () => aigc.buy(m, buyer, this.p.tokenId, value));
  };
  toString = () => `buy(${this.buyer.label}, ${this.p.label}, ${this.pay})`;
}

/** `withdraw()` of market credits, or `withdrawTo(collector0)` (the way out for an account that refuses ETH). */
class MarketWithdraw implements Cmd {
  constructor(
    readonly caller: Actor,
    readonly toCollector0: boolean,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const caller = this.caller.address(m, PROMPTS[0] as Prompt);
    const to = this.toCollector0 ? (COLLECTORS[0] as Address) : caller;
    return step(
      m,
      r,
      this.toString(),
      () => (this.toCollector0 ? send(r, caller, r.market, MARKET, "withdrawTo", [to]) : send(r, caller, r.market, MARKET, "withdraw", [])),
      () => aigc.marketWithdraw(m, caller, to),
    );
  };
  toString = () => (this.toCollector0 ? `marketWithdrawTo(${this.caller.label} → collector0)` : `marketWithdraw(${this.caller.label})`);
}

/**
 * The keeper flushes the token's oracle credit into it (model-fee revenue) or the NFT's (refunded escrow, booked
 * by the NFT), or the submitter withdraws its pay.
 */
class OraclePayOut implements Cmd {
  constructor(readonly who: "token" | "nft" | "submitter") {}
  check = () => true;
  run = (m: AigcState, r: Real) =>
    step(
      m,
      r,
      this.toString(),
      () => (this.who === "submitter" ? send(r, SUBMITTER, r.oracle, ORACLE, "withdraw", []) : send(r, KEEPER, r.oracle, ORACLE, "flush", [this.who === "token" ? r.token : r.nft])),
      () => aigc.oraclePayOut(m, this.who === "token" ? r.token : this.who === "nft" ? r.nft : SUBMITTER),
    );
  toString = () => (this.who === "submitter" ? "oracleWithdraw(submitter)" : `oracleFlush(${this.who})`);
}

/** Time passes beyond the expiry of a prompt's request, if it is still waiting (nobody answered it). */
class WarpPastExpiry implements Cmd {
  constructor(readonly p: Prompt) {}
  check = () => true;
  run = async (m: AigcState, r: Real) => {
    const t = m.tokens.get(this.p.tokenId);
    if (t === undefined || t.status !== "Requested" || m.now > t.expiresAt) return;
    await new Warp(t.expiresAt + 1 - m.now).run(m, r);
  };
  toString = () => `warpPastExpiry(${this.p.label})`;
}

/** The keeper refunds a prompt's request at the oracle (`refundExpired`; its escrow is credited to the NFT). */
class RefundAtOracle implements Cmd {
  constructor(readonly p: Prompt) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const requestId = m.tokens.get(this.p.tokenId)?.requestId ?? 99n;
    return step(m, r, this.toString(), () => send(r, KEEPER, r.oracle, ORACLE, "refundExpired", [requestId]), () => aigc.refundExpired(m, requestId));
  };
  toString = () => `oracleRefundExpired(${this.p.label})`;
}

/** Anyone reclaims a token's expired request's escrow for whoever paid for it. */
class Reclaim implements Cmd {
  constructor(
    readonly caller: Actor,
    readonly p: Prompt,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const caller = this.caller.address(m, this.p);
    return step(m, r, this.toString(), () => send(r, caller, r.nft, NFT, "reclaimExpired", [this.p.tokenId]), () => aigc.reclaimExpired(m, this.p.tokenId));
  };
  toString = () => `reclaimExpired(${this.caller.label}, ${this.p.label})`;
}

/** An actor pays the oracle fee (exactly, or 1 wei off) to request a token's content again. */
class Rerequest implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly p: Prompt,
    readonly pay: Pay,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const payer = this.actor.address(m, this.p);
    const value = aigc.oracleFee(m.params) + payDelta(this.pay);
    return step(m, r, this.toString(), () => send(r, payer, r.nft, NFT, "rerequest", [this.p.tokenId], value), () => aigc.rerequest(m, payer, this.p.tokenId, value));
  };
  toString = () => `rerequest(${this.actor.label}, ${this.p.label}, ${this.pay})`;
}

/** An actor withdraws its NFT credit (a refund it could not receive) to collector0, or to itself. */
class NftWithdrawCredit implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly toCollector0: boolean,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const caller = this.actor.address(m, PROMPTS[0] as Prompt);
    const to = this.toCollector0 ? (COLLECTORS[0] as Address) : caller;
    return step(m, r, this.toString(), () => send(r, caller, r.nft, NFT, "withdrawCredit", [to]), () => aigc.nftWithdrawCredit(m, caller, to));
  };
  toString = () => (this.toCollector0 ? `nftWithdrawCredit(${this.actor.label} → collector0)` : `nftWithdrawCredit(${this.actor.label})`);
}

/** Someone other than the oracle tries to write a token's content: every way must be refused. */
class Tamper implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly how: "addAigcData" | "update" | "aiOracleCallback",
    readonly p: Prompt,
  ) {}
  check = () => true;
  run = (m: AigcState, r: Real) => {
    const caller = this.actor.address(m, this.p);
    const requestId = m.tokens.get(this.p.tokenId)?.requestId ?? 1n;
    const args =
      this.how === "addAigcData" ? [this.p.tokenId, this.p.prompt, this.p.wrong, "0x"] : this.how === "update" ? [this.p.prompt, this.p.wrong] : [requestId, this.p.wrong, "0x"];
    return step(
      m,
      r,
      this.toString(),
      () => send(r, caller, r.nft, NFT, this.how, args),
      () => (this.how === "aiOracleCallback" ? aigc.fakeCallback(m, caller) : aigc.directWrite(m)),
    );
  };
  toString = () => `${this.how}(${this.actor.label}, ${this.p.label}, wrong output)`;
}

// ------------------------------------------------------------------ arbitraries

let refuserAddress: Address = ETH_ASSET;
const fixedActor = (label: string, address: () => Address, approves: boolean): Actor => ({ label, address: () => address(), approvesMarket: () => approves });
const ACTORS: Actor[] = [
  fixedActor("collector0", () => COLLECTORS[0] as Address, true),
  fixedActor("collector1", () => COLLECTORS[1] as Address, true),
  fixedActor("collector2", () => COLLECTORS[2] as Address, false),
  fixedActor("refuser", () => refuserAddress, true),
];
/**
 * "the holder": whoever holds the command's token when it runs (its seller while the market escrows
 * it, collector0 if nobody): most random (actor, token) pairs do not match, and listings, cancellations
 * and transfers need the owner to do anything.
 */
const HOLDER: Actor = {
  label: "holder",
  address: (m, p) => {
    const owner = m.tokens.get(p.tokenId)?.owner;
    if (owner === m.parties.market) return (m.listings.get(p.tokenId)?.seller ?? COLLECTORS[0]) as Address;
    return owner ?? (COLLECTORS[0] as Address);
  },
  approvesMarket: (m, p) => {
    const holder = HOLDER.address(m, p);
    return ACTORS.find((a) => a.address(m, p) === holder)?.approvesMarket(m, p) ?? false;
  },
};
const actorArb = fc.constantFrom(...ACTORS);
const sellerArb = fc.oneof({ weight: 2, arbitrary: fc.constant(HOLDER) }, { weight: 1, arbitrary: actorArb });
const promptArb = fc.constantFrom(...PROMPTS);
const payArb = fc.oneof({ weight: 6, arbitrary: fc.constant<Pay>("exact") }, { weight: 1, arbitrary: fc.constantFrom<Pay>("1 wei short", "1 wei over") });
/** Prices: 0 (refused), tiny (royalty rounds to 0), ordinary with odd wei. */
const priceArb = fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 2, arbitrary: fc.bigInt(1n, 100n) }, { weight: 6, arbitrary: fc.bigInt(10n ** 15n, 10n ** 19n) });

const commandArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(actorArb, promptArb, payArb).map(([a, p, pay]) => new Mint(a, p, pay)) },
  { weight: 4, arbitrary: fc.tuple(promptArb, fc.boolean(), payArb).map(([p, h, pay]) => new Submit(p, h, pay)) },
  { weight: 3, arbitrary: promptArb.map((p) => new Finalize(p)) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 600 }) },
        // around the challenge window's length, so finalization lands on both sides of its end
        { weight: 2, arbitrary: fc.integer({ min: 3_595, max: 3_605 }) },
        { weight: 1, arbitrary: fc.integer({ min: 3_606, max: 90_000 }) },
      )
      .map((s) => new Warp(s)),
  },
  { weight: 2, arbitrary: fc.tuple(sellerArb, actorArb, promptArb).map(([a, b, p]) => new Transfer(a, b, p)) },
  { weight: 5, arbitrary: fc.tuple(sellerArb, promptArb, priceArb).map(([a, p, price]) => new List(a, p, price)) },
  { weight: 2, arbitrary: fc.tuple(sellerArb, promptArb).map(([a, p]) => new Cancel(a, p)) },
  { weight: 6, arbitrary: fc.tuple(actorArb, promptArb, payArb).map(([a, p, pay]) => new Buy(a, p, pay)) },
  { weight: 2, arbitrary: fc.tuple(actorArb, fc.boolean()).map(([a, t]) => new MarketWithdraw(a, t)) },
  { weight: 1, arbitrary: fc.constantFrom<"token" | "nft" | "submitter">("token", "nft", "submitter").map((w) => new OraclePayOut(w)) },
  { weight: 2, arbitrary: promptArb.map((p) => new WarpPastExpiry(p)) },
  { weight: 1, arbitrary: promptArb.map((p) => new RefundAtOracle(p)) },
  { weight: 2, arbitrary: fc.tuple(actorArb, promptArb).map(([a, p]) => new Reclaim(a, p)) },
  { weight: 2, arbitrary: fc.tuple(actorArb, promptArb, payArb).map(([a, p, pay]) => new Rerequest(a, p, pay)) },
  { weight: 1, arbitrary: fc.tuple(actorArb, fc.boolean()).map(([a, t]) => new NftWithdrawCredit(a, t)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(actorArb, fc.constantFrom<"addAigcData" | "update" | "aiOracleCallback">("addAigcData", "update", "aiOracleCallback"), promptArb)
      .map(([a, h, p]) => new Tamper(a, h, p)),
  },
);

/** The opening: mostly mints and submissions, so the random phase after it finds tokens to trade. */
const openingArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(actorArb, promptArb, payArb).map(([a, p, pay]) => new Mint(a, p, pay)) },
  { weight: 3, arbitrary: fc.tuple(promptArb, fc.boolean(), payArb).map(([p, h, pay]) => new Submit(p, h, pay)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((s) => new Warp(s)) },
);

// ------------------------------------------------------------------ the test

const DEFAULT_RUNS = 30;
/** Random commands after the opening (up to 8): about 20 on average. */
const MAX_COMMANDS = 30;
const params = fcParams(DEFAULT_RUNS);

describe("ERC-7007 NFT and royalty market: reference model vs AigcNFT + RoyaltyMarket on Anvil", () => {
  let chain: ModelChain;
  let real: Real;
  let snapshot: ChainSnapshot;
  let initialEth: Map<Address, bigint>;

  beforeAll(async () => {
    chain = await startModelChain();
    const vm = getAddress(await chain.deploy("ModelVMVerifier"));
    const registry = getAddress(await chain.deploy("ModelRegistry"));
    const token = getAddress(
      await chain.deploy("RevShareToken", [
        { name: "Model", symbol: "MDL", holders: HOLDERS, amounts: [600n * 10n ** 18n, 400n * 10n ** 18n], revenueExcluded: [], claimableBps: 8000, snapshotInterval: 86_400, claimWindow: 2, unclaimedPolicy: 0, revenueTokens: [] },
      ]),
    );
    const ok = (t: TxResult, what: string) => {
      if (!t.ok) throw new Error(`${what} failed: ${t.error}`);
    };
    ok(await send({ chain } as Real, MODEL_OWNER, registry, REGISTRY, "register", [weightsRoot(tiny.model), encodeShape(tiny.model.shape), PARAMS.modelFee]), "register");
    ok(await send({ chain } as Real, MODEL_OWNER, registry, REGISTRY, "setRevenueReceiver", [1n, token, Number(PARAMS.receiverBps)]), "setRevenueReceiver");
    const oracleParameters = {
      submitterReward: PARAMS.submitterReward,
      protocolFee: PARAMS.protocolFee,
      callbackGasPrice: PARAMS.callbackGasPrice,
      submitterBond: PARAMS.submitterBond,
      challengerBond: parseEther("0.05"),
      challengeWindow: PARAMS.challengeWindow,
      responseDeadline: 600,
      slashWinnerBps: 5000,
      slashToTreasury: false,
      maxCallbackGasLimit: 2_000_000,
      requestTimeout: PARAMS.requestTimeout,
      treasury: TREASURY,
    };
    const oracle = getAddress(await chain.deploy("OpmlOracle", [vm, registry, GOVERNOR, 10n ** 12n, oracleParameters]));
    const nft = getAddress(
      await chain.deploy("AigcNFT", [
        {
          name: "Model Art",
          symbol: "ART",
          oracle,
          modelId: 1n,
          revenueReceiver: token,
          mintFee: PARAMS.mintFee,
          royaltyBps: PARAMS.royaltyBps,
          callbackGasLimit: PARAMS.callbackGasLimit,
          commitReveal: false,
          minRevealDelay: 0n,
          maxRevealDelay: 0n,
        },
      ]),
    );
    const market = getAddress(await chain.deploy("RoyaltyMarket"));
    const refuser = getAddress((await chain.deployArtifact("AigcHandler.sol/EthRefusingActor.json")).address);
    refuserAddress = refuser;
    real = { chain, nft, market, oracle, token, refuser };
    const funded = [...COLLECTORS, refuser, SUBMITTER];
    for (const who of funded) await chain.setBalance(who, STARTING_ETH);
    const someone = {} as AigcState;
    const anyPrompt = PROMPTS[0] as Prompt;
    for (const a of ACTORS.filter((x) => x.approvesMarket(someone, anyPrompt))) ok(await send(real, a.address(someone, anyPrompt), nft, NFT, "setApprovalForAll", [market, true]), `approval by ${a.label}`);
    initialEth = new Map(funded.map((who) => [who, STARTING_ETH]));
    snapshot = await chain.snapshot();

    // the VM's outputs, twice: the trace's final state must carry exactly what `execute` computes
    for (const [i, p] of PROMPTS.entries()) {
      const sample = tiny.file.samples[i] as { input: readonly number[] };
      expect(p.honest, `${p.label}: final state output = execute()`).toBe(bytesToHex(packWords(execute(tiny.model, sample.input))));
      expect(p.wrong, `${p.label}: the faulty trace changes the output`).not.toBe(p.honest);
    }
  });
  afterAll(async () => {
    await chain?.stop();
    if (process.env.FC_COVERAGE !== undefined) console.log([...outcomes].sort().map(([k, n]) => `${k}: ${n}`).join("\n"));
  });

  async function setup(): Promise<{ model: AigcState; real: Real }> {
    snapshot = await chain.restore(snapshot);
    const model = aigc.newAigcState({
      now: chain.now,
      params: PARAMS,
      parties: { nft: real.nft, market: real.market, oracle: real.oracle, token: real.token, modelOwner: MODEL_OWNER },
      eth: initialEth,
      refusesEth: [real.refuser],
    });
    model.lastBlock = snapshot.now - 1;
    await expectAgreement(model, real, "setup");
    return { model, real };
  }

  it(
    "agrees with the chain on owners, content, verify, royalties, credits and every balance after each command",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands([openingArb], fcCommandOptions(8, 0)), fc.commands([commandArb], fcCommandOptions(MAX_COMMANDS, 1)), async (opening, cmds) => {
          await fc.asyncModelRun(setup, [...opening, ...cmds]);
        }),
        params,
      );
    },
    fcTimeout(params.numRuns, 3_000),
  );

  it("refunds an expired mint's escrow to whoever paid for the request, and requests the content again", async () => {
    const [p0, p1] = PROMPTS as [Prompt, Prompt];
    const [c0, c1, , refuser] = ACTORS as [Actor, Actor, Actor, Actor];
    trace.length = 0;
    await fc.asyncModelRun(setup, [
      new Mint(c0, p0, "exact"),
      new Mint(refuser, p1, "exact"),
      new Reclaim(c1, p0),
      new Rerequest(c1, p0, "exact"),
      new WarpPastExpiry(p0),
      new Submit(p0, true, "exact"),
      new RefundAtOracle(p0),
      new RefundAtOracle(p0),
      new OraclePayOut("nft"),
      new Reclaim(c1, p0),
      new Reclaim(c1, p0),
      new Reclaim(c1, p1),
      new NftWithdrawCredit(refuser, false),
      new NftWithdrawCredit(refuser, true),
      new Rerequest(c1, p0, "1 wei over"),
      new Rerequest(c1, p0, "exact"),
      new Submit(p0, true, "exact"),
      new Warp(3_601),
      new Finalize(p0),
      new Reclaim(c1, p0),
    ]);
    expect(trace).toEqual([
      "mint(collector0, prompt0, exact) -> ok",
      "mint(refuser, prompt1, exact) -> ok",
      "reclaimExpired(collector1, prompt0) -> AigcNFT_RequestNotExpired",
      "rerequest(collector1, prompt0, exact) -> AigcNFT_RequestNotExpired",
      "submit(prompt0, honest output, bond exact) -> OpmlOracle_RequestExpired",
      "oracleRefundExpired(prompt0) -> ok",
      "oracleRefundExpired(prompt0) -> OpmlOracle_NotRefundable",
      // the NFT books the escrow it is flushed; the reclaim then pays collector0 exactly that
      "oracleFlush(nft) -> ok",
      "reclaimExpired(collector1, prompt0) -> ok",
      "reclaimExpired(collector1, prompt0) -> AigcNFT_AlreadyRefunded",
      // prompt1 expired too (same time): its refund to the refusing minter is credited
      "reclaimExpired(collector1, prompt1) -> ok",
      "nftWithdrawCredit(refuser) -> AigcNFT_TransferFailed",
      "nftWithdrawCredit(refuser → collector0) -> ok",
      "rerequest(collector1, prompt0, 1 wei over) -> AigcNFT_WrongPayment",
      "rerequest(collector1, prompt0, exact) -> ok",
      "submit(prompt0, honest output, bond exact) -> ok",
      "finalize(prompt0) -> ok",
      "reclaimExpired(collector1, prompt0) -> AigcNFT_RequestNotExpired",
    ]);
  });

  it("follows a fixed life: wrong result finalized unchallenged, a sale by an account that refuses ETH, credits and flushes", async () => {
    const [p0, p1] = PROMPTS as [Prompt, Prompt];
    const [c0, c1, c2, refuser] = ACTORS as [Actor, Actor, Actor, Actor];
    trace.length = 0;
    await fc.asyncModelRun(setup, [
      new Mint(refuser, p0, "exact"),
      new Mint(c0, p0, "exact"),
      new Mint(c1, p1, "1 wei over"),
      new Mint(c1, p1, "exact"),
      new Submit(p0, false, "exact"),
      new Submit(p0, true, "exact"),
      new Finalize(p0),
      // submitted at t (window end t + 3600), refused submission at t + 1, this finalize at t + 2, the next
      // ones at t + 3600 and t + 3601
      new Warp(3_597),
      new Finalize(p0),
      new Finalize(p0),
      new Finalize(p0),
      new Tamper(c0, "aiOracleCallback", p0),
      new List(c2, p1, 10n ** 18n),
      new List(refuser, p0, 10n ** 18n + 19n),
      new Transfer(refuser, c0, p0),
      new Buy(c0, p0, "1 wei short"),
      new Buy(c0, p0, "exact"),
      new MarketWithdraw(refuser, false),
      new MarketWithdraw(refuser, true),
      new MarketWithdraw(refuser, true),
      new OraclePayOut("token"),
      new OraclePayOut("submitter"),
      new Submit(p1, true, "exact"),
      new Warp(86_400),
      new Finalize(p1),
    ]);
    expect(trace).toEqual([
      "mint(refuser, prompt0, exact) -> ok",
      "mint(collector0, prompt0, exact) -> AigcNFT_PromptAlreadyMinted",
      "mint(collector1, prompt1, 1 wei over) -> AigcNFT_WrongPayment",
      "mint(collector1, prompt1, exact) -> ok",
      "submit(prompt0, wrong output, bond exact) -> ok",
      "submit(prompt0, honest output, bond exact) -> OpmlOracle_AlreadySubmitted",
      "finalize(prompt0) -> OpmlOracle_NotReady",
      // at the window's last second: finalizing needs a strictly later block
      "finalize(prompt0) -> OpmlOracle_NotReady",
      "finalize(prompt0) -> ok",
      // already final
      "finalize(prompt0) -> OpmlOracle_NotReady",
      "aiOracleCallback(collector0, prompt0, wrong output) -> AigcNFT_NotOracle",
      "list(collector2, prompt1, 1 ETH) -> RoyaltyMarket_NotTokenOwner",
      "list(refuser, prompt0, 1000000000000000019 wei) -> ok",
      "transferFrom(refuser → collector0, prompt0) -> ERC721InsufficientApproval",
      "buy(collector0, prompt0, 1 wei short) -> RoyaltyMarket_WrongPayment",
      "buy(collector0, prompt0, exact) -> ok",
      "marketWithdraw(refuser) -> RoyaltyMarket_TransferFailed",
      "marketWithdrawTo(refuser → collector0) -> ok",
      "marketWithdrawTo(refuser → collector0) -> RoyaltyMarket_NothingToWithdraw",
      "oracleFlush(token) -> ok",
      "oracleWithdraw(submitter) -> ok",
      // prompt1's request is about an hour old, well within its day: accepted
      "submit(prompt1, honest output, bond exact) -> ok",
      "finalize(prompt1) -> ok",
    ]);
  });
});
