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

    /// @inheritdoc IImoLaunch
    uint256 public constant MAX_VESTING_DURATION = 10 * 365 days;

    /// @inheritdoc IImoLaunch
    IModelRegistry public immutable registry;

    /// @inheritdoc IImoLaunch
    IRevShareTokenFactory public immutable factory;

    mapping(uint256 modelId => Launch) internal _launches;

    mapping(uint256 modelId => mapping(address investor => Position)) internal _positions;

    constructor(IModelRegistry registry_, IRevShareTokenFactory factory_) {
        registry = registry_;
        factory = factory_;
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

        emit LaunchCreated(modelId, address(token), msg.sender, p.treasury, saleTokens, p.target, p.start, p.end);
    }

    // ================================================================== raise

    /// @inheritdoc IImoLaunch
    function deposit(uint256 modelId) external payable {
        Launch storage l = _launches[modelId];
        uint256 start = l.start;
        uint256 end = l.end;
        if (end == 0) revert ImoLaunch_UnknownLaunch(modelId);
        // INVARIANT: deposits only inside [start, end); settlement needs now >= end, so no deposit follows it.
        if (block.timestamp < start || block.timestamp >= end) {
            revert ImoLaunch_RaiseNotOpen(modelId, start, end, block.timestamp);
        }
        uint256 minDeposit = l.minDeposit;
        if (msg.value == 0 || msg.value < minDeposit) revert ImoLaunch_DepositTooSmall(msg.value, minDeposit);

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

        uint256 totalRaised = l.totalRaised;
        succeeded = totalRaised >= l.target;
        l.status = succeeded ? Status.Succeeded : Status.Failed;
        emit Settled(modelId, succeeded, totalRaised, l.target, msg.sender);

        if (succeeded) {
            _wireRevenue(modelId, l);
        } else {
            uint256 saleTokens = l.saleTokens;
            // This contract is revenue-excluded: it burns without redeeming, and eligible supply is unchanged.
            l.token.burn(saleTokens);
            emit SaleTokensBurned(modelId, saleTokens);
        }
    }

    /// @inheritdoc IImoLaunch
    function claimAllocation(uint256 modelId) external nonReentrant returns (uint256 tokens, uint256 refund) {
        return _claim(modelId, msg.sender);
    }

    /// @inheritdoc IImoLaunch
    function claimFor(uint256 modelId, address investor) external nonReentrant returns (uint256 tokens, uint256 refund) {
        return _claim(modelId, investor);
    }

    /// @inheritdoc IImoLaunch
    function withdraw(uint256 modelId) external nonReentrant returns (uint256 amount) {
        Launch storage l = _launch(modelId);
        _requireStatus(modelId, l.status, Status.Failed);
        Position storage pos = _positions[modelId][msg.sender];
        amount = _settlePosition(modelId, msg.sender, pos);

        l.withdrawn += uint128(amount);
        l.depositsSettled += uint128(amount);
        emit Withdrawn(modelId, msg.sender, amount);
        _sendEth(msg.sender, amount);
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
        if (tokenDust != 0) l.token.burn(tokenDust);
        if (ethDust != 0) _sendEth(l.treasury, ethDust);
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

        if (tokens != 0) IERC20(address(l.token)).safeTransfer(investor, tokens);
        if (refund != 0) _sendEth(investor, refund);
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

    function _sendEth(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert ImoLaunch_EthTransferFailed(to, amount);
    }

    function _checkRaise(LaunchParams calldata p) internal view {
        if (p.totalSupply == 0 || p.totalSupply > type(uint96).max) {
            revert ImoLaunch_InvalidTotalSupply(p.totalSupply, type(uint96).max);
        }
        if (p.target == 0 || p.target > type(uint128).max) revert ImoLaunch_InvalidTarget(p.target, type(uint128).max);
        if (p.minDeposit > type(uint128).max) revert ImoLaunch_InvalidMinDeposit(p.minDeposit, type(uint128).max);
        if (p.start < block.timestamp || p.end <= p.start) revert ImoLaunch_InvalidWindow(p.start, p.end, block.timestamp);
        if (p.treasury == address(0) || p.treasury == address(this)) revert ImoLaunch_InvalidTreasury(p.treasury);
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
            if (a.recipient == address(0) || a.recipient == address(this)) revert ImoLaunch_InvalidRecipient(a.recipient);
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

        bool excludeLiquidity = p.excludeLiquidity && p.liquidity.bps != 0;
        address[] memory excluded = new address[](excludeLiquidity ? 2 : 1);
        excluded[0] = address(this);
        if (excludeLiquidity) excluded[1] = p.liquidity.recipient;

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
