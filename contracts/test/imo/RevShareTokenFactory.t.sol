// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {IRevShareTokenFactory} from "../../src/interfaces/IRevShareTokenFactory.sol";
import {RevShareTokenFactory} from "../../src/imo/RevShareTokenFactory.sol";

/// @dev Exposes the CREATE address computation.
contract RevShareTokenFactoryHarness is RevShareTokenFactory {
    function createAddress(address deployer, uint256 nonce) external pure returns (address) {
        return _createAddress(deployer, nonce);
    }
}

contract RevShareTokenFactory_Test is Test {
    RevShareTokenFactoryHarness internal factory;

    function setUp() public {
        factory = new RevShareTokenFactoryHarness();
    }

    function _config() internal returns (IRevShareToken.Config memory config) {
        config.name = "Model";
        config.symbol = "MDL";
        config.holders = new address[](1);
        config.holders[0] = makeAddr("holder");
        config.amounts = new uint256[](1);
        config.amounts[0] = 1e9 ether;
        config.claimableBps = 8000;
        config.snapshotInterval = 1 days;
        config.claimWindow = 2;
    }

    function test_nextToken_isWhereDeployPutsIt() public {
        for (uint256 i; i < 3; ++i) {
            address predicted = factory.nextToken();
            IRevShareToken token = factory.deploy(_config());
            assertEq(address(token), predicted, "deploy != nextToken");
            assertEq(factory.deployments(), i + 1);
        }
    }

    /// @dev A deployment that reverts (the token's own check) does not move the prediction.
    function test_nextToken_unchangedByFailedDeploy() public {
        address predicted = factory.nextToken();
        IRevShareToken.Config memory bad = _config();
        bad.claimWindow = 0;
        vm.expectRevert(abi.encodeWithSelector(IRevShareToken.RevShareToken_InvalidClaimWindow.selector, 0));
        factory.deploy(bad);
        assertEq(factory.nextToken(), predicted);
        assertEq(address(factory.deploy(_config())), predicted);
    }

    function testFuzz_createAddress_matchesCreate(address deployer, uint256 nonce) public view {
        nonce = bound(nonce, 1, type(uint32).max);
        assertEq(factory.createAddress(deployer, nonce), vm.computeCreateAddress(deployer, nonce));
    }

    function test_createAddress_lengthBoundaries() public view {
        uint256[9] memory nonces = [uint256(1), 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xffffff, 0x1000000];
        for (uint256 i; i < nonces.length; ++i) {
            assertEq(factory.createAddress(address(factory), nonces[i]), vm.computeCreateAddress(address(factory), nonces[i]));
        }
    }

    function test_createAddress_nonceTooLarge_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRevShareTokenFactory.RevShareTokenFactory_NonceTooLarge.selector, 2 ** 32)
        );
        factory.createAddress(address(factory), 2 ** 32);
    }
}
