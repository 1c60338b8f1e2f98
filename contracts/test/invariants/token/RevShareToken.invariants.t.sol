// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {console2} from "forge-std/console2.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {RevShareTokenHandler} from "./RevShareTokenHandler.sol";
import {HookRevenueToken} from "../../token/mocks/HookRevenueToken.sol";
import {BlacklistRevenueToken} from "../../token/mocks/BlacklistRevenueToken.sol";
import {ReentrantHolder} from "../../token/mocks/ReentrantHolder.sol";
import {FlashLender} from "../../token/mocks/FlashLender.sol";
import {FlashBorrower} from "../../token/mocks/FlashBorrower.sol";

/// @title RevShareToken invariants, shared by every token configuration
/// @notice See PROPERTIES.md: one row per `invariant_` function here. A concrete suite only chooses the
///         configuration (`_claimWindow`, `_policy`, `_hookTokenFirst`).
abstract contract RevShareTokenInvariantsBase is Test {
    uint16 internal constant _CLAIMABLE_BPS = 8000;
    uint48 internal constant _SNAPSHOT_INTERVAL = 1 days;
    uint256 internal constant _EOA_ACTORS = 3;

    RevShareToken internal token;
    HookRevenueToken internal hookToken;
    BlacklistRevenueToken internal blacklistToken;
    ReentrantHolder internal hostile;
    FlashLender internal lender;
    FlashBorrower internal borrower;
    RevShareTokenHandler internal handler;
    address internal excluded;
    address[] internal actors;

    function _claimWindow() internal pure virtual returns (uint8);
    function _policy() internal pure virtual returns (IRevShareToken.UnclaimedPolicy);
    /// @dev Revenue tokens in the order [hook, blacklisting] (true) or [blacklisting, hook] (false).
    function _hookTokenFirst() internal pure virtual returns (bool);

    function setUp() public {
        vm.warp(1_700_000_000);
        excluded = makeAddr("excluded");
        hookToken = new HookRevenueToken();
        blacklistToken = new BlacklistRevenueToken();
        // The contract actors are deployed after the token (they need its address) but are holders from
        // the start: their addresses are computed ahead.
        uint256 nonce = vm.getNonce(address(this));
        address hostileAddress = vm.computeCreateAddress(address(this), nonce + 1);
        address lenderAddress = vm.computeCreateAddress(address(this), nonce + 2);
        address borrowerAddress = vm.computeCreateAddress(address(this), nonce + 3);

        uint256[] memory amounts = new uint256[](_EOA_ACTORS + 4);
        for (uint256 i; i < _EOA_ACTORS; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
            // Unequal balances with odd digits, so pro-rata floors leave dust.
            amounts[i] = (i + 1) * 1_000_003e18 + i;
        }
        actors.push(hostileAddress);
        amounts[_EOA_ACTORS] = 1_500_001e18 + 7;
        actors.push(lenderAddress);
        amounts[_EOA_ACTORS + 1] = 2_000_017e18;
        actors.push(borrowerAddress); // starts with nothing: it only ever holds what it borrows or is sent
        actors.push(excluded);
        amounts[_EOA_ACTORS + 3] = 2_500_000e18;

        address[] memory revenueTokens = new address[](2);
        (revenueTokens[0], revenueTokens[1]) = _hookTokenFirst()
            ? (address(hookToken), address(blacklistToken))
            : (address(blacklistToken), address(hookToken));
        address[] memory excludedList = new address[](1);
        excludedList[0] = excluded;
        token = new RevShareToken(
            IRevShareToken.Config({
                name: "Model Token",
                symbol: "MDL",
                holders: actors,
                amounts: amounts,
                revenueExcluded: excludedList,
                claimableBps: _CLAIMABLE_BPS,
                snapshotInterval: _SNAPSHOT_INTERVAL,
                claimWindow: _claimWindow(),
                unclaimedPolicy: _policy(),
                revenueTokens: revenueTokens
            })
        );
        hostile = new ReentrantHolder(token);
        lender = new FlashLender();
        borrower = new FlashBorrower(token, lender);
        assertEq(address(hostile), hostileAddress);
        assertEq(address(lender), lenderAddress);
        assertEq(address(borrower), borrowerAddress);
        vm.prank(address(hostile));
        hookToken.registerHook();
        handler = new RevShareTokenHandler(
            token, hookToken, blacklistToken, hostile, lender, borrower, actors, excluded, makeAddr("elsewhere")
        );

        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = RevShareTokenHandler.transfer.selector;
        selectors[1] = RevShareTokenHandler.depositEth.selector;
        selectors[2] = RevShareTokenHandler.depositErc20.selector;
        selectors[3] = RevShareTokenHandler.hostileDeposit.selector;
        selectors[4] = RevShareTokenHandler.forceSend.selector;
        selectors[5] = RevShareTokenHandler.absorbSurplus.selector;
        selectors[6] = RevShareTokenHandler.warp.selector;
        selectors[7] = RevShareTokenHandler.warpAndSnapshot.selector;
        selectors[8] = RevShareTokenHandler.claim.selector;
        selectors[9] = RevShareTokenHandler.claimBatch.selector;
        selectors[10] = RevShareTokenHandler.claimAgain.selector;
        selectors[11] = RevShareTokenHandler.burn.selector;
        selectors[12] = RevShareTokenHandler.setBlacklisted.selector;
        selectors[13] = RevShareTokenHandler.setPaused.selector;
        selectors[14] = RevShareTokenHandler.setHostileRefusesEth.selector;
        selectors[15] = RevShareTokenHandler.setHostileSideEffects.selector;
        selectors[16] = RevShareTokenHandler.withdrawCredit.selector;
        selectors[17] = RevShareTokenHandler.flashLoan.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    // ================================================================== invariants

    /// @notice The token holds at least what its books say, and exactly that plus what was force-sent
    ///         and not yet absorbed.
    function invariant_solvency() public view {
        address[] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            uint256 held = handler.heldBy(address(token), assets[i]);
            uint256 booked = token.bookedBalance(assets[i]);
            assertGe(held, booked, "held < booked");
            assertEq(held, booked + handler.ghostBooks(assets[i]).unabsorbed, "held != booked + surplus");
        }
    }

    /// @notice Every wei of revenue is in exactly one bucket (credited-but-unpaid and withdrawn included),
    ///         and each bucket equals the ghost model's.
    function invariant_conservation() public view {
        address[] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            IRevShareToken.Books memory b = token.books(assets[i]);
            RevShareTokenHandler.GhostBooks memory g = handler.ghostBooks(assets[i]);
            assertEq(
                g.revenueIn,
                b.claimed + b.redeemed + b.withdrawn + b.credited + b.openClaimable + b.redeemPool + b.pending,
                "revenue leaked"
            );
            assertEq(b.received, g.revenueIn, "received");
            assertEq(b.claimed, g.claimed, "claimed");
            assertEq(b.redeemed, g.redeemed, "redeemed");
            assertEq(b.credited, g.credited, "credited");
            assertEq(b.withdrawn, g.withdrawn, "withdrawn");
            assertEq(b.pending, g.pending, "pending");
            assertEq(b.openClaimable, g.openClaimable, "openClaimable");
            assertEq(b.redeemPool, g.redeemPool, "redeemPool");
            assertEq(
                token.bookedBalance(assets[i]),
                g.pending + g.openClaimable + g.redeemPool + g.credited,
                "bookedBalance"
            );
        }
    }

    /// @notice What each actor is owed from payouts that could not be delivered is the ghost's, and the
    ///         credits of all accounts sum to the books' `credited`.
    function invariant_credits() public view {
        address[] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            uint256 sum;
            for (uint256 a; a < actors.length; ++a) {
                uint256 credit = token.creditOf(actors[a], assets[i]);
                assertEq(credit, handler.ghostCredit(actors[a], assets[i]), "creditOf");
                sum += credit;
            }
            assertEq(token.creditOf(handler.elsewhere(), assets[i]), 0, "no credit outside the actors");
            assertEq(sum, token.books(assets[i]).credited, "credits != books.credited");
        }
    }

    /// @notice No call the hostile holder made from inside a payout (ETH or hook-token callback) or a
    ///         deposit got through the guard: snapshot, claim, claimBatch, burn, absorbSurplus,
    ///         withdrawCredit and depositRevenueERC20 were all refused with `ReentrancyGuardReentrantCall`.
    function invariant_reentryRefused() public view {
        assertEq(hostile.reentriesNotRefusedByGuard(), 0, "a re-entrant call was not refused by the guard");
    }

    /// @notice A flash loan (borrow, snapshot if due, claim, repay in one call) never paid the borrower
    ///         anything but its own share from the balances held at the due time.
    function invariant_flashLoansEarnNothing() public view {
        assertEq(handler.ghostFlashLoanDiscrepancies(), 0, handler.lastDiscrepancy());
    }

    /// @notice Nobody got more than floor(pool × balanceAt / eligibleSupplyAt) of a snapshot (ghost record),
    ///         a snapshot's claims never exceed its pool, and the pool the token opened is the model's.
    function invariant_proRata() public view {
        address[] memory assets = handler.assets();
        uint256 snapshots = handler.ghostSnapshotCount();
        for (uint256 s = 1; s <= snapshots; ++s) {
            uint256 eligibleAt = handler.ghostEligibleAt(s);
            for (uint256 i; i < assets.length; ++i) {
                uint256 pool = handler.ghostPoolModel(s, assets[i]);
                assertEq(handler.ghostPoolReported(s, assets[i]), pool, "pool != model");
                uint256 sum;
                for (uint256 a; a < actors.length; ++a) {
                    uint256 paid = handler.ghostPaid(actors[a], s, assets[i]);
                    uint256 cap = actors[a] == excluded || eligibleAt == 0
                        ? 0
                        : pool * handler.ghostBalanceAt(s, actors[a]) / eligibleAt;
                    assertLe(paid, cap, "paid above pro-rata share");
                    sum += paid;
                }
                assertEq(sum, handler.ghostPoolPaid(s, assets[i]), "pool paid != sum of actors");
                assertLe(sum, pool, "pool overdrawn");
            }
        }
    }

    /// @notice Each (actor, snapshot) was paid at most once, a second claim is refused, and `hasClaimed`
    ///         agrees with the ghost for every snapshot still in its window.
    function invariant_noDoubleClaim() public view {
        assertEq(handler.ghostDoubleClaimsAccepted(), 0, "double claim accepted");
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        for (uint256 s = 1; s <= current; ++s) {
            for (uint256 a; a < actors.length; ++a) {
                uint256 count = handler.ghostClaimCount(actors[a], s);
                assertLe(count, 1, "claimed twice");
                if (s + window > current) assertEq(token.hasClaimed(actors[a], s), count == 1, "hasClaimed");
            }
        }
    }

    /// @notice The lazily checkpointed history answers, for every past snapshot, the balances and eligible
    ///         supply the ghost froze when that snapshot became due (changes at or after the due time count
    ///         for the next snapshot).
    function invariant_historyMatchesGhost() public view {
        uint256 snapshots = handler.ghostSnapshotCount();
        assertEq(token.currentSnapshotId(), snapshots, "snapshot count");
        for (uint256 s = 1; s <= snapshots; ++s) {
            assertEq(token.eligibleSupplyAt(s), handler.ghostEligibleAt(s), "eligibleSupplyAt");
            uint256 sum;
            for (uint256 a; a < actors.length; ++a) {
                uint256 recorded = handler.ghostBalanceAt(s, actors[a]);
                assertEq(token.balanceOfAt(actors[a], s), recorded, "balanceOfAt");
                if (actors[a] != excluded) sum += recorded;
            }
            assertEq(sum, handler.ghostEligibleAt(s), "eligible at snapshot != sum of eligible balances");
        }
    }

    /// @notice Supply figures equal the sums of the actors' balances (the actors are the only holders).
    function invariant_supply() public view {
        uint256 total;
        uint256 eligible;
        for (uint256 a; a < actors.length; ++a) {
            uint256 balance = token.balanceOf(actors[a]);
            assertEq(balance, handler.ghostBalance(actors[a]), "balance != ghost");
            total += balance;
            if (!token.isRevenueExcluded(actors[a])) eligible += balance;
        }
        assertEq(token.totalSupply(), total, "totalSupply");
        assertEq(token.totalSupply(), handler.ghostTotalSupply(), "totalSupply ghost");
        assertEq(token.eligibleSupply(), eligible, "eligibleSupply");
        assertEq(token.eligibleSupply(), handler.ghostEligibleSupply(), "eligibleSupply ghost");
    }

    /// @notice Every call the model said must succeed succeeded and paid exactly what the model said
    ///         (claims, batch claims, burns, absorbed surplus, snapshot pools).
    function invariant_payoutsMatchModel() public view {
        assertEq(handler.ghostUnexpectedReverts(), 0, handler.lastDiscrepancy());
        assertEq(handler.ghostPayoutMismatches(), 0, handler.lastDiscrepancy());
        assertEq(handler.ghostSplitMismatches(), 0, handler.lastDiscrepancy());
    }

    function afterInvariant() public view {
        RevShareTokenHandler h = handler;
        console2.log("calls: transfer", h.callsTransfer(), "excluded side", h.callsTransferExcluded());
        console2.log("calls: transfer in the due window", h.callsTransferInDueWindow(), "warp", h.callsWarp());
        console2.log("calls: depositEth", h.callsDepositEth(), "depositErc20", h.callsDepositErc20());
        console2.log("calls: forceSend", h.callsForceSend(), "absorb", h.callsAbsorb());
        console2.log("calls: snapshot", h.callsSnapshot(), "claim", h.callsClaim());
        console2.log("calls: claimBatch", h.callsClaimBatch(), "claimAgain", h.callsDoubleClaimAttempt());
        console2.log("calls: burn", h.callsBurn(), "in the due window", h.callsBurnInDueWindow());
        console2.log("calls: payouts credited", h.callsCredited(), "withdrawCredit", h.callsWithdrawCredit());
        console2.log("calls: withdrawals refused", h.callsWithdrawRefused(), "blacklist", h.callsBlacklistToggle());
        console2.log("calls: hostile paid", h.callsHostilePaid(), "hostile deposits", h.callsHostileDeposit());
        console2.log("calls: re-entries refused", hostile.reentriesRefused(), "skipped", h.callsSkipped());
        console2.log("calls: flash loans", h.callsFlashLoan(), "with the snapshot inside", h.callsFlashSnapshot());
        console2.log("snapshots with no eligible supply", h.ghostSnapshotsWithNoEligibleSupply());
    }

    function _checkAll() internal view {
        invariant_solvency();
        invariant_conservation();
        invariant_credits();
        invariant_proRata();
        invariant_noDoubleClaim();
        invariant_historyMatchesGhost();
        invariant_supply();
        invariant_payoutsMatchModel();
        invariant_reentryRefused();
        invariant_flashLoansEarnNothing();
    }

    /// @dev Index of the blacklisting token among the handler's assets (ETH is 0).
    function _blacklistIndex() internal pure returns (uint256) {
        return _hookTokenFirst() ? 2 : 1;
    }

    /// @notice The handler can reach every action: a fixed sequence must do real work in each.
    ///         Actors: 0-2 EOAs, 3 the hostile holder, 4 the lender, 5 the borrower, 6 the excluded EOA.
    function test_handler_exercisesEveryAction() public {
        handler.depositEth(10 ether, false);
        handler.depositEth(7, true);
        handler.depositErc20(0, 1000e18);
        handler.depositErc20(1, 777e18);
        handler.hostileDeposit(5e18);
        handler.forceSend(0, 1 ether);
        handler.forceSend(1, 3);
        handler.forceSend(2, 5);
        handler.absorbSurplus(0);
        handler.absorbSurplus(1);
        handler.absorbSurplus(2);
        handler.transfer(0, 1, 5e18);
        handler.transfer(6, 0, 7e18); // from the excluded actor
        handler.transfer(4, 5, 1e18); // the borrower holds something of its own before the due time
        handler.setHostileSideEffects(10e18, 0.01 ether);
        handler.warp(1, 0); // to the due time of snapshot 1
        handler.transfer(1, 2, 3e18); // counts for snapshot 2
        handler.burn(2, 1e18); // keeps actor 2's claim on snapshot 1
        handler.flashLoan(500e18); // takes snapshot 1 inside the loan; claims only its own 1e18's share
        handler.depositEth(3 ether, false);
        handler.depositErc20(0, 50e18);
        handler.depositErc20(1, 50e18);
        handler.setBlacklisted(0, true);
        handler.warpAndSnapshot(12345); // 2
        handler.claim(0, 0); // blacklisted in one asset: credited there
        handler.claim(3, 0); // the hostile holder: its callbacks re-enter everything
        handler.claimAgain(0, 0);
        handler.claimAgain(0, 1);
        handler.claimBatch(2, type(uint256).max);
        handler.setHostileRefusesEth(true);
        handler.claim(3, 1); // its ETH is credited
        handler.setHostileRefusesEth(false);
        handler.withdrawCredit(3, 0, false); // ETH to itself, callbacks and all
        handler.withdrawCredit(0, _blacklistIndex(), false); // still blacklisted: refused, credit kept
        handler.withdrawCredit(0, _blacklistIndex(), true); // to another address: paid
        handler.setPaused(0); // paused
        handler.burn(1, 1e18); // the paused asset is credited
        handler.setPaused(1);
        handler.burn(6, 1e18); // the excluded actor burns and redeems nothing
        handler.warp(0, 0); // one second before the due time
        handler.flashLoan(1e18); // snapshot refused, nets to zero

        RevShareTokenHandler h = handler;
        assertGt(h.callsTransfer(), 0);
        assertGt(h.callsTransferExcluded(), 0);
        assertGt(h.callsTransferInDueWindow(), 0);
        assertGt(h.callsDepositEth(), 0);
        assertGt(h.callsDepositErc20(), 0);
        assertEq(h.callsHostileDeposit(), 1);
        assertGt(h.callsForceSend(), 0);
        assertGt(h.callsAbsorb(), 0);
        assertEq(h.callsWarp(), 2);
        assertEq(h.callsSnapshot(), 1);
        assertEq(h.callsFlashLoan(), 2);
        assertEq(h.callsFlashSnapshot(), 1);
        assertGe(h.callsClaim(), 3);
        assertEq(h.callsClaimBatch(), 1);
        assertGt(h.callsDoubleClaimAttempt(), 0);
        assertEq(h.callsBurn(), 3);
        assertEq(h.callsBurnInDueWindow(), 1);
        assertGe(h.callsCredited(), 3);
        assertEq(h.callsWithdrawCredit(), 2);
        assertEq(h.callsWithdrawRefused(), 1);
        assertGe(h.callsHostilePaid(), 2);
        assertGt(hostile.reentriesRefused(), 0);
        assertGt(hostile.hookTransferred(), 0);
        assertGt(hostile.hookEthDeposited(), 0);
        assertGt(token.balanceOfAt(address(borrower), 1), 0, "the borrower's own balance counted");
        _checkAll();
    }

    /// @notice The claimed bitmap keeps 64 snapshot ids per account and slides; a campaign of depth 50
    ///         never gets there, so this walks the handler through 150 snapshots with claims, batch
    ///         claims, refused second claims, transfers and burns, then checks every invariant.
    function test_handler_claimBitmapSlidesPast64Snapshots() public {
        handler.transfer(4, 5, 1_000e18); // so the borrower, which starts empty, claims too
        for (uint256 i; i < 150; ++i) {
            handler.depositEth(1 ether + i, i % 2 == 0);
            handler.depositErc20(i, 3e18 + i);
            if (i % 7 == 0) handler.transfer(i, i + 1, 1e18 + i);
            handler.warpAndSnapshot(i * 977);
            handler.claim(i, i);
            if (i % 3 == 0) handler.claimBatch(i + 1, type(uint256).max);
            handler.claimAgain(i, i);
            if (i % 11 == 0) handler.burn(i + 2, 1e18);
        }
        assertEq(handler.callsSnapshot(), 150);
        assertGt(handler.callsClaim(), 140);
        assertGt(handler.callsDoubleClaimAttempt(), 100);
        _checkAll();
    }

    /// @notice Every eligible actor burns all it holds: the next snapshot has no eligible supply and splits
    ///         nothing; once the excluded actor sells to actor 0, the following snapshot splits everything
    ///         that waited, and actor 0 claims it.
    function test_handler_noEligibleSupply_revenueWaitsForAHolder() public {
        for (uint256 a; a < 6; ++a) {
            handler.burn(a, type(uint256).max);
        }
        assertEq(token.eligibleSupply(), 0);
        handler.depositEth(5 ether, false);
        handler.depositErc20(0, 70e18);
        handler.warpAndSnapshot(0);
        assertEq(handler.ghostSnapshotsWithNoEligibleSupply(), 1);
        assertEq(token.books(address(0)).pending, 5 ether, "waits");
        handler.transfer(6, 0, 1e18);
        handler.warpAndSnapshot(0);
        assertEq(token.claimableRevenue(actors[0], 2), 4 ether, "80 % of what waited");
        handler.claim(0, 0);
        assertEq(handler.callsClaim(), 1);
        _checkAll();
    }
}

/// @notice The OpenLM shape: unclaimed revenue rolls forward, two-snapshot window; ETH, then the hook token,
///         then the blacklisting token.
contract RevShareTokenRollForwardInvariants is RevShareTokenInvariantsBase {
    function _claimWindow() internal pure override returns (uint8) {
        return 2;
    }

    function _policy() internal pure override returns (IRevShareToken.UnclaimedPolicy) {
        return IRevShareToken.UnclaimedPolicy.RollForward;
    }

    function _hookTokenFirst() internal pure override returns (bool) {
        return true;
    }
}

/// @notice Unclaimed revenue goes to the redeem pool, three-snapshot window; ETH, then the blacklisting
///         token, then the hook token.
contract RevShareTokenToRedeemPoolInvariants is RevShareTokenInvariantsBase {
    function _claimWindow() internal pure override returns (uint8) {
        return 3;
    }

    function _policy() internal pure override returns (IRevShareToken.UnclaimedPolicy) {
        return IRevShareToken.UnclaimedPolicy.ToRedeemPool;
    }

    function _hookTokenFirst() internal pure override returns (bool) {
        return false;
    }
}
