// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {console2} from "forge-std/console2.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {RevShareTokenHandler} from "./RevShareTokenHandler.sol";
import {RevenueTokenMock} from "./RevenueTokenMock.sol";

/// @title RevShareToken invariants, shared by every token configuration
/// @notice See PROPERTIES.md: one row per `invariant_` function here. A concrete suite only chooses the
///         configuration (`_claimWindow`, `_policy`, `_withRevenueToken`).
abstract contract RevShareTokenInvariantsBase is Test {
    uint16 internal constant _CLAIMABLE_BPS = 8000;
    uint48 internal constant _SNAPSHOT_INTERVAL = 1 days;
    uint256 internal constant _ACTORS = 4;

    RevShareToken internal token;
    RevenueTokenMock internal revenueToken;
    RevShareTokenHandler internal handler;
    address internal excluded;
    address[] internal actors;

    function _claimWindow() internal pure virtual returns (uint8);
    function _policy() internal pure virtual returns (IRevShareToken.UnclaimedPolicy);
    function _withRevenueToken() internal pure virtual returns (bool);

    function setUp() public {
        vm.warp(1_700_000_000);
        excluded = makeAddr("excluded");
        uint256[] memory amounts = new uint256[](_ACTORS + 1);
        for (uint256 i; i < _ACTORS; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
            // Unequal balances with odd digits, so pro-rata floors leave dust.
            amounts[i] = (i + 1) * 1_000_003e18 + i;
        }
        actors.push(excluded);
        amounts[_ACTORS] = 2_500_000e18;

        address[] memory revenueTokens = new address[](_withRevenueToken() ? 1 : 0);
        if (_withRevenueToken()) {
            revenueToken = new RevenueTokenMock();
            revenueTokens[0] = address(revenueToken);
        }
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
        handler = new RevShareTokenHandler(token, revenueToken, actors, excluded);

        bytes4[] memory selectors = new bytes4[](_withRevenueToken() ? 10 : 9);
        selectors[0] = RevShareTokenHandler.transfer.selector;
        selectors[1] = RevShareTokenHandler.depositEth.selector;
        selectors[2] = RevShareTokenHandler.forceSend.selector;
        selectors[3] = RevShareTokenHandler.absorbSurplus.selector;
        selectors[4] = RevShareTokenHandler.warpAndSnapshot.selector;
        selectors[5] = RevShareTokenHandler.claim.selector;
        selectors[6] = RevShareTokenHandler.claimBatch.selector;
        selectors[7] = RevShareTokenHandler.claimAgain.selector;
        selectors[8] = RevShareTokenHandler.burn.selector;
        if (_withRevenueToken()) selectors[9] = RevShareTokenHandler.depositErc20.selector;
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

    /// @notice Every wei of revenue is in exactly one bucket, and each bucket equals the ghost model's.
    function invariant_conservation() public view {
        address[] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            IRevShareToken.Books memory b = token.books(assets[i]);
            RevShareTokenHandler.GhostBooks memory g = handler.ghostBooks(assets[i]);
            assertEq(
                g.revenueIn, b.claimed + b.redeemed + b.openClaimable + b.redeemPool + b.pending, "revenue leaked"
            );
            assertEq(b.received, g.revenueIn, "received");
            assertEq(b.claimed, g.claimed, "claimed");
            assertEq(b.redeemed, g.redeemed, "redeemed");
            assertEq(b.pending, g.pending, "pending");
            assertEq(b.openClaimable, g.openClaimable, "openClaimable");
            assertEq(b.redeemPool, g.redeemPool, "redeemPool");
            assertEq(token.bookedBalance(assets[i]), g.pending + g.openClaimable + g.redeemPool, "bookedBalance");
        }
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

    /// @notice The lazily checkpointed history answers, for every past snapshot, what the handler saw
    ///         with `balanceOf` and the ghost eligible supply at snapshot time.
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
        console2.log("calls: transfer", handler.callsTransfer(), "of which excluded side", handler.callsTransferExcluded());
        console2.log("calls: depositEth", handler.callsDepositEth(), "depositErc20", handler.callsDepositErc20());
        console2.log("calls: forceSend", handler.callsForceSend(), "absorb", handler.callsAbsorb());
        console2.log("calls: snapshot", handler.callsSnapshot(), "claim", handler.callsClaim());
        console2.log("calls: claimBatch", handler.callsClaimBatch(), "claimAgain", handler.callsDoubleClaimAttempt());
        console2.log("calls: burn", handler.callsBurn(), "skipped", handler.callsSkipped());
    }

    /// @notice The handler can reach every action: a fixed sequence must do real work in each.
    function test_handler_exercisesEveryAction() public {
        handler.depositEth(10 ether, false);
        handler.depositEth(7, true);
        handler.depositErc20(1000e18);
        handler.forceSend(0, 1 ether);
        handler.forceSend(1, 3);
        handler.absorbSurplus(0);
        handler.absorbSurplus(1);
        handler.transfer(0, 1, 5e18);
        handler.transfer(4, 0, 7e18); // from the excluded actor
        handler.warpAndSnapshot(0);
        handler.burn(1, 1e18); // right after the snapshot
        handler.depositEth(3 ether, false);
        handler.warpAndSnapshot(12345);
        handler.claim(0, 0);
        handler.claimAgain(0, 0);
        handler.claimAgain(0, 1);
        handler.claimBatch(2, type(uint256).max);
        handler.burn(4, 1e18); // the excluded actor burns and redeems nothing

        assertGt(handler.callsTransfer(), 0);
        assertGt(handler.callsTransferExcluded(), 0);
        assertGt(handler.callsDepositEth(), 0);
        if (_withRevenueToken()) assertGt(handler.callsDepositErc20(), 0);
        assertGt(handler.callsForceSend(), 0);
        assertGt(handler.callsAbsorb(), 0);
        assertEq(handler.callsSnapshot(), 2);
        assertEq(handler.callsClaim(), 1);
        assertEq(handler.callsClaimBatch(), 1);
        assertGt(handler.callsDoubleClaimAttempt(), 0);
        assertEq(handler.callsBurn(), 2);
        invariant_solvency();
        invariant_conservation();
        invariant_proRata();
        invariant_noDoubleClaim();
        invariant_historyMatchesGhost();
        invariant_supply();
        invariant_payoutsMatchModel();
    }

    /// @notice The claimed bitmap keeps 64 snapshot ids per account and slides; a campaign of depth 50
    ///         never gets there, so this walks the handler through 150 snapshots with claims, batch
    ///         claims, refused second claims, transfers and burns, then checks every invariant.
    function test_handler_claimBitmapSlidesPast64Snapshots() public {
        for (uint256 i; i < 150; ++i) {
            handler.depositEth(1 ether + i, i % 2 == 0);
            if (_withRevenueToken()) handler.depositErc20(3e18 + i);
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
        invariant_solvency();
        invariant_conservation();
        invariant_proRata();
        invariant_noDoubleClaim();
        invariant_historyMatchesGhost();
        invariant_supply();
        invariant_payoutsMatchModel();
    }
}

/// @notice The OpenLM shape: unclaimed revenue rolls forward, two-snapshot window, ETH plus one ERC-20.
contract RevShareTokenRollForwardInvariants is RevShareTokenInvariantsBase {
    function _claimWindow() internal pure override returns (uint8) {
        return 2;
    }

    function _policy() internal pure override returns (IRevShareToken.UnclaimedPolicy) {
        return IRevShareToken.UnclaimedPolicy.RollForward;
    }

    function _withRevenueToken() internal pure override returns (bool) {
        return true;
    }
}

/// @notice Unclaimed revenue goes to the redeem pool, three-snapshot window, ETH only.
contract RevShareTokenToRedeemPoolInvariants is RevShareTokenInvariantsBase {
    function _claimWindow() internal pure override returns (uint8) {
        return 3;
    }

    function _policy() internal pure override returns (IRevShareToken.UnclaimedPolicy) {
        return IRevShareToken.UnclaimedPolicy.ToRedeemPool;
    }

    function _withRevenueToken() internal pure override returns (bool) {
        return false;
    }
}
