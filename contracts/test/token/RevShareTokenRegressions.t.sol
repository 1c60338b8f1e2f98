// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {MockRevenueToken} from "./RevShareTokenSetup.sol";
import {HookRevenueToken, ITransferHook} from "./mocks/HookRevenueToken.sol";
import {BlacklistRevenueToken} from "./mocks/BlacklistRevenueToken.sol";
import {FlashLender} from "./mocks/FlashLender.sol";
import {FlashBorrower} from "./mocks/FlashBorrower.sol";

/// @dev The attack of issue 12 item 1: a holder registered with an ERC-777-style revenue token takes the
///      due snapshot from inside the hook of its own claim. Uses only what the token had before the fix.
contract SnapshotFromHookAttacker is ITransferHook {
    IRevShareToken internal immutable _token;
    bool public snapshotTakenInHook;
    bool internal _inClaim;

    constructor(IRevShareToken token_, HookRevenueToken hook) {
        _token = token_;
        hook.registerHook();
    }

    function claim(uint256 snapshotId) external {
        _inClaim = true;
        _token.claim(snapshotId);
        _inClaim = false;
    }

    function claimBatch(uint256[] calldata snapshotIds) external {
        _token.claimBatch(snapshotIds);
    }

    function onTokenTransfer(address, address, address, uint256) external {
        if (!_inClaim) return;
        _inClaim = false;
        // The attacker swallows a refusal, so the hook token's transfer (and the claim) goes through.
        try _token.snapshot() {
            snapshotTakenInHook = true;
        } catch {}
    }

    receive() external payable {}
}

/// @dev A holder contract with no way to receive ETH.
contract EthRefusingHolder {
    function claim(IRevShareToken token, uint256 snapshotId) external {
        token.claim(snapshotId);
    }
}

/// @title Regression tests for issue 12 (token items 1, 3, 4 and 6)
/// @notice Each test here FAILS on the token as it was before the fix (checked by running this file against
///         the previous RevShareToken.sol and IRevShareToken.sol, commit 84acda8; the failure each one
///         showed is quoted in its comment) and passes now. They use only functions the old token had.
contract RevShareTokenRegressionsTest is Test {
    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint48 internal constant INTERVAL = 1 days;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal sale = makeAddr("sale");
    address internal payer = makeAddr("payer");

    RevShareToken internal token;

    function _config(address[] memory holders, uint256[] memory amounts, address[] memory revenueTokens)
        internal
        pure
        returns (IRevShareToken.Config memory config)
    {
        config.name = "Model";
        config.symbol = "MDL";
        config.holders = holders;
        config.amounts = amounts;
        config.revenueExcluded = new address[](0);
        config.claimableBps = 10_000;
        config.snapshotInterval = INTERVAL;
        config.claimWindow = 2;
        config.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.RollForward;
        config.revenueTokens = revenueTokens;
    }

    function _pair(address a, uint256 x, address b, uint256 y)
        internal
        pure
        returns (address[] memory holders, uint256[] memory amounts)
    {
        holders = new address[](2);
        amounts = new uint256[](2);
        (holders[0], amounts[0], holders[1], amounts[1]) = (a, x, b, y);
    }

    function _depositErc20(address asset, uint256 amount) internal {
        MockRevenueToken(asset).mint(payer, amount);
        vm.startPrank(payer);
        IERC20(asset).approve(address(token), amount);
        token.depositRevenueERC20(asset, amount);
        vm.stopPrank();
    }

    function _depositEth(uint256 amount) internal {
        vm.deal(payer, amount);
        vm.prank(payer);
        token.depositRevenue{value: amount}();
    }

    function _nextSnapshot() internal returns (uint256) {
        vm.warp(token.nextSnapshotAt());
        return token.snapshot();
    }

    // ================================================================== item 1

    /// @notice Issue 12 item 1: a re-entrant `claim` (snapshot taken from an ERC-777-style hook) must not
    ///         pay a later revenue token from the new snapshot's pool, nor break the books.
    ///         Old code: `usd paid by claim(1)` was 120e18 instead of 60e18 (the hook's snapshot reused
    ///         snapshot 1's ring slot, and the USD part of claim(1) was paid from snapshot 3's pool).
    function test_claim_reentrantSnapshotFromHook_cannotDoublePay() public {
        HookRevenueToken hook = new HookRevenueToken();
        MockRevenueToken usd = new MockRevenueToken();
        address[] memory revenueTokens = new address[](2);
        (revenueTokens[0], revenueTokens[1]) = (address(hook), address(usd)); // the hook token pays first
        // The attacker's address is needed at construction: deploy the token with a placeholder, then the
        // attacker, then the real token with the attacker as holder (60 %) and carol (40 %).
        address attackerAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        (address[] memory holders, uint256[] memory amounts) =
            _pair(attackerAddress, SUPPLY * 60 / 100, carol, SUPPLY * 40 / 100);
        token = new RevShareToken(_config(holders, amounts, revenueTokens));
        SnapshotFromHookAttacker attacker = new SnapshotFromHookAttacker(token, hook);
        assertEq(address(attacker), attackerAddress);

        _depositErc20(address(hook), 10 ether);
        _depositErc20(address(usd), 100 ether);
        _nextSnapshot(); // 1: hook 10, usd 100
        _depositErc20(address(usd), 100 ether);
        _nextSnapshot(); // 2: usd 100
        _depositErc20(address(usd), 100 ether);
        vm.warp(token.nextSnapshotAt()); // snapshot 3 is due: it would close snapshot 1's window

        attacker.claim(1);
        assertEq(usd.balanceOf(address(attacker)), 60 ether, "usd paid by claim(1)");
        assertEq(hook.balanceOf(address(attacker)), 6 ether, "hook paid by claim(1)");
        assertFalse(attacker.snapshotTakenInHook(), "snapshot() from inside the claim's hook was refused");

        token.snapshot(); // 3: usd 100 + what snapshot 1 left (40), hook 4
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (2, 3);
        attacker.claimBatch(ids);
        vm.prank(carol);
        token.claimBatch(ids); // the other holder is paid in full
        assertEq(usd.balanceOf(address(attacker)), 60 ether + 60 ether + 84 ether, "attacker: its share, no more");
        assertEq(usd.balanceOf(carol), 40 ether + 56 ether, "carol: her share");
        assertEq(hook.balanceOf(address(attacker)) + hook.balanceOf(carol), 6 ether + 4 ether);
        assertEq(usd.balanceOf(address(token)), token.bookedBalance(address(usd)), "usd books exact");
        assertEq(token.bookedBalance(address(usd)), 0, "every usd paid out");

        // Snapshots go on: snapshot 5 closes snapshot 3's slot (the old code underflowed here).
        _nextSnapshot();
        _nextSnapshot();
        assertEq(token.currentSnapshotId(), 5);
    }

    // ================================================================== item 3

    /// @notice Issue 12 item 3: tokens borrowed for one transaction, with a snapshot taken and claimed in
    ///         it, earn nothing; the lender keeps its whole share.
    ///         Old code: the borrower was paid 32e18 of the 80e18 pool (`borrower paid nothing` failed).
    function test_snapshot_flashBorrowedBalance_earnsNothing() public {
        address lenderAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        (address[] memory holders, uint256[] memory amounts) =
            _pair(alice, SUPPLY * 60 / 100, lenderAddress, SUPPLY * 40 / 100);
        IRevShareToken.Config memory config = _config(holders, amounts, new address[](0));
        config.claimableBps = 8000;
        token = new RevShareToken(config);
        FlashLender lender = new FlashLender();
        FlashBorrower borrower = new FlashBorrower(token, lender);
        _depositEth(100 ether);

        vm.warp(token.nextSnapshotAt());
        borrower.attack(token.balanceOf(address(lender)));
        assertTrue(borrower.snapshotTaken(), "the borrower took the snapshot inside the loan");
        assertEq(address(borrower).balance, 0, "borrower paid nothing");
        assertFalse(borrower.claimSucceeded());
        assertEq(
            bytes4(borrower.claimRevert()), IRevShareToken.RevShareToken_NothingToClaim.selector, "held nothing"
        );
        assertEq(token.balanceOfAt(address(borrower), 1), 0);
        assertEq(token.balanceOfAt(address(lender), 1), SUPPLY * 40 / 100);
        assertEq(token.claimableRevenue(address(lender), 1), 32 ether, "the lender keeps its share");
        vm.prank(address(lender));
        token.claim(1);
        vm.prank(alice);
        token.claim(1);
        assertEq(address(lender).balance, 32 ether);
        assertEq(alice.balance, 48 ether);
    }

    /// @dev A token where alice and bob hold half each, ETH revenue 10 ether per period, snapshot 1 taken.
    function _boundarySetup() internal returns (uint256 due) {
        (address[] memory holders, uint256[] memory amounts) = _pair(alice, SUPPLY / 2, bob, SUPPLY / 2);
        token = new RevShareToken(_config(holders, amounts, new address[](0)));
        _nextSnapshot();
        _depositEth(10 ether);
        due = token.nextSnapshotAt();
    }

    /// @notice A transfer one second before snapshot 2 is due counts for snapshot 2. (Passes on the old code
    ///         too: it is the side of the boundary that did not change.)
    function test_snapshot_transferAtDueMinus1_countsForThisSnapshot() public {
        uint256 due = _boundarySetup();
        vm.warp(due - 1);
        vm.prank(alice);
        token.transfer(bob, SUPPLY / 4);
        vm.warp(due);
        token.snapshot();
        assertEq(token.balanceOfAt(bob, 2), SUPPLY * 3 / 4);
        assertEq(token.claimableRevenue(bob, 2), 7.5 ether);
    }

    /// @notice A transfer at the second snapshot 2 becomes due counts from snapshot 3 on.
    ///         Old code: `balanceOfAt(bob, 2)` was 750000e18 (the transfer counted for snapshot 2).
    function test_snapshot_transferAtDue_countsForTheNext() public {
        uint256 due = _boundarySetup();
        vm.warp(due);
        vm.prank(alice);
        token.transfer(bob, SUPPLY / 4);
        token.snapshot();
        assertEq(token.balanceOfAt(bob, 2), SUPPLY / 2, "balanceOfAt(bob, 2)");
        assertEq(token.claimableRevenue(bob, 2), 5 ether);
        _nextSnapshot();
        assertEq(token.balanceOfAt(bob, 3), SUPPLY * 3 / 4);
    }

    /// @notice A transfer one second after the due time, snapshot not yet taken, counts from snapshot 3 on.
    ///         Old code: `balanceOfAt(bob, 2)` was 750000e18.
    function test_snapshot_transferAtDuePlus1_countsForTheNext() public {
        uint256 due = _boundarySetup();
        vm.warp(due + 1);
        vm.prank(alice);
        token.transfer(bob, SUPPLY / 4);
        token.snapshot();
        assertEq(token.balanceOfAt(bob, 2), SUPPLY / 2, "balanceOfAt(bob, 2)");
        assertEq(token.balanceOfAt(alice, 2), SUPPLY / 2);
        assertEq(token.eligibleSupplyAt(2), SUPPLY);
    }

    /// @notice In the block that takes the snapshot, a transfer before the `snapshot()` call and one after
    ///         it both count from the next snapshot on.
    ///         Old code: `balanceOfAt(bob, 2)` was 750000e18 (the transfer before the call counted).
    function test_snapshot_transfersInTheSnapshotBlock_countForTheNext() public {
        uint256 due = _boundarySetup();
        vm.warp(due + 5);
        vm.prank(alice);
        token.transfer(bob, SUPPLY / 4); // same block, before the call
        token.snapshot();
        vm.prank(alice);
        token.transfer(bob, SUPPLY / 8); // same block, after the call
        assertEq(token.balanceOfAt(bob, 2), SUPPLY / 2, "balanceOfAt(bob, 2)");
        _nextSnapshot();
        assertEq(token.balanceOfAt(bob, 3), SUPPLY / 2 + SUPPLY / 4 + SUPPLY / 8);
    }

    /// @notice A burn at the due time keeps the burner's claim on the snapshot that is due (its balance was
    ///         frozen), and shrinks the eligible supply of the next one only.
    ///         Old code: `claimableRevenue(alice, 2)` was 0 (the burn counted for snapshot 2).
    function test_snapshot_burnAtDue_keepsTheDueClaim() public {
        uint256 due = _boundarySetup();
        vm.warp(due);
        vm.prank(alice);
        token.burn(SUPPLY / 2);
        token.snapshot();
        assertEq(token.claimableRevenue(alice, 2), 5 ether, "claimableRevenue(alice, 2)");
        assertEq(token.eligibleSupplyAt(2), SUPPLY);
        _nextSnapshot();
        assertEq(token.eligibleSupplyAt(3), SUPPLY / 2);
    }

    // ================================================================== item 4

    function _blacklistSetup() internal returns (BlacklistRevenueToken blk) {
        blk = new BlacklistRevenueToken();
        address[] memory revenueTokens = new address[](1);
        revenueTokens[0] = address(blk);
        (address[] memory holders, uint256[] memory amounts) = _pair(alice, SUPPLY * 40 / 100, bob, SUPPLY * 60 / 100);
        IRevShareToken.Config memory config = _config(holders, amounts, revenueTokens);
        config.claimableBps = 8000;
        token = new RevShareToken(config);
        _depositEth(10 ether);
        _depositErc20(address(blk), 100 ether);
        _nextSnapshot(); // pools: 8 ETH, 80 BLK; redeem pools 2 ETH, 20 BLK
    }

    /// @notice Issue 12 item 4: a revenue token that blacklists the holder must not block its ETH claim.
    ///         Old code: `alice.claim(1)` reverted with BlacklistRevenueToken_Blacklisted(alice).
    function test_claim_blacklistedErc20_stillPaysEth() public {
        BlacklistRevenueToken blk = _blacklistSetup();
        blk.setBlacklisted(alice, true);
        vm.prank(alice);
        token.claim(1);
        assertEq(alice.balance, 3.2 ether, "alice's ETH share");
        assertEq(blk.balanceOf(alice), 0);
        assertTrue(token.hasClaimed(alice, 1));
        assertEq(blk.balanceOf(address(token)), token.bookedBalance(address(blk)), "held == booked");
    }

    /// @notice Issue 12 item 4: a paused revenue token must not block ETH in `claimBatch`.
    ///         Old code: `bob.claimBatch([1])` reverted with BlacklistRevenueToken_Paused().
    function test_claimBatch_pausedErc20_stillPaysEth() public {
        BlacklistRevenueToken blk = _blacklistSetup();
        blk.setPaused(true);
        uint256[] memory ids = new uint256[](1);
        ids[0] = 1;
        vm.prank(bob);
        token.claimBatch(ids);
        assertEq(bob.balance, 4.8 ether, "bob's ETH share");
    }

    /// @notice Issue 12 item 4: a revenue token that blacklists the holder must not block its burn.
    ///         Old code: `alice.burn` reverted with BlacklistRevenueToken_Blacklisted(alice).
    function test_burn_blacklistedErc20_stillRedeemsEth() public {
        BlacklistRevenueToken blk = _blacklistSetup();
        blk.setBlacklisted(alice, true);
        uint256 all = token.balanceOf(alice);
        vm.prank(alice);
        token.burn(all);
        assertEq(alice.balance, 0.8 ether, "alice's share of the ETH redeem pool");
        assertEq(token.balanceOf(alice), 0);
        assertEq(blk.balanceOf(address(token)), token.bookedBalance(address(blk)), "held == booked");
    }

    /// @notice Issue 12 item 4: a holder contract that cannot receive ETH still gets its ERC-20 revenue.
    ///         Old code: the claim reverted with RevShareToken_TransferFailed(holder, 3.2e18).
    function test_claim_holderRefusingEth_stillGetsErc20() public {
        BlacklistRevenueToken blk = _blacklistSetup();
        EthRefusingHolder holder = new EthRefusingHolder();
        vm.prank(alice);
        token.transfer(address(holder), SUPPLY * 40 / 100);
        _depositEth(10 ether);
        _depositErc20(address(blk), 100 ether);
        _nextSnapshot();
        holder.claim(token, 2);
        assertEq(blk.balanceOf(address(holder)), 32 ether, "its BLK share");
        assertEq(address(holder).balance, 0);
        assertEq(address(token).balance, token.bookedBalance(address(0)), "ETH held == booked");
    }

    // ================================================================== item 6

    /// @notice Issue 12 item 6: revenue that arrives when every eligible holder has burned waits (pending)
    ///         until a snapshot has an eligible holder, who then gets all of it.
    ///         Old code: failed at `still pending` (0: snapshot 1 split the revenue into a pool nobody held
    ///         at and into the redeem pool, so carol's first snapshot, 2, had nothing to claim).
    function test_snapshot_noEligibleHolder_revenueWaitsForOne() public {
        (address[] memory holders, uint256[] memory amounts) = _pair(alice, SUPPLY / 2, sale, SUPPLY / 2);
        IRevShareToken.Config memory config = _config(holders, amounts, new address[](0));
        config.claimableBps = 8000;
        config.revenueExcluded = new address[](1);
        config.revenueExcluded[0] = sale;
        token = new RevShareToken(config);
        vm.prank(alice);
        token.burn(SUPPLY / 2); // the last eligible token
        assertEq(token.eligibleSupply(), 0);
        _depositEth(10 ether);
        _nextSnapshot(); // 1: nobody eligible
        assertEq(token.books(address(0)).pending, 10 ether, "still pending");

        vm.prank(sale);
        token.transfer(carol, 1_000 ether); // an eligible holder appears
        _nextSnapshot(); // 2
        assertEq(token.claimableRevenue(carol, 2), 8 ether, "claimableRevenue(carol, 2)");
        assertEq(token.redeemableOnBurn(1_000 ether), 2 ether);
        vm.startPrank(carol);
        token.claim(2);
        token.burn(1_000 ether);
        vm.stopPrank();
        assertEq(carol.balance, 10 ether, "carol got every wei");
        assertEq(address(token).balance, 0);
    }
}
