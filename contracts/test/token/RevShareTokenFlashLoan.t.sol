// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {FlashLender} from "./mocks/FlashLender.sol";
import {FlashBorrower} from "./mocks/FlashBorrower.sol";

/// @title Balances borrowed for one transaction never count (issue 12 item 3)
/// @notice A `FlashLender` holds 40 % and lends it for one call; a `FlashBorrower` borrows it, calls
///         `snapshot()` and claims the latest snapshot, and repays. The rule under test: the balances of
///         snapshot n + 1 are the ones held when it became due. The regression test of the attack itself is
///         `RevShareTokenRegressionsTest.test_snapshot_flashBorrowedBalance_earnsNothing`.
contract RevShareTokenFlashLoanTest is Test {
    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint48 internal constant INTERVAL = 1 days;

    address internal alice = makeAddr("alice");
    address internal payer = makeAddr("payer");

    RevShareToken internal token;
    FlashLender internal lender;
    FlashBorrower internal borrower;

    function setUp() public {
        vm.warp(1_700_000_000);
        address lenderAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        IRevShareToken.Config memory config;
        config.name = "Model";
        config.symbol = "MDL";
        config.holders = new address[](2);
        config.amounts = new uint256[](2);
        (config.holders[0], config.amounts[0]) = (alice, SUPPLY * 60 / 100);
        (config.holders[1], config.amounts[1]) = (lenderAddress, SUPPLY * 40 / 100);
        config.claimableBps = 8000;
        config.snapshotInterval = INTERVAL;
        config.claimWindow = 2;
        token = new RevShareToken(config);
        lender = new FlashLender();
        assertEq(address(lender), lenderAddress);
        borrower = new FlashBorrower(token, lender);
        _deposit(100 ether);
    }

    function _deposit(uint256 amount) internal {
        vm.deal(payer, amount);
        vm.prank(payer);
        token.depositRevenue{value: amount}();
    }

    function _attack() internal {
        borrower.attack(token.balanceOf(address(lender)));
        assertEq(token.balanceOf(address(borrower)), 0, "repaid");
        assertEq(token.balanceOf(address(lender)), SUPPLY * 40 / 100);
    }

    /// @notice One second before the due time the snapshot cannot be taken, and the loan nets to zero in
    ///         the balances snapshot 1 uses.
    function test_flashLoan_atDueMinus1_snapshotRefused_netsToZero() public {
        vm.warp(token.nextSnapshotAt() - 1);
        _attack();
        assertFalse(borrower.snapshotTaken());
        vm.warp(block.timestamp + 1);
        token.snapshot();
        assertEq(token.balanceOfAt(address(borrower), 1), 0);
        assertEq(token.claimableRevenue(address(lender), 1), 32 ether);
    }

    /// @notice One second after the due time: the borrower takes the snapshot and gets nothing.
    function test_flashLoan_atDuePlus1_earnsNothing() public {
        vm.warp(token.nextSnapshotAt() + 1);
        _attack();
        assertTrue(borrower.snapshotTaken());
        assertFalse(borrower.claimSucceeded());
        assertEq(address(borrower).balance, 0);
        assertEq(token.claimableRevenue(address(lender), 1), 32 ether);
    }

    /// @notice In the same block as somebody else's `snapshot()` call, before it and after it: the loan
    ///         earns nothing either way.
    function test_flashLoan_sameBlockAsSnapshot_earnsNothing() public {
        vm.warp(token.nextSnapshotAt());
        token.snapshot();
        _attack(); // same block, after the call: claims snapshot 1 with a borrowed balance
        assertFalse(borrower.snapshotTaken());
        assertEq(borrower.claimedSnapshotId(), 1);
        assertFalse(borrower.claimSucceeded());
        assertEq(address(borrower).balance, 0);

        _deposit(100 ether);
        vm.warp(token.nextSnapshotAt());
        _attack(); // same block, before the keeper's call: takes snapshot 2 itself
        assertTrue(borrower.snapshotTaken());
        assertFalse(borrower.claimSucceeded());
        // The keeper's call in the same block comes too late.
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevShareToken.RevShareToken_SnapshotTooEarly.selector, block.timestamp + INTERVAL, block.timestamp
            )
        );
        token.snapshot();
        assertEq(address(borrower).balance, 0);
        assertEq(token.claimableRevenue(address(lender), 2), 32 ether);
    }

    /// @notice A loan held across the due second is a real position at the moment that counts (the lender
    ///         is exposed across blocks), so it earns; this is what the rule intends, not a flash loan.
    function test_loanHeldAcrossTheDueSecond_counts() public {
        uint256 due = token.nextSnapshotAt();
        vm.warp(due - 1);
        vm.prank(address(lender));
        token.transfer(address(borrower), SUPPLY * 40 / 100);
        vm.warp(due);
        vm.prank(address(borrower));
        token.transfer(address(lender), SUPPLY * 40 / 100);
        token.snapshot();
        assertEq(token.claimableRevenue(address(borrower), 1), 32 ether);
        assertEq(token.claimableRevenue(address(lender), 1), 0);
    }

    /// @notice At any moment around the due time (up to half an interval either side), a flash loan with
    ///         a snapshot and a claim inside pays the borrower nothing, and the lender keeps its share.
    function testFuzz_flashLoan_anyMoment_earnsNothing(uint256 offset, bool after_) public {
        offset = bound(offset, 0, INTERVAL / 2);
        uint256 due = token.nextSnapshotAt();
        vm.warp(after_ ? due + offset : due - 1 - offset);
        _attack();
        assertEq(borrower.snapshotTaken(), after_);
        assertEq(address(borrower).balance, 0);
        if (!after_) {
            vm.warp(due);
            token.snapshot();
        }
        assertEq(token.balanceOfAt(address(borrower), 1), 0);
        assertEq(token.claimableRevenue(address(lender), 1), 32 ether);
        assertEq(token.eligibleSupplyAt(1), SUPPLY);
    }
}
