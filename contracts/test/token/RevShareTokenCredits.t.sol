// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {MockRevenueToken} from "./RevShareTokenSetup.sol";
import {BlacklistRevenueToken} from "./mocks/BlacklistRevenueToken.sol";
import {MisbehavingRevenueToken} from "./mocks/MisbehavingRevenueToken.sol";

/// @dev A holder contract that refuses ETH until told otherwise, and withdraws its credits where it is told.
contract SwitchableEthHolder {
    bool public refuse = true;

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function claim(IRevShareToken token, uint256 snapshotId) external {
        token.claim(snapshotId);
    }

    function withdrawCredit(IRevShareToken token, address asset, address to) external returns (uint256) {
        return token.withdrawCredit(asset, to);
    }

    receive() external payable {
        require(!refuse, "refuses ETH");
    }
}

/// @title Payouts that cannot be delivered are credited, and pulled later (issue 12 item 4)
/// @notice Revenue in ETH, a blacklisting/pausable ERC-20 and a misbehaving ERC-20 (returns false or burns
///         all gas); alice 40 %, bob 60 %, 80 % claimable. After every scenario the books are checked to
///         the wei: held == pending + openClaimable + redeemPool + credited, and received is the sum of all
///         buckets.
contract RevShareTokenCreditsTest is Test {
    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint48 internal constant INTERVAL = 1 days;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal payer = makeAddr("payer");
    address internal elsewhere = makeAddr("elsewhere");

    RevShareToken internal token;
    BlacklistRevenueToken internal blk;
    MisbehavingRevenueToken internal bad;

    function setUp() public {
        blk = new BlacklistRevenueToken();
        bad = new MisbehavingRevenueToken();
        IRevShareToken.Config memory config;
        config.name = "Model";
        config.symbol = "MDL";
        config.holders = new address[](2);
        config.amounts = new uint256[](2);
        (config.holders[0], config.amounts[0]) = (alice, SUPPLY * 40 / 100);
        (config.holders[1], config.amounts[1]) = (bob, SUPPLY * 60 / 100);
        config.claimableBps = 8000;
        config.snapshotInterval = INTERVAL;
        config.claimWindow = 2;
        config.revenueTokens = new address[](2);
        (config.revenueTokens[0], config.revenueTokens[1]) = (address(blk), address(bad));
        token = new RevShareToken(config);
        _revenue(10 ether, 100 ether, 50 ether);
        vm.warp(token.nextSnapshotAt());
        token.snapshot(); // pools: 8 ETH, 80 BLK, 40 BAD; redeem pools: 2 ETH, 20 BLK, 10 BAD
    }

    function _revenue(uint256 eth, uint256 blkAmount, uint256 badAmount) internal {
        vm.deal(payer, eth);
        blk.mint(payer, blkAmount);
        bad.mint(payer, badAmount);
        vm.startPrank(payer);
        token.depositRevenue{value: eth}();
        blk.approve(address(token), blkAmount);
        token.depositRevenueERC20(address(blk), blkAmount);
        bad.approve(address(token), badAmount);
        token.depositRevenueERC20(address(bad), badAmount);
        vm.stopPrank();
    }

    /// @dev held == booked for every asset, and `received` is every bucket summed.
    function _assertBooksExact() internal view {
        address[3] memory assets = [address(0), address(blk), address(bad)];
        for (uint256 i; i < 3; ++i) {
            IRevShareToken.Books memory b = token.books(assets[i]);
            uint256 held = i == 0 ? address(token).balance : IERC20(assets[i]).balanceOf(address(token));
            assertEq(held, token.bookedBalance(assets[i]), "held == booked");
            assertEq(b.pending + b.openClaimable + b.redeemPool + b.credited, token.bookedBalance(assets[i]));
            assertEq(
                b.received,
                b.pending + b.openClaimable + b.redeemPool + b.credited + b.claimed + b.redeemed + b.withdrawn,
                "received"
            );
        }
    }

    // ------------------------------------------------------------------ claims and burns credit

    function test_claim_blacklisted_creditsThatAssetOnly() public {
        blk.setBlacklisted(alice, true);
        vm.expectEmit(address(token));
        emit IRevShareToken.PayoutCredited(alice, address(blk), 32 ether);
        vm.prank(alice);
        token.claim(1);
        assertEq(alice.balance, 3.2 ether, "ETH paid");
        assertEq(bad.balanceOf(alice), 16 ether, "the other ERC-20 paid");
        assertEq(blk.balanceOf(alice), 0);
        assertEq(token.creditOf(alice, address(blk)), 32 ether, "BLK credited");
        assertEq(token.creditOf(alice, address(0)), 0);
        IRevShareToken.Books memory b = token.books(address(blk));
        assertEq(b.credited, 32 ether);
        assertEq(b.claimed, 0, "claimed counts what was delivered");
        assertEq(b.openClaimable, 48 ether);
        assertEq(b.received, 100 ether);
        _assertBooksExact();
    }

    function test_burn_blacklisted_creditsThatAssetOnly() public {
        blk.setBlacklisted(alice, true);
        vm.expectEmit(address(token));
        emit IRevShareToken.PayoutCredited(alice, address(blk), 8 ether);
        vm.prank(alice);
        token.burn(SUPPLY * 40 / 100);
        assertEq(alice.balance, 0.8 ether);
        assertEq(bad.balanceOf(alice), 4 ether);
        assertEq(token.creditOf(alice, address(blk)), 8 ether);
        assertEq(token.books(address(blk)).redeemed, 0);
        assertEq(token.books(address(blk)).redeemPool, 12 ether);
        _assertBooksExact();
    }

    function test_credits_accumulateAcrossClaimsAndBurns() public {
        blk.setPaused(true);
        vm.startPrank(alice);
        token.claim(1);
        token.burn(SUPPLY * 10 / 100);
        vm.stopPrank();
        // claim: 40 % of 80; burn: 10 % of the 20 left in the redeem pool
        assertEq(token.creditOf(alice, address(blk)), 32 ether + 2 ether);
        _assertBooksExact();
        blk.setPaused(false);
        vm.prank(alice);
        assertEq(token.withdrawCredit(address(blk), alice), 34 ether);
        assertEq(blk.balanceOf(alice), 34 ether);
        _assertBooksExact();
    }

    // ------------------------------------------------------------------ withdrawCredit

    function test_withdrawCredit_afterUnblacklisting_paysTheHolder() public {
        blk.setBlacklisted(alice, true);
        vm.prank(alice);
        token.claim(1);
        blk.setBlacklisted(alice, false);
        vm.expectEmit(address(token));
        emit IRevShareToken.CreditWithdrawn(alice, address(blk), alice, 32 ether);
        vm.prank(alice);
        assertEq(token.withdrawCredit(address(blk), alice), 32 ether);
        assertEq(blk.balanceOf(alice), 32 ether);
        assertEq(token.creditOf(alice, address(blk)), 0);
        IRevShareToken.Books memory b = token.books(address(blk));
        assertEq(b.credited, 0);
        assertEq(b.withdrawn, 32 ether);
        _assertBooksExact();
    }

    function test_withdrawCredit_toAnotherAddress_whileBlacklisted() public {
        blk.setBlacklisted(alice, true);
        vm.startPrank(alice);
        token.claim(1);
        token.withdrawCredit(address(blk), elsewhere);
        vm.stopPrank();
        assertEq(blk.balanceOf(elsewhere), 32 ether);
        _assertBooksExact();
    }

    function test_withdrawCredit_transferFails_revertsAndKeepsTheCredit() public {
        blk.setBlacklisted(alice, true);
        vm.startPrank(alice);
        token.claim(1);
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_TransferFailed.selector, alice, 32 ether)
        );
        token.withdrawCredit(address(blk), alice);
        vm.stopPrank();
        assertEq(token.creditOf(alice, address(blk)), 32 ether);
        _assertBooksExact();
    }

    function test_withdrawCredit_nothing_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_NothingToWithdraw.selector, alice, address(blk))
        );
        vm.prank(alice);
        token.withdrawCredit(address(blk), alice);
    }

    function test_withdrawCredit_invalidRecipient_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidRecipient.selector, address(0)));
        vm.prank(alice);
        token.withdrawCredit(address(0), address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidRecipient.selector, address(token))
        );
        vm.prank(alice);
        token.withdrawCredit(address(0), address(token));
    }

    function test_withdrawCredit_notRevenueToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_NotRevenueToken.selector, address(7)));
        vm.prank(alice);
        token.withdrawCredit(address(7), alice);
    }

    // ------------------------------------------------------------------ ETH refused

    function test_claim_holderRefusingEth_creditsEth_withdrawsElsewhere() public {
        SwitchableEthHolder holder = new SwitchableEthHolder();
        vm.prank(alice);
        token.transfer(address(holder), SUPPLY * 40 / 100);
        _revenue(10 ether, 100 ether, 50 ether);
        vm.warp(token.nextSnapshotAt());
        token.snapshot();
        vm.expectEmit(address(token));
        emit IRevShareToken.PayoutCredited(address(holder), address(0), 3.2 ether);
        holder.claim(token, 2);
        assertEq(blk.balanceOf(address(holder)), 32 ether, "ERC-20 revenue still paid");
        assertEq(token.creditOf(address(holder), address(0)), 3.2 ether);
        _assertBooksExact();

        // Still refusing: a pull to itself reverts, to another address works.
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_TransferFailed.selector, address(holder), 3.2 ether)
        );
        holder.withdrawCredit(token, address(0), address(holder));
        assertEq(holder.withdrawCredit(token, address(0), elsewhere), 3.2 ether);
        assertEq(elsewhere.balance, 3.2 ether);
        _assertBooksExact();
    }

    // ------------------------------------------------------------------ misbehaving tokens

    function test_claim_tokenReturnsFalse_credited() public {
        bad.setMode(MisbehavingRevenueToken.Mode.ReturnFalse);
        vm.prank(bob);
        token.claim(1);
        assertEq(bob.balance, 4.8 ether);
        assertEq(blk.balanceOf(bob), 48 ether);
        assertEq(token.creditOf(bob, address(bad)), 24 ether);
        _assertBooksExact();
    }

    /// @notice A token that burns every unit of gas it gets costs a claim at most the stipend (300,000):
    ///         the claim pays ETH and the other ERC-20 and credits the bad one, within 500,000 gas. With
    ///         all gas forwarded the token would take 63/64 of it and the claim would run out.
    function test_claim_tokenBurnsAllGas_boundedByStipend() public {
        bad.setMode(MisbehavingRevenueToken.Mode.BurnAllGas);
        vm.prank(bob);
        uint256 before = gasleft();
        token.claim{gas: 500_000}(1);
        uint256 used = before - gasleft();
        assertLt(used, 500_000);
        assertEq(bob.balance, 4.8 ether);
        assertEq(blk.balanceOf(bob), 48 ether);
        assertEq(token.creditOf(bob, address(bad)), 24 ether);
        _assertBooksExact();
        // Pulled with all gas, once the token behaves again.
        bad.setMode(MisbehavingRevenueToken.Mode.Normal);
        vm.prank(bob);
        token.withdrawCredit(address(bad), bob);
        assertEq(bad.balanceOf(bob), 24 ether);
    }

    // ------------------------------------------------------------------ lifetime cap

    /// @notice An ERC-20 asset's lifetime revenue is capped at 2^128 - 1 so no book can overflow; the
    ///         deposit that would cross it reverts and nothing else is affected.
    function test_depositRevenueERC20_lifetimeCap_reverts() public {
        uint256 room = type(uint128).max - token.books(address(blk)).received;
        blk.mint(payer, room + 1);
        vm.startPrank(payer);
        blk.approve(address(token), room + 1);
        token.depositRevenueERC20(address(blk), room);
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareToken.RevShareToken_AmountTooLarge.selector, uint256(type(uint128).max) + 1)
        );
        token.depositRevenueERC20(address(blk), 1);
        vm.stopPrank();
        assertEq(token.books(address(blk)).received, type(uint128).max);
        vm.warp(token.nextSnapshotAt());
        token.snapshot(); // splits the huge pending with no overflow
        vm.prank(bob);
        token.claim(2);
        _assertBooksExact();
    }

    // ------------------------------------------------------------------ fuzz

    /// @notice Whatever the holders' standing with the ERC-20s (blacklisted, paused, refusing), claims and
    ///         burns always pay ETH, every credit is withdrawable once the token lets it through, and the
    ///         books stay exact to the wei throughout.
    function testFuzz_credits_booksStayExact(uint8 blacklistMask, bool paused, uint8 badMode, uint256 burnSeed)
        public
    {
        bad.setMode(MisbehavingRevenueToken.Mode(bound(badMode, 0, 2)));
        blk.setPaused(paused);
        address[2] memory holders = [alice, bob];
        for (uint256 i; i < 2; ++i) {
            blk.setBlacklisted(holders[i], (blacklistMask >> i) & 1 == 1);
            vm.prank(holders[i]);
            token.claim(1);
            uint256 amount = bound(burnSeed >> (i * 8), 1, token.balanceOf(holders[i]));
            vm.prank(holders[i]);
            token.burn(amount);
            _assertBooksExact();
        }
        assertGt(alice.balance, 0);
        assertGt(bob.balance, 0);
        blk.setPaused(false);
        bad.setMode(MisbehavingRevenueToken.Mode.Normal);
        for (uint256 i; i < 2; ++i) {
            blk.setBlacklisted(holders[i], false);
            address[2] memory assets = [address(blk), address(bad)];
            for (uint256 k; k < 2; ++k) {
                uint256 credit = token.creditOf(holders[i], assets[k]);
                if (credit == 0) continue;
                vm.prank(holders[i]);
                token.withdrawCredit(assets[k], holders[i]);
            }
        }
        _assertBooksExact();
        assertEq(token.books(address(blk)).credited, 0);
        assertEq(token.books(address(bad)).credited, 0);
    }
}
