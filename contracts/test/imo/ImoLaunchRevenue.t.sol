// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IImoLaunch} from "../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch_TestInit} from "./ImoLaunch.t.sol";
import {BlacklistERC20, LaunchInvestor, MintableERC20} from "./mocks/LaunchActors.sol";

/// @dev A launch whose token snapshots daily, and a payer who sends it revenue.
contract ImoLaunch_Revenue_TestInit is ImoLaunch_TestInit {
    address internal constant ETH = address(0);
    uint48 internal constant INTERVAL = 1 days;
    address internal payer = makeAddr("payer");

    function setUp() public virtual override {
        super.setUp();
        vm.deal(payer, 10_000 ether);
    }

    function _revenueParams() internal view returns (IImoLaunch.LaunchParams memory p) {
        p = _params();
        p.token.snapshotInterval = INTERVAL;
    }

    function _pay(IRevShareToken token, uint256 amount) internal {
        vm.prank(payer);
        token.depositRevenue{value: amount}();
    }

    /// @dev ETH received by `who` while `claimAllocation` runs for it.
    function _collect(address who) internal returns (uint256 received) {
        uint256 before = who.balance;
        vm.prank(who);
        launch.claimAllocation(modelId);
        received = who.balance - before;
    }

    /// @dev ETH received by `who` claiming snapshot `id` from the token directly.
    function _claimDirect(IRevShareToken token, address who, uint256 id) internal returns (uint256 received) {
        uint256 before = who.balance;
        vm.prank(who);
        token.claim(id);
        received = who.balance - before;
    }

    /// @dev held = harvested - paid - recycled, for ETH.
    function _ethHeld() internal view returns (uint256) {
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        return b.harvested - b.paid - b.recycled;
    }

    /// @dev The launch's ETH: raise books + revenue held + credits.
    function _assertEthBooks() internal view {
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        uint256 raise = uint256(l.totalRaised) - l.refundsPaid - l.withdrawn - l.proceedsReleased - l.ethDust;
        assertEq(address(launch).balance, raise + _ethHeld() + launch.totalCredits(ETH), "ETH books");
    }
}

contract ImoLaunch_Revenue_Test is ImoLaunch_Revenue_TestInit {
    // ------------------------------------------------------------------ issue 12, item 5 (regressions)

    /// @notice Issue 12, item 5: an investor's revenue must not depend on when it collects its allocation.
    ///         Alice collects at once and claims her snapshots from the token; Bob, with the same deposit,
    ///         collects two snapshots later and must receive the same revenue (to the rounding wei) with his
    ///         tokens. Checked against the code before the fix: the launch was revenue-excluded, Bob received
    ///         0 wei (this test failed at the `bob == alice` assertion) and the team took 2/9 of each pool
    ///         instead of 1/7.
    function test_issue12_lateCollector_receivesWhatItWouldHaveClaimed() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 75 ether);
        _deposit(bob, 75 ether);
        vm.warp(end);
        launch.settle(modelId);
        // her collection also takes the snapshot that fell due during the raise (nothing to split)
        assertEq(_collect(alice), 0, "no refund at the exact target");
        assertEq(token.currentSnapshotId(), 1, "the due snapshot was taken");

        _pay(token, 10 ether);
        vm.warp(block.timestamp + INTERVAL);
        uint256 s1 = token.snapshot();
        // the team holds 10 % of the supply and the eligible supply is 70 % (liquidity excluded): 1/7
        (uint256 pool1,) = token.snapshotPool(s1, ETH);
        assertEq(token.claimableRevenue(team, s1), pool1 / 7, "team share");
        uint256 aliceRevenue = _claimDirect(token, alice, s1);

        vm.warp(block.timestamp + INTERVAL);
        _pay(token, 6 ether + 7);
        uint256 s2 = token.snapshot();
        aliceRevenue += _claimDirect(token, alice, s2);

        uint256 bobRevenue = _collect(bob);
        assertEq(token.balanceOf(bob), token.balanceOf(alice), "same allocation");
        assertGt(aliceRevenue, 0);
        // floors: at most 1 wei per snapshot apart
        assertApproxEqAbs(bobRevenue, aliceRevenue, 2, "bob == alice");
        assertLe(bobRevenue, aliceRevenue + 1);
        _assertEthBooks();
    }

    /// @notice Issue 12, item 5, the reviewer's case: anyone settles and snapshots in one transaction; the
    ///         revenue that waited during the raise is split at once while every sold token is still here.
    ///         The team (10 % of the supply) must get 1/7 of the pool, the sold tokens 5/7, paid to their
    ///         investors when they collect. Checked against the code before the fix: the team took 1/2 of the
    ///         pool (the assertion on the team's claim failed).
    function test_issue12_settleAndSnapshotInOneTx_saleKeepsItsShare() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 100 ether);
        _deposit(bob, 50 ether);
        vm.warp(end);
        _pay(token, 80 ether);
        launch.settle(modelId);
        uint256 s1 = token.snapshot();
        (uint256 pool,) = token.snapshotPool(s1, ETH);
        assertEq(pool, 64 ether);

        assertEq(_claimDirect(token, team, s1), pool / 7, "team: 1/7 of the pool");
        uint256 toAlice = _collect(alice);
        uint256 toBob = _collect(bob);
        // the sale's 5/7, split 2:1
        assertApproxEqAbs(toAlice, pool * 5 / 7 * 2 / 3, 2, "alice");
        assertApproxEqAbs(toBob, pool * 5 / 7 / 3, 2, "bob");
        _assertEthBooks();
    }

    // ------------------------------------------------------------------ issue 12, item 7 (regressions)

    /// @notice Issue 12, item 7: an investor contract that refuses ETH and is owed a refund still gets its
    ///         tokens; the refund is credited and it withdraws it to an address of its choice. Checked against
    ///         the code before the fix: `claimFor` reverted with `ImoLaunch_EthTransferFailed`, so it could never
    ///         collect its tokens.
    function test_issue12_ethRefusingInvestor_getsTokensAndRefundCredited() public {
        IRevShareToken token = _create();
        LaunchInvestor refuser = new LaunchInvestor(launch, LaunchInvestor.Mode.Refuse);
        vm.deal(address(refuser), 10 ether);
        vm.warp(start);
        refuser.deposit{value: 10 ether}(modelId);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        uint256 refund = uint256(10 ether) * 10 ether / (TARGET + 10 ether);

        vm.expectEmit(address(launch));
        emit IImoLaunch.PaymentCredited(address(refuser), ETH, refund);
        vm.prank(stranger);
        (uint256 tokens,) = launch.claimFor(modelId, address(refuser));
        assertEq(token.balanceOf(address(refuser)), tokens, "tokens delivered");
        assertEq(tokens, SALE * 10 ether / (TARGET + 10 ether));
        assertEq(launch.creditOf(address(refuser), ETH), refund);
        assertEq(launch.totalCredits(ETH), refund);
        _assertEthBooks();

        uint256 before = carol.balance;
        refuser.withdrawCredit(ETH, carol);
        assertEq(carol.balance, before + refund);
        assertEq(launch.creditOf(address(refuser), ETH), 0);
        _assertEthBooks();
    }

    /// @notice Issue 12, item 7: one investor that refuses ETH cannot block `sweepDust`. Checked against the
    ///         code before the fix: its claim reverted, its deposit stayed unsettled and `sweepDust` reverted with
    ///         `ImoLaunch_ClaimsOutstanding` forever.
    function test_issue12_ethRefusingInvestor_cannotBlockSweepDust() public {
        _create();
        LaunchInvestor refuser = new LaunchInvestor(launch, LaunchInvestor.Mode.Refuse);
        vm.deal(address(refuser), 10 ether + 3);
        vm.warp(start);
        refuser.deposit{value: 10 ether + 3}(modelId);
        _deposit(alice, TARGET + 1);
        vm.warp(end);
        launch.settle(modelId);
        try launch.claimFor(modelId, address(refuser)) {} catch {}
        vm.prank(alice);
        launch.claimAllocation(modelId);
        launch.releaseProceeds(modelId);
        launch.sweepDust(modelId);
        assertTrue(launch.getLaunch(modelId).dustSwept);
        _assertEthBooks();
    }

    /// @notice Issue 12, item 7: an investor that burns all the gas it is given costs a `claimFor` caller a
    ///         bounded amount (the `ETH_PUSH_GAS` stipend), and its payment is credited.
    function test_claimFor_gasBurningInvestor_costBounded() public {
        _create();
        LaunchInvestor burner = new LaunchInvestor(launch, LaunchInvestor.Mode.BurnGas);
        vm.deal(address(burner), 10 ether);
        vm.warp(start);
        burner.deposit{value: 10 ether}(modelId);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        uint256 gasBefore = gasleft();
        vm.prank(stranger);
        launch.claimFor{gas: 5_000_000}(modelId, address(burner));
        uint256 used = gasBefore - gasleft();
        assertLt(used, 250_000, "bounded by the stipend");
        assertGt(launch.creditOf(address(burner), ETH), 0);
    }

    function test_withdraw_ethRefusingInvestor_credited() public {
        _create();
        LaunchInvestor refuser = new LaunchInvestor(launch, LaunchInvestor.Mode.Refuse);
        vm.warp(start);
        refuser.deposit{value: 10 ether}(modelId);
        vm.warp(end);
        launch.settle(modelId);
        vm.prank(address(refuser));
        assertEq(launch.withdraw(modelId), 10 ether);
        assertEq(launch.creditOf(address(refuser), ETH), 10 ether);
        _assertEthBooks();
        refuser.setMode(LaunchInvestor.Mode.Accept);
        refuser.withdrawCredit(ETH, address(refuser));
        assertEq(address(refuser).balance, 10 ether);
        assertEq(address(launch).balance, 0);
    }

    function test_withdrawCredit_nothing_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_NothingToWithdraw.selector, alice, ETH));
        vm.prank(alice);
        launch.withdrawCredit(ETH, alice);
    }

    function test_withdrawCredit_toRefuser_reverts() public {
        _create();
        LaunchInvestor refuser = new LaunchInvestor(launch, LaunchInvestor.Mode.Refuse);
        vm.deal(address(refuser), 1 ether);
        vm.warp(start);
        refuser.deposit{value: 1 ether}(modelId);
        vm.warp(end);
        launch.settle(modelId);
        vm.prank(address(refuser));
        launch.withdraw(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_EthTransferFailed.selector, address(refuser), 1 ether)
        );
        refuser.withdrawCredit(ETH, address(refuser));
    }

    // ------------------------------------------------------------------ what nobody bought is recycled

    function test_receive_fromStranger_reverts() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        (bool ok, bytes memory data) = address(launch).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(data, abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnexpectedEth.selector, stranger));
    }

    /// @dev A snapshot during the raise: the unsold sale's share is harvested and goes straight back to the
    ///      token as revenue; the deposits are untouched.
    function test_harvest_duringRaise_recyclesIntoToken() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 20 ether);
        vm.warp(start + INTERVAL);
        _pay(token, 7 ether);
        uint256 s1 = token.snapshot();
        uint256 share = token.claimableRevenue(address(launch), s1);
        assertEq(share, 5.6 ether * 5 / 7);

        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenueHarvested(modelId, s1, ETH, share, 0, false);
        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenueRecycled(modelId, ETH, share);
        vm.prank(stranger);
        launch.harvest(modelId);

        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        assertEq(b.harvested, share);
        assertEq(b.recycled, share);
        assertEq(b.toInvestors, 0);
        assertEq(token.books(ETH).pending, share, "back in the token as new revenue");
        assertEq(address(launch).balance, 20 ether);
        assertEq(launch.harvestCursor(modelId).harvestedThrough, s1);
        // nothing new: a second harvest is a no-op
        launch.harvest(modelId);
        assertEq(launch.revenueBooks(modelId, ETH).harvested, share);
    }

    /// @dev A failed raise: what the sale earned and what its burn redeems go back to the token; every deposit
    ///      is withdrawn in full.
    function test_settle_failedRaise_recyclesRevenueAndBurnRedemption() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 40 ether);
        vm.warp(start + INTERVAL);
        _pay(token, 10 ether);
        uint256 s1 = token.snapshot();
        uint256 share = token.claimableRevenue(address(launch), s1);
        uint256 redeemable = token.redeemableOnBurn(SALE);
        assertEq(redeemable, uint256(2 ether) * 5 / 7);

        vm.warp(end);
        launch.settle(modelId);
        assertEq(token.balanceOf(address(launch)), 0);
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        assertEq(b.harvested, share + redeemable);
        assertEq(b.recycled, share + redeemable);
        assertEq(token.books(ETH).pending, share + redeemable);
        assertEq(address(launch).balance, 40 ether);
        vm.prank(alice);
        launch.withdraw(modelId);
        assertEq(address(launch).balance, 0);
    }

    /// @dev The accumulators' rounding dust and what the token dust's burn redeems are recycled at the sweep,
    ///      after which the launch holds no revenue.
    function test_sweepDust_recyclesRevenueDust() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 100 ether + 1);
        _deposit(bob, 70 ether + 3);
        _deposit(carol, 33 ether + 7);
        vm.warp(end);
        launch.settle(modelId);
        _pay(token, 10 ether + 13);
        token.snapshot();
        vm.warp(block.timestamp + INTERVAL);
        _pay(token, 3 ether + 5);
        token.snapshot();
        _collect(alice);
        _collect(bob);
        _collect(carol);
        launch.releaseProceeds(modelId);
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        uint256 dust = b.harvested - b.paid - b.recycled;
        assertLt(dust, 2 + 3, "under 1 wei per snapshot and per investor");
        _assertEthBooks();

        launch.sweepDust(modelId);
        b = launch.revenueBooks(modelId, ETH);
        assertEq(b.harvested, b.paid + b.recycled, "nothing held");
        assertEq(token.balanceOf(address(launch)), 0);
        _assertEthBooks();
        // a later harvest of anything still open is recycled at once
        launch.harvest(modelId);
        b = launch.revenueBooks(modelId, ETH);
        assertEq(b.harvested, b.paid + b.recycled);
    }

    /// @dev A snapshot that closes before anybody harvests lapses (its pool rolls on, as for any holder); the
    ///      cursor skips it.
    function test_harvest_lapsedSnapshot_skipped() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        _pay(token, 1 ether);
        token.snapshot();
        for (uint256 i; i < 2; ++i) {
            vm.warp(block.timestamp + INTERVAL);
            token.snapshot();
        }
        // snapshot 1 is closed (window 2, current 3): its pool rolled into snapshot 3, which the launch shares
        launch.harvest(modelId);
        assertFalse(token.hasClaimed(address(launch), 1), "lapsed, never claimed");
        assertTrue(token.hasClaimed(address(launch), 3));
        assertEq(launch.harvestCursor(modelId).harvestedThrough, 3);
        _assertEthBooks();
    }

    function test_pendingRevenue_matchesPaid() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 90 ether + 1);
        _deposit(bob, 60 ether);
        vm.warp(end);
        launch.settle(modelId);
        _pay(token, 5 ether);
        token.snapshot();
        launch.harvest(modelId);
        uint256 pending = launch.pendingRevenue(modelId, alice, ETH);
        assertGt(pending, 0);
        (, uint256 refund,) = launch.previewAllocation(modelId, alice);
        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenuePaid(modelId, alice, ETH, pending);
        assertEq(_collect(alice), refund + pending);
        assertEq(launch.pendingRevenue(modelId, alice, ETH), 0);
    }

    // ------------------------------------------------------------------ ERC-20 revenue

    function _erc20Launch(address asset) internal returns (IRevShareToken token) {
        IImoLaunch.LaunchParams memory p = _revenueParams();
        p.token.revenueTokens = new address[](1);
        p.token.revenueTokens[0] = asset;
        token = _create(p);
    }

    function _payErc20(IRevShareToken token, MintableERC20 asset, uint256 amount) internal {
        asset.mint(payer, amount);
        vm.startPrank(payer);
        asset.approve(address(token), amount);
        token.depositRevenueERC20(address(asset), amount);
        vm.stopPrank();
    }

    /// @dev Each listed ERC-20 has its own accumulator: a late collector gets its share of every asset.
    function test_claimAllocation_erc20Revenue_paidPerAsset() public {
        MintableERC20 usd = new MintableERC20("USD");
        IRevShareToken token = _erc20Launch(address(usd));
        vm.warp(start);
        _deposit(alice, 75 ether);
        _deposit(bob, 75 ether);
        vm.warp(end);
        launch.settle(modelId);
        _collect(alice);
        _pay(token, 1 ether);
        _payErc20(token, usd, 1_000e6 + 1);
        vm.warp(block.timestamp + INTERVAL);
        uint256 s1 = token.snapshot();
        vm.prank(alice);
        token.claim(s1);
        _collect(bob);
        assertApproxEqAbs(usd.balanceOf(bob), usd.balanceOf(alice), 1, "same ERC-20 revenue");
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, address(usd));
        assertEq(usd.balanceOf(address(launch)), b.harvested - b.paid - b.recycled, "ERC-20 books");
    }

    /// @dev An investor blacklisted by a revenue ERC-20 still gets its tokens and its ETH; the ERC-20 it cannot
    ///      receive is credited.
    function test_claimAllocation_blacklistedInvestor_erc20Credited() public {
        BlacklistERC20 blk = new BlacklistERC20();
        IRevShareToken token = _erc20Launch(address(blk));
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        blk.mint(payer, 700);
        vm.startPrank(payer);
        blk.approve(address(token), 700);
        token.depositRevenueERC20(address(blk), 700);
        vm.stopPrank();
        _pay(token, 1 ether);
        token.snapshot();
        blk.setBlocked(alice, true);
        uint256 received = _collect(alice);
        assertGt(received, 0, "ETH revenue paid");
        assertEq(token.balanceOf(alice), SALE);
        uint256 credit = launch.creditOf(alice, address(blk));
        // the sale's 5/7 of the 560 claimable, less the accumulator's rounding
        assertApproxEqAbs(credit, 400, 1);
        IImoLaunch.RevenueBooks memory books = launch.revenueBooks(modelId, address(blk));
        assertEq(blk.balanceOf(address(launch)), books.harvested - books.paid - books.recycled + credit);
        blk.setBlocked(alice, false);
        vm.prank(alice);
        launch.withdrawCredit(address(blk), alice);
        assertEq(blk.balanceOf(alice), credit);
    }

    /// @dev The launch's balance of `asset` plus what the token still owes it = revenue held + credits.
    function _assertErc20Books(IRevShareToken token, address asset) internal view {
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, asset);
        assertEq(
            IERC20(asset).balanceOf(address(launch)) + token.creditOf(address(launch), asset),
            b.harvested - b.paid - b.recycled + launch.totalCredits(asset),
            "ERC-20 books"
        );
    }

    /// @notice A revenue ERC-20 that refuses the launch: the token credits the launch's share instead of paying
    ///         it (and pays the ETH), the launch books it like a payout that arrived, the investor who collects
    ///         meanwhile is owed its exact share (credited, the launch cannot send it yet), and the launch pulls
    ///         the token's credit once the asset accepts it again. Checked against the launch before it pulled
    ///         the token's credits (it booked only what arrived): nothing was booked, the investor's credit was
    ///         0 (the `credit` assertion failed) and the 400 units stayed owed to the launch by the token forever.
    function test_harvest_tokenCreditsLaunch_bookedExactlyAndPulled() public {
        BlacklistERC20 blk = new BlacklistERC20();
        IRevShareToken token = _erc20Launch(address(blk));
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        token.snapshot(); // the snapshot that fell due during the raise
        blk.mint(payer, 700);
        vm.startPrank(payer);
        blk.approve(address(token), 700);
        token.depositRevenueERC20(address(blk), 700);
        vm.stopPrank();
        _pay(token, 1 ether);
        vm.warp(block.timestamp + INTERVAL);
        token.snapshot();
        blk.setBlocked(address(launch), true);

        launch.harvest(modelId);
        // the sale's 5/7 of the 560 claimable, credited to the launch by the token, booked for the investors
        uint256 owedByToken = token.creditOf(address(launch), address(blk));
        assertEq(owedByToken, 400, "credited by the token");
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, address(blk));
        assertEq(b.harvested, owedByToken, "booked though it did not arrive");
        assertEq(b.toInvestors, owedByToken);
        assertGt(launch.revenueBooks(modelId, ETH).harvested, 0, "ETH harvested all the same");
        _assertErc20Books(token, address(blk));

        uint256 received = _collect(alice);
        assertGt(received, 0, "ETH revenue paid");
        assertEq(token.balanceOf(alice), SALE, "tokens delivered");
        uint256 credit = launch.creditOf(alice, address(blk));
        assertApproxEqAbs(credit, 400, 1, "credit");
        assertEq(launch.revenueBooks(modelId, address(blk)).paid, credit);
        _assertErc20Books(token, address(blk));
        _assertEthBooks();

        // the asset accepts the launch again: the next harvest pulls the token's credit
        blk.setBlocked(address(launch), false);
        launch.harvest(modelId);
        assertEq(token.creditOf(address(launch), address(blk)), 0, "pulled");
        assertEq(blk.balanceOf(address(launch)), owedByToken);
        _assertErc20Books(token, address(blk));
        vm.prank(alice);
        launch.withdrawCredit(address(blk), alice);
        assertEq(blk.balanceOf(alice), credit, "alice paid her share");
        _assertErc20Books(token, address(blk));
    }

    /// @dev A payout the token credits is pulled in the same call when the asset accepts the launch by then: a
    ///      collection pays the investor its share at once.
    function test_claimAllocation_pullsTokenCreditBeforePaying() public {
        BlacklistERC20 blk = new BlacklistERC20();
        IRevShareToken token = _erc20Launch(address(blk));
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        token.snapshot();
        blk.mint(payer, 700);
        vm.startPrank(payer);
        blk.approve(address(token), 700);
        token.depositRevenueERC20(address(blk), 700);
        vm.stopPrank();
        vm.warp(block.timestamp + INTERVAL);
        token.snapshot();
        blk.setBlocked(address(launch), true);
        launch.harvest(modelId);
        assertEq(token.creditOf(address(launch), address(blk)), 400);
        blk.setBlocked(address(launch), false);

        vm.expectEmit(address(token));
        emit IRevShareToken.CreditWithdrawn(address(launch), address(blk), address(launch), 400);
        _collect(alice);
        assertApproxEqAbs(blk.balanceOf(alice), 400, 1, "paid, not credited");
        assertEq(token.creditOf(address(launch), address(blk)), 0);
        _assertErc20Books(token, address(blk));
    }

    /// @dev While the token still owes the launch an asset, recycling takes no more of it than the launch holds
    ///      for this launch (never another launch's revenue of the same asset); the rest waits for the pull.
    function test_sweepDust_tokenStillOwesLaunch_recyclesOnlyWhatIsHere() public {
        MintableERC20 usd = new MintableERC20("USD");
        BlacklistERC20 blk = new BlacklistERC20();
        IImoLaunch.LaunchParams memory p = _revenueParams();
        p.token.revenueTokens = new address[](2);
        (p.token.revenueTokens[0], p.token.revenueTokens[1]) = (address(usd), address(blk));
        IRevShareToken token = _create(p);
        vm.warp(start);
        _deposit(alice, TARGET + 1);
        vm.warp(end);
        launch.settle(modelId);
        token.snapshot();
        blk.mint(payer, 7_001);
        vm.startPrank(payer);
        blk.approve(address(token), 7_001);
        token.depositRevenueERC20(address(blk), 7_001);
        vm.stopPrank();
        vm.warp(block.timestamp + INTERVAL);
        token.snapshot();
        blk.setBlocked(address(launch), true);
        _collect(alice);
        launch.releaseProceeds(modelId);
        launch.sweepDust(modelId);
        // the accumulator's dust is owed by the token too: nothing of it is here to recycle yet
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, address(blk));
        assertEq(b.recycled, 0, "nothing recycled that is not here");
        assertEq(blk.balanceOf(address(launch)), 0);
        _assertErc20Books(token, address(blk));

        blk.setBlocked(address(launch), false);
        launch.harvest(modelId);
        b = launch.revenueBooks(modelId, address(blk));
        assertEq(token.creditOf(address(launch), address(blk)), 0, "pulled");
        assertEq(b.harvested, b.paid + b.recycled, "dust recycled once here");
        vm.prank(alice);
        launch.withdrawCredit(address(blk), alice);
        assertEq(blk.balanceOf(address(launch)), 0, "nothing left");
        _assertErc20Books(token, address(blk));
    }

    // ------------------------------------------------------------------ due-time balances

    /// @notice An investor who collects after a snapshot fell due, before anyone took it: its tokens were still
    ///         here at the due time, so that snapshot counts them for the launch, and the investor must be paid
    ///         its share of it with them, like an investor who collects later. Alice collects at the due time,
    ///         Bob (same deposit) after the snapshot: both must receive the same revenue. Checked against the
    ///         launch before it took the due snapshot first: Alice received 0 wei (her share of the snapshot
    ///         stayed in the accumulator as dust; the `alice == bob` assertion failed).
    function test_claimAllocation_afterDueTimeBeforeSnapshot_paidTheDueSnapshot() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, 75 ether);
        _deposit(bob, 75 ether);
        vm.warp(end);
        launch.settle(modelId);
        token.snapshot(); // the snapshot that fell due during the raise
        _pay(token, 10 ether + 7);
        vm.warp(token.nextSnapshotAt());
        uint256 due = token.currentSnapshotId() + 1;

        uint256 toAlice = _collect(alice);
        bool tookIt = token.currentSnapshotId() == due;
        // a keeper takes the due snapshot if nobody did
        if (!tookIt) token.snapshot();
        vm.warp(block.timestamp + 1 hours);
        uint256 toBob = _collect(bob);

        assertApproxEqAbs(toAlice, toBob, 1, "alice == bob");
        (uint256 pool,) = token.snapshotPool(due, ETH);
        assertGt(toAlice, 0);
        assertApproxEqAbs(toAlice, pool * 5 / 7 / 2, 2, "half of the sale's 5/7");
        assertTrue(tookIt, "her collection took the due snapshot");
        assertEq(token.balanceOfAt(alice, due), 0, "her tokens counted here");
        // she cannot claim it twice from the token
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_NothingToClaim.selector, alice, due)
        );
        vm.prank(alice);
        token.claim(due);
        _assertEthBooks();
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        assertLe(b.toInvestors - b.paid, 2, "only rounding dust left");
    }

    /// @dev `claimFor` (anyone, for an investor) takes the due snapshot too.
    function test_claimFor_afterDueTime_takesTheDueSnapshot() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        assertGe(block.timestamp, token.nextSnapshotAt(), "due during the raise");
        _pay(token, 1 ether);
        uint256 before = alice.balance;
        vm.prank(stranger);
        launch.claimFor(modelId, alice);
        // the whole sale is alice's: the sale's 5/7 of the 0.8 ETH pool
        assertApproxEqAbs(alice.balance - before, uint256(0.8 ether) * 5 / 7, 1);
        assertEq(token.currentSnapshotId(), 1);
        assertEq(launch.harvestCursor(modelId).settledAtSnapshot, 0);
        _assertEthBooks();
    }

    /// @dev Before the due time, a collection takes no snapshot (none is due) and the tokens count for the
    ///      investor in the next one.
    function test_claimAllocation_beforeDueTime_takesNoSnapshot() public {
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        token.snapshot();
        vm.warp(token.nextSnapshotAt() - 1);
        _collect(alice);
        assertEq(token.currentSnapshotId(), 1, "no snapshot taken");
        vm.warp(block.timestamp + 1);
        uint256 id = token.snapshot();
        assertEq(token.balanceOfAt(alice, id), SALE, "counted for her");
        assertEq(token.balanceOfAt(address(launch), id), 0);
    }

    // ------------------------------------------------------------------ no eligible holder

    /// @notice Revenue the launch recycles into a token that has no eligible holder left follows the token's
    ///         rule: it stays pending (no snapshot splits it) until an eligible holder exists, every wei booked.
    ///         Here the public sale and an excluded liquidity reserve are the whole supply, the raise fails and
    ///         its burn removes every eligible token before the next snapshot falls due.
    function test_settle_failedRaise_noEligibleHolderLeft_recycledRevenueStaysPending() public {
        IImoLaunch.LaunchParams memory p = _revenueParams();
        p.publicSaleBps = 7000;
        p.contributors = IImoLaunch.Allocation(contributors, 0);
        p.team = IImoLaunch.Allocation(team, 0);
        IRevShareToken token = _create(p);
        vm.warp(start);
        _deposit(alice, 40 ether);
        _pay(token, 10 ether + 3);
        // the last snapshot before the end, so none is due when the raise settles
        vm.warp(end - 1 hours);
        token.snapshot();
        vm.warp(end);
        assertLt(block.timestamp, token.nextSnapshotAt(), "nothing due at settlement");
        launch.settle(modelId);
        assertEq(uint256(launch.status(modelId)), uint256(IImoLaunch.Status.Failed));
        assertEq(token.eligibleSupply(), 0, "no eligible holder left");

        // the launch was the only eligible holder: its share of the pool and the whole redeem pool come back
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelId, ETH);
        assertEq(b.recycled, b.harvested, "all recycled");
        IRevShareToken.Books memory books = token.books(ETH);
        assertEq(books.pending, b.recycled, "pending again");
        assertEq(books.redeemPool, 0);
        assertEq(b.recycled + books.openClaimable, 10 ether + 3, "every wei");

        // the next snapshots split nothing: the revenue waits for an eligible holder
        _pay(token, 1 ether);
        for (uint256 i; i < 2; ++i) {
            vm.warp(token.nextSnapshotAt());
            uint256 id = token.snapshot();
            assertEq(token.eligibleSupplyAt(id), 0);
            (uint256 pool,) = token.snapshotPool(id, ETH);
            assertEq(pool, 0, "nothing split");
        }
        books = token.books(ETH);
        assertEq(books.pending, b.recycled + 1 ether, "still pending");
        assertEq(address(token).balance, token.bookedBalance(ETH), "the token holds its books");
        // received counts the payers' revenue and, again, what the launch recycled
        assertEq(books.received, 11 ether + 3 + b.recycled);
        launch.harvest(modelId);
        assertEq(launch.revenueBooks(modelId, ETH).harvested, b.harvested, "nothing more for the launch");
        vm.prank(alice);
        launch.withdraw(modelId);
        assertEq(address(launch).balance, 0);
    }

    // ------------------------------------------------------------------ fuzz

    /// @dev However long an investor waits to collect (0 to 4 snapshots), it receives what it would have
    ///      claimed holding its tokens since settlement, to 1 wei per snapshot.
    function testFuzz_claimAllocation_revenueIndependentOfCollectionTime(
        uint256 a,
        uint256 b,
        uint8 waitSnapshots,
        uint256 revenueSeed
    ) public {
        a = bound(a, 1 ether, 300 ether);
        b = bound(b, 1 ether, 300 ether);
        uint256 waits = bound(waitSnapshots, 0, 4);
        IRevShareToken token = _create(_revenueParams());
        vm.warp(start);
        _deposit(alice, a);
        _deposit(bob, b);
        vm.warp(end);
        launch.settle(modelId);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        (uint256 bobTokens,,) = launch.previewAllocation(modelId, bob);
        _collect(alice);
        uint256 shadow;
        // alice's collection took the snapshot that fell due during the raise
        for (uint256 i; i < waits; ++i) {
            vm.warp(block.timestamp + INTERVAL);
            _pay(token, bound(uint256(keccak256(abi.encode(revenueSeed, i))), 1, 50 ether));
            uint256 id = token.snapshot();
            (uint256 pool,) = token.snapshotPool(id, ETH);
            shadow += pool * bobTokens / token.eligibleSupplyAt(id);
            launch.harvest(modelId);
        }
        (, uint256 refund,) = launch.previewAllocation(modelId, bob);
        uint256 revenue = _collect(bob) - refund;
        // each snapshot's floors (the token's and the accumulator's) are under 1 wei apart, plus the final floor
        assertApproxEqAbs(revenue, shadow, waits + 1, "revenue = what a holder since settlement claims");
        _assertEthBooks();
    }
}
