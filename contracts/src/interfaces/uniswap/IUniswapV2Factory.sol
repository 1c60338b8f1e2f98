// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The part of Uniswap v2's factory (`@uniswap/v2-core` 1.0.1) that the launch calls
/// @notice The factory deploys one pair per token couple with CREATE2 (salt `keccak256(token0, token1)`, tokens
///         sorted by address), so a pair's address is known before the pair, or even its tokens, exist.
interface IUniswapV2Factory {
    /// @notice The pair of `tokenA` and `tokenB` (either order), or zero if none was created.
    function getPair(address tokenA, address tokenB) external view returns (address pair);

    /// @notice Creates the pair of `tokenA` and `tokenB`; reverts if it exists. Permissionless.
    function createPair(address tokenA, address tokenB) external returns (address pair);
}
