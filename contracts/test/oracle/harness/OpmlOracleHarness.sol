// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IModelVM} from "../../../src/interfaces/IModelVM.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";

/// @notice Exposes the oracle's inline final-state decoding so tests can compare it with the VM's reference.
contract OpmlOracleHarness is OpmlOracle {
    constructor(IModelVM vm, IModelRegistry registry, address owner, uint256 cap, Parameters memory params)
        OpmlOracle(vm, registry, owner, cap, params)
    {}

    function checkFinalState(uint256 version, bytes calldata output, bytes calldata finalState)
        external
        view
        returns (bytes32)
    {
        return _checkFinalState(version, output, finalState);
    }

    function outputWidthOf(uint256 version) external view returns (uint256) {
        return _modelVersions[version].outputWidth;
    }
}
