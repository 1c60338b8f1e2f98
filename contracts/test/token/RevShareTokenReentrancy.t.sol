// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC7641} from "../../src/interfaces/IERC7641.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {MockRevenueToken} from "./RevShareTokenSetup.sol";
import {HookRevenueToken} from "./mocks/HookRevenueToken.sol";
import {ReentrantHolder} from "./mocks/ReentrantHolder.sol";

/// @title Every entry point against a holder that re-enters from every callback (issue 12 item 1)
/// @notice Revenue in ETH, an ERC-777-style hook token and a plain ERC-20, in that order; `holder` is a
///         `ReentrantHolder` (30 %) registered for the hook token, so each payout to it (ETH, hook token)
///         runs its attack: it re-enters snapshot, claim, claimBatch, burn, absorbSurplus, withdrawCredit
///         and depositRevenueERC20, all of which must be refused by the guard, and it may move its tokens
///         and deposit ETH (allowed, and harmless: checked here).
contract RevShareTokenReentrancyTest is Test {
    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint48 internal constant INTERVAL = 1 days;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal payer = makeAddr("payer");

    RevShareToken internal token;
    HookRevenueToken internal hook;
    MockRevenueToken internal usd;
    ReentrantHolder internal holder;

    function setUp() public {
        hook = new HookRevenueToken();
        usd = new MockRevenueToken();
        address holderAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        IRevShareToken.Config memory config;
        config.name = "Model";
        config.symbol = "MDL";
        config.holders = new address[](3);
        config.amounts = new uint256[](3);
        (config.holders[0], config.amounts[0]) = (holderAddress, SUPPLY * 30 / 100);
        (config.holders[1], config.amounts[1]) = (alice, SUPPLY * 40 / 100);
        (config.holders[2], config.amounts[2]) = (bob, SUPPLY * 30 / 100);
        config.claimableBps = 8000;
        config.snapshotInterval = INTERVAL;
        config.claimWindow = 2;
        config.revenueTokens = new address[](2);
        (config.revenueTokens[0], config.revenueTokens[1]) = (address(hook), address(usd));
        token = new RevShareToken(config);
        holder = new ReentrantHolder(token);
        assertEq(address(holder), holderAddress);
        vm.prank(address(holder));
        hook.registerHook();

        _revenue(10 ether, 100 ether, 1000 ether);
        vm.warp(token.nextSnapshotAt());
        token.snapshot(); // pools: 8 ETH, 80 HOOK, 800 USD; redeem pools 2, 20, 200
        _revenue(10 ether, 100 ether, 1000 ether); // pending for snapshot 2
        vm.warp(token.nextSnapshotAt()); // snapshot 2 is due: a re-entrant snapshot() would be possible
    }

    function _revenue(uint256 eth, uint256 hookAmount, uint256 usdAmount) internal {
        vm.deal(payer, eth);
        hook.mint(payer, hookAmount);
        usd.mint(payer, usdAmount);
        vm.startPrank(payer);
        token.depositRevenue{value: eth}();
        hook.approve(address(token), hookAmount);
        token.depositRevenueERC20(address(hook), hookAmount);
        usd.approve(address(token), usdAmount);
        token.depositRevenueERC20(address(usd), usdAmount);
        vm.stopPrank();
    }

    /// @dev Every re-entrant call was refused by the guard, at least `minCallbacks` callbacks ran, and the
    ///      books are exact for every asset.
    function _assertAllRefused(uint256 minCallbacks) internal view {
        assertGe(holder.callbacks(), minCallbacks, "callbacks ran");
        assertGt(holder.reentriesRefused(), 0);
        assertEq(holder.reentriesNotRefusedByGuard(), 0, "a re-entrant call went through");
        assertEq(address(token).balance, token.bookedBalance(address(0)), "ETH held == booked");
        assertEq(hook.balanceOf(address(token)), token.bookedBalance(address(hook)), "HOOK held == booked");
        assertEq(usd.balanceOf(address(token)), token.bookedBalance(address(usd)), "USD held == booked");
        assertEq(token.currentSnapshotId(), 1, "no snapshot was taken from a callback");
    }

    function test_claim_reentryFromEveryCallback_refused() public {
        holder.act(abi.encodeCall(IERC7641.claim, (1)));
        _assertAllRefused(2); // the hook token's transfer and the ETH payment
        assertEq(address(holder).balance, 2.4 ether);
        assertEq(hook.balanceOf(address(holder)), 24 ether);
        assertEq(usd.balanceOf(address(holder)), 240 ether);
        token.snapshot(); // still possible afterwards
    }

    function test_claimBatch_reentryFromEveryCallback_refused() public {
        uint256[] memory ids = new uint256[](1);
        ids[0] = 1;
        holder.act(abi.encodeCall(IRevShareToken.claimBatch, (ids)));
        _assertAllRefused(2);
        assertEq(address(holder).balance, 2.4 ether);
    }

    function test_burn_reentryFromEveryCallback_refused() public {
        holder.act(abi.encodeCall(IERC7641.burn, (SUPPLY * 10 / 100)));
        _assertAllRefused(2);
        assertEq(address(holder).balance, 0.2 ether);
        assertEq(hook.balanceOf(address(holder)), 2 ether);
    }

    function test_withdrawCredit_reentryFromEveryCallback_refused() public {
        holder.setRefuseEth(true);
        holder.act(abi.encodeCall(IERC7641.claim, (1)));
        assertEq(token.creditOf(address(holder), address(0)), 2.4 ether);
        holder.setRefuseEth(false);
        uint256 before = holder.callbacks();
        holder.act(abi.encodeCall(IRevShareToken.withdrawCredit, (address(0), address(holder))));
        assertEq(holder.callbacks(), before + 1);
        _assertAllRefused(2);
        assertEq(address(holder).balance, 2.4 ether);
    }

    /// @notice The hook token calls the sender too (ERC-777 tokensToSend): a deposit by the holder runs its
    ///         attack from inside `depositRevenueERC20`; everything is refused and the deposit books exactly.
    function test_depositRevenueERC20_senderHookReentry_refused() public {
        hook.mint(address(holder), 5 ether);
        holder.approveToken(address(hook), address(token), 5 ether);
        uint256 pendingBefore = token.books(address(hook)).pending;
        holder.act(abi.encodeCall(IRevShareToken.depositRevenueERC20, (address(hook), 5 ether)));
        _assertAllRefused(1);
        assertEq(token.books(address(hook)).pending, pendingBefore + 5 ether);
    }

    /// @notice From inside its callbacks the holder moves all its tokens to alice and deposits ETH: allowed,
    ///         and it changes nothing this claim pays or what alice can claim for snapshot 1 (balances at a
    ///         snapshot are history); the deposit is booked as revenue.
    function test_claim_transferAndDepositFromCallback_changeNothingPaid() public {
        uint256 aliceClaimable = token.claimableRevenue(alice, 1);
        vm.deal(address(holder), 1 ether);
        holder.setHookSideEffects(alice, SUPPLY * 30 / 100, 0.5 ether);
        uint256 pendingBefore = token.books(address(0)).pending;
        holder.act(abi.encodeCall(IERC7641.claim, (1)));
        _assertAllRefused(2);
        assertEq(holder.hookTransferred(), SUPPLY * 30 / 100, "moved once, at the first callback");
        assertEq(holder.hookEthDeposited(), 1 ether, "deposited at both callbacks");
        assertEq(token.balanceOf(alice), SUPPLY * 70 / 100);
        assertEq(address(holder).balance, 1 ether - 1 ether + 2.4 ether);
        assertEq(token.books(address(0)).pending, pendingBefore + 1 ether);
        assertEq(token.claimableRevenue(alice, 1), aliceClaimable, "alice's snapshot-1 share unchanged");
        vm.prank(alice);
        token.claim(1);
        assertEq(alice.balance, 3.2 ether);
        // The tokens moved at the due time count from snapshot 3 on.
        token.snapshot();
        assertEq(token.balanceOfAt(alice, 2), SUPPLY * 40 / 100);
    }

    /// @notice A callback that fails (the holder refuses ETH, so its receive reverts after the attack) only
    ///         costs the holder a credit of that asset; the others are paid.
    function test_claim_failingCallback_creditsOnlyThatAsset() public {
        holder.setRefuseEth(true);
        holder.act(abi.encodeCall(IERC7641.claim, (1)));
        assertEq(token.creditOf(address(holder), address(0)), 2.4 ether);
        assertEq(hook.balanceOf(address(holder)), 24 ether);
        assertEq(usd.balanceOf(address(holder)), 240 ether);
        assertEq(holder.reentriesNotRefusedByGuard(), 0);
    }

    /// @notice The same attack without the guard on `snapshot()` would be issue 12's double pay; here the
    ///         holder's whole payout from snapshot 1, then 2, is exactly its share (30 %).
    function test_claim_reentrantHolder_paidExactlyItsShareAcrossSnapshots() public {
        holder.act(abi.encodeCall(IERC7641.claim, (1)));
        token.snapshot();
        holder.act(abi.encodeCall(IERC7641.claim, (2)));
        _assertAllReentriesRefusedOnly();
        assertEq(usd.balanceOf(address(holder)), 480 ether);
        assertEq(hook.balanceOf(address(holder)), 48 ether);
        assertEq(address(holder).balance, 4.8 ether);
    }

    function _assertAllReentriesRefusedOnly() internal view {
        assertEq(holder.reentriesNotRefusedByGuard(), 0);
        assertEq(usd.balanceOf(address(token)), token.bookedBalance(address(usd)));
        assertEq(IERC20(address(hook)).balanceOf(address(token)), token.bookedBalance(address(hook)));
    }
}
