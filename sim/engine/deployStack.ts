import { decodeFunctionResult, encodeDeployData, encodeFunctionData, parseEther, type Address, type Hex } from "viem";
import { bytecodeOf, contractAbis } from "../chain/contracts.ts";
import type { Executor, TxOutcome, TxRequest } from "../chain/executor.ts";
import type { RpcClient } from "../chain/rpc.ts";
import { deploymentRevertError } from "../scenario/deploymentRevert.ts";
import type { Scenario } from "../scenario/schema.ts";
import { encodeShape, weightsRoot, type Model } from "../vm/index.ts";
import { agentAddress } from "./agentAddress.ts";
import type { Deployment } from "./deployment.ts";
import { deployUsageLedger } from "./usage/deployUsageLedger.ts";

export type DeployStackParameters = {
  rpc: RpcClient;
  executor: Executor;
  scenario: Scenario;
  model: Model;
  /** Chain time of the first deployment block; the stack is live before `scenario.startTimestamp`. */
  time: number;
};

/** Parties that hold roles in the deployment but run no policy. */
export const parties = {
  deployer: agentAddress("deployer"),
  modelOwner: agentAddress("model-owner"),
  treasury: agentAddress("treasury"),
  protocolTreasury: agentAddress("protocol-treasury"),
  liquidity: agentAddress("liquidity-reserve"),
  contributors: agentAddress("contributors"),
  team: agentAddress("team"),
} as const;

/**
 * Deploys the whole stack the way a real launch would: VM verifier, model registry, oracle (which
 * deploys its bisection game), token factory and IMO launch; registers the model; creates the launch
 * (which deploys the model's RevShareToken); then the ERC-7007 NFT and the royalty market.
 */
export async function deployStack({ rpc, executor, scenario, model, time }: DeployStackParameters): Promise<Deployment> {
  let clock = time;
  const send = async (requests: TxRequest[]): Promise<TxOutcome[]> => {
    const outcomes = await executor.execute(requests, { timestamp: clock++ });
    for (const outcome of outcomes) {
      // The contract's custom error, decoded, naming the scenario field it refused.
      if (outcome.status !== "success") throw await deploymentRevertError({ rpc, outcome, scenario });
    }
    return outcomes;
  };
  const deploy = (label: string, data: Hex, from: Address = parties.deployer): TxRequest => ({ from, data, label: `deploy ${label}`, gas: 30_000_000n });
  const call = (from: Address, to: Address, label: string, data: Hex): TxRequest => ({ from, to, data, label, gas: 30_000_000n });

  await rpc.batchResults(
    Object.values(parties).map((address) => ({ method: "anvil_setBalance", params: [address, `0x${parseEther("1000000").toString(16)}`] })),
  );

  const [vmOut, registryOut, factoryOut, marketOut] = await send([
    deploy("ModelVMVerifier", bytecodeOf("ModelVMVerifier")),
    deploy("ModelRegistry", bytecodeOf("ModelRegistry")),
    deploy("RevShareTokenFactory", bytecodeOf("RevShareTokenFactory")),
    deploy("RoyaltyMarket", bytecodeOf("RoyaltyMarket")),
  ]);
  const vm = vmOut?.contractAddress as Address;
  const registry = registryOut?.contractAddress as Address;
  const factory = factoryOut?.contractAddress as Address;
  const market = marketOut?.contractAddress as Address;

  const o = scenario.oracle;
  const callbackGasPrice = BigInt(Math.round(o.callbackGasPriceGwei * 1e9));
  const parameters = {
    submitterReward: parseEther(o.submitterReward),
    protocolFee: parseEther(o.protocolFee),
    callbackGasPrice: (callbackGasPrice / 10n ** 9n) * 10n ** 9n,
    submitterBond: parseEther(o.submitterBond),
    challengerBond: parseEther(o.challengerBond),
    challengeWindow: o.challengeWindow,
    responseDeadline: o.responseDeadline,
    slashWinnerBps: o.slashToWinnerBps,
    slashToTreasury: o.slashRemainder === "treasury",
    maxCallbackGasLimit: Math.max(o.callbackGasLimit, 1_000_000),
    requestTimeout: o.requestTimeout,
    treasury: parties.protocolTreasury,
  };
  const cap = parameters.callbackGasPrice > parseEther("0.000001") ? parameters.callbackGasPrice : parseEther("0.000001");
  const [oracleOut] = await send([
    deploy("OpmlOracle", encodeDeployData({ abi: contractAbis.OpmlOracle, bytecode: bytecodeOf("OpmlOracle"), args: [vm, registry, parties.deployer, cap, parameters] })),
  ]);
  const oracle = oracleOut?.contractAddress as Address;
  const launchOut = await send([
    deploy("ImoLaunch", encodeDeployData({ abi: contractAbis.ImoLaunch, bytecode: bytecodeOf("ImoLaunch"), args: [registry, factory] })),
    call(parties.modelOwner, registry, "ModelRegistry.register", encodeFunctionData({ abi: contractAbis.ModelRegistry, functionName: "register", args: [weightsRoot(model), encodeShape(model.shape), parseEther(scenario.model.fee)] })),
  ]);
  const launch = launchOut[0]?.contractAddress as Address;
  const modelId = 1n;

  const t = scenario.token;
  const r = scenario.raise;
  const supply = BigInt(t.supply) * 10n ** 18n;
  const start = scenario.startTimestamp;
  const end = start + r.windowEpochs * scenario.epoch.seconds;
  await send([call(parties.modelOwner, registry, "ModelRegistry.setOperator", encodeFunctionData({ abi: contractAbis.ModelRegistry, functionName: "setOperator", args: [modelId, launch] }))]);
  await send([
    call(
      parties.modelOwner,
      launch,
      "ImoLaunch.createLaunch",
      encodeFunctionData({
        abi: contractAbis.ImoLaunch,
        functionName: "createLaunch",
        args: [
          {
            modelId,
            name: t.name,
            symbol: t.symbol,
            totalSupply: supply,
            publicSaleBps: r.allocation.publicSale,
            liquidity: { recipient: parties.liquidity, bps: r.allocation.liquidity },
            contributors: { recipient: parties.contributors, bps: r.allocation.contributors },
            team: { recipient: parties.team, bps: r.allocation.team },
            excludeLiquidity: r.liquidityExcluded,
            target: parseEther(r.target),
            start,
            end,
            minDeposit: 0n,
            treasury: parties.treasury,
            vestingDuration: r.vestingEpochs * scenario.epoch.seconds,
            revenueShareBps: scenario.model.receiverBps,
            token: {
              claimableBps: t.claimableBps,
              snapshotInterval: t.snapshotIntervalEpochs * scenario.epoch.seconds,
              claimWindow: t.claimWindow,
              unclaimedPolicy: t.unclaimedPolicy === "roll-forward" ? 0 : 1,
              revenueTokens: [],
            },
          },
        ],
      }),
    ),
  ]);
  const token = await readAddress(rpc, launch, encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "tokenOf", args: [modelId] }), (data) =>
    decodeFunctionResult({ abi: contractAbis.ImoLaunch, functionName: "tokenOf", data }),
  );
  const game = await readAddress(rpc, oracle, encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "GAME" }), (data) =>
    decodeFunctionResult({ abi: contractAbis.OpmlOracle, functionName: "GAME", data }),
  );

  const n = scenario.nft;
  const [nftOut] = await send([
    deploy(
      "AigcNFT",
      encodeDeployData({
        abi: contractAbis.AigcNFT,
        bytecode: bytecodeOf("AigcNFT"),
        args: [
          {
            name: `${t.name} Art`,
            symbol: `${t.symbol}ART`,
            oracle,
            modelId,
            revenueReceiver: token,
            mintFee: parseEther(n.mintFee),
            royaltyBps: BigInt(n.royaltyBps),
            callbackGasLimit: BigInt(o.callbackGasLimit),
            commitReveal: n.commitReveal,
            minRevealDelay: n.commitReveal ? 1n : 0n,
            maxRevealDelay: n.commitReveal ? 256n : 0n,
          },
        ],
      }),
    ),
  ]);
  const nft = nftOut?.contractAddress as Address;
  // The usage ledger only when the scenario has off-chain usage: without it the stack (and the run) is as before.
  const offchain = scenario.offchain;
  const usage = offchain ? await deployUsageLedger({ rpc, executor, scenario: { ...scenario, offchain }, registry, modelId, deployer: parties.deployer, modelOwner: parties.modelOwner }) : undefined;
  const startBlock = usage ? usage.block : (await executor.mine(clock++)).blockNumber;
  return { registry, vm, oracle, game, factory, launch, token, nft, market, ...(usage ? { ledger: usage.ledger } : {}), modelId, startBlock };
}

async function readAddress(rpc: RpcClient, to: Address, data: Hex, decode: (data: Hex) => unknown): Promise<Address> {
  const result = await rpc.request<Hex>("eth_call", [{ to, data }, "latest"]);
  return decode(result) as Address;
}
