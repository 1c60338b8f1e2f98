// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {console2} from "forge-std/console2.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../../src/imo/RevShareTokenFactory.sol";
import {IUniswapV2Pair} from "../../../src/interfaces/uniswap/IUniswapV2Pair.sol";
import {UniswapV2Deployer} from "../../uniswap/UniswapV2Deployer.sol";
import {MarketHandler} from "./MarketHandler.sol";

/// @dev A launch lists on a real Uniswap v2 pair (deployed from the published artifacts): 60 ETH of deposits
///      against a 30 ETH target (so refunds are due), 25% of the proceeds paired with the liquidity reserve,
///      LP tokens locked 10 days then vested over 30. The handler then trades, provides liquidity, pays revenue,
///      snapshots, claims, burns and harvests with the pair as a token holder. One suite per pair policy
///      (`MarketExcluded_Invariants`, `MarketUnclaimed_Invariants`); properties: PROPERTIES.md beside this file.
abstract contract Market_Invariants is UniswapV2Deployer {
    ModelRegistry internal registry;
    ImoLaunch internal launch;
    MarketHandler internal handler;
    IRevShareToken internal token;
    IUniswapV2Pair internal pair;
    uint256 internal modelId;
    address internal liquidity = makeAddr("liquidity");

    function _pairRevenue() internal pure virtual returns (IImoLaunch.PairRevenue);

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployUniswapV2();
        registry = new ModelRegistry();
        launch = new ImoLaunch(registry, new RevShareTokenFactory(), uniswapFactory, weth);
        address owner = makeAddr("owner");
        vm.startPrank(owner);
        modelId = registry.register(keccak256("weights"), hex"01", 1 gwei);
        registry.setOperator(modelId, address(launch));
        IImoLaunch.LaunchParams memory p;
        p.modelId = modelId;
        p.name = "Model";
        p.symbol = "MDL";
        p.totalSupply = 1e9 ether + 7; // odd, so allocations leave dust
        p.publicSaleBps = 5000;
        p.liquidity = IImoLaunch.Allocation(liquidity, 3000);
        p.contributors = IImoLaunch.Allocation(makeAddr("contributors"), 1000);
        p.team = IImoLaunch.Allocation(makeAddr("team"), 1000);
        p.excludeLiquidity = true;
        p.target = 30 ether;
        p.start = uint48(block.timestamp);
        p.end = uint48(block.timestamp + 2 days);
        p.treasury = makeAddr("treasury");
        p.revenueShareBps = 5000;
        p.token = IImoLaunch.TokenParams({
            claimableBps: 8000,
            snapshotInterval: 1 days,
            claimWindow: 2,
            unclaimedPolicy: IRevShareToken.UnclaimedPolicy.RollForward,
            revenueTokens: new address[](0)
        });
        p.pool = IImoLaunch.PoolParams({
            ethBps: 2500, pairRevenue: _pairRevenue(), lpLockDuration: 10 days, lpVestingDuration: 30 days
        });
        token = launch.createLaunch(p);
        vm.stopPrank();

        address[] memory actors = new address[](6);
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            vm.deal(actors[i], 10_000 ether);
            vm.prank(actors[i]);
            launch.deposit{value: 10 ether}(modelId);
        }
        vm.warp(p.end);
        launch.settle(modelId);
        require(launch.poolOf(modelId).status == IImoLaunch.PoolStatus.Listed, "not listed");
        pair = IUniswapV2Pair(launch.poolOf(modelId).pair);

        handler = new MarketHandler(launch, modelId, router, actors);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](19);
        selectors[0] = handler.buy.selector;
        selectors[1] = handler.buy.selector;
        selectors[2] = handler.sell.selector;
        selectors[3] = handler.sell.selector;
        selectors[4] = handler.addLiquidity.selector;
        selectors[5] = handler.removeLiquidity.selector;
        selectors[6] = handler.donate.selector;
        selectors[7] = handler.collect.selector;
        selectors[8] = handler.collect.selector;
        selectors[9] = handler.payRevenue.selector;
        selectors[10] = handler.snapshot.selector;
        selectors[11] = handler.claim.selector;
        selectors[12] = handler.burn.selector;
        selectors[13] = handler.harvest.selector;
        selectors[14] = handler.releaseLiquidity.selector;
        selectors[15] = handler.warp.selector;
        // revenue, snapshots and claims weigh more, so holders' claims happen in most runs
        selectors[16] = handler.snapshot.selector;
        selectors[17] = handler.payRevenue.selector;
        selectors[18] = handler.claim.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ------------------------------------------------------------------ invariants

    /// @dev The token's ETH books are exact with the pair as a holder: every wei received is in exactly one place,
    ///      the token holds what its books say, and what it received is what the payer paid plus what the launch
    ///      recycled (nothing else sends it ETH).
    function invariant_tokenBooksExact() public view {
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(
            b.received,
            b.pending + b.openClaimable + b.redeemPool + b.claimed + b.redeemed + b.credited + b.withdrawn,
            "received != sum of books"
        );
        assertEq(address(token).balance, token.bookedBalance(address(0)), "token ETH != booked");
        assertEq(
            b.received,
            handler.ghostRevenuePaidIn() + launch.revenueBooks(modelId, address(0)).recycled,
            "received != paid in + recycled"
        );
    }

    /// @dev Every wei the token paid out went to a holder that claimed or burned, or to the launch (harvests); the
    ///      pair never receives ETH and never claims.
    function invariant_payoutsReachClaimersOnly() public view {
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(
            b.claimed + b.redeemed + b.withdrawn,
            handler.ghostTokenPaidToActors() + handler.ghostTokenPaidToLaunch(),
            "token payouts != measured receipts"
        );
        assertEq(launch.revenueBooks(modelId, address(0)).harvested, handler.ghostTokenPaidToLaunch());
        assertEq(address(pair).balance, 0, "the pair holds ETH");
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        for (uint256 id = current > window ? current - window + 1 : 1; id <= current; ++id) {
            assertFalse(token.hasClaimed(address(pair), id), "the pair claimed");
        }
    }

    /// @dev What the pair's tokens earn follows the policy: nothing (excluded: not in the eligible supply), or a
    ///      share left in each open snapshot's pool that nobody else can take (unclaimed).
    function invariant_pairRevenueFollowsPolicy() public view {
        uint256 excluded = token.balanceOf(liquidity);
        bool pairExcluded = _pairRevenue() == IImoLaunch.PairRevenue.Excluded;
        if (pairExcluded) excluded += token.balanceOf(address(pair));
        assertEq(token.isRevenueExcluded(address(pair)), pairExcluded);
        assertEq(token.eligibleSupply(), token.totalSupply() - excluded, "eligible supply");
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        for (uint256 id = current > window ? current - window + 1 : 1; id <= current; ++id) {
            uint256 share = token.claimableRevenue(address(pair), id);
            if (pairExcluded) {
                assertEq(share, 0, "an excluded pair earns");
            } else {
                (uint256 amount, uint256 claimed) = token.snapshotPool(id, address(0));
                assertLe(claimed + share, amount, "the pair's share was taken");
            }
        }
    }

    /// @dev The launch's ETH is its books to the wei: deposits less refunds, proceeds paid and the ETH paired, plus
    ///      revenue held and credits; it can pay every refund still owed and the unreleased proceeds.
    function invariant_launchEthBooks() public view {
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        IImoLaunch.Pool memory pool = launch.poolOf(modelId);
        IImoLaunch.RevenueBooks memory r = launch.revenueBooks(modelId, address(0));
        uint256 held = uint256(r.harvested) - r.paid - r.recycled;
        uint256 books = uint256(l.totalRaised) - l.refundsPaid - l.withdrawn - l.proceedsReleased - l.ethDust
            - pool.pairEth;
        assertEq(address(launch).balance, books + held + launch.totalCredits(address(0)), "launch ETH != books");
        assertGe(r.harvested, uint256(r.paid) + r.recycled);
        // refunds still owed (rounded down per investor) and the proceeds not yet released are covered
        uint256 unpaidRefunds = (uint256(l.totalRaised) - l.target) - l.refundsPaid;
        assertGe(books, unpaidRefunds + (uint256(l.target) - pool.pairEth - l.proceedsReleased));
    }

    /// @dev The launch holds the LP tokens not yet released, the liquidity recipient those released; the launch
    ///      holds the public-sale tokens not yet collected and nothing of the reserve.
    function invariant_lpAndTokensHeld() public view {
        IImoLaunch.Pool memory pool = launch.poolOf(modelId);
        assertEq(pair.balanceOf(address(launch)), uint256(pool.lpTokens) - pool.lpReleased, "LP held here");
        assertEq(pair.balanceOf(liquidity), pool.lpReleased, "LP released");
        assertLe(pool.lpReleased, launch.vestedLiquidity(modelId));
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        assertEq(token.balanceOf(address(launch)), uint256(l.saleTokens) - l.tokensClaimed, "sale tokens held");
    }

    /// @dev The pair's reserves are backed by its balances (donations may sit above them until a sync).
    function invariant_pairReservesBacked() public view {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        assertLe(r0, IERC20(pair.token0()).balanceOf(address(pair)));
        assertLe(r1, IERC20(pair.token1()).balanceOf(address(pair)));
    }

    function afterInvariant() external view {
        console2.log("swaps", handler.ghostSwaps(), "volume (wei)", handler.ghostVolumeEth());
        console2.log("snapshots", token.currentSnapshotId(), "claims", handler.calls(handler.claim.selector));
        console2.log("collects", handler.calls(handler.collect.selector), "burns", handler.calls(handler.burn.selector));
        console2.log(
            "LP adds", handler.calls(handler.addLiquidity.selector), "removes", handler.calls(handler.removeLiquidity.selector)
        );
        console2.log("LP releases", handler.calls(handler.releaseLiquidity.selector), "sells", handler.calls(handler.sell.selector));
    }
}

contract MarketExcluded_Invariants is Market_Invariants {
    function _pairRevenue() internal pure override returns (IImoLaunch.PairRevenue) {
        return IImoLaunch.PairRevenue.Excluded;
    }
}

contract MarketUnclaimed_Invariants is Market_Invariants {
    function _pairRevenue() internal pure override returns (IImoLaunch.PairRevenue) {
        return IImoLaunch.PairRevenue.Unclaimed;
    }
}
