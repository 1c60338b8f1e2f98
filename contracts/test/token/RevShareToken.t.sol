// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {RevShareTokenSetup, MockRevenueToken} from "./RevShareTokenSetup.sol";

// ====================================================================== constructor

contract RevShareToken_Constructor_Test is RevShareTokenSetup {
    function test_constructor_setsEverything() public view {
        assertEq(token.name(), "OpenLM");
        assertEq(token.symbol(), "OLM");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(alice), SUPPLY * 40 / 100);
        assertEq(token.balanceOf(sale), SUPPLY * 5 / 100);
        assertEq(token.eligibleSupply(), SUPPLY * 95 / 100, "the sale's tokens are excluded");
        assertTrue(token.isRevenueExcluded(sale));
        assertFalse(token.isRevenueExcluded(alice));
        assertEq(token.claimableBps(), 8000);
        assertEq(token.snapshotInterval(), INTERVAL);
        assertEq(token.claimWindow(), 2);
        assertEq(uint256(token.unclaimedPolicy()), uint256(IRevShareToken.UnclaimedPolicy.RollForward));
        assertEq(token.revenueTokens().length, 1);
        assertEq(token.revenueTokens()[0], address(usd));
        assertEq(token.currentSnapshotId(), 0);
        assertEq(token.nextSnapshotAt(), block.timestamp + INTERVAL);
    }

    /// @dev The mints happen in period 0 (the clock is set before them, so a deployment at a timestamp
    ///      later than one interval does not put them in period 1, where they would miss snapshot 1).
    function test_constructor_mintsCountForSnapshot1() public {
        vm.warp(1_700_000_000);
        token = new RevShareToken(defaultConfig());
        vm.warp(block.timestamp + 3 * INTERVAL); // long overdue when it is finally taken
        nextSnapshot();
        assertEq(token.balanceOfAt(alice, 1), SUPPLY * 40 / 100);
        assertEq(token.eligibleSupplyAt(1), SUPPLY * 95 / 100);
    }

    function test_constructor_lengthMismatch_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.amounts = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_LengthMismatch.selector, 5, 2));
        new RevShareToken(config);
    }

    function test_constructor_noSupply_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.amounts = new uint256[](5);
        vm.expectRevert(IRevShareToken.RevShareToken_NoSupply.selector);
        new RevShareToken(config);
    }

    function test_constructor_supplyTooLarge_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.amounts[0] = type(uint96).max;
        uint256 supply = type(uint96).max + SUPPLY * 60 / 100;
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevShareToken.RevShareToken_SupplyTooLarge.selector, supply, uint256(type(uint96).max)
            )
        );
        new RevShareToken(config);
    }

    function test_constructor_claimableBpsAbove10000_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.claimableBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidClaimableBps.selector, 10_001));
        new RevShareToken(config);
    }

    function test_constructor_zeroInterval_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.snapshotInterval = 0;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidSnapshotInterval.selector, 0));
        new RevShareToken(config);
    }

    function test_constructor_claimWindowZero_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.claimWindow = 0;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidClaimWindow.selector, 0));
        new RevShareToken(config);
    }

    function test_constructor_claimWindowAbove64_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.claimWindow = 65;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidClaimWindow.selector, 65));
        new RevShareToken(config);
    }

    function test_constructor_tooManyRevenueTokens_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueTokens = new address[](9);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_TooManyRevenueTokens.selector, 9, 8));
        new RevShareToken(config);
    }

    function test_constructor_zeroRevenueToken_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueTokens[0] = address(0);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidRevenueToken.selector, address(0)));
        new RevShareToken(config);
    }

    function test_constructor_duplicateRevenueToken_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueTokens = new address[](2);
        config.revenueTokens[0] = address(usd);
        config.revenueTokens[1] = address(usd);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidRevenueToken.selector, address(usd)));
        new RevShareToken(config);
    }

    function test_constructor_tooManyExcluded_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueExcluded = new address[](9);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_TooManyExcluded.selector, 9, 8));
        new RevShareToken(config);
    }

    function test_constructor_duplicateExcluded_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueExcluded = new address[](2);
        config.revenueExcluded[0] = sale;
        config.revenueExcluded[1] = sale;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidExcluded.selector, sale));
        new RevShareToken(config);
    }

    function test_constructor_zeroExcluded_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.revenueExcluded[0] = address(0);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidExcluded.selector, address(0)));
        new RevShareToken(config);
    }

    function test_constructor_zeroHolder_reverts() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.holders[1] = address(0);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new RevShareToken(config);
    }
}

// ====================================================================== revenue in

contract RevShareToken_Revenue_Test is RevShareTokenSetup {
    function test_receive_booksRevenue() public {
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueReceived(address(0), payer, 3 ether);
        vm.prank(payer);
        (bool ok,) = address(token).call{value: 3 ether}("");
        assertTrue(ok);
        assertEq(token.books(address(0)).pending, 3 ether);
        assertEq(token.books(address(0)).received, 3 ether);
    }

    function test_depositRevenue_booksRevenue() public {
        deposit(2 ether);
        deposit(1 ether);
        assertEq(token.books(address(0)).pending, 3 ether);
        assertEq(token.bookedBalance(address(0)), 3 ether);
    }

    function test_depositRevenue_zero_reverts() public {
        vm.expectRevert(IRevShareToken.RevShareToken_ZeroAmount.selector);
        token.depositRevenue{value: 0}();
    }

    function test_depositRevenueERC20_pullsAndBooks() public {
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueReceived(address(usd), payer, 5 ether);
        depositUsd(5 ether);
        assertEq(usd.balanceOf(address(token)), 5 ether);
        assertEq(token.books(address(usd)).pending, 5 ether);
    }

    function test_depositRevenueERC20_notRevenueToken_reverts() public {
        MockRevenueToken other = new MockRevenueToken();
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NotRevenueToken.selector, address(other)));
        token.depositRevenueERC20(address(other), 1);
    }

    function test_depositRevenueERC20_zero_reverts() public {
        vm.expectRevert(IRevShareToken.RevShareToken_ZeroAmount.selector);
        token.depositRevenueERC20(address(usd), 0);
    }

    function test_absorbSurplus_forceSentEth_booked() public {
        deposit(1 ether);
        vm.deal(address(token), address(token).balance + 4 ether); // as selfdestruct or a coinbase would
        assertEq(token.bookedBalance(address(0)), 1 ether, "force-sent ETH is not booked by itself");
        vm.expectEmit(address(token));
        emit IRevShareToken.SurplusAbsorbed(address(0), 4 ether);
        assertEq(token.absorbSurplus(address(0)), 4 ether);
        assertEq(token.books(address(0)).pending, 5 ether);
        assertEq(token.absorbSurplus(address(0)), 0, "nothing twice");
    }

    function test_absorbSurplus_plainTokenTransfer_booked() public {
        vm.prank(payer);
        usd.transfer(address(token), 7 ether);
        assertEq(token.absorbSurplus(address(usd)), 7 ether);
        assertEq(token.books(address(usd)).pending, 7 ether);
    }

    function test_absorbSurplus_notRevenueToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NotRevenueToken.selector, address(1)));
        token.absorbSurplus(address(1));
    }

    function test_forceSentEth_doesNotBreakClaims() public {
        deposit(10 ether);
        vm.deal(address(token), address(token).balance + 1 ether);
        nextSnapshot();
        vm.prank(alice);
        token.claim(1);
        uint256 aliceShare = uint256(8 ether) * 40 / 95;
        assertEq(alice.balance, aliceShare);
        assertGe(address(token).balance, token.bookedBalance(address(0)));
    }
}

// ====================================================================== snapshots

contract RevShareToken_Snapshot_Test is RevShareTokenSetup {
    function test_snapshot_tooEarly_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevShareToken.RevShareToken_SnapshotTooEarly.selector, block.timestamp + INTERVAL, block.timestamp
            )
        );
        token.snapshot();
    }

    function test_snapshot_splitsRevenue() public {
        deposit(10 ether);
        vm.warp(block.timestamp + INTERVAL);
        vm.expectEmit(address(token));
        emit IRevShareToken.Snapshot(1, block.timestamp, SUPPLY * 95 / 100);
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueSplit(1, address(0), 10 ether, 8 ether, 2 ether, 0, 0, true);
        assertEq(token.snapshot(), 1);
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.pending, 0);
        assertEq(b.openClaimable, 8 ether);
        assertEq(b.redeemPool, 2 ether);
        (uint256 pool, uint256 claimed) = token.snapshotPool(1, address(0));
        assertEq(pool, 8 ether);
        assertEq(claimed, 0);
        assertEq(token.nextSnapshotAt(), block.timestamp + INTERVAL);
    }

    function test_snapshot_isPermissionless() public {
        vm.warp(block.timestamp + INTERVAL);
        vm.prank(makeAddr("anyone"));
        assertEq(token.snapshot(), 1);
    }

    function test_snapshot_rollsUnclaimedForward() public {
        deposit(10 ether);
        nextSnapshot(); // 1: pool 8
        vm.prank(alice);
        token.claim(1); // alice takes 40/95 of 8
        uint256 paid = uint256(8 ether) * 40 / 95;
        nextSnapshot(); // 2: empty
        deposit(5 ether);
        vm.warp(token.nextSnapshotAt());
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueSplit(3, address(0), 5 ether, 4 ether, 1 ether, 1, 8 ether - paid, true);
        token.snapshot(); // 3 closes 1's window
        (uint256 pool,) = token.snapshotPool(3, address(0));
        assertEq(pool, 4 ether + 8 ether - paid, "unclaimed remainder rolled into snapshot 3");
        assertEq(token.books(address(0)).openClaimable, pool);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_SnapshotNotClaimable.selector, 1, 3));
        token.snapshotPool(1, address(0));
    }

    function test_snapshot_unclaimedToRedeemPool() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.ToRedeemPool;
        token = new RevShareToken(config);
        deposit(10 ether);
        nextSnapshot();
        nextSnapshot();
        nextSnapshot();
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.openClaimable, 0);
        assertEq(b.redeemPool, 10 ether);
    }

    function test_snapshot_splitsErc20Revenue() public {
        depositUsd(100 ether);
        nextSnapshot();
        (uint256 pool,) = token.snapshotPool(1, address(usd));
        assertEq(pool, 80 ether);
        assertEq(token.books(address(usd)).redeemPool, 20 ether);
    }

    /// @dev Every eligible holder burns all it has (only `sale` is excluded), in the current period.
    function _burnAllEligible() internal {
        address[4] memory holders = [alice, bob, carol, dave];
        for (uint256 i; i < 4; ++i) {
            uint256 balance = token.balanceOf(holders[i]);
            vm.prank(holders[i]);
            token.burn(balance);
        }
        assertEq(token.eligibleSupply(), 0);
    }

    function test_snapshot_noEligibleSupply_splitsNothing() public {
        _burnAllEligible();
        deposit(10 ether);
        depositUsd(5 ether);
        vm.warp(token.nextSnapshotAt());
        vm.expectEmit(address(token));
        emit IRevShareToken.Snapshot(1, block.timestamp, 0);
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueSplit(1, address(0), 0, 0, 0, 0, 0, true);
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueSplit(1, address(usd), 0, 0, 0, 0, 0, true);
        token.snapshot();
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.pending, 10 ether);
        assertEq(b.openClaimable + b.redeemPool, 0);
        assertEq(token.books(address(usd)).pending, 5 ether);
        (uint256 pool,) = token.snapshotPool(1, address(0));
        assertEq(pool, 0);
    }

    /// @dev A window that closes at a snapshot with no eligible supply still closes: under ToRedeemPool the
    ///      remainder goes to the redeem pool, which a later eligible holder reaches by burning.
    function test_snapshot_noEligibleSupply_expiredPoolStillMovesToRedeemPool() public {
        IRevShareToken.Config memory config = defaultConfig();
        config.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.ToRedeemPool;
        token = new RevShareToken(config);
        deposit(10 ether);
        nextSnapshot(); // 1: pool 8, redeem 2
        _burnAllEligible(); // nobody claims 1; the redeem pool (2) goes to the burners
        deposit(5 ether);
        nextSnapshot(); // 2: no eligible supply, 5 stays pending
        nextSnapshot(); // 3: closes 1 (8 to the redeem pool); 5 still pending
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.pending, 5 ether);
        assertEq(b.openClaimable, 0);
        assertEq(b.redeemPool, 8 ether);
        address erin = makeAddr("erin");
        vm.prank(sale);
        token.transfer(erin, 1 ether);
        nextSnapshot(); // 4: erin is the eligible supply: 4 claimable, 1 more to the redeem pool
        assertEq(token.claimableRevenue(erin, 4), 4 ether);
        assertEq(token.redeemableOnBurn(1 ether), 9 ether);
    }

    /// @dev Under RollForward a closing window's remainder rolls into the new pool even with no eligible
    ///      supply; that pool cannot be claimed, so it rolls on again when its own window closes.
    function test_snapshot_noEligibleSupply_remainderRollsOnUntilClaimable() public {
        deposit(10 ether);
        nextSnapshot(); // 1: pool 8
        _burnAllEligible();
        nextSnapshot(); // 2
        nextSnapshot(); // 3: pool 8 rolled in, nobody to claim it
        (uint256 pool,) = token.snapshotPool(3, address(0));
        assertEq(pool, 8 ether);
        address erin = makeAddr("erin");
        vm.prank(sale);
        token.transfer(erin, 1 ether);
        nextSnapshot(); // 4
        assertEq(token.claimableRevenue(erin, 3), 0, "erin held nothing at 3");
        nextSnapshot(); // 5: closes 3, rolls its 8 into 5
        assertEq(token.claimableRevenue(erin, 5), 8 ether);
    }

    function test_snapshotPool_future_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_FutureSnapshot.selector, 1, 0));
        token.snapshotPool(1, address(0));
    }

    function test_balanceOfAt_tracksHistory() public {
        uint256 a0 = token.balanceOf(alice);
        nextSnapshot(); // 1
        vm.prank(alice);
        token.transfer(bob, 1 ether);
        nextSnapshot(); // 2
        vm.prank(alice);
        token.transfer(bob, 2 ether);
        vm.prank(alice);
        token.transfer(bob, 3 ether);
        assertEq(token.balanceOfAt(alice, 1), a0);
        assertEq(token.balanceOfAt(alice, 2), a0 - 1 ether);
        assertEq(token.balanceOf(alice), a0 - 6 ether);
        nextSnapshot(); // 3
        nextSnapshot(); // 4
        assertEq(token.balanceOfAt(alice, 3), a0 - 6 ether);
        assertEq(token.balanceOfAt(alice, 4), a0 - 6 ether);
        assertEq(token.balanceOfAt(bob, 1), SUPPLY * 30 / 100);
        assertEq(token.balanceOfAt(bob, 4), SUPPLY * 30 / 100 + 6 ether);
    }

    function test_balanceOfAt_future_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_FutureSnapshot.selector, 1, 0));
        token.balanceOfAt(alice, 1);
    }

    function test_eligibleSupplyAt_tracksExclusionAndBurns() public {
        nextSnapshot(); // 1
        vm.prank(sale);
        token.transfer(alice, 10 ether); // tokens leave the excluded sale: eligible supply grows
        vm.prank(bob);
        token.burn(4 ether);
        nextSnapshot(); // 2
        assertEq(token.eligibleSupplyAt(1), SUPPLY * 95 / 100);
        assertEq(token.eligibleSupplyAt(2), SUPPLY * 95 / 100 + 6 ether);
        assertEq(token.totalSupply(), SUPPLY - 4 ether);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_FutureSnapshot.selector, 0, 2));
        token.eligibleSupplyAt(0);
    }
}

// ====================================================================== claims

contract RevShareToken_Claim_Test is RevShareTokenSetup {
    uint256 internal constant ELIGIBLE = SUPPLY * 95 / 100;

    function test_claim_paysProRata() public {
        deposit(19 ether);
        nextSnapshot();
        uint256 expected = uint256(19 ether) * 8000 / 10_000 * (SUPPLY * 40 / 100) / ELIGIBLE;
        assertEq(token.claimableRevenue(alice, 1), expected);
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueClaimed(alice, 1, address(0), expected);
        vm.prank(alice);
        token.claim(1);
        assertEq(alice.balance, expected);
        assertEq(token.claimableRevenue(alice, 1), 0);
        assertTrue(token.hasClaimed(alice, 1));
        assertEq(token.books(address(0)).claimed, expected);
    }

    function test_claim_paysErc20Too() public {
        deposit(10 ether);
        depositUsd(95 ether);
        nextSnapshot();
        assertEq(token.claimableERC20(bob, 1, address(usd)), 76 ether * 30 / 95);
        vm.prank(bob);
        token.claim(1);
        assertEq(usd.balanceOf(bob), 76 ether * 30 / 95);
        assertEq(token.books(address(usd)).claimed, 76 ether * 30 / 95);
    }

    function test_claim_usesBalanceAtSnapshot() public {
        deposit(10 ether);
        nextSnapshot();
        uint256 expected = token.claimableRevenue(alice, 1);
        uint256 all = token.balanceOf(alice);
        vm.prank(alice);
        token.transfer(bob, all); // moving tokens after the snapshot changes nothing
        assertEq(token.claimableRevenue(alice, 1), expected);
        vm.prank(alice);
        token.claim(1);
        assertEq(alice.balance, expected);
    }

    function test_claim_twice_reverts() public {
        deposit(10 ether);
        nextSnapshot();
        vm.startPrank(alice);
        token.claim(1);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_AlreadyClaimed.selector, alice, 1));
        token.claim(1);
        vm.stopPrank();
    }

    function test_claim_futureSnapshot_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_FutureSnapshot.selector, 1, 0));
        vm.prank(alice);
        token.claim(1);
    }

    function test_claim_snapshotZero_reverts() public {
        nextSnapshot();
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_FutureSnapshot.selector, 0, 1));
        vm.prank(alice);
        token.claim(0);
    }

    function test_claim_windowClosed_reverts() public {
        deposit(10 ether);
        nextSnapshot();
        nextSnapshot();
        assertGt(token.claimableRevenue(alice, 1), 0, "still open at snapshot 2");
        nextSnapshot();
        assertEq(token.claimableRevenue(alice, 1), 0);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_SnapshotNotClaimable.selector, 1, 3));
        vm.prank(alice);
        token.claim(1);
    }

    function test_claim_excluded_reverts() public {
        deposit(10 ether);
        nextSnapshot();
        assertEq(token.claimableRevenue(sale, 1), 0);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_ExcludedAccount.selector, sale));
        vm.prank(sale);
        token.claim(1);
    }

    function test_claim_nothing_reverts() public {
        nextSnapshot(); // no revenue
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NothingToClaim.selector, alice, 1));
        vm.prank(alice);
        token.claim(1);
        address stranger = makeAddr("stranger");
        deposit(1 ether);
        nextSnapshot();
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NothingToClaim.selector, stranger, 2));
        vm.prank(stranger);
        token.claim(2);
    }

    function test_claim_outOfOrderWithinWindow() public {
        deposit(10 ether);
        nextSnapshot();
        deposit(10 ether);
        nextSnapshot();
        vm.startPrank(alice);
        token.claim(2);
        token.claim(1);
        vm.stopPrank();
        assertTrue(token.hasClaimed(alice, 1));
        assertTrue(token.hasClaimed(alice, 2));
    }

    function test_claim_bitmapSlidesOverManySnapshots() public {
        for (uint256 i = 1; i <= 70; ++i) {
            deposit(1 ether);
            nextSnapshot();
            vm.prank(alice);
            token.claim(i);
            assertTrue(token.hasClaimed(alice, i));
            if (i > 1) assertTrue(token.hasClaimed(alice, i - 1), "the previous claim is still remembered");
            vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_AlreadyClaimed.selector, alice, i));
            vm.prank(alice);
            token.claim(i);
        }
    }

    function test_claimBatch_paysOnceForAll() public {
        deposit(10 ether);
        nextSnapshot();
        deposit(20 ether);
        nextSnapshot();
        uint256 expected = token.claimableRevenue(bob, 1) + token.claimableRevenue(bob, 2);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (1, 2);
        vm.prank(bob);
        token.claimBatch(ids);
        assertEq(bob.balance, expected);
        assertTrue(token.hasClaimed(bob, 1) && token.hasClaimed(bob, 2));
    }

    function test_claimBatch_empty_reverts() public {
        vm.expectRevert(IRevShareToken.RevShareToken_EmptyBatch.selector);
        token.claimBatch(new uint256[](0));
    }

    function test_claimBatch_duplicate_reverts() public {
        deposit(10 ether);
        nextSnapshot();
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (1, 1);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_AlreadyClaimed.selector, bob, 1));
        vm.prank(bob);
        token.claimBatch(ids);
    }

    function test_claimBatch_nothing_reverts() public {
        nextSnapshot();
        uint256[] memory ids = new uint256[](1);
        ids[0] = 1;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NothingToClaim.selector, bob, 1));
        vm.prank(bob);
        token.claimBatch(ids);
    }

    function test_claimBatch_closedWindow_reverts() public {
        deposit(10 ether);
        nextSnapshot();
        nextSnapshot();
        nextSnapshot();
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (3, 1);
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_SnapshotNotClaimable.selector, 1, 3));
        vm.prank(bob);
        token.claimBatch(ids);
    }

    function test_claimBatch_withErc20() public {
        depositUsd(95 ether);
        nextSnapshot();
        depositUsd(95 ether);
        nextSnapshot();
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (1, 2);
        vm.prank(carol);
        token.claimBatch(ids);
        assertEq(usd.balanceOf(carol), 2 * (76 ether * 20 / 95));
        assertEq(carol.balance, 0);
    }

    function test_claimableRevenue_outOfRange_isZero() public view {
        assertEq(token.claimableRevenue(alice, 0), 0);
        assertEq(token.claimableRevenue(alice, 5), 0);
    }

    function test_claimableERC20_notRevenueToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NotRevenueToken.selector, address(2)));
        token.claimableERC20(alice, 1, address(2));
    }

    function test_claims_dustStaysInPoolAndRollsForward() public {
        // Three equal eligible holders: 1/3 each of a pool of 10 wei leaves 1 wei of dust.
        IRevShareToken.Config memory config = defaultConfig();
        config.holders = new address[](3);
        config.amounts = new uint256[](3);
        (config.holders[0], config.holders[1], config.holders[2]) = (alice, bob, carol);
        (config.amounts[0], config.amounts[1], config.amounts[2]) = (1 ether, 1 ether, 1 ether);
        config.revenueExcluded = new address[](0);
        config.claimableBps = 10_000;
        token = new RevShareToken(config);
        deposit(10);
        nextSnapshot();
        vm.prank(alice);
        token.claim(1);
        vm.prank(bob);
        token.claim(1);
        vm.prank(carol);
        token.claim(1);
        (uint256 pool, uint256 claimed) = token.snapshotPool(1, address(0));
        assertEq(pool, 10);
        assertEq(claimed, 9);
        assertEq(token.books(address(0)).openClaimable, 1, "the dust is still booked");
        nextSnapshot();
        nextSnapshot();
        (pool,) = token.snapshotPool(3, address(0));
        assertEq(pool, 1, "and rolls forward when the window closes");
    }
}

// ====================================================================== burn

contract RevShareToken_Burn_Test is RevShareTokenSetup {
    function test_burn_redeemsProRata() public {
        deposit(10 ether);
        depositUsd(10 ether);
        nextSnapshot(); // redeem pools: 2 ETH, 2 USD
        uint256 eligible = token.eligibleSupply();
        uint256 amount = SUPPLY / 10;
        uint256 expected = uint256(2 ether) * amount / eligible;
        assertEq(token.redeemableOnBurn(amount), expected);
        assertEq(token.redeemableERC20OnBurn(amount, address(usd)), expected);
        vm.expectEmit(address(token));
        emit IRevShareToken.BurnRedeemed(alice, address(0), amount, expected);
        vm.prank(alice);
        token.burn(amount);
        assertEq(alice.balance, expected);
        assertEq(usd.balanceOf(alice), expected);
        assertEq(token.totalSupply(), SUPPLY - amount);
        assertEq(token.eligibleSupply(), eligible - amount);
        assertEq(token.books(address(0)).redeemPool, 2 ether - expected);
        assertEq(token.books(address(0)).redeemed, expected);
    }

    function test_burn_everythingEligible_takesWholePool() public {
        deposit(10 ether);
        nextSnapshot();
        address[3] memory others = [bob, carol, dave];
        for (uint256 i; i < 3; ++i) {
            uint256 balance = token.balanceOf(others[i]);
            vm.prank(others[i]);
            token.transfer(alice, balance);
        }
        uint256 all = token.balanceOf(alice);
        assertEq(all, token.eligibleSupply());
        vm.prank(alice);
        token.burn(all);
        assertEq(alice.balance, 2 ether);
        assertEq(token.books(address(0)).redeemPool, 0);
    }

    function test_burn_afterSnapshot_keepsClaim() public {
        deposit(10 ether);
        nextSnapshot();
        uint256 claimable = token.claimableRevenue(alice, 1);
        uint256 all = token.balanceOf(alice);
        vm.startPrank(alice);
        token.burn(all);
        token.claim(1);
        vm.stopPrank();
        assertEq(alice.balance, claimable + uint256(2 ether) * (SUPPLY * 40 / 100) / (SUPPLY * 95 / 100));
    }

    function test_burn_excluded_redeemsNothing() public {
        deposit(10 ether);
        nextSnapshot();
        uint256 eligible = token.eligibleSupply();
        vm.prank(sale);
        token.burn(1 ether);
        assertEq(sale.balance, 0);
        assertEq(token.eligibleSupply(), eligible, "excluded tokens were never eligible");
        assertEq(token.books(address(0)).redeemPool, 2 ether);
    }

    function test_burn_zero_reverts() public {
        vm.expectRevert(IRevShareToken.RevShareToken_ZeroAmount.selector);
        vm.prank(alice);
        token.burn(0);
    }

    function test_burn_moreThanBalance_reverts() public {
        uint256 balance = token.balanceOf(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, dave, balance, balance + 1)
        );
        vm.prank(dave);
        token.burn(balance + 1);
    }

    function test_redeemableOnBurn_capsAtEligibleSupply() public {
        deposit(10 ether);
        nextSnapshot();
        assertEq(token.redeemableOnBurn(type(uint256).max), 2 ether);
    }

    function test_redeemableERC20OnBurn_notRevenueToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NotRevenueToken.selector, address(3)));
        token.redeemableERC20OnBurn(1, address(3));
    }
}

// ====================================================================== ERC-20 behaviour

contract RevShareToken_Erc20_Test is RevShareTokenSetup {
    function test_transfer_toTokenItself_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(token)));
        vm.prank(alice);
        token.transfer(address(token), 1);
    }

    function test_transfer_insufficient_reverts() public {
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, stranger, 0, 1));
        vm.prank(stranger);
        token.transfer(alice, 1);
    }

    function test_transferFrom_usesAllowance() public {
        vm.prank(alice);
        token.approve(bob, 5 ether);
        vm.prank(bob);
        token.transferFrom(alice, carol, 5 ether);
        assertEq(token.allowance(alice, bob), 0);
        assertEq(token.balanceOf(carol), SUPPLY * 20 / 100 + 5 ether);
    }

    function test_selfTransfer_keepsBalance() public {
        uint256 before = token.balanceOf(alice);
        nextSnapshot();
        vm.prank(alice);
        token.transfer(alice, 1 ether);
        assertEq(token.balanceOf(alice), before);
        nextSnapshot();
        assertEq(token.balanceOfAt(alice, 2), before);
    }

    function test_permit_setsAllowance() public {
        (address owner, uint256 key) = makeAddrAndKey("owner");
        vm.prank(alice);
        token.transfer(owner, 1 ether);
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                token.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        owner,
                        bob,
                        1 ether,
                        0,
                        block.timestamp
                    )
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        token.permit(owner, bob, 1 ether, block.timestamp, v, r, s);
        assertEq(token.allowance(owner, bob), 1 ether);
    }
}

// ====================================================================== fuzz

contract RevShareToken_Fuzz_Test is RevShareTokenSetup {
    /// @notice Every eligible holder's claim is floor(pool * balance / eligible), and all claims together
    ///         never exceed the pool; the rest is still booked.
    function testFuzz_claim_proRataAndBounded(uint256 revenue, uint256 moved) public {
        revenue = bound(revenue, 1, 100_000 ether);
        moved = bound(moved, 0, SUPPLY * 40 / 100);
        vm.prank(alice);
        token.transfer(dave, moved);
        deposit(revenue);
        nextSnapshot();
        (uint256 pool,) = token.snapshotPool(1, address(0));
        assertEq(pool, revenue * 8000 / 10_000);
        address[4] memory holders = [alice, bob, carol, dave];
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            uint256 expected = pool * token.balanceOf(holders[i]) / token.eligibleSupply();
            assertEq(token.claimableRevenue(holders[i], 1), expected);
            if (expected == 0) continue;
            vm.prank(holders[i]);
            token.claim(1);
            assertEq(holders[i].balance, expected);
            total += expected;
        }
        assertLe(total, pool);
        assertEq(token.books(address(0)).openClaimable, pool - total);
        assertEq(address(token).balance, token.bookedBalance(address(0)));
    }

    /// @notice Burning redeems amount / eligible of the pool, rounded down, and the books stay exact.
    function testFuzz_burn_redeemsProRata(uint256 revenue, uint256 amount) public {
        revenue = bound(revenue, 1, 100_000 ether);
        amount = bound(amount, 1, token.balanceOf(alice));
        deposit(revenue);
        nextSnapshot();
        uint256 pool = token.books(address(0)).redeemPool;
        uint256 eligible = token.eligibleSupply();
        vm.prank(alice);
        token.burn(amount);
        assertEq(alice.balance, pool * amount / eligible);
        assertEq(token.books(address(0)).redeemPool, pool - pool * amount / eligible);
        assertEq(address(token).balance, token.bookedBalance(address(0)));
    }

    /// @notice The split of a period's revenue is exact whatever the claimable share.
    function testFuzz_snapshot_splitIsExact(uint16 bps, uint256 revenue) public {
        bps = uint16(bound(bps, 0, 10_000));
        revenue = bound(revenue, 1, type(uint96).max);
        IRevShareToken.Config memory config = defaultConfig();
        config.claimableBps = bps;
        token = new RevShareToken(config);
        vm.deal(payer, revenue);
        deposit(revenue);
        nextSnapshot();
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.openClaimable, revenue * bps / 10_000);
        assertEq(b.openClaimable + b.redeemPool, revenue);
    }

    /// @notice History is exact for any pattern of transfers across snapshots.
    function testFuzz_balanceOfAt_matchesRecorded(uint256[8] memory amounts) public {
        uint256[9] memory recorded;
        for (uint256 i; i < 8; ++i) {
            uint256 amount = bound(amounts[i], 0, token.balanceOf(bob));
            if (i % 3 != 2) {
                vm.prank(bob);
                token.transfer(carol, amount);
            }
            recorded[i + 1] = token.balanceOf(bob);
            nextSnapshot();
        }
        for (uint256 s = 1; s <= 8; ++s) {
            assertEq(token.balanceOfAt(bob, s), recorded[s]);
        }
    }
}
