// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelVM} from "../../../src/interfaces/IModelVM.sol";

/// @notice Encoding of the toy VM's shapes, states and outputs, shared by the mock and the tests.
///         The toy VM uses the real state layout and commitment (docs/vm-spec.md), because the oracle decodes
///         final states itself: state i = (pc i, acc 0, memoryRoot chain_i, out), out = chain_T's 32 bytes
///         (8 int32 words) at pc = T and empty before; preimage = pc || acc || memoryRoot || out;
///         commitment = keccak256(abi.encode(pc, acc, memoryRoot, keccak256(out))).
///         shape = abi.encodePacked(uint8 0, uint16 2, uint256 T, uint16 8): read as a real shape (docs/vm-spec.md:
///         a shift byte, then uint16 widths) it starts with the input width n_0 = 2 and ends with the output width,
///         which is all the oracle reads from it; its widths in between are T's sixteen uint16 chunks.
///         The initial state is the real one (the oracle computes it itself): chain_0 = the memory root of the
///         input then zeros, with the depth the real layout rule gives for those widths.
library ToyVM {
    uint16 internal constant INPUT_WIDTH = 2;
    uint16 internal constant OUTPUT_WIDTH = 8;
    uint256 internal constant SHAPE_LENGTH = 37;

    function shape(uint256 traceLength) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(0), INPUT_WIDTH, traceLength, OUTPUT_WIDTH);
    }

    /// @dev chain_0: the spec's memory root of `input` then zeros, depth = max(1, ⌈log2 ⌈Σ widths / 8⌉⌉).
    function initialChain(bytes memory shape_, bytes memory input) internal pure returns (bytes32) {
        uint256 words;
        for (uint256 i = 1; i + 1 < shape_.length; i += 2) {
            words += (uint256(uint8(shape_[i])) << 8) | uint256(uint8(shape_[i + 1]));
        }
        uint256 depth = 1;
        while ((uint256(1) << depth) < (words + 7) / 8) ++depth;
        uint256 n = (input.length + 31) / 32;
        bytes32[] memory level = new bytes32[](n + 1);
        for (uint256 i; i < input.length; ++i) {
            level[i / 32] |= bytes32(input[i]) >> (8 * (i % 32));
        }
        bytes32 zero;
        for (uint256 d; d < depth; ++d) {
            level[n] = zero;
            uint256 m = (n + 1) / 2;
            for (uint256 i; i < m; ++i) {
                level[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
            }
            n = m;
            zero = keccak256(abi.encodePacked(zero, zero));
        }
        return level[0];
    }

    function out(uint256 pc, uint256 traceLength, bytes32 chain) internal pure returns (bytes memory) {
        return pc == traceLength ? abi.encodePacked(chain) : bytes("");
    }

    function preimage(uint256 pc, uint256 traceLength, bytes32 chain) internal pure returns (bytes memory) {
        return abi.encodePacked(pc, uint256(0), chain, out(pc, traceLength, chain));
    }

    function stateHash(uint256 pc, uint256 traceLength, bytes32 chain) internal pure returns (bytes32) {
        return keccak256(abi.encode(pc, uint256(0), chain, keccak256(out(pc, traceLength, chain))));
    }

    /// @dev Commitment of a preimage of any length >= 96 (the real VM's rule, without the length check).
    function hashPreimage(bytes memory p) internal pure returns (bytes32 h) {
        bytes32 counter;
        bytes32 acc;
        bytes32 chain;
        assembly ("memory-safe") {
            counter := mload(add(p, 0x20))
            acc := mload(add(p, 0x40))
            chain := mload(add(p, 0x60))
        }
        bytes memory o = new bytes(p.length - 96);
        for (uint256 i; i < o.length; ++i) {
            o[i] = p[96 + i];
        }
        return keccak256(abi.encode(counter, acc, chain, keccak256(o)));
    }
}

/// @notice A toy VM with the real interface and the real state layout (see ToyVM), for oracle tests that need
///         any trace length and cheap traces. chain_0 = ToyVM.initialChain(shape, input) (an input is 8 bytes);
///         chain_{i+1} = keccak256(abi.encode(chain_i, weightsRoot)); output = abi.encodePacked(chain_T).
///         A step proof is the pre-state preimage (96 bytes: no output before pc = T).
contract MockModelVM is IModelVM {
    function traceLength(bytes calldata shape) public pure returns (uint256) {
        if (shape.length != ToyVM.SHAPE_LENGTH) revert ModelVM_BadShape(1);
        return uint256(bytes32(shape[3:35]));
    }

    function initialStateHash(bytes calldata shape, bytes calldata input) external pure returns (bytes32) {
        // Like the real VM, this call validates the shape and the input.
        uint256 t = traceLength(shape);
        validateInput(shape, input);
        return ToyVM.stateHash(0, t, ToyVM.initialChain(shape, input));
    }

    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        external
        pure
        returns (bytes32)
    {
        if (proof.length != 96) revert ModelVM_MalformedProof(proof.length, 96);
        uint256 pc = uint256(bytes32(proof[0:32]));
        uint256 t = traceLength(shape);
        if (pc >= t) revert ModelVM_StepOutOfRange(pc, t);
        bytes32 chain = bytes32(proof[64:96]);
        if (ToyVM.stateHash(pc, t, chain) != preStateHash || bytes32(proof[32:64]) != 0) {
            revert ModelVM_BadPreState();
        }
        return ToyVM.stateHash(pc + 1, t, keccak256(abi.encode(chain, weightsRoot)));
    }

    function decodeFinalState(bytes calldata shape, bytes calldata statePreimage)
        external
        pure
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash)
    {
        uint256 t = traceLength(shape);
        if (statePreimage.length < 96) revert ModelVM_MalformedProof(statePreimage.length, 96);
        pc = uint256(bytes32(statePreimage[0:32]));
        if (pc > t) revert ModelVM_StepOutOfRange(pc, t);
        uint256 expected = pc == t ? 128 : 96;
        if (statePreimage.length != expected) revert ModelVM_MalformedProof(statePreimage.length, expected);
        outputHash = keccak256(statePreimage[96:]);
        stateHash = keccak256(
            abi.encode(pc, bytes32(statePreimage[32:64]), bytes32(statePreimage[64:96]), outputHash)
        );
    }

    function validateShape(bytes calldata shape) external pure {
        traceLength(shape);
    }

    function validateInput(bytes calldata, bytes calldata input) public pure {
        uint256 expected = 4 * uint256(ToyVM.INPUT_WIDTH);
        if (input.length != expected) revert ModelVM_BadInput(input.length, expected);
    }

    function validateOutput(bytes calldata, bytes calldata output) external pure {
        if (output.length != 32) revert ModelVM_BadOutput(output.length, 32);
    }
}
