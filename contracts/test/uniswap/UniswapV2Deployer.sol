// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IUniswapV2Factory} from "../../src/interfaces/uniswap/IUniswapV2Factory.sol";
import {IWETH9} from "../../src/interfaces/uniswap/IWETH9.sol";
import {IUniswapV2Router02} from "./IUniswapV2Router02.sol";

/// @dev Deploys Uniswap v2 from the build artifacts published on npm, bytecode untouched: v2-core 1.0.1
///      (the factory, whose fee this contract sets) and v2-periphery 1.1.0-beta.0 (WETH9, Router02).
///      Nothing of Uniswap is compiled or rewritten here.
abstract contract UniswapV2Deployer is Test {
    string internal constant CORE_BUILD = "node_modules/@uniswap/v2-core/build/";
    string internal constant PERIPHERY_BUILD = "node_modules/@uniswap/v2-periphery/build/";

    IWETH9 internal weth;
    IUniswapV2Factory internal uniswapFactory;
    IUniswapV2Router02 internal router;

    function _deployUniswapV2() internal {
        weth = IWETH9(_deployArtifact(string.concat(PERIPHERY_BUILD, "WETH9.json"), ""));
        uniswapFactory = IUniswapV2Factory(
            _deployArtifact(string.concat(CORE_BUILD, "UniswapV2Factory.json"), abi.encode(address(this)))
        );
        router = IUniswapV2Router02(
            _deployArtifact(
                string.concat(PERIPHERY_BUILD, "UniswapV2Router02.json"),
                abi.encode(address(uniswapFactory), address(weth))
            )
        );
        vm.label(address(weth), "WETH9");
        vm.label(address(uniswapFactory), "UniswapV2Factory");
        vm.label(address(router), "UniswapV2Router02");
    }

    /// @dev The creation code of an artifact, as published (a hex string without `0x`).
    function _artifactBytecode(string memory path) internal view returns (bytes memory) {
        string memory hexCode = vm.parseJsonString(vm.readFile(path), ".bytecode");
        return vm.parseBytes(string.concat("0x", hexCode));
    }

    /// @dev CREATE with the artifact's creation code followed by the ABI-encoded constructor arguments.
    function _deployArtifact(string memory path, bytes memory args) internal returns (address deployed) {
        bytes memory code = bytes.concat(_artifactBytecode(path), args);
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), string.concat("deploying ", path, " failed"));
    }
}
