// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The part of WETH9 (as shipped in `@uniswap/v2-periphery`'s build) that the launch calls
interface IWETH9 {
    /// @notice Wraps `msg.value` ETH into as many WETH for the caller.
    function deposit() external payable;

    function transfer(address to, uint256 value) external returns (bool);

    function balanceOf(address owner) external view returns (uint256);
}
