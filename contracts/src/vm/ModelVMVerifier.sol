// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelVM} from "../interfaces/IModelVM.sol";
import {ModelVM} from "./ModelVM.sol";

/// @title ModelVMVerifier: the deployable model VM
/// @notice Stateless; every function is pure. The dispute game and the oracle call it through IModelVM.
contract ModelVMVerifier is IModelVM {
    /// @inheritdoc IModelVM
    function traceLength(bytes calldata shape) external pure returns (uint256) {
        return ModelVM.traceLength(shape);
    }

    /// @inheritdoc IModelVM
    function initialStateHash(bytes calldata shape, bytes calldata input) external pure returns (bytes32) {
        return ModelVM.initialStateHash(shape, input);
    }

    /// @inheritdoc IModelVM
    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        external
        pure
        returns (bytes32 postStateHash)
    {
        return ModelVM.step(weightsRoot, shape, preStateHash, proof);
    }

    /// @inheritdoc IModelVM
    function decodeFinalState(bytes calldata shape, bytes calldata statePreimage)
        external
        pure
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash)
    {
        return ModelVM.decodeFinalState(shape, statePreimage);
    }

    /// @inheritdoc IModelVM
    function validateShape(bytes calldata shape) external pure {
        ModelVM.readShape(shape);
    }

    /// @inheritdoc IModelVM
    function validateInput(bytes calldata shape, bytes calldata input) external pure {
        ModelVM.validateInput(shape, input);
    }

    /// @inheritdoc IModelVM
    function validateOutput(bytes calldata shape, bytes calldata output) external pure {
        ModelVM.validateOutput(shape, output);
    }
}
