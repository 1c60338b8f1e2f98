// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelVM} from "../interfaces/IModelVM.sol";

/// @title ModelVM: the on-chain half of the model VM (docs/vm-spec.md)
/// @notice Internal functions over calldata, so a contract that embeds them needs no linking and pays no
///         extra call. The deployable wrapper is `ModelVMVerifier`; the dispute game talks to it through
///         `IModelVM`, which keeps the game small and lets the VM be swapped by address.
/// @dev Words are int32. Weights and memory are Merkle trees of 32-byte leaves holding 8 big-endian int32
///      lanes each (word i is lane i % 8 of leaf i / 8); inner node = keccak256(left || right); the depth
///      is fixed by the shape. State commitment = keccak256(abi.encode(pc, acc, memoryRoot, outputHash)).
library ModelVM {
    /// @dev int32 words per Merkle leaf.
    uint256 internal constant LANES = 8;
    uint256 internal constant MAX_LAYERS = 64;
    uint256 internal constant MAX_TRACE_LENGTH = 1 << 32;
    uint256 internal constant MAX_MEMORY_WORDS = 1 << 24;
    uint256 internal constant MAX_SHIFT = 31;
    /// @dev pc (32) || acc (32) || memoryRoot (32), followed by the output words written so far.
    uint256 internal constant STATE_HEADER = 96;
    bytes32 internal constant EMPTY_OUTPUT_HASH = keccak256("");

    /// @dev What the shape implies; derived once per call.
    struct Layout {
        uint256 layers;
        uint256 shift;
        uint256 traceLength;
        uint256 memoryWords;
        uint256 weightDepth;
        uint256 memoryDepth;
    }

    /// @dev Where step `pc` sits in the network.
    struct StepInfo {
        bool finish; // adds the bias, applies ReLU/clamp, writes memory; otherwise a multiply-accumulate
        bool lastLayer;
        uint256 memoryAddress; // word read (multiply-accumulate) or written (finish)
        uint256 outputCount; // output words already written before this step
    }

    // ---------------------------------------------------------------- shape, input, output

    function readShape(bytes calldata shape) internal pure returns (Layout memory s) {
        // INVARIANT: a shape is one shift byte then at least two uint16 widths.
        if (shape.length < 5 || (shape.length - 1) % 2 != 0) revert IModelVM.ModelVM_BadShape(1);
        uint256 widths = (shape.length - 1) / 2;
        if (widths - 1 > MAX_LAYERS) revert IModelVM.ModelVM_BadShape(2);
        s.layers = widths - 1;
        s.shift = uint8(shape[0]);
        if (s.shift > MAX_SHIFT) revert IModelVM.ModelVM_BadShape(4);
        uint256 prev = _width(shape, 0);
        if (prev == 0) revert IModelVM.ModelVM_BadShape(3);
        uint256 t;
        uint256 m = prev;
        for (uint256 l = 1; l < widths; ++l) {
            uint256 w = _width(shape, l);
            if (w == 0) revert IModelVM.ModelVM_BadShape(3);
            t += w * (prev + 1);
            m += w;
            prev = w;
        }
        // SAFETY: keeps every index a safe integer in the TypeScript twin and every acc far from 2^255.
        if (t > MAX_TRACE_LENGTH || m > MAX_MEMORY_WORDS) revert IModelVM.ModelVM_BadShape(5);
        s.traceLength = t;
        s.memoryWords = m;
        s.weightDepth = _depth((t + LANES - 1) / LANES);
        s.memoryDepth = _depth((m + LANES - 1) / LANES);
    }

    function traceLength(bytes calldata shape) internal pure returns (uint256) {
        return readShape(shape).traceLength;
    }

    function validateInput(bytes calldata shape, bytes calldata input) internal pure {
        readShape(shape);
        uint256 expected = 4 * _width(shape, 0);
        if (input.length != expected) revert IModelVM.ModelVM_BadInput(input.length, expected);
    }

    function validateOutput(bytes calldata shape, bytes calldata output) internal pure {
        Layout memory s = readShape(shape);
        uint256 expected = 4 * _width(shape, s.layers);
        if (output.length != expected) revert IModelVM.ModelVM_BadOutput(output.length, expected);
    }

    // ---------------------------------------------------------------- states

    function initialStateHash(bytes calldata shape, bytes calldata input) internal pure returns (bytes32) {
        Layout memory s = readShape(shape);
        uint256 expected = 4 * _width(shape, 0);
        if (input.length != expected) revert IModelVM.ModelVM_BadInput(input.length, expected);
        bytes32 root = _prefixRoot(input, s.memoryDepth);
        return keccak256(abi.encode(uint256(0), int256(0), root, EMPTY_OUTPUT_HASH));
    }

    function decodeFinalState(bytes calldata shape, bytes calldata preimage)
        internal
        pure
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash)
    {
        Layout memory s = readShape(shape);
        if (preimage.length < STATE_HEADER) revert IModelVM.ModelVM_MalformedProof(preimage.length, STATE_HEADER);
        pc = uint256(bytes32(preimage[0:32]));
        // INVARIANT: a state lies between the initial state (pc 0) and the final state (pc T).
        if (pc > s.traceLength) revert IModelVM.ModelVM_StepOutOfRange(pc, s.traceLength);
        uint256 expected = STATE_HEADER + 4 * _locate(shape, s.layers, pc).outputCount;
        if (preimage.length != expected) revert IModelVM.ModelVM_MalformedProof(preimage.length, expected);
        outputHash = keccak256(preimage[STATE_HEADER:]);
        stateHash = keccak256(abi.encode(pc, int256(uint256(bytes32(preimage[32:64]))), bytes32(preimage[64:96]), outputHash));
    }

    // ---------------------------------------------------------------- one step

    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        internal
        pure
        returns (bytes32)
    {
        Layout memory s = readShape(shape);
        if (proof.length < STATE_HEADER) revert IModelVM.ModelVM_MalformedProof(proof.length, STATE_HEADER);
        uint256 pc = uint256(bytes32(proof[0:32]));
        // INVARIANT: only steps 0 .. T-1 exist; the state at pc T is final.
        if (pc >= s.traceLength) revert IModelVM.ModelVM_StepOutOfRange(pc, s.traceLength);
        StepInfo memory info = _locate(shape, s.layers, pc);
        uint256 outEnd = STATE_HEADER + 4 * info.outputCount;
        {
            uint256 expected = outEnd + 32 * (2 + s.weightDepth + s.memoryDepth);
            // INVARIANT: the proof layout is fully determined by the shape and pc.
            if (proof.length != expected) revert IModelVM.ModelVM_MalformedProof(proof.length, expected);
        }
        int256 acc = int256(uint256(bytes32(proof[32:64])));
        bytes32 memoryRoot = bytes32(proof[64:96]);
        bytes32 outputHash = keccak256(proof[STATE_HEADER:outEnd]);
        // SAFETY: the step starts from exactly the state both parties agreed on.
        if (keccak256(abi.encode(pc, acc, memoryRoot, outputHash)) != preStateHash) {
            revert IModelVM.ModelVM_BadPreState();
        }

        int256 weight = _readWeight(weightsRoot, proof, outEnd, pc, s.weightDepth);
        uint256 memoryStart = outEnd + 32 * (1 + s.weightDepth);
        bytes32 memoryLeaf = bytes32(proof[memoryStart:memoryStart + 32]);
        bytes calldata memorySiblings = proof[memoryStart + 32:];
        // SAFETY: the memory word read (or overwritten) is the one in the pre-state's memory.
        if (_root(memoryLeaf, info.memoryAddress / LANES, memorySiblings) != memoryRoot) {
            revert IModelVM.ModelVM_BadMemoryProof(info.memoryAddress / LANES);
        }

        if (!info.finish) {
            acc += weight * _lane(memoryLeaf, info.memoryAddress % LANES);
        } else {
            int256 y = (acc >> s.shift) + weight; // arithmetic shift: floor division by 2^shift
            if (!info.lastLayer && y < 0) y = 0; // ReLU between layers, not after the last
            if (y > type(int32).max) y = type(int32).max;
            if (y < type(int32).min) y = type(int32).min;
            memoryRoot = _root(
                _setLane(memoryLeaf, info.memoryAddress % LANES, y), info.memoryAddress / LANES, memorySiblings
            );
            // casting to 'int32' is safe because y was clamped to the int32 range just above
            // forge-lint: disable-next-line(unsafe-typecast)
            if (info.lastLayer) outputHash = keccak256(abi.encodePacked(proof[STATE_HEADER:outEnd], int32(y)));
            acc = 0;
        }
        return keccak256(abi.encode(pc + 1, acc, memoryRoot, outputHash));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Weight word pc, checked against the weights root.
    function _readWeight(bytes32 weightsRoot, bytes calldata proof, uint256 offset, uint256 pc, uint256 depth)
        private
        pure
        returns (int256)
    {
        bytes32 leaf = bytes32(proof[offset:offset + 32]);
        // SAFETY: the weight word is the one the model committed to at index pc.
        if (_root(leaf, pc / LANES, proof[offset + 32:offset + 32 + 32 * depth]) != weightsRoot) {
            revert IModelVM.ModelVM_BadWeightProof(pc / LANES);
        }
        return _lane(leaf, pc % LANES);
    }

    function _width(bytes calldata shape, uint256 i) private pure returns (uint256) {
        return uint16(bytes2(shape[1 + 2 * i:3 + 2 * i]));
    }

    /// @dev Smallest d >= 1 with 2^d >= leaves.
    function _depth(uint256 leaves) private pure returns (uint256 d) {
        d = 1;
        while ((uint256(1) << d) < leaves) ++d;
    }

    /// @dev Layout of step pc (pc <= T; pc == T describes the final state: all outputs written).
    function _locate(bytes calldata shape, uint256 layers, uint256 pc) private pure returns (StepInfo memory info) {
        uint256 start;
        uint256 inOffset;
        uint256 prev = _width(shape, 0);
        for (uint256 l = 1; l <= layers; ++l) {
            uint256 w = _width(shape, l);
            uint256 steps = w * (prev + 1);
            if (pc < start + steps) {
                uint256 rel = pc - start;
                uint256 neuron = rel / (prev + 1);
                uint256 k = rel % (prev + 1);
                info.finish = k == prev;
                info.lastLayer = l == layers;
                info.memoryAddress = info.finish ? inOffset + prev + neuron : inOffset + k;
                info.outputCount = info.lastLayer ? neuron : 0;
                return info;
            }
            start += steps;
            inOffset += prev;
            prev = w;
        }
        info.outputCount = prev;
    }

    function _lane(bytes32 leaf, uint256 lane) private pure returns (int256) {
        // casting to 'uint32' is safe because truncating to the lane's 32 bits is the point
        // forge-lint: disable-next-line(unsafe-typecast)
        return int256(int32(uint32(uint256(leaf) >> (224 - 32 * lane))));
    }

    function _setLane(bytes32 leaf, uint256 lane, int256 value) private pure returns (bytes32) {
        uint256 shift = 224 - 32 * lane;
        uint256 cleared = uint256(leaf) & ~(uint256(0xffffffff) << shift);
        // casting to 'int32' is safe because callers pass a value clamped to the int32 range
        // forge-lint: disable-next-line(unsafe-typecast)
        return bytes32(cleared | (uint256(uint32(int32(value))) << shift));
    }

    /// @dev Root from a leaf, its index and its siblings (bottom first).
    function _root(bytes32 leaf, uint256 index, bytes calldata siblings) private pure returns (bytes32 node) {
        node = leaf;
        assembly ("memory-safe") {
            let end := add(siblings.offset, siblings.length)
            for { let p := siblings.offset } lt(p, end) { p := add(p, 32) } {
                let sibling := calldataload(p)
                switch and(index, 1)
                case 0 {
                    mstore(0x00, node)
                    mstore(0x20, sibling)
                }
                default {
                    mstore(0x00, sibling)
                    mstore(0x20, node)
                }
                node := keccak256(0x00, 0x40)
                index := shr(1, index)
            }
        }
    }

    /// @dev Root of a depth-`depth` tree whose leaves are `data` (zero-padded to whole leaves) then zeros.
    ///      O(leaves + depth) hashes: missing right children are the zero subtree of their level.
    function _prefixRoot(bytes calldata data, uint256 depth) private pure returns (bytes32) {
        uint256 n = (data.length + 31) / 32;
        bytes32[] memory level = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            uint256 end = 32 * i + 32 < data.length ? 32 * i + 32 : data.length;
            level[i] = bytes32(data[32 * i:end]);
        }
        bytes32 zero;
        for (uint256 d; d < depth; ++d) {
            uint256 m = (n + 1) / 2;
            for (uint256 i; i < m; ++i) {
                bytes32 right = 2 * i + 1 < n ? level[2 * i + 1] : zero;
                level[i] = keccak256(abi.encodePacked(level[2 * i], right));
            }
            n = m;
            zero = keccak256(abi.encodePacked(zero, zero));
        }
        return level[0];
    }
}
