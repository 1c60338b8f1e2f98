// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {IImoLaunch} from "../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../src/imo/RevShareTokenFactory.sol";
import {IUniswapV2Factory} from "../../src/interfaces/uniswap/IUniswapV2Factory.sol";
import {IWETH9} from "../../src/interfaces/uniswap/IWETH9.sol";
import {LaunchFixtures} from "../imo/LaunchFixtures.sol";

/// @dev Gas of a deposit into a running raise, steady state: a second depositor (the raise total is already
///      nonzero, so only the depositor's own slot goes from zero to nonzero). Run in isolation so each call
///      is its own transaction with cold storage, as on chain; the figure is then the whole transaction
///      (21,000 intrinsic gas and calldata included):
///      `npx forge test --isolate --match-path contracts/test/gas/ImoLaunchGas.t.sol -vv`
contract ImoLaunchGas_Test is Test {
    ImoLaunch internal launch;
    uint256 internal modelId;
    address internal first = makeAddr("first");
    address internal second = makeAddr("second");

    function setUp() public {
        ModelRegistry registry = new ModelRegistry();
        launch = new ImoLaunch(registry, new RevShareTokenFactory(), IUniswapV2Factory(address(0)), IWETH9(address(0)));
        modelId = registry.register(keccak256("weights"), hex"01", 0.01 ether);
        registry.setOperator(modelId, address(launch));

        IImoLaunch.LaunchParams memory p = LaunchFixtures.openLm(
            modelId, 1e9 ether, 150 ether, uint48(block.timestamp), uint48(block.timestamp + 7 days), LaunchFixtures.Parties(makeAddr("liquidity"), makeAddr("contributors"), makeAddr("team"), makeAddr("treasury"))
        );
        launch.createLaunch(p);

        vm.deal(first, 10 ether);
        vm.deal(second, 10 ether);
        vm.prank(first);
        launch.deposit{value: 1 ether}(modelId);
    }

    function test_gas_deposit_secondDepositor() public {
        vm.prank(second);
        launch.deposit{value: 1 ether}(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log(
            "ImoLaunch.deposit, second depositor (whole tx gas with --isolate, incl. 21000 intrinsic):",
            gasUsed
        );
        vm.snapshotValue("ImoLaunch", "deposit, second depositor", gasUsed);
        assertEq(launch.positionOf(modelId, second).deposit, 1 ether);
    }

    /// @dev A raise met by two depositors, settled; 10 ETH of revenue and one snapshot since.
    function _settledWithOneSnapshot() internal returns (IRevShareToken token) {
        vm.prank(second);
        launch.deposit{value: 1 ether}(modelId);
        vm.deal(first, 1_000 ether);
        vm.prank(first);
        launch.deposit{value: 200 ether}(modelId);
        vm.warp(block.timestamp + 90 days);
        launch.settle(modelId);
        token = launch.tokenOf(modelId);
        token.depositRevenue{value: 10 ether}();
        token.snapshot();
    }

    /// @dev The first collection after a snapshot: it harvests the snapshot (claimBatch of the launch's share)
    ///      and pays tokens, refund and the investor's revenue.
    function test_gas_claimAllocation_harvestsOneSnapshot() public {
        _settledWithOneSnapshot();
        vm.prank(second);
        launch.claimAllocation(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log("ImoLaunch.claimAllocation, harvesting one snapshot (whole tx gas with --isolate):", gasUsed);
        vm.snapshotValue("ImoLaunch", "claimAllocation, harvesting one snapshot", gasUsed);
        assertGt(launch.revenueBooks(modelId, address(0)).paid, 0);
    }

    /// @dev A collection once the next snapshot has fallen due and nobody took it: it takes the snapshot (the
    ///      tokens still count for the launch in it), harvests it, and pays tokens, refund and revenue.
    function test_gas_claimAllocation_takesDueSnapshot() public {
        IRevShareToken token = _settledWithOneSnapshot();
        token.depositRevenue{value: 5 ether}();
        vm.warp(token.nextSnapshotAt());
        vm.prank(second);
        launch.claimAllocation(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log("ImoLaunch.claimAllocation, taking the due snapshot (whole tx gas with --isolate):", gasUsed);
        vm.snapshotValue("ImoLaunch", "claimAllocation, taking the due snapshot", gasUsed);
        assertEq(token.currentSnapshotId(), 2, "took the due snapshot");
        assertTrue(token.hasClaimed(address(launch), 2), "and harvested it");
    }

    /// @dev A keeper's harvest of one snapshot, after settlement (ETH revenue to the accumulator).
    function test_gas_harvest_oneSnapshot() public {
        _settledWithOneSnapshot();
        launch.harvest(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log("ImoLaunch.harvest, one snapshot (whole tx gas with --isolate):", gasUsed);
        vm.snapshotValue("ImoLaunch", "harvest, one snapshot", gasUsed);
        assertGt(launch.revenueBooks(modelId, address(0)).toInvestors, 0);
    }

    function test_gas_deposit_topUp() public {
        vm.prank(first);
        launch.deposit{value: 1 ether}(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log(
            "ImoLaunch.deposit, existing depositor top-up (whole tx gas with --isolate, incl. 21000 intrinsic):",
            gasUsed
        );
        vm.snapshotValue("ImoLaunch", "deposit, top-up", gasUsed);
        assertEq(launch.positionOf(modelId, first).deposit, 2 ether);
    }
}
