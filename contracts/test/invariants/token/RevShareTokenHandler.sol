// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Vm} from "forge-std/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {HookRevenueToken} from "../../token/mocks/HookRevenueToken.sol";
import {BlacklistRevenueToken} from "../../token/mocks/BlacklistRevenueToken.sol";
import {ReentrantHolder} from "../../token/mocks/ReentrantHolder.sol";
import {FlashLender} from "../../token/mocks/FlashLender.sol";
import {FlashBorrower} from "../../token/mocks/FlashBorrower.sol";

/// @title RevShareTokenHandler
/// @notice Drives a RevShareToken with a small set of actors and bounded inputs, and keeps an independent
///         ghost model of the ERC-7641 arithmetic (books per asset, snapshot pools, balances at each
///         snapshot as they stood when it became due, what each actor was paid or credited for each
///         snapshot). The invariant suite compares the token with this model. Actions that the model says
///         must revert are skipped, so almost every call does real work; when the model says a call must
///         succeed and it reverts, or pays a different amount, a discrepancy counter goes up and
///         `invariant_payoutsMatchModel` fails.
///
///         Actors: three EOAs, a revenue-excluded EOA, and three contracts:
///         - `hostile`, a `ReentrantHolder` registered with the hook token: every payout to it (ETH, hook
///           token) and every hook-token deposit it makes runs its attack, which re-enters every entry
///           point of the token (all must be refused) and may move its tokens to actor 0 and deposit ETH
///           (allowed; the ghost books both); it can be switched to refuse ETH;
///         - `lender`, a `FlashLender` holding tokens like any holder;
///         - `borrower`, a `FlashBorrower` that borrows the lender's tokens, takes the snapshot if it is due,
///           claims the latest snapshot and repays, in one call.
///         Revenue assets: ETH and any of an ERC-777-style hook token and a blacklisting, pausable token
///         (which actors it blacklists and whether it is paused are handler actions), so claims, burns and
///         withdrawals deliver some payouts and credit others.
contract RevShareTokenHandler is CommonBase, StdUtils {
    /// @notice The model of one asset's books; `unabsorbed` is balance force-sent but not yet booked.
    struct GhostBooks {
        uint256 revenueIn;
        uint256 pending;
        uint256 openClaimable;
        uint256 redeemPool;
        uint256 claimed;
        uint256 redeemed;
        uint256 credited;
        uint256 withdrawn;
        uint256 unabsorbed;
    }

    uint256 internal constant _BPS = 10_000;
    uint256 internal constant _MAX_DEPOSIT = 1_000_000 ether;
    address internal constant _ETH = address(0);

    RevShareToken public immutable token;
    /// @dev Zero when the hook token is not a revenue asset of this configuration.
    HookRevenueToken public immutable hookToken;
    /// @dev Zero when the blacklisting token is not a revenue asset of this configuration.
    BlacklistRevenueToken public immutable blacklistToken;
    ReentrantHolder public immutable hostile;
    FlashLender public immutable lender;
    FlashBorrower public immutable borrower;
    address public immutable excludedActor;
    /// @dev Where `withdrawCredit` may send instead of the actor itself: an EOA that is no actor.
    address public immutable elsewhere;
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

    /// @dev The clock: the next snapshot is due at `ghostLastSnapshotAt + snapshotInterval`; from then on
    ///      balance changes count for the snapshot after, so the handler freezes the balances it will use.
    uint256 public ghostLastSnapshotAt;
    bool public ghostFrozen;
    mapping(address actor => uint256) internal _frozenBalance;
    uint256 internal _frozenEligible;
    uint256 internal _frozenTotal;

    uint256 public ghostSnapshotCount;
    mapping(uint256 snapshotId => mapping(address actor => uint256)) public ghostBalanceAt;
    mapping(uint256 snapshotId => uint256) public ghostEligibleAt;
    mapping(uint256 snapshotId => uint256) public ghostTotalSupplyAt;
    /// @dev The pool the model says snapshot `snapshotId` opened with (revenue share plus any rollover).
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolModel;
    /// @dev The pool `snapshotPool()` reported right after the snapshot.
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolReported;
    /// @dev Sum taken from a snapshot's pool (paid or credited), from the `RevenueClaimed` events.
    mapping(uint256 snapshotId => mapping(address asset => uint256)) public ghostPoolPaid;
    mapping(address actor => mapping(uint256 snapshotId => mapping(address asset => uint256))) public ghostPaid;
    mapping(address actor => mapping(uint256 snapshotId => uint256)) public ghostClaimCount;
    mapping(address actor => mapping(address asset => uint256)) public ghostCredit;

    mapping(address actor => bool) public ghostBlacklisted;
    bool public ghostPaused;
    bool public ghostHostileRefusesEth;
    uint256 internal _hostileTransferredSeen;
    uint256 internal _hostileEthDepositedSeen;

    /// @dev Flash loans in which the borrower was paid other than its own share (from the balances held at
    ///      the due time, which the loan is never part of): must stay 0.
    uint256 public ghostFlashLoanDiscrepancies;
    uint256 public ghostSnapshotsWithNoEligibleSupply;

    // ------------------------------------------------------------------ discrepancies

    uint256 public ghostUnexpectedReverts;
    uint256 public ghostPayoutMismatches;
    uint256 public ghostDoubleClaimsAccepted;
    uint256 public ghostSplitMismatches;
    string public lastDiscrepancy;

    // ------------------------------------------------------------------ call counters

    uint256 public callsTransfer;
    uint256 public callsTransferExcluded;
    uint256 public callsTransferInDueWindow;
    uint256 public callsDepositEth;
    uint256 public callsDepositErc20;
    uint256 public callsForceSend;
    uint256 public callsAbsorb;
    uint256 public callsWarp;
    uint256 public callsSnapshot;
    uint256 public callsClaim;
    uint256 public callsClaimBatch;
    uint256 public callsDoubleClaimAttempt;
    uint256 public callsBurn;
    uint256 public callsBurnInDueWindow;
    uint256 public callsCredited;
    uint256 public callsWithdrawCredit;
    uint256 public callsWithdrawRefused;
    uint256 public callsHostilePaid;
    uint256 public callsHostileDeposit;
    uint256 public callsFlashLoan;
    uint256 public callsFlashSnapshot;
    uint256 public callsBlacklistToggle;
    uint256 public callsSkipped;

    constructor(
        RevShareToken token_,
        HookRevenueToken hookToken_,
        BlacklistRevenueToken blacklistToken_,
        ReentrantHolder hostile_,
        FlashLender lender_,
        FlashBorrower borrower_,
        address[] memory actors_,
        address excluded_,
        address elsewhere_
    ) {
        token = token_;
        hookToken = hookToken_;
        blacklistToken = blacklistToken_;
        hostile = hostile_;
        lender = lender_;
        borrower = borrower_;
        excludedActor = excluded_;
        elsewhere = elsewhere_;
        claimableBps = token_.claimableBps();
        claimWindow = token_.claimWindow();
        rollForward = token_.unclaimedPolicy() == IRevShareToken.UnclaimedPolicy.RollForward;
        snapshotInterval = token_.snapshotInterval();
        ghostLastSnapshotAt = token_.nextSnapshotAt() - snapshotInterval;
        _assets.push(_ETH);
        address[] memory revenueTokens = token_.revenueTokens();
        for (uint256 i; i < revenueTokens.length; ++i) {
            _assets.push(revenueTokens[i]);
        }
        for (uint256 i; i < actors_.length; ++i) {
            address actor = actors_[i];
            _actors.push(actor);
            uint256 balance = token_.balanceOf(actor);
            ghostBalance[actor] = balance;
            ghostTotalSupply += balance;
            if (actor != excluded_) ghostEligibleSupply += balance;
        }
    }

    /// @dev Every action first freezes the balances if the next snapshot has become due.
    modifier step() {
        _syncFreeze();
        _;
    }

    // ================================================================== actions: tokens and revenue

    /// @notice Transfers between two actors; either side may be the revenue-excluded actor or a contract.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external step {
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
        _moveGhost(from, to, amount);
        if (from == excludedActor || to == excludedActor) ++callsTransferExcluded;
        if (ghostFrozen) ++callsTransferInDueWindow;
        ++callsTransfer;
    }

    /// @notice ETH revenue through `depositRevenue` or a plain send to `receive`.
    function depositEth(uint256 amount, bool viaReceive) external step {
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

    /// @notice ERC-20 revenue through `depositRevenueERC20` (not while the blacklisting token is paused).
    function depositErc20(uint256 assetSeed, uint256 amount) external step {
        if (_assets.length == 1) return _skip();
        address asset = _assets[1 + assetSeed % (_assets.length - 1)];
        if (_frozenErc20(asset)) return _skip();
        amount = bound(amount, 1, _MAX_DEPOSIT);
        HookRevenueToken(asset).mint(address(this), amount); // same `mint` on both mocks
        IERC20(asset).approve(address(token), amount);
        try token.depositRevenueERC20(asset, amount) {}
        catch {
            return _unexpectedRevert("depositRevenueERC20");
        }
        _books[asset].pending += amount;
        _books[asset].revenueIn += amount;
        ++callsDepositErc20;
    }

    /// @notice The hostile holder deposits hook tokens: the hook token calls it back (as sender) from inside
    ///         `depositRevenueERC20`, so its attack and side effects run there.
    function hostileDeposit(uint256 amount) external step {
        if (address(hookToken) == address(0)) return _skip();
        amount = bound(amount, 1, _MAX_DEPOSIT);
        hookToken.mint(address(hostile), amount);
        hostile.approveToken(address(hookToken), address(token), amount);
        try hostile.act(abi.encodeCall(IRevShareToken.depositRevenueERC20, (address(hookToken), amount))) {}
        catch {
            return _unexpectedRevert("hostile depositRevenueERC20");
        }
        _books[address(hookToken)].pending += amount;
        _books[address(hookToken)].revenueIn += amount;
        _syncHostile();
        ++callsHostileDeposit;
    }

    /// @notice Balance that arrives without a call: `vm.deal` stands for a selfdestruct or a coinbase
    ///         payment (ETH), a mint to the token for a plain transfer. Not revenue until `absorbSurplus`.
    function forceSend(uint256 assetSeed, uint256 amount) external step {
        address asset = _asset(assetSeed);
        if (_frozenErc20(asset)) return _skip();
        amount = bound(amount, 1, _MAX_DEPOSIT);
        if (asset == _ETH) {
            vm.deal(address(token), address(token).balance + amount);
        } else {
            HookRevenueToken(asset).mint(address(token), amount);
        }
        _books[asset].unabsorbed += amount;
        ++callsForceSend;
    }

    /// @notice Books the surplus of an asset as revenue; it must be exactly what was force-sent.
    function absorbSurplus(uint256 assetSeed) external step {
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

    // ================================================================== actions: time and snapshots

    /// @notice Moves time without taking a snapshot, often to the boundary seconds of the due time
    ///         (due - 1, due, due + 1), so that transfers, burns and flash loans land on either side of it.
    function warp(uint256 modeSeed, uint256 secondsSeed) external step {
        uint256 due = ghostLastSnapshotAt + snapshotInterval;
        uint256 mode = modeSeed % 4;
        uint256 target = mode == 0 ? due - 1 : mode == 1 ? due : mode == 2 ? due + 1 : block.timestamp
            + bound(secondsSeed, 0, snapshotInterval);
        if (target < block.timestamp) return _skip();
        vm.warp(target);
        _syncFreeze();
        ++callsWarp;
    }

    /// @notice Moves time forward (at least to the due time) and takes a snapshot; records the ghost
    ///         snapshot from the balances frozen at the due time.
    function warpAndSnapshot(uint256 secondsSeed) external step {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 2 * snapshotInterval));
        uint256 next = ghostLastSnapshotAt + snapshotInterval;
        if (block.timestamp < next) vm.warp(next);
        _syncFreeze();

        uint256 id = ghostSnapshotCount + 1;
        try token.snapshot() returns (uint256 returnedId) {
            if (returnedId != id) _splitMismatch("snapshot id");
        } catch {
            return _unexpectedRevert("snapshot");
        }
        _recordSnapshot(id, true);
        ++callsSnapshot;
    }

    // ================================================================== actions: claims and burns

    /// @notice One eligible actor claims one open snapshot it has not claimed and that pays something.
    function claim(uint256 actorSeed, uint256 snapshotSeed) external step {
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
    function claimBatch(uint256 actorSeed, uint256 mask) external step {
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
    function claimAgain(uint256 actorSeed, uint256 snapshotSeed) external step {
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
    function burn(uint256 actorSeed, uint256 amount) external step {
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
        ghostBalance[actor] -= amount;
        ghostTotalSupply -= amount;
        if (!excluded) ghostEligibleSupply -= amount;
        for (uint256 i; i < _assets.length; ++i) {
            GhostBooks storage b = _books[_assets[i]];
            b.redeemPool -= expected[i];
        }
        _settlePayouts(actor, expected, before, false);
        if (ghostFrozen) ++callsBurnInDueWindow;
        ++callsBurn;
    }

    // ================================================================== actions: credits and hostility

    /// @notice The blacklisting token's issuer blacklists or clears an actor.
    function setBlacklisted(uint256 actorSeed, bool blacklisted) external step {
        if (address(blacklistToken) == address(0)) return _skip();
        address actor = _actor(actorSeed);
        blacklistToken.setBlacklisted(actor, blacklisted);
        ghostBlacklisted[actor] = blacklisted;
        ++callsBlacklistToggle;
    }

    /// @notice The blacklisting token's issuer pauses or unpauses every transfer (rarely pauses).
    function setPaused(uint256 seed) external step {
        if (address(blacklistToken) == address(0)) return _skip();
        bool paused = seed % 4 == 0;
        blacklistToken.setPaused(paused);
        ghostPaused = paused;
    }

    /// @notice The hostile holder starts or stops refusing ETH.
    function setHostileRefusesEth(bool refuse) external step {
        hostile.setRefuseEth(refuse);
        ghostHostileRefusesEth = refuse;
    }

    /// @notice What the hostile holder does from inside its callbacks besides re-entering: move up to
    ///         1,000 tokens to actor 0 and deposit up to 1 ETH of revenue.
    function setHostileSideEffects(uint256 amount, uint256 ethDeposit) external step {
        hostile.setHookSideEffects(_actors[0], bound(amount, 0, 1_000e18), bound(ethDeposit, 0, 1 ether));
    }

    /// @notice An actor pulls its credit of one asset, to itself or elsewhere; the model says whether the
    ///         transfer goes through (if not, the call reverts and the credit stays).
    function withdrawCredit(uint256 actorSeed, uint256 assetSeed, bool toElsewhere) external step {
        address actor = _actor(actorSeed);
        address asset = _asset(assetSeed);
        uint256 credit = ghostCredit[actor][asset];
        if (credit == 0) return _skip();
        address to = toElsewhere ? elsewhere : actor;
        bool delivers = _delivers(to, asset);
        uint256 before = _heldBy(to, asset);
        vm.prank(actor);
        try token.withdrawCredit(asset, to) returns (uint256 paid) {
            if (!delivers) return _payoutMismatch("withdrawCredit went through to a refusing recipient");
            uint256 spent = _syncHostile();
            uint256 received = _heldBy(to, asset) + (to == address(hostile) && asset == _ETH ? spent : 0) - before;
            if (paid != credit || received != credit) _payoutMismatch("withdrawCredit amount");
            ghostCredit[actor][asset] = 0;
            _books[asset].credited -= credit;
            _books[asset].withdrawn += credit;
            ++callsWithdrawCredit;
        } catch (bytes memory reason) {
            if (delivers) return _unexpectedRevert("withdrawCredit");
            if (bytes4(reason) != IRevShareToken.RevShareToken_TransferFailed.selector) {
                _payoutMismatch("withdrawCredit refused with another error");
            }
            ++callsWithdrawRefused;
        }
    }

    /// @notice The flash borrower borrows part of the lender's tokens, takes the snapshot if it is due,
    ///         claims the latest snapshot and repays, in one call. The model: the snapshot uses the balances
    ///         frozen at the due time (the loan is not in them), so the claim pays the borrower exactly its
    ///         own share, usually nothing.
    function flashLoan(uint256 amount) external step {
        uint256 lent = ghostBalance[address(lender)];
        if (lent == 0) return _skip();
        amount = bound(amount, 1, lent);
        bool due = ghostFrozen;
        uint256 id = ghostSnapshotCount + (due ? 1 : 0);
        uint256[] memory before = _holdings(address(borrower));
        vm.getRecordedLogs();
        vm.recordLogs();
        try borrower.attack(amount) {}
        catch {
            return _unexpectedRevert("flash loan");
        }
        if (borrower.snapshotTaken() != due) {
            ++ghostFlashLoanDiscrepancies;
            return _splitMismatch("snapshot inside the flash loan");
        }
        if (due) {
            _recordSnapshot(id, false);
            ++callsFlashSnapshot;
        }
        bool claimable = id != 0 && ghostClaimCount[address(borrower)][id] == 0
            && _expectedTotal(address(borrower), id) != 0;
        if (borrower.claimSucceeded() != claimable) {
            ++ghostFlashLoanDiscrepancies;
            return _payoutMismatch("claim inside the flash loan");
        }
        uint256 mismatchesBefore = ghostPayoutMismatches;
        if (claimable) {
            uint256[] memory ids = new uint256[](1);
            ids[0] = id;
            _afterClaim(address(borrower), ids, before);
        } else {
            uint256[] memory afterLoan = _holdings(address(borrower));
            for (uint256 i; i < _assets.length; ++i) {
                if (afterLoan[i] != before[i]) _payoutMismatch("flash borrower paid without a claim");
            }
        }
        if (ghostPayoutMismatches != mismatchesBefore) ++ghostFlashLoanDiscrepancies;
        ++callsFlashLoan;
    }

    // ================================================================== model

    /// @dev From the due time on, the next snapshot uses the balances as they were at that moment.
    function _syncFreeze() private {
        if (ghostFrozen || block.timestamp < ghostLastSnapshotAt + snapshotInterval) return;
        ghostFrozen = true;
        for (uint256 i; i < _actors.length; ++i) {
            _frozenBalance[_actors[i]] = ghostBalance[_actors[i]];
        }
        _frozenEligible = ghostEligibleSupply;
        _frozenTotal = ghostTotalSupply;
    }

    /// @dev Records snapshot `id` (just taken) in the ghost and checks the pools it opened.
    function _recordSnapshot(uint256 id, bool poolsFresh) private {
        ghostSnapshotCount = id;
        ghostEligibleAt[id] = _frozenEligible;
        ghostTotalSupplyAt[id] = _frozenTotal;
        for (uint256 i; i < _actors.length; ++i) {
            ghostBalanceAt[id][_actors[i]] = _frozenBalance[_actors[i]];
        }
        if (_frozenEligible == 0) ++ghostSnapshotsWithNoEligibleSupply;
        for (uint256 i; i < _assets.length; ++i) {
            _splitModel(_assets[i], id, poolsFresh);
        }
        ghostFrozen = false;
        ghostLastSnapshotAt = block.timestamp;
    }

    function _splitModel(address asset, uint256 id, bool poolFresh) private {
        GhostBooks storage b = _books[asset];
        // Revenue is split only among eligible holders: with none at the snapshot, it stays pending.
        uint256 revenue = ghostEligibleAt[id] == 0 ? 0 : b.pending;
        uint256 toClaimable = revenue * claimableBps / _BPS;
        uint256 unclaimed;
        if (id > claimWindow) {
            uint256 expired = id - claimWindow;
            unclaimed = ghostPoolModel[expired][asset] - ghostPoolPaid[expired][asset];
        }
        b.pending -= revenue;
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
        if (pool != ghostPoolModel[id][asset] || (poolFresh && claimedFromPool != 0)) {
            _splitMismatch("snapshot pool");
        }
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

    /// @dev Whether a transfer of `asset` to `to` goes through: ETH unless `to` is the hostile holder while
    ///      it refuses ETH; the blacklisting token unless paused or `to` is blacklisted; the hook token always
    ///      (the hostile holder's callback fits in the token push stipend).
    function _delivers(address to, address asset) private view returns (bool) {
        if (asset == _ETH) return to != address(hostile) || !ghostHostileRefusesEth;
        if (asset == address(blacklistToken)) return !ghostPaused && !ghostBlacklisted[to];
        return true;
    }

    /// @dev Books what a claim took: per (actor, snapshot, asset) from the `RevenueClaimed` events, and
    ///      checks events, the model and what was paid or credited agree.
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
        uint256[] memory expected = new uint256[](_assets.length);
        for (uint256 i; i < _assets.length; ++i) {
            for (uint256 k; k < ids.length; ++k) {
                expected[i] += expectedShare(actor, ids[k], _assets[i]);
            }
            if (fromEvents[i] != expected[i]) _payoutMismatch("claim events");
            _books[_assets[i]].openClaimable -= expected[i];
        }
        for (uint256 k; k < ids.length; ++k) {
            ++ghostClaimCount[actor][ids[k]];
        }
        _settlePayouts(actor, expected, before, true);
    }

    /// @dev After a claim or a burn that took `expected` of each asset out of its pool: each is either
    ///      delivered (the actor's wallet grew by it) or credited (the wallet did not move, the credit grew),
    ///      as the model predicts; books and hostile side effects follow.
    function _settlePayouts(address actor, uint256[] memory expected, uint256[] memory before, bool fromClaim)
        private
    {
        uint256 hostileEthSpent = _syncHostile();
        uint256[] memory afterwards = _holdings(actor);
        for (uint256 i; i < _assets.length; ++i) {
            address asset = _assets[i];
            uint256 amount = expected[i];
            bool delivers = _delivers(actor, asset);
            uint256 received = afterwards[i] + (actor == address(hostile) && asset == _ETH ? hostileEthSpent : 0)
                - before[i];
            if (received != (delivers ? amount : 0)) _payoutMismatch(fromClaim ? "claim paid" : "burn redeemed");
            GhostBooks storage b = _books[asset];
            if (amount == 0) continue;
            if (delivers) {
                if (fromClaim) b.claimed += amount;
                else b.redeemed += amount;
            } else {
                b.credited += amount;
                ghostCredit[actor][asset] += amount;
                ++callsCredited;
            }
        }
        if (actor == address(hostile)) ++callsHostilePaid;
    }

    /// @dev Applies what the hostile holder did from inside callbacks since the last look (RevShareTokens
    ///      moved to actor 0, ETH deposited as revenue); returns the ETH it deposited.
    function _syncHostile() private returns (uint256 ethDeposited) {
        uint256 transferred = hostile.hookTransferred() - _hostileTransferredSeen;
        ethDeposited = hostile.hookEthDeposited() - _hostileEthDepositedSeen;
        _hostileTransferredSeen += transferred;
        _hostileEthDepositedSeen += ethDeposited;
        if (transferred != 0) _moveGhost(address(hostile), _actors[0], transferred);
        _books[_ETH].pending += ethDeposited;
        _books[_ETH].revenueIn += ethDeposited;
    }

    function _moveGhost(address from, address to, uint256 amount) private {
        ghostBalance[from] -= amount;
        ghostBalance[to] += amount;
        if (from == excludedActor) ghostEligibleSupply += amount;
        if (to == excludedActor) ghostEligibleSupply -= amount;
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
            held[i] = _heldBy(actor, _assets[i]);
        }
    }

    /// @dev The blacklisting token refuses deposits and mints while paused.
    function _frozenErc20(address asset) private view returns (bool) {
        return asset == address(blacklistToken) && ghostPaused;
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

    function heldBy(address holder, address asset) external view returns (uint256) {
        return _heldBy(holder, asset);
    }

    function _heldBy(address holder, address asset) private view returns (uint256) {
        return asset == _ETH ? holder.balance : IERC20(asset).balanceOf(holder);
    }
}
