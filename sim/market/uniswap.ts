import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAbi, type Hex } from "viem";

/**
 * Uniswap v2 as published on npm (`@uniswap/v2-core` 1.0.1, `@uniswap/v2-periphery` 1.1.0-beta.0): the build
 * artifacts' creation code is deployed as it is; nothing of Uniswap is compiled or rewritten here.
 */
const ARTIFACTS = {
  UniswapV2Factory: "v2-core/build/UniswapV2Factory.json",
  UniswapV2Pair: "v2-core/build/UniswapV2Pair.json",
  UniswapV2Router02: "v2-periphery/build/UniswapV2Router02.json",
  WETH9: "v2-periphery/build/WETH9.json",
} as const;

export type UniswapContract = keyof typeof ARTIFACTS;

/** The published creation code of a Uniswap v2 contract (constructor arguments not included). */
export function uniswapBytecode(name: UniswapContract): Hex {
  const path = fileURLToPath(new URL(`../../node_modules/@uniswap/${ARTIFACTS[name]}`, import.meta.url));
  const { bytecode } = JSON.parse(readFileSync(path, "utf8")) as { bytecode: string };
  return (bytecode.startsWith("0x") ? bytecode : `0x${bytecode}`) as Hex;
}

/** The functions the simulator calls (a subset of the published ABIs). */
export const routerAbi = parseAbi([
  "function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)",
  "function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)",
  "function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity)",
  "function removeLiquidityETH(address token, uint256 liquidity, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) returns (uint256 amountToken, uint256 amountETH)",
]);

export const pairAbi = parseAbi([
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function token0() view returns (address)",
  "function totalSupply() view returns (uint256)",
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
  "event Mint(address indexed sender, uint256 amount0, uint256 amount1)",
  "event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to)",
]);

export const erc20Abi = parseAbi(["function approve(address spender, uint256 value) returns (bool)", "function balanceOf(address owner) view returns (uint256)"]);
