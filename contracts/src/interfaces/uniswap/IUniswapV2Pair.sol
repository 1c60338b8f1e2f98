// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The part of Uniswap v2's pair (`@uniswap/v2-core` 1.0.1) that the launch and its tests call
/// @notice A pair is itself the ERC-20 of its liquidity (LP) tokens.
interface IUniswapV2Pair {
    /// @notice Supply of LP tokens (0 until the first `mint`, then at least `MINIMUM_LIQUIDITY`, locked forever).
    function totalSupply() external view returns (uint256);

    function balanceOf(address owner) external view returns (uint256);

    function transfer(address to, uint256 value) external returns (bool);

    function token0() external view returns (address);

    function token1() external view returns (address);

    /// @notice Reserves as of the last `mint`, `burn`, `swap` or `sync`.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice Mints LP tokens to `to` for what was sent to the pair beyond its reserves.
    function mint(address to) external returns (uint256 liquidity);

    /// @notice Burns the LP tokens sent to the pair and pays their share of both reserves to `to`.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);

    /// @notice Pays out `amount0Out` and `amount1Out` to `to`; what was sent in must keep the fee-adjusted product.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;

    /// @notice Sets the reserves to the balances.
    function sync() external;

    /// @notice Sends the balances beyond the reserves to `to`.
    function skim(address to) external;
}
