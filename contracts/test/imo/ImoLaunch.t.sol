// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IImoLaunch} from "../../src/interfaces/IImoLaunch.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../src/imo/RevShareTokenFactory.sol";
import {IUniswapV2Factory} from "../../src/interfaces/uniswap/IUniswapV2Factory.sol";
import {IWETH9} from "../../src/interfaces/uniswap/IWETH9.sol";
import {LaunchFixtures} from "./LaunchFixtures.sol";

/// @dev Rejects every ETH transfer.
contract EthRejecter {
    receive() external payable {
        revert("no");
    }
}

/// @dev An investor that tries to re-enter the launch when it receives its refund.
contract ReentrantInvestor {
    ImoLaunch internal immutable launch;
    uint256 internal immutable modelId;

    constructor(ImoLaunch launch_, uint256 modelId_) {
        launch = launch_;
        modelId = modelId_;
    }

    function deposit() external payable {
        launch.deposit{value: msg.value}(modelId);
    }

    function claim() external {
        launch.claimAllocation(modelId);
    }

    receive() external payable {
        launch.claimAllocation(modelId);
    }
}

/// @dev Shared setup: a registry, a factory, the launch contract, and model 1 owned by `owner`, who
///      approved the launch contract as its operator. `_params()` is the OpenLM-like default launch.
contract ImoLaunch_TestInit is Test {
    ModelRegistry internal registry;
    RevShareTokenFactory internal factory;
    ImoLaunch internal launch;

    address internal owner = makeAddr("owner");
    address internal treasury = makeAddr("treasury");
    address internal liquidity = makeAddr("liquidity");
    address internal contributors = makeAddr("contributors");
    address internal team = makeAddr("team");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal stranger = makeAddr("stranger");

    uint256 internal modelId;
    uint256 internal constant SUPPLY = 1e9 ether;
    uint256 internal constant SALE = SUPPLY / 2;
    uint256 internal constant TARGET = 150 ether;
    uint48 internal start;
    uint48 internal end;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        registry = new ModelRegistry();
        factory = new RevShareTokenFactory();
        launch = new ImoLaunch(registry, factory, IUniswapV2Factory(address(0)), IWETH9(address(0)));
        vm.startPrank(owner);
        modelId = registry.register(keccak256("weights"), hex"0102", 0.01 ether);
        registry.setOperator(modelId, address(launch));
        vm.stopPrank();
        start = uint48(block.timestamp + 1 hours);
        end = start + 7 days;
        vm.deal(alice, 1_000 ether);
        vm.deal(bob, 1_000 ether);
        vm.deal(carol, 1_000 ether);
    }

    function _params() internal view returns (IImoLaunch.LaunchParams memory) {
        return LaunchFixtures.openLm(
            modelId, SUPPLY, TARGET, start, end, LaunchFixtures.Parties(liquidity, contributors, team, treasury)
        );
    }

    function _create(IImoLaunch.LaunchParams memory p) internal returns (IRevShareToken token) {
        vm.prank(owner);
        token = launch.createLaunch(p);
    }

    function _create() internal returns (IRevShareToken) {
        return _create(_params());
    }

    function _deposit(address who, uint256 amount) internal {
        vm.prank(who);
        launch.deposit{value: amount}(modelId);
    }

    function _expectStatus(IImoLaunch.Status actual, IImoLaunch.Status expected) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_WrongStatus.selector, modelId, actual, expected)
        );
    }

    /// @dev Launch, deposit `a`/`b` from alice/bob, warp to the end and settle.
    function _raise(uint256 a, uint256 b) internal returns (IRevShareToken token) {
        token = _create();
        vm.warp(start);
        if (a != 0) _deposit(alice, a);
        if (b != 0) _deposit(bob, b);
        vm.warp(end);
        launch.settle(modelId);
    }
}

contract ImoLaunch_CreateLaunch_Test is ImoLaunch_TestInit {
    function test_createLaunch_succeeds() public {
        vm.expectEmit(true, false, true, false, address(launch));
        emit IImoLaunch.LaunchCreated(modelId, address(0), owner, treasury, SALE, TARGET, start, end);
        IRevShareToken token = _create();

        assertEq(address(launch.tokenOf(modelId)), address(token));
        assertEq(uint8(launch.status(modelId)), uint8(IImoLaunch.Status.Raising));
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(address(launch)), SALE);
        assertEq(token.balanceOf(liquidity), SUPPLY * 3 / 10);
        assertEq(token.balanceOf(contributors), SUPPLY / 10);
        assertEq(token.balanceOf(team), SUPPLY / 10);
        // the launch holds the public sale for its investors: an ordinary, revenue-eligible holder
        assertFalse(token.isRevenueExcluded(address(launch)));
        assertTrue(token.isRevenueExcluded(liquidity));
        assertFalse(token.isRevenueExcluded(team));
        assertEq(token.eligibleSupply(), SUPPLY * 7 / 10);
        assertEq(token.claimableBps(), 8000);
        assertEq(token.snapshotInterval(), 90 days);
        assertEq(token.claimWindow(), 2);

        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        assertEq(address(l.token), address(token));
        assertEq(l.start, start);
        assertEq(l.end, end);
        assertEq(l.target, TARGET);
        assertEq(l.saleTokens, SALE);
        assertEq(l.treasury, treasury);
        assertEq(l.revenueShareBps, 8000);
        assertEq(l.totalRaised, 0);
        assertFalse(l.revenueWired);
        // revenue is wired only when the raise succeeds
        (, address receiver,) = registry.feeInfo(modelId);
        assertEq(receiver, address(0));
    }

    function test_createLaunch_liquidityNotExcluded_succeeds() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.excludeLiquidity = false;
        IRevShareToken token = _create(p);
        assertFalse(token.isRevenueExcluded(liquidity));
        assertEq(token.eligibleSupply(), SUPPLY);
    }

    function test_createLaunch_zeroSlicesSkipped_succeeds() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.publicSaleBps = 10_000;
        p.liquidity = IImoLaunch.Allocation(address(0), 0);
        p.contributors = IImoLaunch.Allocation(address(0), 0);
        p.team = IImoLaunch.Allocation(address(0), 0);
        IRevShareToken token = _create(p);
        assertEq(token.balanceOf(address(launch)), SUPPLY);
        assertEq(launch.getLaunch(modelId).saleTokens, SUPPLY);
    }

    function test_createLaunch_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_NotModelOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        launch.createLaunch(_params());
    }

    function test_createLaunch_unknownModel_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.modelId = 99;
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 99));
        _create(p);
    }

    function test_createLaunch_alreadyLaunched_reverts() public {
        _create();
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_AlreadyLaunched.selector, modelId));
        _create();
    }

    function test_createLaunch_notOperator_reverts() public {
        vm.prank(owner);
        registry.setOperator(modelId, stranger);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_NotOperator.selector, modelId, stranger));
        _create();
    }

    function test_createLaunch_allocationSum_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.team.bps = 999;
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidAllocationSum.selector, 9999));
        _create(p);
    }

    function test_createLaunch_emptyPublicSale_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.publicSaleBps = 0;
        p.team.bps = 6000;
        vm.expectRevert(IImoLaunch.ImoLaunch_EmptyPublicSale.selector);
        _create(p);
    }

    function test_createLaunch_zeroRecipient_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.contributors.recipient = address(0);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidRecipient.selector, address(0)));
        _create(p);
    }

    function test_createLaunch_launchAsRecipient_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.team.recipient = address(launch);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidRecipient.selector, address(launch))
        );
        _create(p);
    }

    function test_createLaunch_duplicateRecipient_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.team.recipient = liquidity;
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_DuplicateRecipient.selector, liquidity));
        _create(p);
    }

    function test_createLaunch_zeroSupply_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.totalSupply = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidTotalSupply.selector, 0, type(uint96).max)
        );
        _create(p);
    }

    function test_createLaunch_supplyTooLarge_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.totalSupply = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IImoLaunch.ImoLaunch_InvalidTotalSupply.selector, p.totalSupply, type(uint96).max
            )
        );
        _create(p);
    }

    function test_createLaunch_zeroTarget_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.target = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidTarget.selector, 0, type(uint128).max)
        );
        _create(p);
    }

    function test_createLaunch_minDepositTooLarge_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.minDeposit = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IImoLaunch.ImoLaunch_InvalidMinDeposit.selector, p.minDeposit, type(uint128).max
            )
        );
        _create(p);
    }

    function test_createLaunch_startInPast_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.start = uint48(block.timestamp - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IImoLaunch.ImoLaunch_InvalidWindow.selector, p.start, p.end, block.timestamp
            )
        );
        _create(p);
    }

    function test_createLaunch_endNotAfterStart_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.end = p.start;
        vm.expectRevert(
            abi.encodeWithSelector(
                IImoLaunch.ImoLaunch_InvalidWindow.selector, p.start, p.end, block.timestamp
            )
        );
        _create(p);
    }

    function test_createLaunch_zeroTreasury_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.treasury = address(0);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidTreasury.selector, address(0)));
        _create(p);
    }

    function test_createLaunch_launchAsTreasury_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.treasury = address(launch);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidTreasury.selector, address(launch))
        );
        _create(p);
    }

    function test_createLaunch_vestingTooLong_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.vestingDuration = uint48(launch.MAX_VESTING_DURATION() + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IImoLaunch.ImoLaunch_InvalidVestingDuration.selector,
                p.vestingDuration,
                launch.MAX_VESTING_DURATION()
            )
        );
        _create(p);
    }

    function test_createLaunch_revenueShareTooLarge_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.revenueShareBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_InvalidRevenueShareBps.selector, 10_001));
        _create(p);
    }

    function test_createLaunch_badTokenSetting_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.token.claimWindow = 0;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidClaimWindow.selector, 0));
        _create(p);
    }

    function testFuzz_createLaunch_slicesSumToSupply(
        uint256 supply,
        uint16 liqBps,
        uint16 conBps,
        uint16 teamBps
    ) public {
        supply = bound(supply, 1, type(uint96).max);
        liqBps = uint16(bound(liqBps, 0, 9999));
        conBps = uint16(bound(conBps, 0, 9999 - liqBps));
        teamBps = uint16(bound(teamBps, 0, 9999 - liqBps - conBps));
        IImoLaunch.LaunchParams memory p = _params();
        p.totalSupply = supply;
        p.liquidity.bps = liqBps;
        p.contributors.bps = conBps;
        p.team.bps = teamBps;
        p.publicSaleBps = 10_000 - liqBps - conBps - teamBps;
        IRevShareToken token = _create(p);
        uint256 sum = token.balanceOf(address(launch)) + token.balanceOf(liquidity)
            + token.balanceOf(contributors) + token.balanceOf(team);
        assertEq(sum, supply);
        assertEq(token.totalSupply(), supply);
        assertEq(token.balanceOf(address(launch)), launch.getLaunch(modelId).saleTokens);
        assertGe(token.balanceOf(address(launch)), supply * p.publicSaleBps / 10_000);
    }
}

contract ImoLaunch_Deposit_Test is ImoLaunch_TestInit {
    function setUp() public override {
        super.setUp();
        _create();
        vm.warp(start);
    }

    function test_deposit_succeeds() public {
        vm.expectEmit(address(launch));
        emit IImoLaunch.Deposited(modelId, alice, 1 ether, 1 ether, 1 ether);
        _deposit(alice, 1 ether);
        vm.expectEmit(address(launch));
        emit IImoLaunch.Deposited(modelId, bob, 2 ether, 2 ether, 3 ether);
        _deposit(bob, 2 ether);
        assertEq(launch.getLaunch(modelId).totalRaised, 3 ether);
        assertEq(address(launch).balance, 3 ether);
    }

    function test_deposit_addsUp_succeeds() public {
        _deposit(alice, 1 ether);
        vm.warp(end - 1);
        vm.expectEmit(address(launch));
        emit IImoLaunch.Deposited(modelId, alice, 4 ether, 5 ether, 5 ether);
        _deposit(alice, 4 ether);
        assertEq(launch.positionOf(modelId, alice).deposit, 5 ether);
        assertFalse(launch.positionOf(modelId, alice).settled);
    }

    function test_deposit_beforeWindow_reverts() public {
        vm.warp(start - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_RaiseNotOpen.selector, modelId, start, end, start - 1)
        );
        _deposit(alice, 1 ether);
    }

    function test_deposit_afterWindow_reverts() public {
        vm.warp(end);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_RaiseNotOpen.selector, modelId, start, end, end)
        );
        _deposit(alice, 1 ether);
    }

    function test_deposit_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, 5));
        vm.prank(alice);
        launch.deposit{value: 1}(5);
    }

    function test_deposit_zero_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_DepositTooSmall.selector, 0, 0));
        _deposit(alice, 0);
    }

    function test_deposit_belowMinimum_reverts() public {
        // a second model with a minimum deposit
        vm.startPrank(owner);
        uint256 second = registry.register(keccak256("w2"), hex"01", 0);
        registry.setOperator(second, address(launch));
        vm.stopPrank();
        IImoLaunch.LaunchParams memory p = _params();
        p.modelId = second;
        p.start = uint48(block.timestamp);
        p.minDeposit = 0.1 ether;
        _create(p);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_DepositTooSmall.selector, 0.1 ether - 1, 0.1 ether)
        );
        vm.prank(alice);
        launch.deposit{value: 0.1 ether - 1}(second);
        vm.prank(alice);
        launch.deposit{value: 0.1 ether}(second);
        assertEq(launch.positionOf(second, alice).deposit, 0.1 ether);
    }
}

contract ImoLaunch_Settle_Test is ImoLaunch_TestInit {
    function test_settle_success_succeeds() public {
        IRevShareToken token = _create();
        vm.warp(start);
        _deposit(alice, 100 ether);
        _deposit(bob, 100 ether);
        vm.warp(end);
        vm.expectEmit(address(launch));
        emit IImoLaunch.Settled(modelId, true, 200 ether, TARGET, stranger);
        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenueWiring(modelId, address(token), 8000, true);
        vm.prank(stranger);
        assertTrue(launch.settle(modelId));
        assertEq(uint8(launch.status(modelId)), uint8(IImoLaunch.Status.Succeeded));
        (, address receiver, uint16 bps) = registry.feeInfo(modelId);
        assertEq(receiver, address(token));
        assertEq(bps, 8000);
        assertTrue(launch.getLaunch(modelId).revenueWired);
    }

    function test_settle_exactTarget_succeeds() public {
        _raise(TARGET, 0);
        assertEq(uint8(launch.status(modelId)), uint8(IImoLaunch.Status.Succeeded));
    }

    function test_settle_failure_burnsSaleTokens() public {
        IRevShareToken token = _create();
        vm.warp(start);
        _deposit(alice, TARGET - 1);
        vm.warp(end);
        vm.expectEmit(address(launch));
        emit IImoLaunch.Settled(modelId, false, TARGET - 1, TARGET, address(this));
        vm.expectEmit(address(launch));
        emit IImoLaunch.SaleTokensBurned(modelId, SALE);
        assertFalse(launch.settle(modelId));
        assertEq(uint8(launch.status(modelId)), uint8(IImoLaunch.Status.Failed));
        assertEq(token.balanceOf(address(launch)), 0);
        assertEq(token.totalSupply(), SUPPLY - SALE);
        // eligible supply untouched: the burned tokens never earned revenue
        assertEq(token.eligibleSupply(), SUPPLY / 5);
        (, address receiver,) = registry.feeInfo(modelId);
        assertEq(receiver, address(0));
    }

    function test_settle_noDeposits_fails() public {
        _create();
        vm.warp(end);
        assertFalse(launch.settle(modelId));
    }

    function test_settle_beforeEnd_reverts() public {
        _create();
        vm.warp(end - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_RaiseNotEnded.selector, modelId, end, end - 1)
        );
        launch.settle(modelId);
    }

    function test_settle_twice_reverts() public {
        _raise(TARGET, 0);
        _expectStatus(IImoLaunch.Status.Succeeded, IImoLaunch.Status.Raising);
        launch.settle(modelId);
    }

    function test_settle_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.settle(modelId);
    }

    function test_settle_operatorRevoked_stillSettles() public {
        IRevShareToken token = _create();
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.prank(owner);
        registry.setOperator(modelId, address(0));
        vm.warp(end);
        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenueWiring(modelId, address(token), 8000, false);
        assertTrue(launch.settle(modelId));
        assertFalse(launch.getLaunch(modelId).revenueWired);
        // investors are not blocked
        vm.prank(alice);
        launch.claimAllocation(modelId);
        assertEq(token.balanceOf(alice), SALE);
    }
}

contract ImoLaunch_WireRevenue_Test is ImoLaunch_TestInit {
    function test_wireRevenue_retry_succeeds() public {
        IRevShareToken token = _create();
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.prank(owner);
        registry.setOperator(modelId, address(0));
        vm.warp(end);
        launch.settle(modelId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_NotOwnerOrOperator.selector, modelId, address(launch)
            )
        );
        launch.wireRevenue(modelId);

        vm.prank(owner);
        registry.setOperator(modelId, address(launch));
        vm.expectEmit(address(launch));
        emit IImoLaunch.RevenueWiring(modelId, address(token), 8000, true);
        vm.prank(stranger);
        launch.wireRevenue(modelId);
        (, address receiver,) = registry.feeInfo(modelId);
        assertEq(receiver, address(token));
    }

    function test_wireRevenue_alreadyWired_reverts() public {
        _raise(TARGET, 0);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_RevenueAlreadyWired.selector, modelId));
        launch.wireRevenue(modelId);
    }

    function test_wireRevenue_failedRaise_reverts() public {
        _raise(1 ether, 0);
        _expectStatus(IImoLaunch.Status.Failed, IImoLaunch.Status.Succeeded);
        launch.wireRevenue(modelId);
    }

    function test_wireRevenue_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.wireRevenue(modelId);
    }
}

contract ImoLaunch_Claim_Test is ImoLaunch_TestInit {
    function test_claimAllocation_exactTarget_succeeds() public {
        IRevShareToken token = _raise(100 ether, 50 ether);
        uint256 before = alice.balance;
        vm.expectEmit(address(launch));
        emit IImoLaunch.AllocationClaimed(modelId, alice, SALE * 2 / 3, 0, 100 ether, alice);
        vm.prank(alice);
        (uint256 tokens, uint256 refund) = launch.claimAllocation(modelId);
        assertEq(tokens, SALE * 2 / 3);
        assertEq(refund, 0);
        assertEq(token.balanceOf(alice), tokens);
        assertEq(alice.balance, before);
        assertTrue(launch.positionOf(modelId, alice).settled);
    }

    function test_claimAllocation_oversubscribed_refundsProRata() public {
        // 300 ETH raised for a 150 ETH target: each pays half and gets its share of the sale
        IRevShareToken token = _raise(200 ether, 100 ether);
        uint256 before = alice.balance;
        vm.prank(alice);
        (uint256 tokens, uint256 refund) = launch.claimAllocation(modelId);
        assertEq(refund, 100 ether);
        assertEq(tokens, SALE * 2 / 3);
        assertEq(alice.balance, before + 100 ether);
        assertEq(token.balanceOf(alice), tokens);

        vm.prank(bob);
        (tokens, refund) = launch.claimAllocation(modelId);
        assertEq(refund, 50 ether);
        assertEq(tokens, SALE / 3);
        // everything sold; with these round numbers no dust
        assertEq(token.balanceOf(address(launch)), SALE - SALE * 2 / 3 - SALE / 3);
        assertEq(address(launch).balance, TARGET);
    }

    /// @dev The sale was eligible while the launch held it, so collecting changes no share of anyone.
    function test_claimAllocation_eligibleSupplyUnchanged() public {
        IRevShareToken token = _raise(TARGET, 0);
        uint256 eligibleBefore = token.eligibleSupply();
        vm.prank(alice);
        launch.claimAllocation(modelId);
        assertEq(token.eligibleSupply(), eligibleBefore);
        assertEq(eligibleBefore, SUPPLY * 7 / 10);
    }

    function test_claimFor_succeeds() public {
        IRevShareToken token = _raise(200 ether, 100 ether);
        uint256 before = bob.balance;
        vm.expectEmit(address(launch));
        emit IImoLaunch.AllocationClaimed(modelId, bob, SALE / 3, 50 ether, 50 ether, stranger);
        vm.prank(stranger);
        launch.claimFor(modelId, bob);
        assertEq(token.balanceOf(bob), SALE / 3);
        assertEq(bob.balance, before + 50 ether);
        assertEq(token.balanceOf(stranger), 0);
    }

    function test_claimAllocation_twice_reverts() public {
        _raise(TARGET, 0);
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_AlreadySettled.selector, modelId, alice));
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_AlreadySettled.selector, modelId, alice));
        launch.claimFor(modelId, alice);
    }

    function test_claimAllocation_nothingDeposited_reverts() public {
        _raise(TARGET, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_NothingDeposited.selector, modelId, carol)
        );
        vm.prank(carol);
        launch.claimAllocation(modelId);
    }

    function test_claimAllocation_beforeSettle_reverts() public {
        _create();
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        _expectStatus(IImoLaunch.Status.Raising, IImoLaunch.Status.Succeeded);
        vm.prank(alice);
        launch.claimAllocation(modelId);
    }

    function test_claimAllocation_failedRaise_reverts() public {
        _raise(1 ether, 0);
        _expectStatus(IImoLaunch.Status.Failed, IImoLaunch.Status.Succeeded);
        vm.prank(alice);
        launch.claimAllocation(modelId);
    }

    function test_claimAllocation_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.claimAllocation(modelId);
    }

    function test_claimAllocation_refundRejected_credited() public {
        IRevShareToken token = _create();
        EthRejecter rejecter = new EthRejecter();
        vm.deal(address(rejecter), 10 ether);
        vm.warp(start);
        vm.prank(address(rejecter));
        launch.deposit{value: 10 ether}(modelId);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        // its refund cannot be pushed: it is credited, and the tokens are delivered all the same
        uint256 refund = uint256(10 ether) * 10 ether / (TARGET + 10 ether);
        (uint256 tokens,) = launch.claimFor(modelId, address(rejecter));
        assertEq(token.balanceOf(address(rejecter)), tokens);
        assertEq(launch.creditOf(address(rejecter), address(0)), refund);
        vm.prank(alice);
        launch.claimAllocation(modelId);
    }

    /// @dev The nested claim hits the guard, so the push fails and the refund is credited; nothing is paid twice.
    function test_claimAllocation_reentrancy_credited() public {
        _create();
        ReentrantInvestor attacker = new ReentrantInvestor(launch, modelId);
        vm.deal(address(attacker), 10 ether);
        vm.warp(start);
        attacker.deposit{value: 10 ether}();
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        uint256 refund = uint256(10 ether) * 10 ether / (TARGET + 10 ether);
        attacker.claim();
        assertEq(launch.creditOf(address(attacker), address(0)), refund);
        assertEq(address(attacker).balance, 10 ether, "nothing pushed: its receive re-entered and reverted");
        assertTrue(launch.positionOf(modelId, address(attacker)).settled);
    }

    function testFuzz_claimAllocation_matchesProRata(uint256 a, uint256 b) public {
        a = bound(a, 1, 500 ether);
        b = bound(b, TARGET, 500 ether);
        _raise(a, b);
        uint256 raised = a + b;
        (uint256 previewTokens, uint256 previewRefund,) = launch.previewAllocation(modelId, alice);
        vm.prank(alice);
        (uint256 tokens, uint256 refund) = launch.claimAllocation(modelId);
        assertEq(tokens, previewTokens);
        assertEq(refund, previewRefund);
        assertEq(tokens, a * SALE / raised);
        assertEq(refund, a * (raised - TARGET) / raised);
        // the investor never pays less than the exact pro-rata price
        assertGe((a - refund) * raised, a * TARGET);
    }
}

contract ImoLaunch_Withdraw_Test is ImoLaunch_TestInit {
    function test_withdraw_failedRaise_succeeds() public {
        _raise(40 ether, 60 ether);
        uint256 before = alice.balance;
        vm.expectEmit(address(launch));
        emit IImoLaunch.Withdrawn(modelId, alice, 40 ether);
        vm.prank(alice);
        assertEq(launch.withdraw(modelId), 40 ether);
        assertEq(alice.balance, before + 40 ether);
        vm.prank(bob);
        launch.withdraw(modelId);
        assertEq(address(launch).balance, 0);
        assertEq(launch.getLaunch(modelId).withdrawn, 100 ether);
    }

    function test_withdraw_twice_reverts() public {
        _raise(40 ether, 0);
        vm.prank(alice);
        launch.withdraw(modelId);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_AlreadySettled.selector, modelId, alice));
        vm.prank(alice);
        launch.withdraw(modelId);
    }

    function test_withdraw_nothingDeposited_reverts() public {
        _raise(40 ether, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_NothingDeposited.selector, modelId, carol)
        );
        vm.prank(carol);
        launch.withdraw(modelId);
    }

    function test_withdraw_succeededRaise_reverts() public {
        _raise(TARGET, 0);
        _expectStatus(IImoLaunch.Status.Succeeded, IImoLaunch.Status.Failed);
        vm.prank(alice);
        launch.withdraw(modelId);
    }

    function test_withdraw_beforeSettle_reverts() public {
        _create();
        vm.warp(start);
        _deposit(alice, 1 ether);
        _expectStatus(IImoLaunch.Status.Raising, IImoLaunch.Status.Failed);
        vm.prank(alice);
        launch.withdraw(modelId);
    }

    function test_withdraw_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.withdraw(modelId);
    }
}

contract ImoLaunch_Proceeds_Test is ImoLaunch_TestInit {
    function test_releaseProceeds_noVesting_succeeds() public {
        _raise(200 ether, 100 ether);
        assertEq(launch.releasableProceeds(modelId), TARGET);
        vm.expectEmit(address(launch));
        emit IImoLaunch.ProceedsReleased(modelId, treasury, TARGET, TARGET);
        vm.prank(stranger);
        assertEq(launch.releaseProceeds(modelId), TARGET);
        assertEq(treasury.balance, TARGET);
        // refunds are still covered
        assertEq(address(launch).balance, 150 ether);
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.prank(bob);
        launch.claimAllocation(modelId);
        assertEq(address(launch).balance, 0);
    }

    function test_releaseProceeds_linearVesting_succeeds() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.vestingDuration = 100 days;
        _create(p);
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end + 25 days);
        launch.settle(modelId);
        assertEq(launch.vestedProceeds(modelId), TARGET / 4);
        assertEq(launch.releaseProceeds(modelId), TARGET / 4);
        assertEq(launch.releasableProceeds(modelId), 0);

        vm.warp(end + 50 days);
        assertEq(launch.releaseProceeds(modelId), TARGET / 4);
        vm.warp(end + 1000 days);
        assertEq(launch.vestedProceeds(modelId), TARGET);
        assertEq(launch.releaseProceeds(modelId), TARGET / 2);
        assertEq(treasury.balance, TARGET);
        assertEq(launch.getLaunch(modelId).proceedsReleased, TARGET);
    }

    function test_releaseProceeds_nothingVested_reverts() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.vestingDuration = 100 days;
        _create(p);
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        launch.settle(modelId);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_NothingToRelease.selector, modelId));
        launch.releaseProceeds(modelId);
    }

    function test_releaseProceeds_allReleased_reverts() public {
        _raise(TARGET, 0);
        launch.releaseProceeds(modelId);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_NothingToRelease.selector, modelId));
        launch.releaseProceeds(modelId);
    }

    function test_releaseProceeds_failedRaise_reverts() public {
        _raise(1 ether, 0);
        assertEq(launch.vestedProceeds(modelId), 0);
        assertEq(launch.releasableProceeds(modelId), 0);
        _expectStatus(IImoLaunch.Status.Failed, IImoLaunch.Status.Succeeded);
        launch.releaseProceeds(modelId);
    }

    function test_releaseProceeds_treasuryRejects_reverts() public {
        EthRejecter rejecter = new EthRejecter();
        IImoLaunch.LaunchParams memory p = _params();
        p.treasury = address(rejecter);
        _create(p);
        vm.warp(start);
        _deposit(alice, TARGET);
        vm.warp(end);
        // settlement does not push proceeds, so a bad treasury cannot block it nor the claims
        launch.settle(modelId);
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_EthTransferFailed.selector, address(rejecter), TARGET)
        );
        launch.releaseProceeds(modelId);
    }

    function test_releaseProceeds_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.releaseProceeds(modelId);
    }
}

contract ImoLaunch_SweepDust_Test is ImoLaunch_TestInit {
    /// @dev Three deposits of 1 wei-odd sizes against a target that does not divide them.
    function _dustyRaise() internal returns (IRevShareToken token) {
        token = _create();
        vm.warp(start);
        _deposit(alice, 100 ether + 1);
        _deposit(bob, 70 ether + 3);
        _deposit(carol, 33 ether + 7);
        vm.warp(end);
        launch.settle(modelId);
    }

    function test_sweepDust_succeeds() public {
        IRevShareToken token = _dustyRaise();
        uint256 raised = 203 ether + 11;
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.prank(bob);
        launch.claimAllocation(modelId);
        vm.prank(carol);
        launch.claimAllocation(modelId);
        launch.releaseProceeds(modelId);

        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        uint256 ethDust = raised - l.refundsPaid - TARGET;
        uint256 tokenDust = SALE - l.tokensClaimed;
        assertEq(address(launch).balance, ethDust);
        assertEq(token.balanceOf(address(launch)), tokenDust);
        assertLt(ethDust, 3);
        assertLt(tokenDust, 3);

        vm.expectEmit(address(launch));
        emit IImoLaunch.DustSwept(modelId, ethDust, tokenDust);
        vm.prank(stranger);
        launch.sweepDust(modelId);
        assertEq(address(launch).balance, 0);
        assertEq(token.balanceOf(address(launch)), 0);
        assertEq(treasury.balance, TARGET + ethDust);
        assertEq(token.totalSupply(), SUPPLY - tokenDust);
        assertEq(launch.getLaunch(modelId).ethDust, ethDust);
    }

    function test_sweepDust_claimsOutstanding_reverts() public {
        _dustyRaise();
        vm.prank(alice);
        launch.claimAllocation(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(IImoLaunch.ImoLaunch_ClaimsOutstanding.selector, modelId, 103 ether + 10)
        );
        launch.sweepDust(modelId);
    }

    function test_sweepDust_twice_reverts() public {
        _raise(TARGET, 0);
        vm.prank(alice);
        launch.claimAllocation(modelId);
        (uint256 ethDust, uint256 tokenDust) = launch.sweepDust(modelId);
        assertEq(ethDust, 0);
        assertEq(tokenDust, 0);
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_DustAlreadySwept.selector, modelId));
        launch.sweepDust(modelId);
    }

    function test_sweepDust_failedRaise_reverts() public {
        _raise(1 ether, 0);
        _expectStatus(IImoLaunch.Status.Failed, IImoLaunch.Status.Succeeded);
        launch.sweepDust(modelId);
    }

    function test_sweepDust_unknownLaunch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId));
        launch.sweepDust(modelId);
    }
}

contract ImoLaunch_Views_Test is ImoLaunch_TestInit {
    function test_salePrice_succeeds() public {
        _create();
        // 150 ETH for 5e8 tokens: 3e11 wei per token
        assertEq(launch.salePrice(modelId), 300_000_000_000);
    }

    function test_salePrice_roundsUp() public {
        IImoLaunch.LaunchParams memory p = _params();
        p.target = 1 ether + 1;
        _create(p);
        assertEq(launch.salePrice(modelId), (uint256(1 ether + 1) * 1e18 + SALE - 1) / SALE);
    }

    function test_previewAllocation_belowTarget_isZero() public {
        _create();
        vm.warp(start);
        _deposit(alice, 1 ether);
        (uint256 tokens, uint256 refund, uint256 accepted) = launch.previewAllocation(modelId, alice);
        assertEq(tokens + refund + accepted, 0);
    }

    function test_previewAllocation_oversubscribed_succeeds() public {
        _create();
        vm.warp(start);
        _deposit(alice, 300 ether);
        (uint256 tokens, uint256 refund, uint256 accepted) = launch.previewAllocation(modelId, alice);
        assertEq(tokens, SALE);
        assertEq(refund, 150 ether);
        assertEq(accepted, 150 ether);
    }

    function test_views_unknownLaunch() public {
        bytes memory err = abi.encodeWithSelector(IImoLaunch.ImoLaunch_UnknownLaunch.selector, modelId);
        vm.expectRevert(err);
        launch.getLaunch(modelId);
        vm.expectRevert(err);
        launch.salePrice(modelId);
        vm.expectRevert(err);
        launch.previewAllocation(modelId, alice);
        vm.expectRevert(err);
        launch.vestedProceeds(modelId);
        vm.expectRevert(err);
        launch.releasableProceeds(modelId);
        assertEq(uint8(launch.status(modelId)), uint8(IImoLaunch.Status.None));
        assertEq(address(launch.tokenOf(modelId)), address(0));
        assertEq(launch.positionOf(modelId, alice).deposit, 0);
        assertEq(address(launch.registry()), address(registry));
        assertEq(address(launch.factory()), address(factory));
    }
}

contract ImoLaunch_Books_Test is ImoLaunch_TestInit {
    function testFuzz_settle_refundsPlusProceedsEqualDeposits(uint256[5] memory amounts, uint256 target)
        public
    {
        target = bound(target, 1, 1_000 ether);
        IImoLaunch.LaunchParams memory p = _params();
        p.target = target;
        p.vestingDuration = 30 days;
        IRevShareToken token = _create(p);
        vm.warp(start);
        address[5] memory investors;
        uint256 raised;
        for (uint256 i; i < 5; ++i) {
            investors[i] = makeAddr(string(abi.encodePacked("investor", i)));
            amounts[i] = bound(amounts[i], 1, 400 ether);
            vm.deal(investors[i], amounts[i]);
            _deposit(investors[i], amounts[i]);
            raised += amounts[i];
        }
        vm.warp(end + 10 days);
        bool succeeded = launch.settle(modelId);
        assertEq(succeeded, raised >= target);

        uint256 paidToInvestors;
        uint256 tokensOut;
        for (uint256 i; i < 5; ++i) {
            vm.prank(investors[i]);
            if (succeeded) {
                (uint256 tokens, uint256 refund) = launch.claimAllocation(modelId);
                paidToInvestors += refund;
                tokensOut += tokens;
            } else {
                paidToInvestors += launch.withdraw(modelId);
            }
        }
        if (!succeeded) {
            assertEq(paidToInvestors, raised);
            assertEq(address(launch).balance, 0);
            assertEq(token.balanceOf(address(launch)), 0);
            return;
        }
        assertLe(tokensOut, SALE);
        assertGt(tokensOut + 5, SALE);
        uint256 vestedEarly = target * 10 days / 30 days;
        assertEq(launch.releasableProceeds(modelId), vestedEarly);
        if (vestedEarly != 0) launch.releaseProceeds(modelId);
        vm.warp(end + 30 days);
        launch.releaseProceeds(modelId);
        (uint256 ethDust,) = launch.sweepDust(modelId);
        assertLt(ethDust, 5);
        assertEq(treasury.balance, target + ethDust);
        assertEq(paidToInvestors + treasury.balance, raised);
        assertEq(address(launch).balance, 0);
        assertEq(token.balanceOf(address(launch)), 0);
    }
}
