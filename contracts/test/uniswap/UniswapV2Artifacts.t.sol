// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ImoLaunch} from "../../src/imo/ImoLaunch.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareTokenFactory} from "../../src/imo/RevShareTokenFactory.sol";
import {IUniswapV2Pair} from "../../src/interfaces/uniswap/IUniswapV2Pair.sol";
import {MintableERC20} from "../imo/mocks/LaunchActors.sol";
import {UniswapV2Deployer} from "./UniswapV2Deployer.sol";

/// @dev The published Uniswap v2 artifacts deploy and work as they are, and the launch derives pair addresses
///      the way their factory creates them and their router finds them.
contract UniswapV2Artifacts_Test is UniswapV2Deployer {
    /// @dev The hash `UniswapV2Library.pairFor` has compiled into Router02 1.1.0-beta.0.
    bytes32 internal constant ROUTER_INIT_CODE_HASH = 0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f;

    ImoLaunch internal launch;
    MintableERC20 internal usd;

    function setUp() public {
        _deployUniswapV2();
        launch = new ImoLaunch(new ModelRegistry(), new RevShareTokenFactory(), uniswapFactory, weth);
        usd = new MintableERC20("USD");
    }

    function test_pairInitCodeHash_matchesRouterAndLaunch() public view {
        bytes32 hash = keccak256(_artifactBytecode(string.concat(CORE_BUILD, "UniswapV2Pair.json")));
        assertEq(hash, ROUTER_INIT_CODE_HASH, "published pair bytecode != router's init code hash");
        assertEq(launch.PAIR_INIT_CODE_HASH(), hash, "launch's init code hash != published pair's");
    }

    function test_router_wiredToFactoryAndWeth() public view {
        assertEq(router.factory(), address(uniswapFactory));
        assertEq(router.WETH(), address(weth));
    }

    function test_createPair_atLaunchPairFor() public {
        address pair = uniswapFactory.createPair(address(usd), address(weth));
        assertEq(pair, launch.pairFor(address(usd)), "factory pair != launch.pairFor");
        assertEq(uniswapFactory.getPair(address(weth), address(usd)), pair);
        assertEq(IUniswapV2Pair(pair).token0(), address(usd) < address(weth) ? address(usd) : address(weth));
    }

    /// @dev The router computes the pair's address from its hard-coded init code hash: a mismatch would make it
    ///      call an empty address, and these calls revert.
    function test_router_addsLiquidityAndSwaps() public {
        usd.mint(address(this), 1_000_000 ether);
        usd.approve(address(router), type(uint256).max);
        (uint256 amountToken, uint256 amountEth, uint256 lp) = router.addLiquidityETH{value: 10 ether}(
            address(usd), 1_000_000 ether, 0, 0, address(this), block.timestamp
        );
        assertEq(amountToken, 1_000_000 ether);
        assertEq(amountEth, 10 ether);
        assertEq(lp, Math.sqrt(1_000_000 ether * 10 ether) - 1000, "geometric mean less the locked minimum");

        address[] memory path = new address[](2);
        (path[0], path[1]) = (address(weth), address(usd));
        uint256[] memory quoted = router.getAmountsOut(1 ether, path);
        // x * y = k with the 0.3% fee: 1 ETH in against 10 ETH / 1e6 tokens
        assertEq(quoted[1], uint256(1 ether) * 997 * 1_000_000 ether / (10 ether * 1000 + uint256(1 ether) * 997));
        uint256 before = usd.balanceOf(address(this));
        router.swapExactETHForTokens{value: 1 ether}(quoted[1], path, address(this), block.timestamp);
        assertEq(usd.balanceOf(address(this)) - before, quoted[1]);
    }

    receive() external payable {}
}
