// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {IImoLaunch} from "../../src/interfaces/IImoLaunch.sol";
import {ImoLaunch} from "../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../src/imo/RevShareTokenFactory.sol";
import {LaunchFixtures} from "../imo/LaunchFixtures.sol";
import {UniswapV2Deployer} from "../uniswap/UniswapV2Deployer.sol";

/// @dev Gas of a settlement that lists the token on Uniswap v2 (deployed from the published artifacts): it
///      creates the pair (a contract deployment), wraps the ETH, adds the liquidity and locks the LP tokens; and of
///      a release of vested LP tokens. Whole transactions with `--isolate`:
///      `node tools/forge.mjs test --isolate --match-path contracts/test/gas/ImoLaunchMarketGas.t.sol -vv`
contract ImoLaunchMarketGas_Test is UniswapV2Deployer {
    ImoLaunch internal launch;
    uint256 internal modelId;
    uint48 internal end;

    function setUp() public {
        _deployUniswapV2();
        ModelRegistry registry = new ModelRegistry();
        launch = new ImoLaunch(registry, new RevShareTokenFactory(), uniswapFactory, weth);
        modelId = registry.register(keccak256("weights"), hex"01", 0.01 ether);
        registry.setOperator(modelId, address(launch));

        end = uint48(block.timestamp + 7 days);
        IImoLaunch.LaunchParams memory p =
            LaunchFixtures.openLm(modelId, 1e9 ether, 150 ether, uint48(block.timestamp), end, LaunchFixtures.Parties(makeAddr("liquidity"), makeAddr("contributors"), makeAddr("team"), makeAddr("treasury")));
        p.pool = IImoLaunch.PoolParams({
            ethBps: 2000, pairRevenue: IImoLaunch.PairRevenue.Excluded, lpLockDuration: 30 days, lpVestingDuration: 60 days
        });
        launch.createLaunch(p);
        address investor = makeAddr("investor");
        vm.deal(investor, 200 ether);
        vm.prank(investor);
        launch.deposit{value: 200 ether}(modelId);
        vm.warp(end);
    }

    function test_gas_settle_listsOnUniswap() public {
        launch.settle(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log("ImoLaunch.settle, listing (pair created, liquidity added; whole tx with --isolate):", gasUsed);
        vm.snapshotValue("ImoLaunch", "settle, listing on Uniswap v2 (creates the pair)", gasUsed);
        assertEq(uint8(launch.poolOf(modelId).status), uint8(IImoLaunch.PoolStatus.Listed));
    }

    function test_gas_releaseLiquidity() public {
        launch.settle(modelId);
        vm.warp(uint256(end) + 60 days);
        launch.releaseLiquidity(modelId);
        uint256 gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log("ImoLaunch.releaseLiquidity (whole tx with --isolate):", gasUsed);
        vm.snapshotValue("ImoLaunch", "releaseLiquidity", gasUsed);
        assertGt(launch.poolOf(modelId).lpReleased, 0);
    }
}
