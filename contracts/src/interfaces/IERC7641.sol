// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERC-7641 Intrinsic RevShare Token (draft standard)
/// @notice An ERC-20 whose holders share the revenue the contract receives: at each snapshot a share of
///         the revenue since the previous snapshot becomes claimable pro rata to the balances at that
///         snapshot, and the rest goes to a pool that holders reach by burning tokens.
interface IERC7641 is IERC20 {
    /// @notice Revenue `account` can claim for snapshot `snapshotId` (zero once claimed or out of window).
    function claimableRevenue(address account, uint256 snapshotId) external view returns (uint256);

    /// @notice Claims the caller's revenue for `snapshotId`.
    function claim(uint256 snapshotId) external;

    /// @notice Takes a snapshot of balances and splits the revenue received since the previous one.
    /// @return The id of the new snapshot.
    function snapshot() external returns (uint256);

    /// @notice Revenue redeemed from the burn pool by burning `amount` tokens now.
    function redeemableOnBurn(uint256 amount) external view returns (uint256);

    /// @notice Burns `amount` of the caller's tokens and pays out their share of the burn pool.
    function burn(uint256 amount) external;
}

/// @title ERC-7641 optional extension: revenue paid in ERC-20 tokens
interface IERC7641AltRevToken is IERC7641 {
    /// @notice Revenue in `token` that `account` can claim for `snapshotId`.
    function claimableERC20(address account, uint256 snapshotId, address token) external view returns (uint256);

    /// @notice Revenue in `token` redeemed from the burn pool by burning `amount` tokens now.
    function redeemableERC20OnBurn(uint256 amount, address token) external view returns (uint256);
}
