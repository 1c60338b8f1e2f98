// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IModelRegistry (TEMPORARY COPY written by the `oracle` branch; branch `launch` owns this file)
/// @notice Only what the oracle reads. On merge, take the `launch` branch's version of this file.
interface IModelRegistry {
    function weightsRoot(uint256 modelId) external view returns (bytes32);
    function shape(uint256 modelId) external view returns (bytes memory);
    function feeInfo(uint256 modelId) external view returns (uint256 fee, address receiver, uint16 receiverBps);
    function ownerOf(uint256 modelId) external view returns (address);
}
