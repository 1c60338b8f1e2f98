import { encodeFunctionData as viemEncodeFunctionData, maxUint256, prepareEncodeFunctionData, type Abi, type AbiFunction, type Hex } from "viem";
import type { Action } from "../agents/types.ts";
import type { TxRequest } from "../chain/executor.ts";
import { contractAbis } from "../chain/contracts.ts";
import { encodeInput, type Shape } from "../vm/index.ts";
import { erc20Abi, routerAbi } from "../market/uniswap.ts";
import type { AmmDeployment, Deployment } from "./deployment.ts";
import { compileEncoder, type CompiledEncoder } from "./compileEncoder.ts";
import { encodeUsageAction } from "./usage/encodeUsageAction.ts";

type Prepared = { compiled: CompiledEncoder | undefined; prepared: ReturnType<typeof prepareEncodeFunctionData> } | "overloaded";
const prepared = new WeakMap<Abi, Map<string, Prepared>>();

/**
 * viem's `encodeFunctionData` with the function's ABI item and selector found once per function (viem looks them
 * up and hashes the signature on every call otherwise), and for functions of simple parameter types an encoder
 * compiled from the ABI item (engine/compileEncoder.ts): same bytes, a fraction of the time per action. An
 * overloaded name is left to viem, which picks the overload by the arguments; so is an argument the compiled
 * encoder does not take (viem then says what is wrong with it).
 */
const encodeFunctionData = ((parameters: { abi: Abi; functionName: string; args?: readonly unknown[] }) => {
  let functions = prepared.get(parameters.abi);
  if (!functions) prepared.set(parameters.abi, (functions = new Map()));
  let fn = functions.get(parameters.functionName);
  if (!fn) {
    const items = parameters.abi.filter((item): item is AbiFunction => item.type === "function" && item.name === parameters.functionName);
    fn = items.length === 1 ? { compiled: compileEncoder(items[0] as AbiFunction), prepared: prepareEncodeFunctionData({ abi: parameters.abi, functionName: parameters.functionName } as never) } : "overloaded";
    functions.set(parameters.functionName, fn);
  }
  if (fn === "overloaded") return viemEncodeFunctionData(parameters as never);
  return fn.compiled?.(parameters.args ?? []) ?? viemEncodeFunctionData({ ...fn.prepared, args: parameters.args } as never);
}) as typeof viemEncodeFunctionData;

function ammOf(d: Deployment): AmmDeployment {
  if (!d.amm) throw new Error("a market action without a market: the scenario's market.enabled is false");
  return d.amm;
}

/** Everything encodeAction needs besides the action. */
export type EncodeContext = {
  deployment: Deployment;
  shape: Shape;
};

/** Turns one action into the transaction that carries it out, labelled "Contract.function". */
export function encodeAction(action: Action, { deployment: d, shape }: EncodeContext): TxRequest {
  const from = action.agent.address;
  const tx = (to: Hex, label: string, data: Hex, value = 0n, gas?: bigint): TxRequest => ({ from, to, data, value, label, gas });
  switch (action.kind) {
    case "deposit":
      return tx(d.launch, "ImoLaunch.deposit", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "deposit", args: [d.modelId] }), action.value);
    case "settleRaise":
      return tx(d.launch, "ImoLaunch.settle", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "settle", args: [d.modelId] }));
    case "releaseProceeds":
      return tx(d.launch, "ImoLaunch.releaseProceeds", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "releaseProceeds", args: [d.modelId] }));
    case "sweepRaiseDust":
      return tx(d.launch, "ImoLaunch.sweepDust", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "sweepDust", args: [d.modelId] }));
    case "harvestLaunch":
      return tx(d.launch, "ImoLaunch.harvest", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "harvest", args: [d.modelId] }));
    case "reclaimExpiredMint":
      return tx(d.nft, "AigcNFT.reclaimExpired", encodeFunctionData({ abi: contractAbis.AigcNFT, functionName: "reclaimExpired", args: [action.tokenId] }));
    case "claimAllocation":
      return tx(d.launch, "ImoLaunch.claimAllocation", encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "claimAllocation", args: [d.modelId] }));
    case "request":
      return tx(
        d.oracle,
        "OpmlOracle.requestCallback",
        encodeFunctionData({
          abi: contractAbis.OpmlOracle,
          functionName: "requestCallback",
          args: [d.modelId, encodeInput(shape, action.input), "0x0000000000000000000000000000000000000000", 0n, "0x"],
        }),
        action.fee,
      );
    case "mintNft":
      return tx(d.nft, "AigcNFT.mint", encodeFunctionData({ abi: contractAbis.AigcNFT, functionName: "mint", args: [encodeInput(shape, action.input)] }), action.value);
    case "submit":
      return tx(
        d.oracle,
        "OpmlOracle.submit",
        encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "submit", args: [action.requestId, action.output, action.finalState] }),
        action.bond,
      );
    case "challenge":
      return tx(
        d.oracle,
        "OpmlOracle.challenge",
        encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "challenge", args: [action.requestId, BigInt(action.target), action.output, action.finalState] }),
        action.bond,
      );
    case "vouch":
      return tx(d.oracle, "OpmlOracle.vouch", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "vouch", args: [action.requestId, BigInt(action.claimIndex)] }), action.bond);
    case "releaseBond":
      return tx(d.oracle, "OpmlOracle.releaseBond", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "releaseBond", args: [action.requestId, BigInt(action.claimIndex)] }));
    case "bisect":
      return tx(d.game, "BisectionGame.bisect", encodeFunctionData({ abi: contractAbis.BisectionGame, functionName: "bisect", args: [action.gameId, action.midHash] }));
    case "respond":
      return tx(d.game, "BisectionGame.respond", encodeFunctionData({ abi: contractAbis.BisectionGame, functionName: "respond", args: [action.gameId, action.agree] }));
    case "step":
      return tx(d.game, "BisectionGame.step", encodeFunctionData({ abi: contractAbis.BisectionGame, functionName: "step", args: [action.gameId, action.proof] }));
    case "timeout":
      return tx(d.game, "BisectionGame.timeout", encodeFunctionData({ abi: contractAbis.BisectionGame, functionName: "timeout", args: [action.gameId] }));
    case "finalize":
      return tx(d.oracle, "OpmlOracle.finalizeBatch", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "finalizeBatch", args: [[...action.requestIds]] }));
    case "withdrawCredit":
      return tx(d.oracle, "OpmlOracle.withdraw", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "withdraw" }));
    case "flush":
      return tx(d.oracle, "OpmlOracle.flush", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "flush", args: [action.account] }));
    case "collectProtocolFees":
      return tx(d.oracle, "OpmlOracle.collectProtocolFees", encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "collectProtocolFees" }));
    case "snapshot":
      return tx(d.token, "RevShareToken.snapshot", encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "snapshot" }));
    case "claimRevenue":
      return action.snapshotIds.length === 1
        ? tx(d.token, "RevShareToken.claim", encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "claim", args: [BigInt(action.snapshotIds[0] as number)] }))
        : tx(d.token, "RevShareToken.claimBatch", encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "claimBatch", args: [action.snapshotIds.map(BigInt)] }));
    case "burn":
      return tx(d.token, "RevShareToken.burn", encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "burn", args: [action.amount] }));
    case "transfer":
      return tx(d.token, "RevShareToken.transfer", encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "transfer", args: [action.to, action.amount] }));
    case "approveMarket":
      return tx(d.nft, "AigcNFT.setApprovalForAll", encodeFunctionData({ abi: contractAbis.AigcNFT, functionName: "setApprovalForAll", args: [d.market, true] }));
    case "list":
      return tx(d.market, "RoyaltyMarket.list", encodeFunctionData({ abi: contractAbis.RoyaltyMarket, functionName: "list", args: [d.nft, action.tokenId, action.price] }));
    case "buy":
      return tx(d.market, "RoyaltyMarket.buy", encodeFunctionData({ abi: contractAbis.RoyaltyMarket, functionName: "buy", args: [d.nft, action.tokenId] }), action.price);
    case "withdrawMarketCredit":
      return tx(d.market, "RoyaltyMarket.withdraw", encodeFunctionData({ abi: contractAbis.RoyaltyMarket, functionName: "withdraw" }));
    case "approveRouter":
      return tx(d.token, "RevShareToken.approve", encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [ammOf(d).router, maxUint256] }));
    case "swapEthForTokens":
      return tx(
        ammOf(d).router,
        "UniswapV2Router02.swapExactETHForTokens",
        encodeFunctionData({ abi: routerAbi, functionName: "swapExactETHForTokens", args: [action.minOut, [ammOf(d).weth, d.token], from, BigInt(action.deadline)] }),
        action.ethIn,
      );
    case "swapTokensForEth":
      return tx(
        ammOf(d).router,
        "UniswapV2Router02.swapExactTokensForETH",
        encodeFunctionData({ abi: routerAbi, functionName: "swapExactTokensForETH", args: [action.tokensIn, action.minOut, [d.token, ammOf(d).weth], from, BigInt(action.deadline)] }),
      );
    case "approvePair":
      return tx(ammOf(d).pair, "UniswapV2Pair.approve", encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [ammOf(d).router, maxUint256] }));
    case "addLiquidityEth":
      return tx(
        ammOf(d).router,
        "UniswapV2Router02.addLiquidityETH",
        encodeFunctionData({ abi: routerAbi, functionName: "addLiquidityETH", args: [d.token, action.tokens, action.tokenMin, action.ethMin, from, BigInt(action.deadline)] }),
        action.eth,
      );
    case "removeLiquidityEth":
      return tx(
        ammOf(d).router,
        "UniswapV2Router02.removeLiquidityETH",
        encodeFunctionData({ abi: routerAbi, functionName: "removeLiquidityETH", args: [d.token, action.liquidity, action.tokenMin, action.ethMin, from, BigInt(action.deadline)] }),
      );
    default:
      return encodeUsageAction(action, d);
  }
}
