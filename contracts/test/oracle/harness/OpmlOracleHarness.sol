// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IModelVM} from "../../../src/interfaces/IModelVM.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";

/// @notice Exposes the oracle's inline final-state decoding and initial-state hashing so tests can compare them
///         with the VM's reference, and the claim bookkeeping so tests can reach states no sequence of calls can
///         (every claim defeated, 2^32 claims).
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

    /// @dev The oracle's initial state for `input` under `shape`: the layout it caches per model, then the hash.
    function initialStateHashOf(bytes calldata shape, bytes calldata input) external pure returns (bytes32) {
        (uint16 inputWidth, uint8 memoryDepth) = _memoryLayout(shape);
        return _initialStateHash(input, inputWidth, memoryDepth);
    }

    function markDefeated(uint256 requestId, uint256 claimIndex) external {
        _markDefeated(requestId, claimIndex);
    }

    function leaderOf(uint256 requestId, uint256 count) external view returns (uint256) {
        return _leader(requestId, count);
    }

    function setPostedClaims(uint256 requestId, uint32 claims) external {
        _disputes[requestId].claims = claims;
        _requests[requestId].disputed = true;
    }
}
