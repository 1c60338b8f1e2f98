// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../../src/imo/RevShareTokenFactory.sol";
import {RaiseHandler} from "./RaiseHandler.sol";

/// @dev Two launches share one ImoLaunch: model 1 (30 ETH target, 2-day window, 3-day vesting) usually
///      succeeds, model 2 (150 ETH, 2.5-day window, no vesting) usually fails, so both settlement branches
///      and the cross-launch ETH books are exercised. `afterInvariant` then closes every launch.
///      Properties: see PROPERTIES.md beside this file.
contract Raise_Invariants is Test {
    ModelRegistry internal registry;
    ImoLaunch internal launch;
    RaiseHandler internal handler;
    uint256[] internal modelIds;

    address internal owner = makeAddr("owner");

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ModelRegistry();
        launch = new ImoLaunch(registry, new RevShareTokenFactory());

        modelIds.push(_launch(30 ether + 13, 0, 2 days, 3 days, makeAddr("treasury1")));
        modelIds.push(_launch(150 ether, 12 hours, 3 days, 0, makeAddr("treasury2")));

        handler = new RaiseHandler(launch, modelIds, 6);
        targetContract(address(handler));
        // repeated selectors weight the draw: more deposits and warps than anything else
        bytes4[] memory selectors = new bytes4[](13);
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
            revenueTokens: new address[](0)
        });
        launch.createLaunch(p);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ invariants

    /// @dev Investors never receive more than the public sale, and the launch holds exactly the rest.
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
    ///      and the contract's own counters agree with the measured ghost totals.
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
        }
        assertEq(address(launch).balance, expected, "ETH balance != books");
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
        invariant_allocationsWithinPublicSale();
        invariant_nobodyPaidTwice();
        assertEq(address(launch).balance, 0, "ETH left after everything closed");
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
