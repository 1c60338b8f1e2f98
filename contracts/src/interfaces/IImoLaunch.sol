// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRevShareToken} from "./IRevShareToken.sol";
import {IModelRegistry} from "./IModelRegistry.sol";
import {IRevShareTokenFactory} from "./IRevShareTokenFactory.sol";

/// @title ImoLaunch: the Initial Model Offering of registered models
/// @notice One contract runs the IMOs of many models, at most one per model, keyed by model id.
///         The owner of a registered model launches it: the model's RevShareToken is deployed at once and
///         its supply is split into a public sale (held here), a liquidity reserve, contributors and team.
///         Investors deposit ETH during the raising window; afterwards anyone settles:
///         - raised >= target: the raise succeeded. Investor i with deposit d_i out of R raised is allotted
///           `floor(d_i * S / R)` of the S public-sale tokens and refunded `floor(d_i * (R - T) / R)` of its
///           ETH (T = target); it pays `accepted_i = d_i - refund_i`. The target T is the treasury's proceeds,
///           vesting linearly from the end of the window; the model's revenue receiver is pointed at the token.
///         - raised < target: the raise failed, every investor withdraws its whole deposit and the public-sale
///           tokens are burned.
///
///         Revenue of the sale tokens. This contract is an ordinary, revenue-eligible holder of the public-sale
///         tokens it keeps for investors, so an investor's revenue does not depend on when it collects its
///         allocation. `harvest` (permissionless; `settle`, `claimAllocation`, `claimFor` and `sweepDust` run it
///         first) claims this contract's share of every open snapshot of the token, for ETH and every listed
///         ERC-20. Revenue of a snapshot taken after a successful settlement is for the investors: it adds
///         `amount * 2^96 / balanceAt(snapshot)` to that asset's per-token accumulator, and an investor who
///         collects `tokens_i` receives `floor(tokens_i * accumulator / 2^96)` of each asset with them, exactly
///         what it would have claimed holding its tokens since settlement, less rounding (under 1 wei per
///         snapshot in all, plus under 1 wei per investor). The token counts the balances a snapshot becomes due
///         with, so once one is due the tokens still here count for this contract in it: a collection then takes
///         that snapshot first (`snapshot()` is permissionless once due) and harvests it, so its revenue is paid
///         with the tokens. A payout the token credits instead of pushing (an ERC-20 that refused this contract)
///         is booked like one that arrived and pulled (`withdrawCredit`) before anything is paid or recycled,
///         and again by every later harvest while the asset still refuses. Revenue nobody bought is recycled into the token as
///         new revenue (`depositRevenue`, `depositRevenueERC20`), shared at the next snapshot by all holders:
///         that of snapshots taken before settlement, everything of a failed raise (including what its burn of
///         the public sale redeems), and, at `sweepDust`, the accumulators' rounding dust and what the burn
///         of the token dust redeems; after the sweep every harvest is recycled at once.
///
///         Payments never block: ETH is pushed with a `ETH_PUSH_GAS` stipend and ERC-20s by a plain transfer;
///         a push that fails is credited to the payee (`withdrawCredit`), and the tokens are delivered anyway.
/// @dev Rounding always favours the contract, so it never owes more than it holds:
///      sum(refund_i) <= floor(sum(d_i) * (R - T) / R) = R - T, hence accepted = R - sum(refund_i) >= T and the
///      proceeds T can be released before every investor has claimed. Once all have claimed, the ETH left
///      (`sum(accepted_i) - T`, less than one wei per investor) goes to the treasury, and the public-sale
///      tokens left (`S - sum(tokens_i)`, less than one token-wei per investor) are burned (`sweepDust`).
///      Books, to the wei: refunds + proceeds (released + dust) = deposits on success; withdrawals = deposits
///      on failure; per launch and revenue asset `harvested = paid + recycled + held`; and at every moment this
///      contract's ETH balance is the sum over launches of `totalRaised - refundsPaid - withdrawn -
///      proceedsReleased - ethDust` plus the ETH revenue held plus the ETH credits (`totalCredits(address(0))`),
///      and its balance of an ERC-20 the revenue of it held plus its credits; "held" includes what a launch's
///      token still owes this contract (`creditOf(address(this), asset)` there) until it is pulled.
interface IImoLaunch {
    /// @notice Lifecycle of a launch. `Raising` covers before, during and after the window until `settle`.
    enum Status {
        None,
        Raising,
        Succeeded,
        Failed
    }

    /// @notice One slice of the supply outside the public sale.
    /// @param recipient Receives the slice at launch (nonzero when `bps > 0`).
    /// @param bps Share of the total supply in basis points.
    struct Allocation {
        address recipient;
        uint16 bps;
    }

    /// @notice RevShareToken settings passed through unchanged (see `IRevShareToken.Config`).
    struct TokenParams {
        uint16 claimableBps;
        uint48 snapshotInterval;
        uint8 claimWindow;
        IRevShareToken.UnclaimedPolicy unclaimedPolicy;
        address[] revenueTokens;
    }

    /// @notice Everything the model owner chooses at launch.
    /// @param modelId Registered model to launch; the caller must own it and have approved this contract as
    ///        the model's operator in the registry.
    /// @param name Token name.
    /// @param symbol Token symbol.
    /// @param totalSupply Token supply in token wei (1..type(uint96).max).
    /// @param publicSaleBps Public-sale share; held here and sold in the raise. It also takes the rounding
    ///        remainder of the other slices, so the four slices add up to `totalSupply` exactly.
    /// @param liquidity Liquidity reserve slice.
    /// @param contributors Model contributors' slice.
    /// @param team Team slice.
    /// @param excludeLiquidity Whether the liquidity reserve's balance earns no revenue (and dilutes nobody).
    /// @param target Raise target in wei (1..type(uint128).max).
    /// @param start First second deposits are accepted (>= now).
    /// @param end First second deposits are refused (> start); settlement and vesting start here.
    /// @param minDeposit Smallest single deposit in wei (0: any nonzero amount).
    /// @param treasury Receives the proceeds and the ETH rounding dust.
    /// @param vestingDuration Seconds over which the proceeds vest linearly from `end` (0: all at `end`).
    /// @param revenueShareBps Share of each model fee routed to the token once the raise succeeds (0..10000).
    /// @param token Settings passed to the RevShareToken.
    struct LaunchParams {
        uint256 modelId;
        string name;
        string symbol;
        uint256 totalSupply;
        uint16 publicSaleBps;
        Allocation liquidity;
        Allocation contributors;
        Allocation team;
        bool excludeLiquidity;
        uint256 target;
        uint48 start;
        uint48 end;
        uint256 minDeposit;
        address treasury;
        uint48 vestingDuration;
        uint16 revenueShareBps;
        TokenParams token;
    }

    /// @notice The state of one launch, as stored (seven slots; `deposit` touches the first two).
    /// @param token The model's RevShareToken, deployed at launch.
    /// @param start Raising window start.
    /// @param end Raising window end (exclusive); vesting starts here.
    /// @param minDeposit Smallest single deposit.
    /// @param totalRaised Sum of deposits (R).
    /// @param treasury Receiver of proceeds and ETH dust.
    /// @param vestingDuration Proceeds vesting duration.
    /// @param status Lifecycle status.
    /// @param revenueShareBps Fee share routed to the token by the registry wiring.
    /// @param revenueWired Whether the registry now points the model's revenue at the token.
    /// @param dustSwept Whether `sweepDust` ran.
    /// @param target Raise target (T), which is also the proceeds that vest.
    /// @param saleTokens Public-sale tokens (S).
    /// @param refundsPaid Oversubscription refunds paid (or credited) so far.
    /// @param withdrawn Deposits withdrawn (paid or credited) after a failed raise.
    /// @param proceedsReleased Vested proceeds paid to the treasury so far.
    /// @param ethDust ETH rounding dust paid to the treasury by `sweepDust`.
    /// @param depositsSettled Sum of the deposits of investors who claimed or withdrew.
    /// @param tokensClaimed Public-sale tokens delivered to investors.
    struct Launch {
        IRevShareToken token;
        uint48 start;
        uint48 end;
        uint128 minDeposit;
        uint128 totalRaised;
        address treasury;
        uint48 vestingDuration;
        Status status;
        uint16 revenueShareBps;
        bool revenueWired;
        bool dustSwept;
        uint128 target;
        uint128 saleTokens;
        uint128 refundsPaid;
        uint128 withdrawn;
        uint128 proceedsReleased;
        uint128 ethDust;
        uint128 depositsSettled;
        uint128 tokensClaimed;
    }

    /// @notice One investor's position in one launch.
    /// @param deposit Sum of its deposits.
    /// @param settled Whether it has claimed (success) or withdrawn (failure): it is paid once.
    struct Position {
        uint128 deposit;
        bool settled;
    }

    /// @notice The revenue books of one launch in one asset (ETH is `address(0)`), to the wei:
    ///         held for the launch = `harvested - paid - recycled`, here or still owed by the token (three slots;
    ///         amounts fit 128 bits like the token's own books).
    /// @param perToken Revenue per public-sale token owed to investors, scaled by `REVENUE_SCALE` (2^96).
    /// @param harvested Everything the token paid or credited this contract for this launch (claims and burn
    ///        redemptions).
    /// @param toInvestors The part of `harvested` added to `perToken` (snapshots after a successful settlement).
    /// @param paid Paid or credited to investors.
    /// @param recycled Sent back to the token as revenue.
    struct RevenueBooks {
        uint256 perToken;
        uint128 harvested;
        uint128 toInvestors;
        uint128 paid;
        uint128 recycled;
    }

    /// @notice Where a launch's harvest stands.
    /// @param harvestedThrough Every snapshot up to this id was harvested (or had nothing for this contract).
    /// @param settledAtSnapshot The token's snapshot id at settlement: later snapshots are the investors'.
    struct HarvestCursor {
        uint40 harvestedThrough;
        uint40 settledAtSnapshot;
    }

    // ------------------------------------------------------------------ errors

    /// @notice `caller` does not own model `modelId`.
    error ImoLaunch_NotModelOwner(uint256 modelId, address caller);

    /// @notice Model `modelId` already has a launch.
    error ImoLaunch_AlreadyLaunched(uint256 modelId);

    /// @notice This contract is not the registry operator of `modelId`, so it could not wire revenue.
    error ImoLaunch_NotOperator(uint256 modelId, address operator);

    /// @notice The four slices must add up to 10000 basis points.
    error ImoLaunch_InvalidAllocationSum(uint256 sumBps);

    /// @notice The public sale must hold at least one token wei.
    error ImoLaunch_EmptyPublicSale();

    /// @notice A slice with a nonzero share needs a recipient other than this contract.
    error ImoLaunch_InvalidRecipient(address recipient);

    /// @notice Two slices with nonzero shares name the same recipient.
    error ImoLaunch_DuplicateRecipient(address recipient);

    /// @notice The supply is zero or above `max`.
    error ImoLaunch_InvalidTotalSupply(uint256 totalSupply, uint256 max);

    /// @notice The target is zero or above `max`.
    error ImoLaunch_InvalidTarget(uint256 target, uint256 max);

    /// @notice The minimum deposit is above `max`.
    error ImoLaunch_InvalidMinDeposit(uint256 minDeposit, uint256 max);

    /// @notice The window must satisfy `now <= start < end`.
    error ImoLaunch_InvalidWindow(uint256 start, uint256 end, uint256 nowTimestamp);

    /// @notice The treasury must be nonzero and not this contract.
    error ImoLaunch_InvalidTreasury(address treasury);

    /// @notice The vesting duration is above `max`.
    error ImoLaunch_InvalidVestingDuration(uint256 duration, uint256 max);

    /// @notice The model's fee share must be at most 10000 basis points.
    error ImoLaunch_InvalidRevenueShareBps(uint256 bps);

    /// @notice Model `modelId` has no launch.
    error ImoLaunch_UnknownLaunch(uint256 modelId);

    /// @notice Deposits are accepted only in `[start, end)`.
    error ImoLaunch_RaiseNotOpen(uint256 modelId, uint256 start, uint256 end, uint256 nowTimestamp);

    /// @notice A deposit must be nonzero and at least `minDeposit`.
    error ImoLaunch_DepositTooSmall(uint256 amount, uint256 minDeposit);

    /// @notice The window of `modelId` ends at `end`; it cannot be settled before.
    error ImoLaunch_RaiseNotEnded(uint256 modelId, uint256 end, uint256 nowTimestamp);

    /// @notice The call needs status `expected`, the launch has `actual`.
    error ImoLaunch_WrongStatus(uint256 modelId, Status actual, Status expected);

    /// @notice `investor` deposited nothing in `modelId`.
    error ImoLaunch_NothingDeposited(uint256 modelId, address investor);

    /// @notice `investor` was already paid (claimed or withdrew).
    error ImoLaunch_AlreadySettled(uint256 modelId, address investor);

    /// @notice No vested proceeds are waiting to be released.
    error ImoLaunch_NothingToRelease(uint256 modelId);

    /// @notice Dust is swept once, after every investor has claimed; `depositsUnsettled` wei of deposits have not.
    error ImoLaunch_ClaimsOutstanding(uint256 modelId, uint256 depositsUnsettled);

    /// @notice `sweepDust` already ran for `modelId`.
    error ImoLaunch_DustAlreadySwept(uint256 modelId);

    /// @notice The registry already points the revenue of `modelId` at its token.
    error ImoLaunch_RevenueAlreadyWired(uint256 modelId);

    /// @notice Sending `amount` wei to `to` failed.
    error ImoLaunch_EthTransferFailed(address to, uint256 amount);

    /// @notice Only the tokens of this contract's launches send it ETH (revenue); `sender` is not one.
    error ImoLaunch_UnexpectedEth(address sender);

    /// @notice `account` has no credit in `asset` to withdraw.
    error ImoLaunch_NothingToWithdraw(address account, address asset);

    // ------------------------------------------------------------------ events

    /// @notice Model `modelId` was launched by `creator`; `token` holds `saleTokens` for sale here.
    event LaunchCreated(
        uint256 indexed modelId,
        address indexed token,
        address indexed creator,
        address treasury,
        uint256 saleTokens,
        uint256 target,
        uint256 start,
        uint256 end
    );

    /// @notice `investor` deposited `amount`; its deposits now sum to `investorTotal` and the raise to `totalRaised`.
    event Deposited(
        uint256 indexed modelId,
        address indexed investor,
        uint256 amount,
        uint256 investorTotal,
        uint256 totalRaised
    );

    /// @notice The raise of `modelId` was settled by `caller`.
    event Settled(
        uint256 indexed modelId, bool succeeded, uint256 totalRaised, uint256 target, address caller
    );

    /// @notice After a failed raise, the `amount` public-sale tokens were burned.
    event SaleTokensBurned(uint256 indexed modelId, uint256 amount);

    /// @notice The registry was asked to point the revenue of `modelId` at `token` with `bps`; `success` says
    ///         whether it did (it fails if the owner revoked this contract's operator approval).
    event RevenueWiring(uint256 indexed modelId, address indexed token, uint16 bps, bool success);

    /// @notice `investor` received `tokens` and a refund of `refund` wei, paid or credited (it paid `accepted` wei);
    ///         `caller` sent it.
    event AllocationClaimed(
        uint256 indexed modelId,
        address indexed investor,
        uint256 tokens,
        uint256 refund,
        uint256 accepted,
        address caller
    );

    /// @notice After a failed raise, `investor` withdrew its `amount` deposit (paid or credited).
    event Withdrawn(uint256 indexed modelId, address indexed investor, uint256 amount);

    /// @notice `amount` wei of vested proceeds went to `treasury`; `totalReleased` so far.
    event ProceedsReleased(
        uint256 indexed modelId, address indexed treasury, uint256 amount, uint256 totalReleased
    );

    /// @notice After every investor claimed: `ethDust` wei went to the treasury and `tokenDust` tokens were burned.
    event DustSwept(uint256 indexed modelId, uint256 ethDust, uint256 tokenDust);

    /// @notice `amount` of `asset` was claimed for the public-sale tokens from snapshot `snapshotId`, when this
    ///         contract held `balanceAt` of them; `toInvestors` says whether it went to the investors'
    ///         accumulator (else it is recycled).
    event RevenueHarvested(
        uint256 indexed modelId,
        uint256 indexed snapshotId,
        address indexed asset,
        uint256 amount,
        uint256 balanceAt,
        bool toInvestors
    );

    /// @notice The harvest cursor of `modelId` moved: every snapshot up to `harvestedThrough` is harvested (or had
    ///         nothing for this contract, or lapsed); revenue of snapshots after `settledAtSnapshot` is the
    ///         investors' (once the raise succeeded).
    event HarvestCursorMoved(uint256 indexed modelId, uint256 harvestedThrough, uint256 settledAtSnapshot);

    /// @notice The token's `claimBatch` reverted (with `reason`); nothing was booked and the harvest can be retried.
    event HarvestFailed(uint256 indexed modelId, bytes reason);

    /// @notice Burning public-sale tokens redeemed `amount` of `asset` from the token's burn pool (recycled).
    event BurnRedeemed(uint256 indexed modelId, address indexed asset, uint256 amount);

    /// @notice The token's `burn` of `amount` public-sale tokens reverted (with `reason`); they stay here,
    ///         whatever they earn is recycled, and `harvest` retries the burn.
    event SaleTokensBurnFailed(uint256 indexed modelId, uint256 amount, bytes reason);

    /// @notice `amount` of `asset` that belongs to no investor went back to the token as revenue.
    event RevenueRecycled(uint256 indexed modelId, address indexed asset, uint256 amount);

    /// @notice Recycling `amount` of `asset` into the token reverted; it stays booked here and is retried by
    ///         the next harvest.
    event RecycleFailed(uint256 indexed modelId, address indexed asset, uint256 amount);

    /// @notice `investor` received (or was credited) `amount` of `asset`: its share of the revenue its
    ///         public-sale tokens earned here since settlement.
    event RevenuePaid(uint256 indexed modelId, address indexed investor, address indexed asset, uint256 amount);

    /// @notice A push of `amount` of `asset` to `account` failed; it was credited to `account` instead.
    event PaymentCredited(address indexed account, address indexed asset, uint256 amount);

    /// @notice `account`'s credit of `amount` of `asset` was paid to `to`.
    event CreditWithdrawn(address indexed account, address indexed to, address indexed asset, uint256 amount);

    // ------------------------------------------------------------------ functions

    /// @notice Launches the IMO of `params.modelId` and deploys its token.
    /// @dev The token is deployed now rather than at a successful settlement so that its address (and the
    ///      liquidity, contributor and team balances) are known for the whole raise. This contract is an
    ///      ordinary revenue-eligible holder of the public sale (only the liquidity reserve may be excluded);
    ///      what the unsold tokens earn before settlement is recycled (see the contract's notice). Token setting
    ///      errors (`RevShareToken_*`) bubble up from its constructor.
    /// @return token The model's new RevShareToken.
    function createLaunch(LaunchParams calldata params) external returns (IRevShareToken token);

    /// @notice Deposits `msg.value` into the raise of `modelId` (window open; several deposits add up).
    function deposit(uint256 modelId) external payable;

    /// @notice Settles the raise of `modelId` once its window has ended. Permissionless.
    /// @dev Harvests first (what the sale earned before settlement is recycled) and records the token's snapshot
    ///      id: revenue of later snapshots is the investors'.
    ///      On success it asks the registry to point the model's revenue at the token. A failure of that call
    ///      (the owner revoked the operator approval) does not block investors: the settlement goes through,
    ///      `RevenueWiring(..., false)` is emitted, and anyone may retry with `wireRevenue`.
    ///      On failure it burns the public-sale tokens: handing them to the treasury would give the team the
    ///      investors' share for nothing, and burning them leaves no stranded supply. What the burn redeems from
    ///      the token's burn pool is recycled into the token. A burn that reverts does not block withdrawals
    ///      (`SaleTokensBurnFailed`; `harvest` retries it).
    /// @return succeeded Whether the target was met.
    function settle(uint256 modelId) external returns (bool succeeded);

    /// @notice After a successful raise: harvests, then pays the caller, once, its tokens, its oversubscription
    ///         refund and the revenue its tokens earned here since settlement (each asset; `RevenuePaid`).
    /// @dev Takes the token's snapshot first when one is due (the tokens still count here for it), so its
    ///      revenue is harvested and paid too. The tokens are always delivered; ETH (refund + revenue, one push
    ///      with the `ETH_PUSH_GAS` stipend) or an ERC-20 that cannot be pushed is credited to the investor
    ///      (`withdrawCredit`).
    function claimAllocation(uint256 modelId) external returns (uint256 tokens, uint256 refund);

    /// @notice `claimAllocation` on behalf of `investor` (everything goes to `investor`). Permissionless.
    function claimFor(uint256 modelId, address investor) external returns (uint256 tokens, uint256 refund);

    /// @notice After a failed raise: pays the caller back its whole deposit, once (credited if the push fails).
    function withdraw(uint256 modelId) external returns (uint256 amount);

    /// @notice Claims this contract's revenue for the public-sale tokens of `modelId` from every open snapshot
    ///         not yet harvested, books it (investors' accumulator or recycling, see the contract's notice) and
    ///         recycles what belongs to no investor. Permissionless; call it once per snapshot so nothing lapses
    ///         (a snapshot's revenue can only be claimed during the token's claim window).
    /// @dev Never reverts because of the token: a `claimBatch` that reverts emits `HarvestFailed` and books nothing.
    ///      A payout the token credited instead of pushing is booked all the same and pulled here
    ///      (`withdrawCredit(asset, address(this))` on the token), now or, while the asset refuses this contract,
    ///      by a later call. After a failed raise or the dust sweep it also burns any of the launch's tokens still
    ///      held here (a burn that reverted before, `SaleTokensBurnFailed`), and retries recycling
    ///      (`RecycleFailed`); recycling never takes more than is here.
    function harvest(uint256 modelId) external;

    /// @notice Pays the caller's whole credit in `asset` (ETH is `address(0)`) to `to`.
    function withdrawCredit(address asset, address to) external returns (uint256 amount);

    /// @notice Pays the treasury the proceeds vested and not yet released. Permissionless.
    /// @dev Proceeds are never pushed inside `settle`, so a treasury that rejects ETH cannot block investors.
    function releaseProceeds(uint256 modelId) external returns (uint256 amount);

    /// @notice Once every investor has claimed: harvests, pays the ETH rounding dust to the treasury (credited if
    ///         the push fails), burns the public-sale token dust and recycles into the token the revenue left
    ///         (the accumulators' rounding dust and what the burn redeemed). Permissionless, once.
    function sweepDust(uint256 modelId) external returns (uint256 ethDust, uint256 tokenDust);

    /// @notice Retries pointing the model's revenue at its token after a successful raise. Permissionless.
    function wireRevenue(uint256 modelId) external;

    /// @notice The whole state of the launch of `modelId`.
    function getLaunch(uint256 modelId) external view returns (Launch memory);

    /// @notice Lifecycle status of the launch of `modelId` (`None` if there is none).
    function status(uint256 modelId) external view returns (Status);

    /// @notice The RevShareToken of `modelId` (zero if not launched).
    function tokenOf(uint256 modelId) external view returns (IRevShareToken);

    /// @notice Sale price in wei per whole token (1e18 token wei), rounded up: `ceil(T * 1e18 / S)`.
    /// @dev Informational: allocations are computed exactly from shares of the raise, not from this price.
    function salePrice(uint256 modelId) external view returns (uint256 weiPerToken);

    /// @notice The position of `investor` in `modelId`.
    function positionOf(uint256 modelId, address investor) external view returns (Position memory);

    /// @notice What `investor` would receive if the raise settled now as a success with the current total:
    ///         tokens, refund and accepted ETH (all zero if the total is below target).
    function previewAllocation(uint256 modelId, address investor)
        external
        view
        returns (uint256 tokens, uint256 refund, uint256 accepted);

    /// @notice Proceeds vested so far (0 unless the raise succeeded).
    function vestedProceeds(uint256 modelId) external view returns (uint256);

    /// @notice Vested proceeds not yet released.
    function releasableProceeds(uint256 modelId) external view returns (uint256);

    /// @notice The revenue books of `modelId` in `asset` (ETH is `address(0)`).
    function revenueBooks(uint256 modelId, address asset) external view returns (RevenueBooks memory);

    /// @notice How far the harvest of `modelId` went, and the token's snapshot id at its settlement.
    function harvestCursor(uint256 modelId) external view returns (HarvestCursor memory);

    /// @notice Revenue in `asset` that `investor` would receive with its allocation now, from what was harvested
    ///         so far (0 once it collected, or unless the raise succeeded).
    function pendingRevenue(uint256 modelId, address investor, address asset) external view returns (uint256);

    /// @notice Credit of `account` in `asset` (payments that could not be pushed).
    function creditOf(address account, address asset) external view returns (uint256);

    /// @notice Sum of all credits in `asset`.
    function totalCredits(address asset) external view returns (uint256);

    function registry() external view returns (IModelRegistry);
    function factory() external view returns (IRevShareTokenFactory);

    /// @notice Longest proceeds vesting accepted, in seconds.
    function MAX_VESTING_DURATION() external view returns (uint256);

    /// @notice Scale of the per-token revenue accumulators (2^96, above any token supply, so that an
    ///         accumulator's rounding loses under 1 wei per snapshot in all).
    function REVENUE_SCALE() external view returns (uint256);

    /// @notice Gas forwarded with an ETH push to an investor or the treasury; a push that fails is credited.
    function ETH_PUSH_GAS() external view returns (uint256);
}
