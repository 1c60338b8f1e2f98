// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC7641AltRevToken} from "./IERC7641.sol";

/// @title RevShareToken: the ERC-7641 token of one model
/// @notice Revenue comes in ETH (`receive`, `depositRevenue`) and in a fixed set of ERC-20 tokens
///         (`depositRevenueERC20`). Each asset keeps exact books, every wei in exactly one place:
///         `received = pending + openClaimable + redeemPool + credited + claimed + redeemed + withdrawn`,
///         to the wei, and the contract holds `pending + openClaimable + redeemPool + credited`.
///         Rounding dust of claims stays in its snapshot's pool and leaves with the unclaimed remainder
///         when the snapshot's claim window closes (rolled forward or moved to the redeem pool).
///
///         **Which balances count.** The balances and the eligible supply that share snapshot `n + 1` are
///         the ones held at the moment that snapshot becomes due (`nextSnapshotAt()`), not when somebody
///         calls `snapshot()`: a balance change at or after the due time counts from snapshot `n + 2` on.
///         So tokens borrowed for one transaction earn nothing: before the due time `snapshot()` cannot
///         run and a loan repaid in the same transaction leaves the balance as it was; at or after it, the
///         loan is already in the next period. Revenue is split as before: what is pending when
///         `snapshot()` runs.
///
///         **No eligible holder.** A snapshot whose eligible supply is zero (every eligible token burned,
///         or all tokens held by revenue-excluded accounts) splits nothing: the pending revenue stays
///         pending, and the first snapshot that has an eligible holder splits all of it. Nothing is lost
///         and nothing goes elsewhere (the token has no treasury); if no eligible holder ever appears again,
///         it stays pending.
///
///         **Payouts never block each other.** Claims and burns compute every amount and write every book
///         before the first transfer, and all state-changing revenue functions are non-reentrant (ERC-20
///         transfers of this token and ETH deposits stay open: they touch nothing a payout reads). A payout
///         that cannot be delivered (an ERC-20 that pauses or blacklists the holder, a holder contract that
///         refuses ETH) is credited to the holder instead of reverting, so the other assets are still paid;
///         the holder pulls it later with `withdrawCredit`, to itself or to another address.
/// @dev Balances and the revenue-eligible supply are checkpointed per snapshot lazily: a value is written
///      to history only when it changes in a later period, so no operation loops over holders or over
///      past snapshots.
interface IRevShareToken is IERC7641AltRevToken {
    /// @notice Where revenue left unclaimed when its claim window closes goes.
    enum UnclaimedPolicy {
        /// @dev into the claimable pool of the snapshot that closes the window (as the OpenLM token does)
        RollForward,
        /// @dev into the burn-redeem pool
        ToRedeemPool
    }

    /// @notice Everything fixed at construction.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    /// @param holders Initial holders; `amounts[i]` is minted to `holders[i]`. Supply is their sum.
    /// @param amounts Initial balances, in token wei.
    /// @param revenueExcluded Accounts whose balances earn no revenue and do not dilute others (a sale
    ///        contract holding unsold tokens, a liquidity pool). Must be among the initial holders or
    ///        any address; at most 8. They cannot claim or burn-redeem.
    /// @param claimableBps Share of each period's revenue claimable by holders, in basis points (0..10000).
    /// @param snapshotInterval Seconds that must pass between two snapshots (> 0).
    /// @param claimWindow How many snapshots a claim stays open: snapshot s is claimable while
    ///        `s > currentSnapshotId() - claimWindow` (1..64).
    /// @param unclaimedPolicy Where unclaimed revenue goes when its window closes.
    /// @param revenueTokens ERC-20 tokens accepted as revenue besides ETH (at most 8, distinct, nonzero).
    struct Config {
        string name;
        string symbol;
        address[] holders;
        uint256[] amounts;
        address[] revenueExcluded;
        uint16 claimableBps;
        uint48 snapshotInterval;
        uint8 claimWindow;
        UnclaimedPolicy unclaimedPolicy;
        address[] revenueTokens;
    }

    /// @notice The books of one revenue asset (ETH is `address(0)`).
    /// @param received Total revenue booked (deposits, plus absorbed surplus).
    /// @param pending Received since the last snapshot, not yet split.
    /// @param openClaimable Claimable pools of the snapshots still in their window, less what was claimed.
    /// @param redeemPool Reachable only by burning.
    /// @param claimed Total paid out by claims (delivered to the holder).
    /// @param redeemed Total paid out by burns (delivered to the holder).
    /// @param credited Owed to holders whose claim or burn payout could not be delivered, not yet withdrawn.
    /// @param withdrawn Total paid out by `withdrawCredit`.
    struct Books {
        uint256 received;
        uint256 pending;
        uint256 openClaimable;
        uint256 redeemPool;
        uint256 claimed;
        uint256 redeemed;
        uint256 credited;
        uint256 withdrawn;
    }

    // ------------------------------------------------------------------ errors

    error RevShareToken_LengthMismatch(uint256 holders, uint256 amounts);
    error RevShareToken_NoSupply();
    error RevShareToken_SupplyTooLarge(uint256 supply, uint256 max);
    error RevShareToken_InvalidClaimableBps(uint256 bps);
    error RevShareToken_InvalidSnapshotInterval(uint256 interval);
    error RevShareToken_InvalidClaimWindow(uint256 window);
    error RevShareToken_TooManyRevenueTokens(uint256 count, uint256 max);
    error RevShareToken_InvalidRevenueToken(address token);
    error RevShareToken_TooManyExcluded(uint256 count, uint256 max);
    error RevShareToken_InvalidExcluded(address account);
    error RevShareToken_SnapshotTooEarly(uint256 nextSnapshotAt, uint256 nowTimestamp);
    error RevShareToken_SnapshotNotClaimable(uint256 snapshotId, uint256 currentSnapshotId);
    error RevShareToken_FutureSnapshot(uint256 snapshotId, uint256 currentSnapshotId);
    error RevShareToken_AlreadyClaimed(address account, uint256 snapshotId);
    error RevShareToken_NothingToClaim(address account, uint256 snapshotId);
    error RevShareToken_ExcludedAccount(address account);
    error RevShareToken_ZeroAmount();
    error RevShareToken_NotRevenueToken(address token);
    error RevShareToken_TransferFailed(address to, uint256 amount);
    error RevShareToken_AmountTooLarge(uint256 amount);
    error RevShareToken_EmptyBatch();
    error RevShareToken_NothingToWithdraw(address account, address asset);
    error RevShareToken_InvalidRecipient(address to);

    // ------------------------------------------------------------------ events

    /// @notice Revenue booked for `asset` (ETH is `address(0)`).
    event RevenueReceived(address indexed asset, address indexed from, uint256 amount);

    /// @notice Balance held but not booked (force-sent ETH, tokens sent by plain transfer) was booked as revenue.
    event SurplusAbsorbed(address indexed asset, uint256 amount);

    /// @notice Snapshot `snapshotId` was taken.
    /// @param eligibleSupply Supply that shares this snapshot's claimable revenue: the eligible supply at the
    ///        moment the snapshot became due. Zero means nothing was split (the revenue stays pending).
    event Snapshot(uint256 indexed snapshotId, uint256 timestamp, uint256 eligibleSupply);

    /// @notice How snapshot `snapshotId` split the revenue of `asset`.
    /// @param revenue Revenue split: what was pending (zero when the snapshot has no eligible supply).
    /// @param toClaimable Part of `revenue` made claimable.
    /// @param toRedeemPool Part of `revenue` added to the burn-redeem pool.
    /// @param expiredSnapshotId Snapshot whose claim window this snapshot closed (0 if none).
    /// @param expiredUnclaimed What was left unclaimed (dust included) in that snapshot.
    /// @param rolledForward Whether `expiredUnclaimed` went into this snapshot's pool (else to the redeem pool).
    event RevenueSplit(
        uint256 indexed snapshotId,
        address indexed asset,
        uint256 revenue,
        uint256 toClaimable,
        uint256 toRedeemPool,
        uint256 expiredSnapshotId,
        uint256 expiredUnclaimed,
        bool rolledForward
    );

    /// @notice `account` claimed `amount` of `asset` for `snapshotId`.
    event RevenueClaimed(address indexed account, uint256 indexed snapshotId, address indexed asset, uint256 amount);

    /// @notice `account` burned `tokensBurned` tokens; `amount` of `asset` was paid from the redeem pool.
    event BurnRedeemed(address indexed account, address indexed asset, uint256 tokensBurned, uint256 amount);

    /// @notice A claim or burn payout of `amount` of `asset` to `account` could not be delivered (the
    ///         ERC-20 refused the transfer, or `account` refused ETH); it is owed to `account`, which can
    ///         pull it with `withdrawCredit`.
    event PayoutCredited(address indexed account, address indexed asset, uint256 amount);

    /// @notice `account` withdrew its credit of `amount` of `asset`, paid to `to`.
    event CreditWithdrawn(address indexed account, address indexed asset, address to, uint256 amount);

    // ------------------------------------------------------------------ functions

    /// @notice Books `msg.value` as ETH revenue (same as sending ETH with no data).
    function depositRevenue() external payable;

    /// @notice Pulls `amount` of revenue token `token` from the caller and books what arrived. An ERC-20
    ///         asset takes at most 2^128 - 1 of revenue over the token's life (`AmountTooLarge` beyond), so
    ///         no book of any asset can overflow and block snapshots or claims of the others.
    function depositRevenueERC20(address token, uint256 amount) external;

    /// @notice Books as revenue whatever `asset` the contract holds beyond its books (force-sent ETH,
    ///         tokens sent by plain transfer). Permissionless.
    /// @return amount The surplus booked.
    function absorbSurplus(address asset) external returns (uint256 amount);

    /// @notice Claims every snapshot in `snapshotIds`, paying each asset once. Like `claim`, a payout that
    ///         cannot be delivered is credited (`PayoutCredited`) rather than reverting.
    function claimBatch(uint256[] calldata snapshotIds) external;

    /// @notice Pays the caller's whole credit of `asset` (ETH is `address(0)`) to `to`, forwarding all
    ///         gas. Reverts if the transfer fails, so the credit stays for a later try or another `to`.
    /// @return amount The credit paid.
    function withdrawCredit(address asset, address to) external returns (uint256 amount);

    /// @notice What `account` is owed of `asset` from payouts that could not be delivered.
    function creditOf(address account, address asset) external view returns (uint256);

    /// @notice Number of snapshots taken so far (the id of the latest; 0 before the first).
    function currentSnapshotId() external view returns (uint256);

    /// @notice Earliest timestamp at which `snapshot()` succeeds: the moment the next snapshot is due.
    ///         Balances and eligible supply as they stand at that moment are the ones the next snapshot
    ///         uses; a change at or after it counts for the snapshot after.
    function nextSnapshotAt() external view returns (uint256);

    /// @notice Balance of `account` at snapshot `snapshotId` (any past snapshot).
    function balanceOfAt(address account, uint256 snapshotId) external view returns (uint256);

    /// @notice Revenue-eligible supply (total supply less excluded balances) at snapshot `snapshotId`.
    function eligibleSupplyAt(uint256 snapshotId) external view returns (uint256);

    /// @notice Revenue-eligible supply now.
    function eligibleSupply() external view returns (uint256);

    /// @notice Whether `account` has claimed `snapshotId` (meaningful while the snapshot is in its window).
    function hasClaimed(address account, uint256 snapshotId) external view returns (bool);

    /// @notice The claimable pool of `asset` for an open snapshot, and how much of it was claimed.
    function snapshotPool(uint256 snapshotId, address asset) external view returns (uint256 pool, uint256 claimed);

    /// @notice The books of `asset`.
    function books(address asset) external view returns (Books memory);

    /// @notice What `books(asset)` says the contract must hold: pending + openClaimable + redeemPool + credited.
    function bookedBalance(address asset) external view returns (uint256);

    function isRevenueExcluded(address account) external view returns (bool);
    function claimableBps() external view returns (uint256);
    function snapshotInterval() external view returns (uint256);
    function claimWindow() external view returns (uint256);
    function unclaimedPolicy() external view returns (UnclaimedPolicy);
    function revenueTokens() external view returns (address[] memory);
}
