// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Vm} from "forge-std/Vm.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {RevenueTokenMock} from "./RevenueTokenMock.sol";

/// @title RevShareTokenHandler
/// @notice Drives a RevShareToken with a small set of actors and bounded inputs, and keeps an independent
///         ghost model of the ERC-7641 arithmetic (books per asset, snapshot pools, balances at each
///         snapshot, what each actor was paid for each snapshot). The invariant suite compares the token
///         with this model. Actions that the model says must revert are skipped, so almost every call does
///         real work; when the model says a call must succeed and it reverts, or pays a different amount,
///         a discrepancy counter goes up and `invariant_payoutsMatchModel` fails.
contract RevShareTokenHandler is CommonBase, StdUtils {
    /// @notice The model of one asset's books; `unabsorbed` is balance force-sent but not yet booked.
    struct GhostBooks {
        uint256 revenueIn;
        uint256 pending;
        uint256 openClaimable;
        uint256 redeemPool;
        uint256 claimed;
        uint256 redeemed;
        uint256 unabsorbed;
    }

    uint256 internal constant _BPS = 10_000;
    uint256 internal constant _MAX_DEPOSIT = 1_000_000 ether;
    address internal constant _ETH = address(0);

    RevShareToken public immutable token;
    /// @dev Zero when the token has no ERC-20 revenue asset.
    RevenueTokenMock public immutable revenueToken;
    address public immutable excludedActor;
    uint256 public immutable claimableBps;
    uint256 public immutable claimWindow;
    bool public immutable rollForward;
    uint256 public immutable snapshotInterval;

    address[] internal _actors;
    address[] internal _assets;

    // ------------------------------------------------------------------ ghost model

    mapping(address asset => GhostBooks) internal _books;
    mapping(address actor => uint256) public ghostBalance;
    uint256 public ghostTotalSupply;
    uint256 public ghostEligibleSupply;

    uint256 public ghostSnapshotCount;
    mapping(uint256 snapshotId => mapping(address actor => uint256)) public ghostBalanceAt;
    mapping(uint256 snapshotId => uint256) public ghostEligibleAt;
    mapping(uint256 snapshotId => uint256) public ghostTotalSupplyAt;
    /// @dev The pool the model says snapshot `snapshotId` opened with (revenue share plus any rollover).
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolModel;
    /// @dev The pool `snapshotPool()` reported right after the snapshot.
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolReported;
    /// @dev Sum paid from a snapshot's pool, from the `RevenueClaimed` events.
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolPaid;
    mapping(address actor => mapping(uint256 snapshotId => mapping(address asset => uint256))) public ghostPaid;
    mapping(address actor => mapping(uint256 snapshotId => uint256)) public ghostClaimCount;

    // ------------------------------------------------------------------ discrepancies

    uint256 public ghostUnexpectedReverts;
    uint256 public ghostPayoutMismatches;
    uint256 public ghostDoubleClaimsAccepted;
    uint256 public ghostSplitMismatches;
    string public lastDiscrepancy;

    // ------------------------------------------------------------------ call counters

    uint256 public callsTransfer;
    uint256 public callsTransferExcluded;
    uint256 public callsDepositEth;
    uint256 public callsDepositErc20;
    uint256 public callsForceSend;
    uint256 public callsAbsorb;
    uint256 public callsSnapshot;
    uint256 public callsClaim;
    uint256 public callsClaimBatch;
    uint256 public callsDoubleClaimAttempt;
    uint256 public callsBurn;
    uint256 public callsSkipped;

    constructor(RevShareToken token_, RevenueTokenMock revenueToken_, address[] memory actors_, address excluded_) {
        token = token_;
        revenueToken = revenueToken_;
        excludedActor = excluded_;
        claimableBps = token_.claimableBps();
        claimWindow = token_.claimWindow();
        rollForward = token_.unclaimedPolicy() == IRevShareToken.UnclaimedPolicy.RollForward;
        snapshotInterval = token_.snapshotInterval();
        _assets.push(_ETH);
        if (address(revenueToken_) != address(0)) _assets.push(address(revenueToken_));
        for (uint256 i; i < actors_.length; ++i) {
            address actor = actors_[i];
            _actors.push(actor);
            uint256 balance = token_.balanceOf(actor);
            ghostBalance[actor] = balance;
            ghostTotalSupply += balance;
            if (actor != excluded_) ghostEligibleSupply += balance;
        }
    }

    // ================================================================== actions

    /// @notice Transfers between two actors; either side may be the revenue-excluded actor.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 balance = ghostBalance[from];
        if (balance == 0 || from == to) return _skip();
        amount = bound(amount, 1, balance);
        vm.prank(from);
        try token.transfer(to, amount) {}
        catch {
            return _unexpectedRevert("transfer");
        }
        ghostBalance[from] -= amount;
        ghostBalance[to] += amount;
        if (from == excludedActor) ghostEligibleSupply += amount;
        if (to == excludedActor) ghostEligibleSupply -= amount;
        if (from == excludedActor || to == excludedActor) ++callsTransferExcluded;
        ++callsTransfer;
    }

    /// @notice ETH revenue through `depositRevenue` or a plain send to `receive`.
    function depositEth(uint256 amount, bool viaReceive) external {
        amount = bound(amount, 1, _MAX_DEPOSIT);
        vm.deal(address(this), amount);
        if (viaReceive) {
            (bool ok,) = address(token).call{value: amount}("");
            if (!ok) return _unexpectedRevert("receive");
        } else {
            try token.depositRevenue{value: amount}() {}
            catch {
                return _unexpectedRevert("depositRevenue");
            }
        }
        _books[_ETH].pending += amount;
        _books[_ETH].revenueIn += amount;
        ++callsDepositEth;
    }

    /// @notice ERC-20 revenue through `depositRevenueERC20`.
    function depositErc20(uint256 amount) external {
        if (address(revenueToken) == address(0)) return _skip();
        amount = bound(amount, 1, _MAX_DEPOSIT);
        revenueToken.mint(address(this), amount);
        revenueToken.approve(address(token), amount);
        try token.depositRevenueERC20(address(revenueToken), amount) {}
        catch {
            return _unexpectedRevert("depositRevenueERC20");
        }
        _books[address(revenueToken)].pending += amount;
        _books[address(revenueToken)].revenueIn += amount;
        ++callsDepositErc20;
    }

    /// @notice Balance that arrives without a call: `vm.deal` stands for a selfdestruct or a coinbase
    ///         payment (ETH), a plain `transfer` for tokens. Not revenue until `absorbSurplus`.
    function forceSend(uint256 assetSeed, uint256 amount) external {
        address asset = _asset(assetSeed);
        amount = bound(amount, 1, _MAX_DEPOSIT);
        if (asset == _ETH) {
            vm.deal(address(token), address(token).balance + amount);
        } else {
            revenueToken.mint(address(token), amount);
        }
        _books[asset].unabsorbed += amount;
        ++callsForceSend;
    }

    /// @notice Books the surplus of an asset as revenue; it must be exactly what was force-sent.
    function absorbSurplus(uint256 assetSeed) external {
        address asset = _asset(assetSeed);
        uint256 expected = _books[asset].unabsorbed;
        uint256 absorbed;
        try token.absorbSurplus(asset) returns (uint256 amount) {
            absorbed = amount;
        } catch {
            return _unexpectedRevert("absorbSurplus");
        }
        if (absorbed != expected) _payoutMismatch("absorbSurplus amount");
        GhostBooks storage b = _books[asset];
        b.unabsorbed = 0;
        b.pending += expected;
        b.revenueIn += expected;
        ++callsAbsorb;
    }

    /// @notice Moves time forward (at least to `nextSnapshotAt`) and takes a snapshot; records the ghost
    ///         snapshot: the pool the model expects, the pool the token reports, balances from `balanceOf`.
    function warpAndSnapshot(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 2 * snapshotInterval));
        uint256 next = token.nextSnapshotAt();
        if (block.timestamp < next) vm.warp(next);

        uint256 id = ghostSnapshotCount + 1;
        try token.snapshot() returns (uint256 returnedId) {
            if (returnedId != id) _splitMismatch("snapshot id");
        } catch {
            return _unexpectedRevert("snapshot");
        }
        ghostSnapshotCount = id;

        for (uint256 i; i < _assets.length; ++i) {
            _splitModel(_assets[i], id);
        }
        ghostEligibleAt[id] = ghostEligibleSupply;
        ghostTotalSupplyAt[id] = ghostTotalSupply;
        for (uint256 i; i < _actors.length; ++i) {
            ghostBalanceAt[id][_actors[i]] = token.balanceOf(_actors[i]);
        }
        ++callsSnapshot;
    }

    /// @notice One eligible actor claims one open snapshot it has not claimed and that pays something.
    function claim(uint256 actorSeed, uint256 snapshotSeed) external {
        address actor = _eligibleActor(actorSeed);
        (uint256 first, uint256 count) = _openRange();
        if (count == 0) return _skip();
        uint256 snapshotId;
        for (uint256 k; k < count; ++k) {
            uint256 candidate = first + (snapshotSeed % count + k) % count;
            if (ghostClaimCount[actor][candidate] == 0 && _expectedTotal(actor, candidate) != 0) {
                snapshotId = candidate;
                break;
            }
        }
        if (snapshotId == 0) return _skip();

        uint256[] memory ids = new uint256[](1);
        ids[0] = snapshotId;
        uint256[] memory before = _holdings(actor);
        vm.getRecordedLogs(); // drain anything recorded since the last claim
        vm.recordLogs();
        vm.prank(actor);
        try token.claim(snapshotId) {}
        catch {
            return _unexpectedRevert("claim");
        }
        _afterClaim(actor, ids, before);
        ++callsClaim;
    }

    /// @notice One eligible actor claims a subset (chosen by `mask`) of its unclaimed open snapshots.
    function claimBatch(uint256 actorSeed, uint256 mask) external {
        address actor = _eligibleActor(actorSeed);
        (uint256 first, uint256 count) = _openRange();
        if (count == 0) return _skip();
        uint256[] memory ids = new uint256[](count);
        uint256 n;
        uint256 total;
        for (uint256 k; k < count; ++k) {
            uint256 candidate = first + k;
            if (ghostClaimCount[actor][candidate] == 0 && (mask >> k) & 1 == 1) {
                ids[n++] = candidate;
                total += _expectedTotal(actor, candidate);
            }
        }
        // SAFETY: a batch that pays nothing reverts `NothingToClaim`; skip it.
        if (n == 0 || total == 0) return _skip();
        assembly ("memory-safe") {
            mstore(ids, n)
        }

        uint256[] memory before = _holdings(actor);
        vm.getRecordedLogs(); // drain anything recorded since the last claim
        vm.recordLogs();
        vm.prank(actor);
        try token.claimBatch(ids) {}
        catch {
            return _unexpectedRevert("claimBatch");
        }
        _afterClaim(actor, ids, before);
        ++callsClaimBatch;
    }

    /// @notice Tries to claim an open snapshot a second time; the token must refuse.
    function claimAgain(uint256 actorSeed, uint256 snapshotSeed) external {
        address actor = _eligibleActor(actorSeed);
        (uint256 first, uint256 count) = _openRange();
        if (count == 0) return _skip();
        uint256 snapshotId = first + snapshotSeed % count;
        if (ghostClaimCount[actor][snapshotId] == 0) return _skip();
        vm.prank(actor);
        try token.claim(snapshotId) {
            ++ghostDoubleClaimsAccepted;
            ++ghostClaimCount[actor][snapshotId];
            lastDiscrepancy = "double claim accepted";
        } catch {}
        ++callsDoubleClaimAttempt;
    }

    /// @notice Any actor (the excluded one included, who redeems nothing) burns part or all of its balance.
    function burn(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = ghostBalance[actor];
        if (balance == 0) return _skip();
        amount = bound(amount, 1, balance);
        bool excluded = actor == excludedActor;

        uint256[] memory expected = new uint256[](_assets.length);
        for (uint256 i; i < _assets.length; ++i) {
            // The model: amount / eligibleSupply of the redeem pool, rounded down; nothing if excluded.
            expected[i] = excluded ? 0 : _books[_assets[i]].redeemPool * amount / ghostEligibleSupply;
        }
        uint256[] memory before = _holdings(actor);
        vm.prank(actor);
        try token.burn(amount) {}
        catch {
            return _unexpectedRevert("burn");
        }
        uint256[] memory afterBurn = _holdings(actor);
        for (uint256 i; i < _assets.length; ++i) {
            if (afterBurn[i] - before[i] != expected[i]) _payoutMismatch("burn redeemed");
            GhostBooks storage b = _books[_assets[i]];
            b.redeemPool -= expected[i];
            b.redeemed += expected[i];
        }
        ghostBalance[actor] -= amount;
        ghostTotalSupply -= amount;
        if (!excluded) ghostEligibleSupply -= amount;
        ++callsBurn;
    }

    // ================================================================== model

    function _splitModel(address asset, uint256 id) private {
        GhostBooks storage b = _books[asset];
        uint256 revenue = b.pending;
        uint256 toClaimable = revenue * claimableBps / _BPS;
        uint256 unclaimed;
        if (id > claimWindow) {
            uint256 expired = id - claimWindow;
            unclaimed = ghostPoolModel[expired][asset] - ghostPoolPaid[expired][asset];
        }
        b.pending = 0;
        if (rollForward) {
            ghostPoolModel[id][asset] = toClaimable + unclaimed;
            b.openClaimable += toClaimable;
            b.redeemPool += revenue - toClaimable;
        } else {
            ghostPoolModel[id][asset] = toClaimable;
            b.openClaimable = b.openClaimable + toClaimable - unclaimed;
            b.redeemPool += revenue - toClaimable + unclaimed;
        }
        (uint256 pool, uint256 claimedFromPool) = token.snapshotPool(id, asset);
        ghostPoolReported[id][asset] = pool;
        if (pool != ghostPoolModel[id][asset] || claimedFromPool != 0) _splitMismatch("snapshot pool");
    }

    /// @dev floor(pool * balanceAt / eligibleSupplyAt) from the ghost record.
    function expectedShare(address actor, uint256 snapshotId, address asset) public view returns (uint256) {
        uint256 balance = ghostBalanceAt[snapshotId][actor];
        if (balance == 0 || actor == excludedActor) return 0;
        return ghostPoolModel[snapshotId][asset] * balance / ghostEligibleAt[snapshotId];
    }

    function _expectedTotal(address actor, uint256 snapshotId) private view returns (uint256 total) {
        for (uint256 i; i < _assets.length; ++i) {
            total += expectedShare(actor, snapshotId, _assets[i]);
        }
    }

    /// @dev Books what a claim paid: per (actor, snapshot, asset) from the `RevenueClaimed` events, and
    ///      checks events, balance deltas and the model agree.
    function _afterClaim(address actor, uint256[] memory ids, uint256[] memory before) private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256[] memory fromEvents = new uint256[](_assets.length);
        for (uint256 j; j < logs.length; ++j) {
            Vm.Log memory log = logs[j];
            if (log.emitter != address(token) || log.topics[0] != IRevShareToken.RevenueClaimed.selector) continue;
            address account = address(uint160(uint256(log.topics[1])));
            uint256 snapshotId = uint256(log.topics[2]);
            address asset = address(uint160(uint256(log.topics[3])));
            uint256 amount = abi.decode(log.data, (uint256));
            if (account != actor) _payoutMismatch("claim event account");
            ghostPaid[actor][snapshotId][asset] += amount;
            ghostPoolPaid[snapshotId][asset] += amount;
            fromEvents[_assetIndex(asset)] += amount;
        }
        uint256[] memory afterClaim = _holdings(actor);
        for (uint256 i; i < _assets.length; ++i) {
            uint256 expected;
            for (uint256 k; k < ids.length; ++k) {
                expected += expectedShare(actor, ids[k], _assets[i]);
            }
            uint256 received = afterClaim[i] - before[i];
            if (received != expected || fromEvents[i] != expected) _payoutMismatch("claim amount");
            GhostBooks storage b = _books[_assets[i]];
            b.openClaimable -= expected;
            b.claimed += expected;
        }
        for (uint256 k; k < ids.length; ++k) {
            ++ghostClaimCount[actor][ids[k]];
        }
    }

    // ================================================================== helpers

    function _openRange() private view returns (uint256 first, uint256 count) {
        uint256 current = ghostSnapshotCount;
        if (current == 0) return (0, 0);
        first = current > claimWindow ? current - claimWindow + 1 : 1;
        count = current - first + 1;
    }

    function _holdings(address actor) private view returns (uint256[] memory held) {
        held = new uint256[](_assets.length);
        for (uint256 i; i < _assets.length; ++i) {
            held[i] = _assets[i] == _ETH ? actor.balance : revenueToken.balanceOf(actor);
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _eligibleActor(uint256 seed) private view returns (address actor) {
        actor = _actor(seed);
        if (actor == excludedActor) actor = _actor(seed % _actors.length + 1);
    }

    function _asset(uint256 seed) private view returns (address) {
        return _assets[seed % _assets.length];
    }

    function _assetIndex(address asset) private view returns (uint256) {
        for (uint256 i; i < _assets.length; ++i) {
            if (_assets[i] == asset) return i;
        }
        revert("unknown asset");
    }

    function _skip() private {
        ++callsSkipped;
    }

    function _unexpectedRevert(string memory what) private {
        ++ghostUnexpectedReverts;
        lastDiscrepancy = string.concat("unexpected revert: ", what);
    }

    function _payoutMismatch(string memory what) private {
        ++ghostPayoutMismatches;
        lastDiscrepancy = string.concat("payout mismatch: ", what);
    }

    function _splitMismatch(string memory what) private {
        ++ghostSplitMismatches;
        lastDiscrepancy = string.concat("split mismatch: ", what);
    }

    // ================================================================== views for the suite

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function assets() external view returns (address[] memory) {
        return _assets;
    }

    function ghostBooks(address asset) external view returns (GhostBooks memory) {
        return _books[asset];
    }

    function heldBy(address holder, address asset) public view returns (uint256) {
        return asset == _ETH ? holder.balance : revenueToken.balanceOf(holder);
    }
}
