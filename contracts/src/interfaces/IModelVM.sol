// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IModelVM (TEMPORARY COPY written by the `oracle` branch; branch `vm` owns this file)
/// @notice The deterministic model VM as the oracle and the bisection game use it. On merge, take the
///         `vm` branch's version of this file.
interface IModelVM {
    /// @notice Number of steps T of the trace of a model of this shape.
    function traceLength(bytes calldata shape) external view returns (uint256);

    /// @notice Hash of the state at pc = 0 for this input.
    function initialStateHash(bytes calldata shape, bytes calldata input) external view returns (bytes32);

    /// @notice Executes one step from the state committed by `preStateHash`; reverts on a bad proof.
    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        external
        view
        returns (bytes32 postStateHash);

    /// @notice Decodes a state preimage; at pc = T it binds `outputHash = keccak256(output)`.
    function decodeFinalState(bytes calldata shape, bytes calldata statePreimage)
        external
        view
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash);

    function validateShape(bytes calldata shape) external view;
    function validateInput(bytes calldata shape, bytes calldata input) external view;
    function validateOutput(bytes calldata shape, bytes calldata output) external view;
}
