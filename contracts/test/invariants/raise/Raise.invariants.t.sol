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
import {BlacklistERC20, MintableERC20} from "../../imo/mocks/LaunchActors.sol";
import {RaiseHandler} from "./RaiseHandler.sol";

/// @dev Two launches share one ImoLaunch: model 1 (30 ETH target, 2-day window, 3-day vesting) usually
///      succeeds, model 2 (150 ETH, 2.5-day window, no vesting) usually fails, so both settlement branches
///      and the cross-launch ETH books are exercised. Both tokens take revenue in ETH and in two ERC-20s
///      shared by both (one of them blacklists), so the ERC-20 books mix two launches too. `afterInvariant`
///      then closes every launch. Properties: see PROPERTIES.md beside this file.
contract Raise_Invariants is Test {
    address internal constant ETH = address(0);
    ModelRegistry internal registry;
    ImoLaunch internal launch;
    RaiseHandler internal handler;
    MintableERC20 internal usd;
    BlacklistERC20 internal blk;
    uint256[] internal modelIds;

    address internal owner = makeAddr("owner");

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ModelRegistry();
        launch = new ImoLaunch(registry, new RevShareTokenFactory());
        usd = new MintableERC20("USD");
        blk = new BlacklistERC20();

        modelIds.push(_launch(30 ether + 13, 0, 2 days, 3 days, makeAddr("treasury1")));
        modelIds.push(_launch(150 ether, 12 hours, 3 days, 0, makeAddr("treasury2")));

        handler = new RaiseHandler(launch, modelIds, 6, usd, blk);
        targetContract(address(handler));
        // repeated selectors weight the draw: more deposits and warps than anything else
        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = handler.deposit.selector;
        selectors[1] = handler.deposit.selector;
        selectors[2] = handler.deposit.selector;
        selectors[3] = handler.warp.selector;
        selectors[4] = handler.warp.selector;
        selectors[5] = handler.settle.selector;
        selectors[6] = handler.claim.selector;
        selectors[7] = handler.claim.selector;
        selectors[8] = handler.withdraw.selector;
        selectors[9] = handler.releaseProceeds.selector;
        selectors[10] = handler.tryDoublePay.selector;
        selectors[11] = handler.sweepDust.selector;
        selectors[12] = handler.claimEveryone.selector;
        selectors[13] = handler.payRevenue.selector;
        selectors[14] = handler.payRevenue.selector;
        selectors[15] = handler.snapshot.selector;
        selectors[16] = handler.snapshot.selector;
        selectors[17] = handler.harvest.selector;
        selectors[18] = handler.collectLate.selector;
        selectors[19] = handler.toggleBlacklist.selector;
        selectors[20] = handler.withdrawCredit.selector;
        selectors[21] = handler.collectAtDueTime.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _launch(uint256 target, uint48 startIn, uint48 endIn, uint48 vesting, address treasury)
        internal
        returns (uint256 modelId)
    {
        vm.startPrank(owner);
        modelId = registry.register(keccak256(abi.encode(target)), hex"01", 1 gwei);
        registry.setOperator(modelId, address(launch));
        IImoLaunch.LaunchParams memory p;
        p.modelId = modelId;
        p.name = "Model";
        p.symbol = "MDL";
        // an odd supply, so pro-rata token allocations leave dust
        p.totalSupply = 1e9 ether + 7;
        p.publicSaleBps = 5000;
        p.liquidity = IImoLaunch.Allocation(makeAddr("liquidity"), 3000);
        p.contributors = IImoLaunch.Allocation(makeAddr("contributors"), 1000);
        p.team = IImoLaunch.Allocation(makeAddr("team"), 1000);
        p.excludeLiquidity = true;
        p.target = target;
        p.start = uint48(block.timestamp) + startIn;
        p.end = uint48(block.timestamp) + endIn;
        p.treasury = treasury;
        p.vestingDuration = vesting;
        p.revenueShareBps = 5000;
        p.token = IImoLaunch.TokenParams({
            claimableBps: 8000,
            snapshotInterval: 1 days,
            claimWindow: 2,
            unclaimedPolicy: IRevShareToken.UnclaimedPolicy.RollForward,
            revenueTokens: _revenueTokens()
        });
        launch.createLaunch(p);
        vm.stopPrank();
    }

    function _revenueTokens() internal view returns (address[] memory tokens) {
        tokens = new address[](2);
        (tokens[0], tokens[1]) = (address(usd), address(blk));
    }

    // ------------------------------------------------------------------ invariants

    /// @dev Investors never receive more than the public sale, and the launch holds exactly the rest until the
    ///      raise fails or the dust is swept, then nothing: the burn goes through even while the blacklisting
    ///      token refuses the launch (the token credits what the burn redeems in that asset).
    function invariant_allocationsWithinPublicSale() public view {
        for (uint256 m; m < modelIds.length; ++m) {
            uint256 id = modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(id);
            assertLe(handler.ghostTokensToInvestors(id), l.saleTokens, "tokens out > sale");
            assertEq(l.tokensClaimed, handler.ghostTokensToInvestors(id), "tokensClaimed != tokens received");
            uint256 held = l.token.balanceOf(address(launch));
            if (l.status == IImoLaunch.Status.Failed || l.dustSwept) {
                assertEq(held, 0, "tokens left after end");
            } else {
                assertEq(held, l.saleTokens - l.tokensClaimed, "sale tokens unaccounted");
            }
        }
    }

    /// @dev At every step: ETH held = deposits - refunds - withdrawals - paid to treasury, summed over launches,
    ///      plus the ETH revenue held plus the ETH credits; the contract's own counters agree with the measured
    ///      ghost totals.
    function invariant_ethBalanceMatchesBooks() public view {
        uint256 expected;
        for (uint256 m; m < modelIds.length; ++m) {
            uint256 id = modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(id);
            assertEq(l.totalRaised, handler.ghostDeposited(id), "totalRaised");
            assertEq(l.refundsPaid, handler.ghostRefunded(id), "refundsPaid");
            assertEq(l.withdrawn, handler.ghostWithdrawn(id), "withdrawn");
            assertEq(uint256(l.proceedsReleased) + l.ethDust, handler.ghostToTreasury(id), "to treasury");
            expected += handler.ghostDeposited(id) - handler.ghostRefunded(id) - handler.ghostWithdrawn(id)
            - handler.ghostToTreasury(id);
            expected += _held(id, ETH);
        }
        expected += handler.ghostCredited(ETH) - handler.ghostCreditWithdrawn(ETH);
        assertEq(address(launch).balance, expected, "ETH balance != books");
    }

    /// @dev Per revenue asset: harvested = paid to investors + recycled + held, the measured payments to
    ///      investors equal the books, and the launch's balance of an ERC-20, plus what the tokens still owe it
    ///      (payouts they credited it), is the revenue of it held over both launches plus its credits, which
    ///      equal the measured credits less withdrawals.
    function invariant_revenueBooksExact() public view {
        address[] memory assets = handler.assets();
        for (uint256 a; a < assets.length; ++a) {
            address asset = assets[a];
            uint256 held;
            uint256 owedByTokens;
            for (uint256 m; m < modelIds.length; ++m) {
                IImoLaunch.RevenueBooks memory b = launch.revenueBooks(modelIds[m], asset);
                assertGe(b.harvested, b.paid + b.recycled, "paid + recycled > harvested");
                assertLe(b.toInvestors, b.harvested, "distributed > harvested");
                assertEq(b.paid, handler.ghostRevenueToInvestors(modelIds[m], asset), "paid != measured");
                held += _held(modelIds[m], asset);
                owedByTokens += launch.tokenOf(modelIds[m]).creditOf(address(launch), asset);
            }
            uint256 credits = handler.ghostCredited(asset) - handler.ghostCreditWithdrawn(asset);
            assertEq(launch.totalCredits(asset), credits, "credits != measured");
            if (asset == ETH) {
                // ETH: the launch always accepts its tokens' payouts (checked to the wei by the ETH invariant)
                assertEq(owedByTokens, 0, "a token credited ETH to the launch");
            } else {
                assertEq(
                    IERC20(asset).balanceOf(address(launch)) + owedByTokens, held + credits, "ERC-20 books"
                );
            }
        }
    }

    /// @dev The revenue held for a launch covers what its investors who have not collected are owed
    ///      (`pendingRevenue`), and what is left over is rounding dust: under 1 wei per harvested snapshot and per
    ///      investor, in every asset, whether or not the blacklisting token let the launch receive its payouts
    ///      (the token credits them, and the launch books them). A failed or swept launch holds no revenue in ETH
    ///      or the plain ERC-20 (the blacklisting one may refuse its recycling until the blacklist is lifted).
    function invariant_revenueSolventAndDustBounded() public view {
        address[] memory assets = handler.assets();
        address[] memory actors = handler.actors();
        for (uint256 m; m < modelIds.length; ++m) {
            uint256 id = modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(id);
            for (uint256 a; a < assets.length; ++a) {
                IImoLaunch.RevenueBooks memory b = launch.revenueBooks(id, assets[a]);
                if (l.status == IImoLaunch.Status.Succeeded && !l.dustSwept) {
                    uint256 owed;
                    for (uint256 i; i < actors.length; ++i) {
                        owed += launch.pendingRevenue(id, actors[i], assets[a]);
                    }
                    assertGe(b.toInvestors, b.paid + owed, "investors owed more than distributed");
                    uint256 bound = launch.tokenOf(id).currentSnapshotId() + actors.length;
                    assertLe(b.toInvestors - b.paid - owed, bound, "dust beyond its bound");
                } else if (assets[a] != address(blk)) {
                    assertEq(_held(id, assets[a]), 0, "a closed launch holds revenue");
                }
            }
        }
    }

    /// @dev Every investor that collected (the late collector after two snapshots, the others whenever) received
    ///      in ETH revenue what a holder of its tokens since settlement claimed from the same snapshots, to 1 wei
    ///      per snapshot; one that collected once a snapshot had fallen due, before anyone took it, was paid that
    ///      snapshot too (its tokens counted for the launch in it).
    function invariant_lateCollectorsPaidLikeHolders() public view {
        address[] memory actors = handler.actors();
        for (uint256 m; m < modelIds.length; ++m) {
            for (uint256 i; i < actors.length; ++i) {
                if (!handler.ghostCollected(modelIds[m], actors[i])) continue;
                uint256 paid = handler.ghostRevenueEthOf(modelIds[m], actors[i]);
                uint256 shadow = handler.ghostShadowEthOf(modelIds[m], actors[i]);
                uint256 n = handler.ghostShadowSnapshotsOf(modelIds[m], actors[i]);
                assertApproxEqAbs(paid, shadow, n + 1, "revenue depends on when it collected");
                assertGe(
                    handler.ghostShadowThroughOf(modelIds[m], actors[i]),
                    handler.ghostDueSnapshotOf(modelIds[m], actors[i]),
                    "a collection at a due time missed the due snapshot"
                );
            }
        }
    }

    /// @dev Paying the investor that burns all gas it is given costs a `claimFor` caller a bounded amount.
    function invariant_payoutGasBounded() public view {
        assertLt(handler.ghostMaxBurnerClaimGas(), 400_000, "a payee made a claim expensive");
    }

    /// @dev The launch can always pay everything it still owes: unpaid refunds, unreleased proceeds, or
    ///      unwithdrawn deposits.
    function invariant_solvent() public view {
        address[] memory actors = handler.actors();
        for (uint256 m; m < modelIds.length; ++m) {
            uint256 id = modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(id);
            uint256 held = handler.ghostDeposited(id) - handler.ghostRefunded(id) - handler.ghostWithdrawn(id)
                - handler.ghostToTreasury(id);
            uint256 owed;
            for (uint256 i; i < actors.length; ++i) {
                IImoLaunch.Position memory pos = launch.positionOf(id, actors[i]);
                if (pos.settled) continue;
                if (l.status == IImoLaunch.Status.Succeeded) {
                    (, uint256 refund,) = launch.previewAllocation(id, actors[i]);
                    owed += refund;
                } else {
                    owed += pos.deposit;
                }
            }
            if (l.status == IImoLaunch.Status.Succeeded) owed += l.target - l.proceedsReleased;
            assertGe(held, owed, "insolvent");
            assertLe(l.proceedsReleased, launch.vestedProceeds(id), "released > vested");
            assertLe(launch.vestedProceeds(id), l.target, "vested > target");
        }
    }

    /// @dev Once every investor was paid and every proceed released: refunds + proceeds = deposits (success)
    ///      or withdrawals = deposits (failure), to the wei.
    function invariant_refundsPlusProceedsEqualDeposits() public view {
        for (uint256 m; m < modelIds.length; ++m) {
            _checkClosedBooks(modelIds[m]);
        }
    }

    /// @dev Every investor is paid at most once, and repeated claims or withdrawals move no ETH.
    function invariant_nobodyPaidTwice() public view {
        address[] memory actors = handler.actors();
        for (uint256 m; m < modelIds.length; ++m) {
            for (uint256 i; i < actors.length; ++i) {
                assertLe(handler.ghostTimesPaid(modelIds[m], actors[i]), 1, "paid twice");
            }
        }
        assertEq(handler.ghostLeakedOnRepeat(), 0, "repeat call moved ETH");
    }

    /// @dev held = harvested - paid - recycled.
    function _held(uint256 id, address asset) internal view returns (uint256) {
        IImoLaunch.RevenueBooks memory b = launch.revenueBooks(id, asset);
        return b.harvested - b.paid - b.recycled;
    }

    /// @dev At the end of every run, drive everything to completion and check the closed books.
    function afterInvariant() public {
        handler.finishAll();
        for (uint256 m; m < modelIds.length; ++m) {
            uint256 id = modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(id);
            assertEq(l.depositsSettled, l.totalRaised, "someone unpaid");
            assertTrue(_checkClosedBooks(id), "books not closed");
        }
        invariant_ethBalanceMatchesBooks();
        invariant_revenueBooksExact();
        invariant_allocationsWithinPublicSale();
        for (uint256 m; m < modelIds.length; ++m) {
            IRevShareToken token = launch.tokenOf(modelIds[m]);
            assertEq(token.balanceOf(address(launch)), 0, "sale tokens left after the end");
            assertEq(
                token.creditOf(address(launch), address(blk)), 0, "the launch never pulled a token's credit"
            );
            assertEq(token.creditOf(address(launch), address(usd)), 0, "USD credited to the launch");
        }
        invariant_nobodyPaidTwice();
        invariant_lateCollectorsPaidLikeHolders();
        address[] memory assets = handler.assets();
        for (uint256 m; m < modelIds.length; ++m) {
            for (uint256 a; a < assets.length; ++a) {
                assertEq(_held(modelIds[m], assets[a]), 0, "revenue left after everything closed");
            }
            // the late collector was paid like a holder (when it invested in a met raise)
            if (launch.status(modelIds[m]) == IImoLaunch.Status.Succeeded) {
                assertTrue(
                    launch.positionOf(modelIds[m], handler.late()).deposit == 0
                        || handler.ghostCollected(modelIds[m], handler.late()),
                    "late collector never collected"
                );
            }
        }
        assertEq(address(launch).balance, 0, "ETH left after everything closed");
        assertEq(usd.balanceOf(address(launch)), 0, "USD left after everything closed");
        // what the run reached (-vv)
        console2.log("collections with revenue", handler.ghostCollectionsWithRevenue());
        console2.log("late collections with revenue", handler.ghostLateCollectionsWithRevenue());
        console2.log("snapshots", handler.calls(handler.snapshot.selector));
        console2.log("credits withdrawn", handler.calls(handler.withdrawCredit.selector));
        console2.log("collections at a due time", handler.ghostCollectionsAtDueTime());
        assertEq(blk.balanceOf(address(launch)), 0, "BLK left after everything closed");
    }

    /// @return closed Whether the launch's books are closed (and then they were checked).
    function _checkClosedBooks(uint256 id) internal view returns (bool closed) {
        IImoLaunch.Launch memory l = launch.getLaunch(id);
        if (l.depositsSettled != l.totalRaised) return false;
        uint256 deposited = handler.ghostDeposited(id);
        if (l.status == IImoLaunch.Status.Failed) {
            assertEq(handler.ghostWithdrawn(id), deposited, "withdrawals != deposits");
            return true;
        }
        if (l.status == IImoLaunch.Status.Succeeded && l.dustSwept && l.proceedsReleased == l.target) {
            assertEq(handler.ghostRefunded(id) + handler.ghostToTreasury(id), deposited, "refunds+proceeds");
            assertEq(uint256(l.refundsPaid) + l.proceedsReleased + l.ethDust, l.totalRaised, "contract books");
            return true;
        }
        return false;
    }
}
