// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelVM} from "../../../src/interfaces/IModelVM.sol";

/// @notice A toy VM with the real interface, for oracle tests that need any trace length and cheap traces.
///         shape = abi.encode(uint256 T); state preimage = abi.encode(pc, acc); stateHash = keccak256(preimage);
///         acc_0 = keccak256(input); acc_{i+1} = keccak256(acc_i, weightsRoot); output = abi.encodePacked(acc_T).
///         A step proof is the pre-state preimage.
contract MockModelVM is IModelVM {
    function traceLength(bytes calldata shape) public pure returns (uint256) {
        return abi.decode(shape, (uint256));
    }

    function initialStateHash(bytes calldata, bytes calldata input) external pure returns (bytes32) {
        // Like the real VM, this call validates the input.
        if (input.length == 0 || input.length > 256) revert ModelVM_BadInput(input.length, 32);
        return keccak256(abi.encode(uint256(0), keccak256(input)));
    }

    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        external
        pure
        returns (bytes32)
    {
        if (proof.length != 64) revert ModelVM_MalformedProof(proof.length, 64);
        if (keccak256(proof) != preStateHash) revert ModelVM_BadPreState();
        (uint256 pc, bytes32 acc) = abi.decode(proof, (uint256, bytes32));
        uint256 t = traceLength(shape);
        if (pc >= t) revert ModelVM_StepOutOfRange(pc, t);
        return keccak256(abi.encode(pc + 1, keccak256(abi.encode(acc, weightsRoot))));
    }

    function decodeFinalState(bytes calldata, bytes calldata statePreimage)
        external
        pure
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash)
    {
        if (statePreimage.length != 64) revert ModelVM_MalformedProof(statePreimage.length, 64);
        bytes32 acc;
        (pc, acc) = abi.decode(statePreimage, (uint256, bytes32));
        return (keccak256(statePreimage), pc, keccak256(abi.encodePacked(acc)));
    }

    function validateShape(bytes calldata shape) external pure {
        if (shape.length != 32) revert ModelVM_BadShape(1);
    }

    function validateInput(bytes calldata, bytes calldata input) external pure {
        if (input.length == 0 || input.length > 256) revert ModelVM_BadInput(input.length, 32);
    }

    function validateOutput(bytes calldata, bytes calldata output) external pure {
        if (output.length != 32) revert ModelVM_BadOutput(output.length, 32);
    }
}
