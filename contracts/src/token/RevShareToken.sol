// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC7641, IERC7641AltRevToken} from "../interfaces/IERC7641.sol";
import {IRevShareToken} from "../interfaces/IRevShareToken.sol";

/// @title RevShareToken
/// @notice The ERC-7641 revenue-share token of one model. See {IRevShareToken} for the accounting rules.
/// @dev Storage is laid out for the gas targets of the README:
///      - an account is ONE slot: the period of its last balance change, its balance, and a 64-bit bitmap
///        of claimed snapshots; a transfer within a period touches exactly that slot per side. When a
///        balance first changes in a new period, its previous value is pushed to an OpenZeppelin
///        `Checkpoints.Trace208` keyed by that earlier period (lazy checkpointing). The period is the
///        snapshot clock, plus one once the next snapshot is due (`_period`): a value set in period p
///        counts for snapshots p + 1 onwards, so a change at or after the due time misses the snapshot
///        that is due.
///      - the revenue-eligible supply is checkpointed the same way;
///      - the per-snapshot claimable pools live in a ring buffer of `claimWindow` slots per asset: the slot
///        a new snapshot writes is exactly the one of the snapshot whose window it closes, so a snapshot
///        reads the expiring pool and overwrites it in place, with no loop and no fresh storage.
///      OpenZeppelin's `ERC20` provides allowances, metadata, permit and its errors; balances and supply
///      are kept here (`_update`, `balanceOf` and `totalSupply` are overridden), so they are stored once.
contract RevShareToken is IRevShareToken, ERC20Permit, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;
    using SafeERC20 for IERC20;

    /// @dev One storage slot per account (40 + 96 + 48 + 64 + 8 = 256 bits).
    struct Account {
        uint40 period; // `_period()` when the balance last changed
        uint96 balance;
        uint48 claimBase; // snapshot id of bit 0 of `claimMask`
        uint64 claimMask; // bit i set: snapshot claimBase + i claimed
        bool excluded; // earns no revenue, not counted in the eligible supply
    }

    /// @dev One slot: the supply figures and the period of the last eligible-supply change.
    struct Supply {
        uint40 period;
        uint96 eligible;
        uint96 total;
    }

    /// @dev One slot: the snapshot clock.
    struct Clock {
        uint40 snapshotId;
        uint48 lastSnapshotAt;
    }

    /// @dev The claimable pool of one snapshot of one asset, and what was claimed from it.
    struct Pool {
        uint128 amount;
        uint128 claimed;
    }

    /// @dev The books of one asset, in four slots grouped by which operations write them. uint128 is
    ///      enough: an ERC-20 asset's lifetime revenue is capped at 2^128 - 1 (`_book`), and ETH's
    ///      cannot get near it, so no book and no sum of books overflows.
    struct AssetState {
        uint128 pending; // written by deposits, snapshots
        uint128 redeemPool; // written by snapshots, burns
        uint128 openClaimable; // written by snapshots, claims
        uint128 claimed; // written by claims
        uint128 redeemed; // written by burns
        uint128 credited; // written by payouts that failed, withdrawals
        uint128 withdrawn; // written by withdrawals
    }

    uint256 private constant _BPS = 10_000;
    uint256 private constant _MAX_CLAIM_WINDOW = 64;
    uint256 private constant _MAX_REVENUE_TOKENS = 8;
    uint256 private constant _MAX_EXCLUDED = 8;
    address private constant _ETH = address(0);
    /// @dev Gas an ERC-20 revenue token gets for a payout pushed by a claim or a burn. Enough for any
    ///      ordinary token (a transfer to a fresh holder through a proxy costs about 50,000) and for an
    ///      ERC-777-style recipient hook that does real work (a hook that re-enters every entry point, moves
    ///      this token across a period boundary and deposits ETH measured 258,000 in the tests). It bounds
    ///      what a token that burns gas (a malicious or broken upgrade) can cost a claim that pays several
    ///      assets, to 300,000 per asset: with all gas forwarded, the token would take 63/64 of it and the
    ///      other assets' payouts could run out. A payout that fails for lack of gas is credited, and
    ///      `withdrawCredit` forwards all gas.
    uint256 private constant _TOKEN_PUSH_GAS = 300_000;

    uint256 private immutable _claimableBps;
    uint256 private immutable _snapshotInterval;
    uint256 private immutable _claimWindow;
    UnclaimedPolicy private immutable _unclaimedPolicy;
    uint256 private immutable _revenueTokenCount;

    Clock internal _clock;
    Supply internal _supply;
    mapping(address account => Account) internal _accounts;
    mapping(address account => Checkpoints.Trace208) internal _balanceHistory;
    Checkpoints.Trace208 internal _eligibleSupplyHistory;
    mapping(address asset => AssetState) internal _assets;
    mapping(address asset => mapping(uint256 ringIndex => Pool)) internal _pools;
    address[] internal _revenueTokens;
    mapping(address token => bool) internal _isRevenueToken;
    mapping(address account => mapping(address asset => uint256)) internal _credits;

    constructor(Config memory config) ERC20(config.name, config.symbol) ERC20Permit(config.name) {
        // SAFETY: every holder needs an amount and vice versa.
        if (config.holders.length != config.amounts.length) {
            revert RevShareToken_LengthMismatch(config.holders.length, config.amounts.length);
        }
        if (config.claimableBps > _BPS) revert RevShareToken_InvalidClaimableBps(config.claimableBps);
        if (config.snapshotInterval == 0) revert RevShareToken_InvalidSnapshotInterval(config.snapshotInterval);
        if (config.claimWindow == 0 || config.claimWindow > _MAX_CLAIM_WINDOW) {
            revert RevShareToken_InvalidClaimWindow(config.claimWindow);
        }
        if (config.revenueTokens.length > _MAX_REVENUE_TOKENS) {
            revert RevShareToken_TooManyRevenueTokens(config.revenueTokens.length, _MAX_REVENUE_TOKENS);
        }
        if (config.revenueExcluded.length > _MAX_EXCLUDED) {
            revert RevShareToken_TooManyExcluded(config.revenueExcluded.length, _MAX_EXCLUDED);
        }

        _claimableBps = config.claimableBps;
        _snapshotInterval = config.snapshotInterval;
        _claimWindow = config.claimWindow;
        _unclaimedPolicy = config.unclaimedPolicy;
        _revenueTokenCount = config.revenueTokens.length;

        for (uint256 i; i < config.revenueTokens.length; ++i) {
            address token = config.revenueTokens[i];
            if (token == address(0) || token == address(this) || _isRevenueToken[token]) {
                revert RevShareToken_InvalidRevenueToken(token);
            }
            _isRevenueToken[token] = true;
            _revenueTokens.push(token);
        }
        for (uint256 i; i < config.revenueExcluded.length; ++i) {
            address account = config.revenueExcluded[i];
            if (account == address(0) || account == address(this) || _accounts[account].excluded) {
                revert RevShareToken_InvalidExcluded(account);
            }
            _accounts[account].excluded = true;
        }

        // Before minting: the mints must land in period 0, which `_period()` derives from the clock.
        _clock.lastSnapshotAt = uint48(block.timestamp);
        uint256 supply;
        for (uint256 i; i < config.amounts.length; ++i) {
            supply += config.amounts[i];
        }
        if (supply == 0) revert RevShareToken_NoSupply();
        if (supply > type(uint96).max) revert RevShareToken_SupplyTooLarge(supply, type(uint96).max);
        for (uint256 i; i < config.holders.length; ++i) {
            _mint(config.holders[i], config.amounts[i]);
        }
    }

    // ================================================================== revenue in

    /// @notice ETH sent with no data is revenue.
    receive() external payable {
        _bookRevenue(_ETH, msg.sender, msg.value);
    }

    /// @inheritdoc IRevShareToken
    function depositRevenue() external payable {
        _bookRevenue(_ETH, msg.sender, msg.value);
    }

    /// @inheritdoc IRevShareToken
    function depositRevenueERC20(address token, uint256 amount) external nonReentrant {
        if (!_isRevenueToken[token]) revert RevShareToken_NotRevenueToken(token);
        if (amount == 0) revert RevShareToken_ZeroAmount();
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        // SAFETY: book what arrived, not what was asked (fee-on-transfer tokens).
        _bookRevenue(token, msg.sender, IERC20(token).balanceOf(address(this)) - before);
    }

    /// @inheritdoc IRevShareToken
    function absorbSurplus(address asset) external nonReentrant returns (uint256 amount) {
        uint256 held;
        if (asset == _ETH) {
            held = address(this).balance;
        } else {
            if (!_isRevenueToken[asset]) revert RevShareToken_NotRevenueToken(asset);
            held = IERC20(asset).balanceOf(address(this));
        }
        uint256 booked = bookedBalance(asset);
        // INVARIANT: held >= booked always (books only grow with arrivals, shrink with payouts).
        if (held <= booked) return 0;
        amount = held - booked;
        _book(asset, amount);
        emit SurplusAbsorbed(asset, amount);
    }

    function _bookRevenue(address asset, address from, uint256 amount) private {
        if (amount == 0) revert RevShareToken_ZeroAmount();
        _book(asset, amount);
        emit RevenueReceived(asset, from, amount);
    }

    function _book(address asset, uint256 amount) private {
        AssetState storage state = _assets[asset];
        if (asset != _ETH) {
            // SAFETY: an ERC-20's lifetime revenue fits in 128 bits, so no book (and no sum of books in a
            // snapshot's split) can overflow: a token with an absurd supply cannot make snapshots or claims
            // revert for the other assets. ETH cannot get near the cap; it is not read on its deposit path.
            uint256 received = _received(state) + amount;
            if (received > type(uint128).max) revert RevShareToken_AmountTooLarge(received);
        }
        state.pending = _toUint128(state.pending + amount);
    }

    function _received(AssetState storage state) private view returns (uint256) {
        return uint256(state.pending) + state.redeemPool + state.openClaimable + state.claimed + state.redeemed
            + state.credited + state.withdrawn;
    }

    // ================================================================== snapshots

    /// @inheritdoc IERC7641
    /// @dev Non-reentrant: taken from inside a payout's transfer hook, it would reuse the ring slot of the
    ///      snapshot being claimed and let the claim pay later assets from the new pool.
    function snapshot() external nonReentrant returns (uint256) {
        Clock memory clock = _clock;
        uint256 next = uint256(clock.lastSnapshotAt) + _snapshotInterval;
        // INVARIANT: snapshots are at least `snapshotInterval` apart.
        if (block.timestamp < next) revert RevShareToken_SnapshotTooEarly(next, block.timestamp);

        uint256 id = uint256(clock.snapshotId) + 1;
        _clock = Clock({snapshotId: uint40(id), lastSnapshotAt: uint48(block.timestamp)});
        // The window of snapshot `id - claimWindow` closes now; it shares ring slot `id % claimWindow`.
        uint256 expired = id > _claimWindow ? id - _claimWindow : 0;
        // The eligible supply as it stood when the snapshot became due (changes since then are period id).
        uint256 eligible = _eligibleSupplyAt(id);
        emit Snapshot(id, block.timestamp, eligible);

        // INVARIANT: revenue is only split among eligible holders; with none, it stays pending for the first
        // snapshot that has one (the pools it would open could never be claimed).
        bool splitRevenue = eligible != 0;
        _split(_ETH, id, expired, splitRevenue);
        for (uint256 i; i < _revenueTokenCount; ++i) {
            _split(_revenueTokens[i], id, expired, splitRevenue);
        }
        return id;
    }

    function _split(address asset, uint256 id, uint256 expired, bool splitRevenue) private {
        AssetState storage state = _assets[asset];
        Pool storage slot = _pools[asset][id % _claimWindow];

        uint256 revenue = splitRevenue ? state.pending : 0;
        uint256 toClaimable = revenue * _claimableBps / _BPS;
        // The window of `expired` closes: what is left of its pool, rounding dust included, moves on.
        uint256 unclaimed = expired == 0 ? 0 : uint256(slot.amount) - slot.claimed;

        if (_unclaimedPolicy == UnclaimedPolicy.RollForward) {
            // Stays open: the remainder joins the new snapshot's pool.
            slot.amount = _toUint128(toClaimable + unclaimed);
            state.openClaimable = _toUint128(uint256(state.openClaimable) + toClaimable);
            state.redeemPool = _toUint128(uint256(state.redeemPool) + (revenue - toClaimable));
        } else {
            slot.amount = _toUint128(toClaimable);
            state.openClaimable = _toUint128(uint256(state.openClaimable) + toClaimable - unclaimed);
            state.redeemPool = _toUint128(uint256(state.redeemPool) + (revenue - toClaimable) + unclaimed);
        }
        slot.claimed = 0;
        if (revenue != 0) state.pending = 0;

        emit RevenueSplit(
            id,
            asset,
            revenue,
            toClaimable,
            revenue - toClaimable,
            expired,
            unclaimed,
            _unclaimedPolicy == UnclaimedPolicy.RollForward
        );
    }

    // ================================================================== claims

    /// @inheritdoc IERC7641
    function claim(uint256 snapshotId) external nonReentrant {
        uint256[] memory ids = new uint256[](1);
        ids[0] = snapshotId;
        _claim(ids);
    }

    /// @inheritdoc IRevShareToken
    function claimBatch(uint256[] calldata snapshotIds) external nonReentrant {
        if (snapshotIds.length == 0) revert RevShareToken_EmptyBatch();
        _claim(snapshotIds);
    }

    /// @dev One path for `claim` and `claimBatch`: every amount is computed and every book written before
    ///      the first transfer, so nothing a transfer hook does can change what this claim pays.
    function _claim(uint256[] memory snapshotIds) private {
        Account memory account = _accounts[msg.sender];
        uint256 current = _clock.snapshotId;
        // amounts[0] is ETH, amounts[i + 1] is revenue token i.
        uint256[] memory amounts = new uint256[](_revenueTokenCount + 1);
        bool any;
        for (uint256 j; j < snapshotIds.length; ++j) {
            uint256 snapshotId = snapshotIds[j];
            _checkClaimable(account, msg.sender, snapshotId, current);
            _setClaimed(account, snapshotId);
            (uint256 balance, uint256 supply) = _shareAt(account, msg.sender, snapshotId);
            for (uint256 i; i < amounts.length; ++i) {
                uint256 amount = _claimFromPool(_assetAt(i), snapshotId, balance, supply);
                amounts[i] += amount;
                any = any || amount != 0;
            }
        }
        // SAFETY: a claim that pays nothing is a mistake worth reporting, not a silent no-op.
        if (!any) revert RevShareToken_NothingToClaim(msg.sender, snapshotIds[0]);
        _accounts[msg.sender] = account;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = amounts[i];
            if (amount != 0) {
                AssetState storage state = _assets[_assetAt(i)];
                state.openClaimable -= uint128(amount);
                state.claimed += uint128(amount);
            }
        }
        _payAll(amounts, true);
    }

    function _checkClaimable(Account memory account, address holder, uint256 snapshotId, uint256 current)
        private
        view
    {
        if (snapshotId == 0 || snapshotId > current) revert RevShareToken_FutureSnapshot(snapshotId, current);
        // INVARIANT: only the `claimWindow` most recent snapshots can be claimed; older pools were closed.
        if (snapshotId + _claimWindow <= current) revert RevShareToken_SnapshotNotClaimable(snapshotId, current);
        if (account.excluded) revert RevShareToken_ExcludedAccount(holder);
        // INVARIANT: nobody claims a snapshot twice.
        if (_isClaimed(account, snapshotId)) revert RevShareToken_AlreadyClaimed(holder, snapshotId);
    }

    /// @dev Takes `balance / supply` of the pool, rounded down, and records it against the pool.
    function _claimFromPool(address asset, uint256 snapshotId, uint256 balance, uint256 supply)
        private
        returns (uint256 amount)
    {
        if (balance == 0) return 0;
        Pool storage pool = _pools[asset][snapshotId % _claimWindow];
        Pool memory p = pool;
        // INVARIANT: a holder receives at most its pro-rata share: floor(pool * balanceAt / supplyAt), and
        // the floors of all holders sum to at most the pool because the balances sum to the supply.
        amount = uint256(p.amount) * balance / supply;
        if (amount != 0) {
            pool.claimed = p.claimed + uint128(amount);
            emit RevenueClaimed(msg.sender, snapshotId, asset, amount);
        }
    }

    // ================================================================== burn

    /// @inheritdoc IERC7641
    function burn(uint256 amount) external nonReentrant {
        if (amount == 0) revert RevShareToken_ZeroAmount();
        bool excluded = _accounts[msg.sender].excluded;
        uint256 eligible = _supply.eligible;
        _burn(msg.sender, amount);
        // Excluded accounts own no share of the pool: they burn without redeeming.
        if (excluded) return;
        uint256[] memory paid = new uint256[](_revenueTokenCount + 1);
        for (uint256 i; i < paid.length; ++i) {
            paid[i] = _redeemFromPool(_assetAt(i), amount, eligible);
        }
        _payAll(paid, false);
    }

    function _redeemFromPool(address asset, uint256 amount, uint256 eligible) private returns (uint256 paid) {
        AssetState storage state = _assets[asset];
        // INVARIANT: a burner takes amount / eligibleSupply of the pool, rounded down; the last holder
        // to burn everything takes the whole pool, so rounding never strands it.
        paid = uint256(state.redeemPool) * amount / eligible;
        if (paid != 0) {
            state.redeemPool -= uint128(paid);
            state.redeemed += uint128(paid);
        }
        emit BurnRedeemed(msg.sender, asset, amount, paid);
    }

    // ================================================================== credits

    /// @inheritdoc IRevShareToken
    function withdrawCredit(address asset, address to) external nonReentrant returns (uint256 amount) {
        if (asset != _ETH && !_isRevenueToken[asset]) revert RevShareToken_NotRevenueToken(asset);
        // SAFETY: ETH sent back to the token would be booked as revenue again; address(0) would burn it.
        if (to == address(0) || to == address(this)) revert RevShareToken_InvalidRecipient(to);
        amount = _credits[msg.sender][asset];
        if (amount == 0) revert RevShareToken_NothingToWithdraw(msg.sender, asset);
        _credits[msg.sender][asset] = 0;
        AssetState storage state = _assets[asset];
        state.credited -= uint128(amount);
        state.withdrawn += uint128(amount);
        emit CreditWithdrawn(msg.sender, asset, to, amount);
        // SAFETY: a pull that fails reverts whole, so the credit stays for a later try or another `to`.
        if (!_push(asset, to, amount, gasleft())) revert RevShareToken_TransferFailed(to, amount);
    }

    /// @dev Interactions last, ERC-20 tokens first and ETH last; a payout that fails is credited, so no
    ///      asset (and no recipient that refuses one) blocks the others.
    function _payAll(uint256[] memory amounts, bool fromClaim) private {
        for (uint256 i = 1; i < amounts.length; ++i) {
            if (amounts[i] != 0) _payOrCredit(_revenueTokens[i - 1], msg.sender, amounts[i], fromClaim);
        }
        if (amounts[0] != 0) _payOrCredit(_ETH, msg.sender, amounts[0], fromClaim);
    }

    /// @dev Pays a claim or burn payout whose books are already written (`claimed` or `redeemed` counts it
    ///      as delivered); if the transfer fails, moves it to `credited` and owes it to `to`.
    function _payOrCredit(address asset, address to, uint256 amount, bool fromClaim) private {
        if (_push(asset, to, amount, _TOKEN_PUSH_GAS)) return;
        AssetState storage state = _assets[asset];
        if (fromClaim) state.claimed -= uint128(amount);
        else state.redeemed -= uint128(amount);
        state.credited += uint128(amount);
        _credits[to][asset] += amount;
        emit PayoutCredited(to, asset, amount);
    }

    /// @dev Transfers without reverting. ETH forwards all gas: the recipient is always the caller (or the
    ///      address it chose in `withdrawCredit`), so a recipient that burns gas only burns its own. An
    ///      ERC-20 gets `tokenGas`. Neither copies return data beyond one word, so a return-data bomb
    ///      costs nothing. An ERC-20 succeeds as SafeERC20 judges it: no revert, and either `true`
    ///      returned or nothing returned by a contract.
    function _push(address asset, address to, uint256 amount, uint256 tokenGas) private returns (bool ok) {
        if (asset == _ETH) {
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
            return ok;
        }
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        assembly ("memory-safe") {
            mstore(0, 0)
            let success := call(tokenGas, asset, 0, add(data, 0x20), mload(data), 0, 0x20)
            switch returndatasize()
            case 0 { ok := and(success, gt(extcodesize(asset), 0)) }
            default { ok := and(success, eq(mload(0), 1)) }
        }
    }

    // ================================================================== views

    /// @inheritdoc IERC7641
    function claimableRevenue(address account, uint256 snapshotId) external view returns (uint256) {
        return _claimable(account, snapshotId, _ETH);
    }

    /// @inheritdoc IERC7641AltRevToken
    function claimableERC20(address account, uint256 snapshotId, address token) external view returns (uint256) {
        if (!_isRevenueToken[token]) revert RevShareToken_NotRevenueToken(token);
        return _claimable(account, snapshotId, token);
    }

    /// @inheritdoc IERC7641
    function redeemableOnBurn(uint256 amount) external view returns (uint256) {
        return _redeemable(amount, _ETH);
    }

    /// @inheritdoc IERC7641AltRevToken
    function redeemableERC20OnBurn(uint256 amount, address token) external view returns (uint256) {
        if (!_isRevenueToken[token]) revert RevShareToken_NotRevenueToken(token);
        return _redeemable(amount, token);
    }

    /// @inheritdoc IRevShareToken
    function currentSnapshotId() external view returns (uint256) {
        return _clock.snapshotId;
    }

    /// @inheritdoc IRevShareToken
    function nextSnapshotAt() external view returns (uint256) {
        return uint256(_clock.lastSnapshotAt) + _snapshotInterval;
    }

    /// @inheritdoc IRevShareToken
    function balanceOfAt(address account, uint256 snapshotId) external view returns (uint256) {
        _checkPast(snapshotId);
        return _balanceAt(_accounts[account], account, snapshotId);
    }

    /// @inheritdoc IRevShareToken
    function eligibleSupplyAt(uint256 snapshotId) external view returns (uint256) {
        _checkPast(snapshotId);
        return _eligibleSupplyAt(snapshotId);
    }

    /// @inheritdoc IRevShareToken
    function eligibleSupply() external view returns (uint256) {
        return _supply.eligible;
    }

    /// @inheritdoc IRevShareToken
    function hasClaimed(address account, uint256 snapshotId) external view returns (bool) {
        return _isClaimed(_accounts[account], snapshotId);
    }

    /// @inheritdoc IRevShareToken
    function snapshotPool(uint256 snapshotId, address asset) external view returns (uint256 pool, uint256 claimed) {
        uint256 current = _clock.snapshotId;
        if (snapshotId == 0 || snapshotId > current) revert RevShareToken_FutureSnapshot(snapshotId, current);
        if (snapshotId + _claimWindow <= current) revert RevShareToken_SnapshotNotClaimable(snapshotId, current);
        Pool memory p = _pools[asset][snapshotId % _claimWindow];
        return (p.amount, p.claimed);
    }

    /// @inheritdoc IRevShareToken
    function books(address asset) external view returns (Books memory b) {
        AssetState storage state = _assets[asset];
        b.pending = state.pending;
        b.openClaimable = state.openClaimable;
        b.redeemPool = state.redeemPool;
        b.claimed = state.claimed;
        b.redeemed = state.redeemed;
        b.credited = state.credited;
        b.withdrawn = state.withdrawn;
        // Every wei booked is in exactly one of these places, so `received` is their sum.
        b.received = _received(state);
    }

    /// @inheritdoc IRevShareToken
    function bookedBalance(address asset) public view returns (uint256) {
        AssetState storage state = _assets[asset];
        return uint256(state.pending) + state.openClaimable + state.redeemPool + state.credited;
    }

    /// @inheritdoc IRevShareToken
    function creditOf(address account, address asset) external view returns (uint256) {
        return _credits[account][asset];
    }

    /// @inheritdoc IRevShareToken
    function isRevenueExcluded(address account) external view returns (bool) {
        return _accounts[account].excluded;
    }

    /// @inheritdoc IRevShareToken
    function claimableBps() external view returns (uint256) {
        return _claimableBps;
    }

    /// @inheritdoc IRevShareToken
    function snapshotInterval() external view returns (uint256) {
        return _snapshotInterval;
    }

    /// @inheritdoc IRevShareToken
    function claimWindow() external view returns (uint256) {
        return _claimWindow;
    }

    /// @inheritdoc IRevShareToken
    function unclaimedPolicy() external view returns (UnclaimedPolicy) {
        return _unclaimedPolicy;
    }

    /// @inheritdoc IRevShareToken
    function revenueTokens() external view returns (address[] memory) {
        return _revenueTokens;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        return _accounts[account].balance;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supply.total;
    }

    function _claimable(address holder, uint256 snapshotId, address asset) private view returns (uint256) {
        uint256 current = _clock.snapshotId;
        if (snapshotId == 0 || snapshotId > current || snapshotId + _claimWindow <= current) return 0;
        Account memory account = _accounts[holder];
        if (account.excluded || _isClaimed(account, snapshotId)) return 0;
        (uint256 balance, uint256 supply) = _shareAt(account, holder, snapshotId);
        if (balance == 0) return 0;
        return uint256(_pools[asset][snapshotId % _claimWindow].amount) * balance / supply;
    }

    function _redeemable(uint256 amount, address asset) private view returns (uint256) {
        uint256 eligible = _supply.eligible;
        if (eligible == 0) return 0;
        if (amount > eligible) amount = eligible;
        return uint256(_assets[asset].redeemPool) * amount / eligible;
    }

    function _checkPast(uint256 snapshotId) private view {
        uint256 current = _clock.snapshotId;
        if (snapshotId == 0 || snapshotId > current) revert RevShareToken_FutureSnapshot(snapshotId, current);
    }

    /// @dev Balance and eligible supply at `snapshotId`. A nonzero balance implies a nonzero supply.
    function _shareAt(Account memory account, address holder, uint256 snapshotId)
        private
        view
        returns (uint256 balance, uint256 supply)
    {
        balance = _balanceAt(account, holder, snapshotId);
        if (balance != 0) supply = _eligibleSupplyAt(snapshotId);
    }

    /// @dev The value at snapshot s is the last value set while the period (`_period()`) was below s.
    function _balanceAt(Account memory account, address holder, uint256 snapshotId) private view returns (uint256) {
        if (account.period < snapshotId) return account.balance;
        return _lookup(_balanceHistory[holder], snapshotId - 1);
    }

    function _eligibleSupplyAt(uint256 snapshotId) private view returns (uint256) {
        Supply memory supply = _supply;
        if (supply.period < snapshotId) return supply.eligible;
        return _lookup(_eligibleSupplyHistory, snapshotId - 1);
    }

    /// @dev Latest-first lookup: claims are for recent snapshots, so the last checkpoint usually answers.
    function _lookup(Checkpoints.Trace208 storage trace, uint256 period) private view returns (uint256) {
        (bool exists, uint48 key, uint208 value) = trace.latestCheckpoint();
        if (!exists) return 0;
        if (key <= period) return value;
        return trace.upperLookupRecent(uint48(period));
    }

    // ================================================================== claimed bitmap

    function _isClaimed(Account memory account, uint256 snapshotId) private pure returns (bool) {
        if (snapshotId < account.claimBase) return false;
        uint256 offset = snapshotId - account.claimBase;
        return offset < 64 && (account.claimMask >> offset) & 1 == 1;
    }

    /// @dev Keeps the last 64 snapshot ids in view. Since `claimWindow <= 64`, every snapshot still in its
    ///      window stays at or above `claimBase`, so sliding the base forward never forgets a live claim.
    function _setClaimed(Account memory account, uint256 snapshotId) private pure {
        uint256 offset = snapshotId - account.claimBase;
        if (offset >= 64) {
            uint256 shift = offset - 63;
            account.claimMask = shift >= 64 ? 0 : account.claimMask >> shift;
            account.claimBase = uint48(account.claimBase + shift);
            offset = 63;
        }
        account.claimMask |= uint64(1 << offset);
    }

    // ================================================================== balances

    /// @dev Replaces ERC20's balance bookkeeping; emits `Transfer` like it.
    function _update(address from, address to, uint256 value) internal override {
        // SAFETY: no tokens parked on the token itself, where they would dilute every claim for nothing.
        if (to == address(this)) revert ERC20InvalidReceiver(to);
        uint40 period = _period();
        bool fromEligible;
        bool toEligible;

        if (from != address(0)) {
            Account memory account = _accounts[from];
            if (account.balance < value) revert ERC20InsufficientBalance(from, account.balance, value);
            _checkpoint(account, from, period);
            account.balance -= uint96(value);
            _accounts[from] = account;
            fromEligible = !account.excluded;
        }
        if (to != address(0)) {
            Account memory account = _accounts[to];
            _checkpoint(account, to, period);
            // Cannot overflow: balances sum to the supply, which is at most type(uint96).max.
            account.balance += uint96(value);
            _accounts[to] = account;
            toEligible = !account.excluded;
        }

        if (from == address(0) || to == address(0) || fromEligible != toEligible) {
            Supply memory supply = _supply;
            if (supply.period < period) {
                _eligibleSupplyHistory.push(supply.period, supply.eligible);
                supply.period = period;
            }
            if (from == address(0)) {
                uint256 total = uint256(supply.total) + value;
                if (total > type(uint96).max) revert RevShareToken_SupplyTooLarge(total, type(uint96).max);
                supply.total = uint96(total);
            }
            if (to == address(0)) supply.total -= uint96(value);
            if (toEligible && !fromEligible) supply.eligible += uint96(value);
            if (fromEligible && !toEligible) supply.eligible -= uint96(value);
            _supply = supply;
        }
        emit Transfer(from, to, value);
    }

    /// @dev The period a balance change happens in: the snapshot clock, plus one once the next snapshot is
    ///      due. A value set in period p counts for snapshots p + 1 onwards, so from the due time on, changes
    ///      count for the snapshot after the one that is due, and `snapshot()` (whenever it is called) sees
    ///      the balances of the due time: a same-transaction or same-block loan cannot set them.
    function _period() private view returns (uint40) {
        Clock memory clock = _clock;
        // INVARIANT: the balances a snapshot uses are frozen when it becomes due.
        if (block.timestamp >= uint256(clock.lastSnapshotAt) + _snapshotInterval) return clock.snapshotId + 1;
        return clock.snapshotId;
    }

    /// @dev Before the first change of a balance in a new period, keep its old value as history.
    function _checkpoint(Account memory account, address holder, uint40 period) private {
        if (account.period == period) return;
        // An account that never held anything has nothing to remember.
        if (account.period != 0 || account.balance != 0) {
            _balanceHistory[holder].push(account.period, account.balance);
        }
        account.period = period;
    }

    // ================================================================== helpers

    /// @dev Asset index 0 is ETH, index i + 1 is revenue token i.
    function _assetAt(uint256 index) private view returns (address) {
        return index == 0 ? _ETH : _revenueTokens[index - 1];
    }

    function _toUint128(uint256 value) private pure returns (uint128) {
        if (value > type(uint128).max) revert RevShareToken_AmountTooLarge(value);
        return uint128(value);
    }
}
