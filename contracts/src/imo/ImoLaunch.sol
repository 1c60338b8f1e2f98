// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IImoLaunch} from "../interfaces/IImoLaunch.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IRevShareToken} from "../interfaces/IRevShareToken.sol";
import {IRevShareTokenFactory} from "../interfaces/IRevShareTokenFactory.sol";

/// @title ImoLaunch
/// @notice See `IImoLaunch`.
contract ImoLaunch is IImoLaunch, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 internal constant _BPS = 10_000;
    address internal constant _ETH = address(0);

    /// @inheritdoc IImoLaunch
    uint256 public constant MAX_VESTING_DURATION = 10 * 365 days;

    /// @inheritdoc IImoLaunch
    uint256 public constant REVENUE_SCALE = 2 ** 96;

    /// @inheritdoc IImoLaunch
    uint256 public constant ETH_PUSH_GAS = 50_000;

    /// @inheritdoc IImoLaunch
    IModelRegistry public immutable registry;

    /// @inheritdoc IImoLaunch
    IRevShareTokenFactory public immutable factory;

    /// @dev The snapshots one harvest claims: per snapshot its id, the sale tokens held here at it (zero when its
    ///      revenue is not the investors') and the claimable amount of each asset.
    struct Batch {
        uint256 modelId;
        IRevShareToken token;
        uint256[] ids;
        uint256[] balanceAt;
        uint256[][] amounts;
    }

    mapping(uint256 modelId => Launch) internal _launches;

    mapping(uint256 modelId => mapping(address investor => Position)) internal _positions;

    mapping(uint256 modelId => mapping(address asset => RevenueBooks)) internal _revenue;

    mapping(uint256 modelId => HarvestCursor) internal _cursors;

    /// @dev The tokens of this contract's launches: the only senders of ETH besides depositors.
    mapping(address token => bool) internal _isLaunchToken;

    mapping(address account => mapping(address asset => uint256)) internal _credits;

    mapping(address asset => uint256) internal _totalCredits;

    constructor(IModelRegistry registry_, IRevShareTokenFactory factory_) {
        registry = registry_;
        factory = factory_;
    }

    /// @notice Revenue claimed from (or redeemed by burning) a launch's token.
    receive() external payable {
        // SAFETY: ETH arrives only as revenue from a launch's token; anything else would be unbooked.
        if (!_isLaunchToken[msg.sender]) revert ImoLaunch_UnexpectedEth(msg.sender);
    }

    // ================================================================== launch

    /// @inheritdoc IImoLaunch
    function createLaunch(LaunchParams calldata p) external returns (IRevShareToken token) {
        uint256 modelId = p.modelId;
        // SAFETY: only the model's owner may sell its revenue (reverts for unknown models in the registry).
        address owner = registry.ownerOf(modelId);
        if (owner != msg.sender) revert ImoLaunch_NotModelOwner(modelId, msg.sender);
        // INVARIANT: one launch per model, so one token receives its revenue.
        if (_launches[modelId].end != 0) revert ImoLaunch_AlreadyLaunched(modelId);
        // SAFETY: without the operator approval a successful raise could not wire revenue to the token.
        address operator = registry.operatorOf(modelId);
        if (operator != address(this)) revert ImoLaunch_NotOperator(modelId, operator);
        _checkRaise(p);

        (IRevShareToken.Config memory config, uint256 saleTokens) = _tokenConfig(p);
        token = factory.deploy(config);

        _isLaunchToken[address(token)] = true;
        Launch storage l = _launches[modelId];
        l.token = token;
        l.start = p.start;
        l.end = p.end;
        // casting to 'uint128' is safe because _checkRaise bounded minDeposit and target by type(uint128).max,
        // and saleTokens <= totalSupply <= type(uint96).max
        // forge-lint: disable-next-line(unsafe-typecast)
        l.minDeposit = uint128(p.minDeposit);
        l.treasury = p.treasury;
        l.vestingDuration = p.vestingDuration;
        l.status = Status.Raising;
        l.revenueShareBps = p.revenueShareBps;
        // forge-lint: disable-next-line(unsafe-typecast)
        l.target = uint128(p.target);
        // forge-lint: disable-next-line(unsafe-typecast)
        l.saleTokens = uint128(saleTokens);

        emit LaunchCreated(
            modelId, address(token), msg.sender, p.treasury, saleTokens, p.target, p.start, p.end
        );
    }

    // ================================================================== raise

    /// @inheritdoc IImoLaunch
    function deposit(uint256 modelId) external payable nonReentrant {
        Launch storage l = _launches[modelId];
        uint256 start = l.start;
        uint256 end = l.end;
        if (end == 0) revert ImoLaunch_UnknownLaunch(modelId);
        // INVARIANT: deposits only inside [start, end); settlement needs now >= end, so no deposit follows it.
        if (block.timestamp < start || block.timestamp >= end) {
            revert ImoLaunch_RaiseNotOpen(modelId, start, end, block.timestamp);
        }
        uint256 minDeposit = l.minDeposit;
        if (msg.value == 0 || msg.value < minDeposit) {
            revert ImoLaunch_DepositTooSmall(msg.value, minDeposit);
        }

        // Cannot overflow 128 bits: the total ETH supply is far below 2**128 wei.
        uint256 totalRaised = l.totalRaised + msg.value;
        Position storage pos = _positions[modelId][msg.sender];
        uint256 investorTotal = pos.deposit + msg.value;
        // casting to 'uint128' is safe because both are bounded by the ETH in existence
        // forge-lint: disable-next-line(unsafe-typecast)
        l.totalRaised = uint128(totalRaised);
        // forge-lint: disable-next-line(unsafe-typecast)
        pos.deposit = uint128(investorTotal);
        emit Deposited(modelId, msg.sender, msg.value, investorTotal, totalRaised);
    }

    /// @inheritdoc IImoLaunch
    function settle(uint256 modelId) external nonReentrant returns (bool succeeded) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Raising);
        // INVARIANT: the raise is judged only once its window is over.
        if (block.timestamp < l.end) revert ImoLaunch_RaiseNotEnded(modelId, l.end, block.timestamp);
        // Still raising: everything the unsold sale earned so far is recycled.
        address[] memory assets = _assets(l.token);
        _harvest(modelId, l, assets);

        uint256 totalRaised = l.totalRaised;
        succeeded = totalRaised >= l.target;
        l.status = succeeded ? Status.Succeeded : Status.Failed;
        // Revenue of later snapshots is the investors'.
        HarvestCursor storage cursor = _cursors[modelId];
        // casting to 'uint40' is safe because the token's snapshot ids are uint40
        // forge-lint: disable-next-line(unsafe-typecast)
        cursor.settledAtSnapshot = uint40(l.token.currentSnapshotId());
        emit HarvestCursorMoved(modelId, cursor.harvestedThrough, cursor.settledAtSnapshot);
        emit Settled(modelId, succeeded, totalRaised, l.target, msg.sender);

        if (succeeded) {
            _wireRevenue(modelId, l);
        } else {
            _burnSaleTokens(modelId, l, l.saleTokens, assets);
        }
        _recycle(modelId, l, assets, _pullCredits(l.token, assets));
    }

    /// @inheritdoc IImoLaunch
    function claimAllocation(uint256 modelId) external nonReentrant returns (uint256 tokens, uint256 refund) {
        return _claim(modelId, msg.sender);
    }

    /// @inheritdoc IImoLaunch
    function claimFor(uint256 modelId, address investor)
        external
        nonReentrant
        returns (uint256 tokens, uint256 refund)
    {
        return _claim(modelId, investor);
    }

    /// @inheritdoc IImoLaunch
    function withdraw(uint256 modelId) external nonReentrant returns (uint256 amount) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Failed);
        Position storage pos = _positions[modelId][msg.sender];
        amount = _settlePosition(modelId, msg.sender, pos);

        // casting to 'uint128' is safe because amount is a stored uint128 deposit
        // forge-lint: disable-next-line(unsafe-typecast)
        l.withdrawn += uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast)
        l.depositsSettled += uint128(amount);
        emit Withdrawn(modelId, msg.sender, amount);
        _payEth(msg.sender, amount);
    }

    /// @inheritdoc IImoLaunch
    function harvest(uint256 modelId) external nonReentrant {
        Launch storage l = _launch(modelId);
        address[] memory assets = _assets(l.token);
        _harvest(modelId, l, assets);
        if (l.status == Status.Failed || l.dustSwept) {
            // Nothing here belongs to an investor any more: retry a burn that reverted before.
            uint256 left = l.token.balanceOf(address(this));
            if (left != 0) _burnSaleTokens(modelId, l, left, assets);
        }
        _recycle(modelId, l, assets, _pullCredits(l.token, assets));
    }

    /// @inheritdoc IImoLaunch
    function withdrawCredit(address asset, address to) external nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender][asset];
        if (amount == 0) revert ImoLaunch_NothingToWithdraw(msg.sender, asset);
        _credits[msg.sender][asset] = 0;
        _totalCredits[asset] -= amount;
        emit CreditWithdrawn(msg.sender, to, asset, amount);
        if (asset == _ETH) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert ImoLaunch_EthTransferFailed(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    /// @inheritdoc IImoLaunch
    function releaseProceeds(uint256 modelId) external nonReentrant returns (uint256 amount) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Succeeded);
        uint256 released = l.proceedsReleased;
        amount = _vested(l) - released;
        if (amount == 0) revert ImoLaunch_NothingToRelease(modelId);
        // INVARIANT: released <= vested <= target <= accepted ETH, so refunds owed stay covered.
        released += amount;
        // casting to 'uint128' is safe because released <= target <= type(uint128).max
        // forge-lint: disable-next-line(unsafe-typecast)
        l.proceedsReleased = uint128(released);
        address treasury = l.treasury;
        emit ProceedsReleased(modelId, treasury, amount, released);
        _sendEth(treasury, amount);
    }

    /// @inheritdoc IImoLaunch
    function sweepDust(uint256 modelId) external nonReentrant returns (uint256 ethDust, uint256 tokenDust) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Succeeded);
        if (l.dustSwept) revert ImoLaunch_DustAlreadySwept(modelId);
        uint256 totalRaised = l.totalRaised;
        // INVARIANT: dust is known exactly only once every refund has been computed and paid.
        if (l.depositsSettled != totalRaised) {
            revert ImoLaunch_ClaimsOutstanding(modelId, totalRaised - l.depositsSettled);
        }
        l.dustSwept = true;
        // sum(accepted_i) - target: refunds were rounded down, so this is >= 0 (less than 1 wei per investor).
        ethDust = totalRaised - l.refundsPaid - l.target;
        tokenDust = l.saleTokens - l.tokensClaimed;
        // casting to 'uint128' is safe because ethDust <= totalRaised
        // forge-lint: disable-next-line(unsafe-typecast)
        l.ethDust = uint128(ethDust);
        emit DustSwept(modelId, ethDust, tokenDust);
        // Every investor has collected: what is harvested from now on, and the accumulators' rounding dust,
        // belongs to nobody and is recycled.
        address[] memory assets = _assets(l.token);
        _harvest(modelId, l, assets);
        if (tokenDust != 0) _burnSaleTokens(modelId, l, tokenDust, assets);
        _recycle(modelId, l, assets, _pullCredits(l.token, assets));
        _payEth(l.treasury, ethDust);
    }

    /// @inheritdoc IImoLaunch
    function wireRevenue(uint256 modelId) external nonReentrant {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Succeeded);
        if (l.revenueWired) revert ImoLaunch_RevenueAlreadyWired(modelId);
        // Retrying must fail loudly, unlike in `settle`, where it must not block investors.
        registry.setRevenueReceiver(modelId, address(l.token), l.revenueShareBps);
        l.revenueWired = true;
        emit RevenueWiring(modelId, address(l.token), l.revenueShareBps, true);
    }

    // ================================================================== views

    /// @inheritdoc IImoLaunch
    function getLaunch(uint256 modelId) external view returns (Launch memory) {
        return _launch(modelId);
    }

    /// @inheritdoc IImoLaunch
    function status(uint256 modelId) external view returns (Status) {
        return _launches[modelId].status;
    }

    /// @inheritdoc IImoLaunch
    function tokenOf(uint256 modelId) external view returns (IRevShareToken) {
        return _launches[modelId].token;
    }

    /// @inheritdoc IImoLaunch
    function salePrice(uint256 modelId) external view returns (uint256 weiPerToken) {
        Launch storage l = _launch(modelId);
        return Math.mulDiv(l.target, 1e18, l.saleTokens, Math.Rounding.Ceil);
    }

    /// @inheritdoc IImoLaunch
    function positionOf(uint256 modelId, address investor) external view returns (Position memory) {
        return _positions[modelId][investor];
    }

    /// @inheritdoc IImoLaunch
    function previewAllocation(uint256 modelId, address investor)
        external
        view
        returns (uint256 tokens, uint256 refund, uint256 accepted)
    {
        Launch storage l = _launch(modelId);
        uint256 totalRaised = l.totalRaised;
        if (totalRaised == 0 || totalRaised < l.target) return (0, 0, 0);
        return _allocation(_positions[modelId][investor].deposit, totalRaised, l.target, l.saleTokens);
    }

    /// @inheritdoc IImoLaunch
    function vestedProceeds(uint256 modelId) external view returns (uint256) {
        Launch storage l = _launch(modelId);
        return l.status == Status.Succeeded ? _vested(l) : 0;
    }

    /// @inheritdoc IImoLaunch
    function releasableProceeds(uint256 modelId) external view returns (uint256) {
        Launch storage l = _launch(modelId);
        return l.status == Status.Succeeded ? _vested(l) - l.proceedsReleased : 0;
    }

    /// @inheritdoc IImoLaunch
    function revenueBooks(uint256 modelId, address asset) external view returns (RevenueBooks memory) {
        return _revenue[modelId][asset];
    }

    /// @inheritdoc IImoLaunch
    function harvestCursor(uint256 modelId) external view returns (HarvestCursor memory) {
        return _cursors[modelId];
    }

    /// @inheritdoc IImoLaunch
    function pendingRevenue(uint256 modelId, address investor, address asset) external view returns (uint256) {
        Launch storage l = _launch(modelId);
        Position memory pos = _positions[modelId][investor];
        if (l.status != Status.Succeeded || pos.settled || pos.deposit == 0) return 0;
        uint256 tokens = Math.mulDiv(pos.deposit, l.saleTokens, l.totalRaised);
        return Math.mulDiv(tokens, _revenue[modelId][asset].perToken, REVENUE_SCALE);
    }

    /// @inheritdoc IImoLaunch
    function creditOf(address account, address asset) external view returns (uint256) {
        return _credits[account][asset];
    }

    /// @inheritdoc IImoLaunch
    function totalCredits(address asset) external view returns (uint256) {
        return _totalCredits[asset];
    }

    // ================================================================== internals

    function _launch(uint256 modelId) internal view returns (Launch storage l) {
        l = _launches[modelId];
        if (l.end == 0) revert ImoLaunch_UnknownLaunch(modelId);
    }

    function _requireStatus(uint256 modelId, Status actual, Status expected) internal pure {
        if (actual != expected) revert ImoLaunch_WrongStatus(modelId, actual, expected);
    }

    function _claim(uint256 modelId, address investor) internal returns (uint256 tokens, uint256 refund) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Succeeded);
        Position storage pos = _positions[modelId][investor];
        uint256 amount = _settlePosition(modelId, investor, pos);
        address[] memory assets = _harvestBeforeDelivery(modelId, l);

        uint256 accepted;
        (tokens, refund, accepted) = _allocation(amount, l.totalRaised, l.target, l.saleTokens);
        // casting to 'uint128' is safe because each sum is bounded by totalRaised or saleTokens (uint128)
        // forge-lint: disable-next-line(unsafe-typecast)
        l.refundsPaid += uint128(refund);
        // forge-lint: disable-next-line(unsafe-typecast)
        l.depositsSettled += uint128(amount);
        // INVARIANT: sum(floor(d_i * S / R)) <= S, so claims never exceed the public sale.
        // forge-lint: disable-next-line(unsafe-typecast)
        l.tokensClaimed += uint128(tokens);
        emit AllocationClaimed(modelId, investor, tokens, refund, accepted, msg.sender);

        uint256[] memory revenue = new uint256[](assets.length);
        for (uint256 a; a < assets.length; ++a) {
            RevenueBooks storage b = _revenue[modelId][assets[a]];
            // INVARIANT: tokens_i <= the sale tokens held at every snapshot since settlement, so the floors over
            // all investors sum to at most what was added to the accumulator (never more than harvested).
            uint256 owed = Math.mulDiv(tokens, b.perToken, REVENUE_SCALE);
            if (owed == 0) continue;
            // casting to 'uint128' is safe because owed <= what was harvested, which the token books in 128 bits
            // forge-lint: disable-next-line(unsafe-typecast)
            b.paid += uint128(owed);
            revenue[a] = owed;
            emit RevenuePaid(modelId, investor, assets[a], owed);
        }

        // SAFETY: the tokens are delivered whatever happens to the payments below, which never revert.
        if (tokens != 0) IERC20(address(l.token)).safeTransfer(investor, tokens);
        _payEth(investor, refund + revenue[0]);
        for (uint256 a = 1; a < assets.length; ++a) {
            _payToken(assets[a], investor, revenue[a]);
        }
    }

    /// @dev Books every snapshot the tokens about to be delivered count for here, and pulls what the token owes.
    /// @return assets The launch's revenue assets, ETH first.
    function _harvestBeforeDelivery(uint256 modelId, Launch storage l)
        internal
        returns (address[] memory assets)
    {
        IRevShareToken token = l.token;
        // The token counts the balances a snapshot becomes due with, so once one is due the investor's tokens
        // count here for it, whenever it is taken: take it now (it is permissionless once due), so that its
        // revenue is harvested below and paid with the tokens, as a holder since settlement would claim it.
        if (block.timestamp >= token.nextSnapshotAt()) token.snapshot();
        // The investor's tokens counted in every snapshot taken so far: its revenue must be booked first.
        assets = _assets(token);
        bool recyclable = _harvest(modelId, l, assets);
        // What the token credited instead of paying (this contract could not receive it) is pulled first.
        uint256[] memory receivable = _pullCredits(token, assets);
        if (recyclable) _recycle(modelId, l, assets, receivable);
    }

    /// @dev Marks `investor` paid and returns its deposit. The one place that guards against double payment.
    function _settlePosition(uint256 modelId, address investor, Position storage pos)
        internal
        returns (uint256 amount)
    {
        amount = pos.deposit;
        if (amount == 0) revert ImoLaunch_NothingDeposited(modelId, investor);
        // INVARIANT: every investor is paid at most once.
        if (pos.settled) revert ImoLaunch_AlreadySettled(modelId, investor);
        pos.settled = true;
    }

    /// @dev Rounding favours the contract: tokens and refund round down, so accepted rounds up.
    function _allocation(uint256 amount, uint256 totalRaised, uint256 target, uint256 saleTokens)
        internal
        pure
        returns (uint256 tokens, uint256 refund, uint256 accepted)
    {
        tokens = Math.mulDiv(amount, saleTokens, totalRaised);
        refund = Math.mulDiv(amount, totalRaised - target, totalRaised);
        accepted = amount - refund;
    }

    function _vested(Launch storage l) internal view returns (uint256) {
        uint256 target = l.target;
        uint256 end = l.end;
        uint256 duration = l.vestingDuration;
        if (block.timestamp >= end + duration) return target;
        // Reached only with duration > 0; settlement needs now >= end, so elapsed >= 0.
        return Math.mulDiv(target, block.timestamp - end, duration);
    }

    function _wireRevenue(uint256 modelId, Launch storage l) internal {
        address token = address(l.token);
        uint16 bps = l.revenueShareBps;
        bool success;
        // SAFETY: the owner may have revoked the operator approval; that must not lock the investors' ETH.
        try registry.setRevenueReceiver(modelId, token, bps) {
            success = true;
            l.revenueWired = true;
        } catch {}
        emit RevenueWiring(modelId, token, bps, success);
    }

    /// @dev Claims this contract's share of every open snapshot not harvested yet, for each asset, and books it:
    ///      snapshots after a successful settlement (and before the dust sweep) feed the investors' per-token
    ///      accumulator, the rest is left for `_recycle`. Books what the claim yielded: what arrived plus what the
    ///      token credited to this contract instead of paying it (an asset this contract could not receive then;
    ///      `_pullCredits` collects it), so a payout the token could not push is booked exactly like one it
    ///      could. A token paying less than it announced (e.g. fee-on-transfer) is booked pro rata; anything
    ///      extra is recycled.
    /// @return recyclable Whether something was booked that belongs to no investor.
    function _harvest(uint256 modelId, Launch storage l, address[] memory assets) internal returns (bool recyclable) {
        Batch memory batch;
        batch.modelId = modelId;
        batch.token = l.token;
        HarvestCursor memory cursor = _cursors[modelId];
        uint256 current = batch.token.currentSnapshotId();
        uint256 first = uint256(cursor.harvestedThrough) + 1;
        if (first > current) return false;
        {
            // Snapshots out of their claim window have lapsed.
            uint256 window = batch.token.claimWindow();
            if (first + window <= current) first = current - window + 1;
        }
        _collectClaimable(batch, first, current, assets);
        if (batch.ids.length != 0) {
            bool investorsOwn = l.status == Status.Succeeded && !l.dustSwept;
            batch.balanceAt = new uint256[](batch.ids.length);
            for (uint256 k; k < batch.ids.length; ++k) {
                // Only the investors' snapshots need the divisor; zero marks the others.
                if (investorsOwn && batch.ids[k] > cursor.settledAtSnapshot) {
                    batch.balanceAt[k] = batch.token.balanceOfAt(address(this), batch.ids[k]);
                }
            }
            uint256[] memory before = _holdings(batch.token, assets);
            try batch.token.claimBatch(batch.ids) {}
            catch (bytes memory reason) {
                // SAFETY: a token that cannot pay must not block settlement, claims or the sweep.
                emit HarvestFailed(modelId, reason);
                return false;
            }
            uint256[] memory arrived = _holdings(batch.token, assets);
            for (uint256 a; a < assets.length; ++a) {
                if (_book(batch, a, assets[a], arrived[a] - before[a])) recyclable = true;
            }
        }
        // casting to 'uint40' is safe because snapshot ids are uint40 in the token
        // forge-lint: disable-next-line(unsafe-typecast)
        _cursors[modelId].harvestedThrough = uint40(current);
        emit HarvestCursorMoved(modelId, current, cursor.settledAtSnapshot);
    }

    /// @dev Fills `batch.ids` and `batch.amounts` with the snapshots in `[first, current]` that have something
    ///      for this contract, and what (per asset).
    function _collectClaimable(Batch memory batch, uint256 first, uint256 current, address[] memory assets)
        internal
        view
    {
        uint256[] memory ids = new uint256[](current - first + 1);
        uint256[][] memory amounts = new uint256[][](ids.length);
        uint256 count;
        for (uint256 id = first; id <= current; ++id) {
            uint256[] memory perAsset = new uint256[](assets.length);
            perAsset[0] = batch.token.claimableRevenue(address(this), id);
            bool any = perAsset[0] != 0;
            for (uint256 a = 1; a < assets.length; ++a) {
                perAsset[a] = batch.token.claimableERC20(address(this), id, assets[a]);
                any = any || perAsset[a] != 0;
            }
            if (!any) continue;
            ids[count] = id;
            amounts[count] = perAsset;
            ++count;
        }
        assembly ("memory-safe") {
            mstore(ids, count)
            mstore(amounts, count)
        }
        batch.ids = ids;
        batch.amounts = amounts;
    }

    /// @dev Books what arrived of asset `assetIndex` for the harvested snapshots.
    /// @return recyclable Whether some of it belongs to no investor.
    function _book(Batch memory batch, uint256 assetIndex, address asset, uint256 arrived)
        internal
        returns (bool recyclable)
    {
        if (arrived == 0) return false;
        RevenueBooks storage b = _revenue[batch.modelId][asset];
        // casting to 'uint128' is safe because the token books every asset in 128 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        b.harvested += uint128(arrived);
        uint256 expected;
        for (uint256 k; k < batch.ids.length; ++k) {
            expected += batch.amounts[k][assetIndex];
        }
        uint256 distributed;
        for (uint256 k; k < batch.ids.length; ++k) {
            uint256 amount = batch.amounts[k][assetIndex];
            if (amount == 0) continue;
            // SAFETY: distribute no more than arrived.
            if (arrived < expected) amount = Math.mulDiv(amount, arrived, expected);
            uint256 balanceAt = batch.balanceAt[k];
            if (balanceAt != 0) {
                // INVARIANT: every investor not yet paid held its tokens here at this snapshot, and they sum to
                // at most `balanceAt`, so the accumulator never promises more than `amount`.
                b.perToken += Math.mulDiv(amount, REVENUE_SCALE, balanceAt);
                distributed += amount;
            }
            emit RevenueHarvested(batch.modelId, batch.ids[k], asset, amount, balanceAt, balanceAt != 0);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        b.toInvestors += uint128(distributed);
        recyclable = distributed != arrived;
    }

    /// @dev Burns `amount` public-sale tokens and books what the burn redeems (it is recycled).
    function _burnSaleTokens(uint256 modelId, Launch storage l, uint256 amount, address[] memory assets)
        internal
    {
        IRevShareToken token = l.token;
        uint256[] memory before = _holdings(token, assets);
        // SAFETY: a burn that reverts must not block withdrawals.
        try token.burn(amount) {}
        catch (bytes memory reason) {
            emit SaleTokensBurnFailed(modelId, amount, reason);
            return;
        }
        emit SaleTokensBurned(modelId, amount);
        // Paid or credited by the token (see `_harvest`).
        uint256[] memory arrived = _holdings(token, assets);
        for (uint256 a; a < assets.length; ++a) {
            uint256 redeemed = arrived[a] - before[a];
            if (redeemed == 0) continue;
            // casting to 'uint128' is safe because the token books every asset in 128 bits
            // forge-lint: disable-next-line(unsafe-typecast)
            _revenue[modelId][assets[a]].harvested += uint128(redeemed);
            emit BurnRedeemed(modelId, assets[a], redeemed);
        }
    }

    /// @dev Pulls what the token credited to this contract (payouts it could not push: an ERC-20 that refused
    ///      this contract) for each ERC-20 asset; a pull that fails is retried by the next call. Never ETH: this
    ///      contract accepts its tokens' ETH, and the token forwards all gas with it.
    /// @return receivable Per asset, what the token still owes this contract after the pulls.
    function _pullCredits(IRevShareToken token, address[] memory assets)
        internal
        returns (uint256[] memory receivable)
    {
        receivable = new uint256[](assets.length);
        for (uint256 a = 1; a < assets.length; ++a) {
            uint256 credit = token.creditOf(address(this), assets[a]);
            if (credit == 0) continue;
            // SAFETY: an asset still refusing this contract must not block the caller; the credit stays owed.
            try token.withdrawCredit(assets[a], address(this)) {}
            catch {
                receivable[a] = credit;
            }
        }
    }

    /// @dev Sends back to the token, as revenue, what belongs to no investor: everything not added to the
    ///      accumulator, and after the sweep (every investor paid) or a failed raise everything held; but never
    ///      more than is here: what the token still owes this launch (`receivable`) waits for its pull.
    function _recycle(uint256 modelId, Launch storage l, address[] memory assets, uint256[] memory receivable)
        internal
    {
        IRevShareToken token = l.token;
        bool closed = l.dustSwept || l.status == Status.Failed;
        for (uint256 a; a < assets.length; ++a) {
            address asset = assets[a];
            RevenueBooks storage b = _revenue[modelId][asset];
            uint256 amount = uint256(b.harvested) - b.recycled - (closed ? b.paid : b.toInvestors);
            if (receivable[a] != 0) {
                // SAFETY: recycle only what this launch holds here, never another launch's revenue of the asset.
                uint256 held = uint256(b.harvested) - b.paid - b.recycled;
                uint256 here = held > receivable[a] ? held - receivable[a] : 0;
                if (amount > here) amount = here;
            }
            if (amount == 0) continue;
            bool ok;
            if (asset == _ETH) {
                try token.depositRevenue{value: amount}() {
                    ok = true;
                } catch {}
            } else {
                IERC20(asset).forceApprove(address(token), amount);
                try token.depositRevenueERC20(asset, amount) {
                    ok = true;
                } catch {
                    IERC20(asset).forceApprove(address(token), 0);
                }
            }
            if (ok) {
                // forge-lint: disable-next-line(unsafe-typecast)
                b.recycled += uint128(amount);
                emit RevenueRecycled(modelId, asset, amount);
            } else {
                emit RecycleFailed(modelId, asset, amount);
            }
        }
    }

    /// @dev ETH first, then the token's ERC-20 revenue assets.
    function _assets(IRevShareToken token) internal view returns (address[] memory assets) {
        address[] memory listed = token.revenueTokens();
        assets = new address[](listed.length + 1);
        for (uint256 i; i < listed.length; ++i) {
            assets[i + 1] = listed[i];
        }
    }

    /// @dev Per asset: what this contract holds plus what `token` owes it (ERC-20 payouts credited, not pushed;
    ///      never ETH, see `_pullCredits`).
    function _holdings(IRevShareToken token, address[] memory assets)
        internal
        view
        returns (uint256[] memory held)
    {
        held = new uint256[](assets.length);
        held[0] = address(this).balance;
        for (uint256 a = 1; a < assets.length; ++a) {
            held[a] = IERC20(assets[a]).balanceOf(address(this)) + token.creditOf(address(this), assets[a]);
        }
    }

    /// @dev Pushes ETH with a bounded stipend; if the push fails it is credited, so no payee can block a payout
    ///      or make it expensive.
    function _payEth(address to, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        // SAFETY: no return data is copied, so a payee cannot return-bomb the caller.
        assembly ("memory-safe") {
            ok := call(ETH_PUSH_GAS, to, amount, 0, 0, 0, 0)
        }
        if (!ok) _credit(to, _ETH, amount);
    }

    function _payToken(address asset, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (!IERC20(asset).trySafeTransfer(to, amount)) _credit(to, asset, amount);
    }

    function _credit(address to, address asset, uint256 amount) internal {
        _credits[to][asset] += amount;
        _totalCredits[asset] += amount;
        emit PaymentCredited(to, asset, amount);
    }

    function _sendEth(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert ImoLaunch_EthTransferFailed(to, amount);
    }

    function _checkRaise(LaunchParams calldata p) internal view {
        if (p.totalSupply == 0 || p.totalSupply > type(uint96).max) {
            revert ImoLaunch_InvalidTotalSupply(p.totalSupply, type(uint96).max);
        }
        if (p.target == 0 || p.target > type(uint128).max) {
            revert ImoLaunch_InvalidTarget(p.target, type(uint128).max);
        }
        if (p.minDeposit > type(uint128).max) {
            revert ImoLaunch_InvalidMinDeposit(p.minDeposit, type(uint128).max);
        }
        if (p.start < block.timestamp || p.end <= p.start) {
            revert ImoLaunch_InvalidWindow(p.start, p.end, block.timestamp);
        }
        if (p.treasury == address(0) || p.treasury == address(this)) {
            revert ImoLaunch_InvalidTreasury(p.treasury);
        }
        if (p.vestingDuration > MAX_VESTING_DURATION) {
            revert ImoLaunch_InvalidVestingDuration(p.vestingDuration, MAX_VESTING_DURATION);
        }
        if (p.revenueShareBps > _BPS) revert ImoLaunch_InvalidRevenueShareBps(p.revenueShareBps);
        // INVARIANT: the four slices are the whole supply.
        uint256 sumBps = uint256(p.publicSaleBps) + p.liquidity.bps + p.contributors.bps + p.team.bps;
        if (sumBps != _BPS) revert ImoLaunch_InvalidAllocationSum(sumBps);
    }

    /// @dev Builds the token config: holders are this contract (public sale) and every slice with a share;
    ///      the public sale takes the rounding remainder so the amounts sum to `totalSupply` exactly.
    function _tokenConfig(LaunchParams calldata p)
        internal
        view
        returns (IRevShareToken.Config memory config, uint256 saleTokens)
    {
        Allocation[3] memory slices = [p.liquidity, p.contributors, p.team];
        address[] memory holders = new address[](4);
        uint256[] memory amounts = new uint256[](4);
        uint256 count = 1;
        uint256 others;
        for (uint256 i; i < 3; ++i) {
            Allocation memory a = slices[i];
            if (a.bps == 0) continue;
            // SAFETY: a slice must reach a real holder, never this contract (it would be sold or burned).
            if (a.recipient == address(0) || a.recipient == address(this)) {
                revert ImoLaunch_InvalidRecipient(a.recipient);
            }
            // SAFETY: distinct recipients, so excluding the liquidity reserve never silences another slice.
            for (uint256 j = 1; j < count; ++j) {
                if (holders[j] == a.recipient) revert ImoLaunch_DuplicateRecipient(a.recipient);
            }
            uint256 amount = p.totalSupply * a.bps / _BPS;
            if (amount == 0) continue;
            holders[count] = a.recipient;
            amounts[count] = amount;
            others += amount;
            ++count;
        }
        saleTokens = p.totalSupply - others;
        // INVARIANT: there is something to sell, so allocations and the sale price are defined.
        if (p.publicSaleBps == 0 || saleTokens == 0) revert ImoLaunch_EmptyPublicSale();
        holders[0] = address(this);
        amounts[0] = saleTokens;
        assembly ("memory-safe") {
            mstore(holders, count)
            mstore(amounts, count)
        }

        // This contract is NOT excluded: it holds the public sale for the investors, who earn its revenue.
        bool excludeLiquidity = p.excludeLiquidity && p.liquidity.bps != 0;
        address[] memory excluded = new address[](excludeLiquidity ? 1 : 0);
        if (excludeLiquidity) excluded[0] = p.liquidity.recipient;

        config = IRevShareToken.Config({
            name: p.name,
            symbol: p.symbol,
            holders: holders,
            amounts: amounts,
            revenueExcluded: excluded,
            claimableBps: p.token.claimableBps,
            snapshotInterval: p.token.snapshotInterval,
            claimWindow: p.token.claimWindow,
            unclaimedPolicy: p.token.unclaimedPolicy,
            revenueTokens: p.token.revenueTokens
        });
    }
}
