// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A Solidity twin of the model VM (contracts/src/vm/ModelVM.sol) for tests: runs a small model over an
///         input and yields state hashes, state preimages, final states and one-step proofs that the real
///         ModelVMVerifier accepts. Memory and weights are Merkle trees of 8 big-endian int32 lanes per leaf,
///         zero-padded to 2^depth leaves, siblings bottom first.
library VmTrace {
    uint256 internal constant LANES = 8;

    struct Model {
        bytes shape;
        uint256 shift;
        uint256[] widths;
        int32[] weights; // word pc is the weight (or bias) used by step pc
        uint256 traceLength;
        uint256 memoryWords;
        uint256 weightDepth;
        uint256 memoryDepth;
    }

    /// @dev Every state of a run: states[i] is the state before step i (states[T] is final).
    struct Trace {
        uint256[] pc;
        int256[] acc;
        int32[][] memory_;
        int32[][] outputs;
        uint256[] address_; // memory word read or written by step i
    }

    function model(uint8 shift, uint256[] memory widths) internal pure returns (Model memory m) {
        m.shift = shift;
        m.widths = widths;
        m.shape = abi.encodePacked(shift);
        uint256 t;
        uint256 words = widths[0];
        for (uint256 i; i < widths.length; ++i) {
            m.shape = abi.encodePacked(m.shape, uint16(widths[i]));
            if (i > 0) {
                t += widths[i] * (widths[i - 1] + 1);
                words += widths[i];
            }
        }
        m.traceLength = t;
        m.memoryWords = words;
        m.weightDepth = _depth((t + LANES - 1) / LANES);
        m.memoryDepth = _depth((words + LANES - 1) / LANES);
        m.weights = new int32[](t);
        for (uint256 pc; pc < t; ++pc) {
            // small signed weights, deterministic
            m.weights[pc] = int32(int256(uint256(keccak256(abi.encode("w", pc))) % 15)) - 7;
        }
    }

    function weightsRoot(Model memory m) internal pure returns (bytes32) {
        return _root(_leaves(m.weights, m.weightDepth), m.weightDepth);
    }

    /// @dev Machine registers while running.
    struct Cursor {
        uint256 pc;
        int256 acc;
        uint256 inOffset;
        int32[] mem;
        int32[] out;
    }

    function run(Model memory m, bytes memory input) internal pure returns (Trace memory tr) {
        uint256 t = m.traceLength;
        tr.pc = new uint256[](t + 1);
        tr.acc = new int256[](t + 1);
        tr.memory_ = new int32[][](t + 1);
        tr.outputs = new int32[][](t + 1);
        tr.address_ = new uint256[](t);
        Cursor memory c;
        c.mem = new int32[](m.memoryWords);
        for (uint256 i; i < m.widths[0]; ++i) {
            c.mem[i] = int32(uint32(bytes4(_slice4(input, 4 * i))));
        }
        c.out = new int32[](0);
        for (uint256 l = 1; l < m.widths.length; ++l) {
            for (uint256 n; n < m.widths[l]; ++n) {
                for (uint256 k; k <= m.widths[l - 1]; ++k) {
                    _step(m, tr, c, l, n, k);
                }
            }
            c.inOffset += m.widths[l - 1];
        }
        _record(tr, c.pc, c.acc, c.mem, c.out);
    }

    /// @dev Step `c.pc`: neuron n of layer l, term k (k == width of layer l-1: the finish step).
    function _step(Model memory m, Trace memory tr, Cursor memory c, uint256 l, uint256 n, uint256 k)
        private
        pure
    {
        _record(tr, c.pc, c.acc, c.mem, c.out);
        uint256 prev = m.widths[l - 1];
        int256 weight = m.weights[c.pc];
        if (k < prev) {
            tr.address_[c.pc] = c.inOffset + k;
            c.acc += weight * c.mem[c.inOffset + k];
        } else {
            uint256 a = c.inOffset + prev + n;
            tr.address_[c.pc] = a;
            bool last = l == m.widths.length - 1;
            int256 y = (c.acc >> m.shift) + weight;
            if (!last && y < 0) y = 0;
            if (y > type(int32).max) y = type(int32).max;
            if (y < type(int32).min) y = type(int32).min;
            c.mem[a] = int32(y);
            if (last) c.out = _push(c.out, int32(y));
            c.acc = 0;
        }
        ++c.pc;
    }

    function stateHash(Model memory m, Trace memory tr, uint256 i) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                tr.pc[i],
                tr.acc[i],
                _root(_leaves(tr.memory_[i], m.memoryDepth), m.memoryDepth),
                keccak256(_packed(tr.outputs[i]))
            )
        );
    }

    function preimage(Model memory m, Trace memory tr, uint256 i) internal pure returns (bytes memory) {
        return abi.encodePacked(
            tr.pc[i],
            tr.acc[i],
            _root(_leaves(tr.memory_[i], m.memoryDepth), m.memoryDepth),
            _packed(tr.outputs[i])
        );
    }

    /// @notice The honest output (packed int32 words of the last layer).
    function output(Trace memory tr) internal pure returns (bytes memory) {
        return _packed(tr.outputs[tr.outputs.length - 1]);
    }

    /// @notice A wrong final claim: the honest final state with output word 0 changed by `delta` (nonzero).
    function fakeFinal(Model memory m, Trace memory tr, int32 delta)
        internal
        pure
        returns (bytes memory fakeOutput, bytes memory fakePreimage)
    {
        uint256 t = m.traceLength;
        int32[] memory out = new int32[](tr.outputs[t].length);
        for (uint256 i; i < out.length; ++i) {
            out[i] = tr.outputs[t][i];
        }
        unchecked {
            out[0] = out[0] + delta;
        }
        fakeOutput = _packed(out);
        fakePreimage = abi.encodePacked(
            t, tr.acc[t], _root(_leaves(tr.memory_[t], m.memoryDepth), m.memoryDepth), fakeOutput
        );
    }

    /// @notice One-step proof for step i: preimage || weight leaf || weight siblings || memory leaf || siblings.
    function stepProof(Model memory m, Trace memory tr, uint256 i)
        internal
        pure
        returns (bytes memory proof)
    {
        bytes32[] memory wl = _leaves(m.weights, m.weightDepth);
        bytes32[] memory ml = _leaves(tr.memory_[i], m.memoryDepth);
        uint256 a = tr.address_[i];
        proof = abi.encodePacked(
            preimage(m, tr, i),
            wl[i / LANES],
            _siblings(wl, i / LANES, m.weightDepth),
            ml[a / LANES],
            _siblings(ml, a / LANES, m.memoryDepth)
        );
    }

    // ---------------------------------------------------------------- helpers

    function _record(Trace memory tr, uint256 pc, int256 acc, int32[] memory mem, int32[] memory out)
        private
        pure
    {
        tr.pc[pc] = pc;
        tr.acc[pc] = acc;
        int32[] memory copy = new int32[](mem.length);
        for (uint256 i; i < mem.length; ++i) {
            copy[i] = mem[i];
        }
        tr.memory_[pc] = copy;
        int32[] memory o = new int32[](out.length);
        for (uint256 i; i < out.length; ++i) {
            o[i] = out[i];
        }
        tr.outputs[pc] = o;
    }

    function _push(int32[] memory a, int32 v) private pure returns (int32[] memory b) {
        b = new int32[](a.length + 1);
        for (uint256 i; i < a.length; ++i) {
            b[i] = a[i];
        }
        b[a.length] = v;
    }

    function _packed(int32[] memory words) private pure returns (bytes memory b) {
        for (uint256 i; i < words.length; ++i) {
            b = abi.encodePacked(b, words[i]);
        }
    }

    function _slice4(bytes memory b, uint256 offset) private pure returns (bytes4 r) {
        assembly ("memory-safe") {
            r := mload(add(add(b, 0x20), offset))
        }
    }

    function _leaves(int32[] memory words, uint256 depth) private pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](1 << depth);
        for (uint256 i; i < words.length; ++i) {
            uint256 shift = 224 - 32 * (i % LANES);
            leaves[i / LANES] = bytes32(uint256(leaves[i / LANES]) | (uint256(uint32(words[i])) << shift));
        }
    }

    function _root(bytes32[] memory leaves, uint256 depth) private pure returns (bytes32) {
        bytes32[] memory level = leaves;
        for (uint256 d; d < depth; ++d) {
            bytes32[] memory next = new bytes32[](level.length / 2);
            for (uint256 i; i < next.length; ++i) {
                next[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
            }
            level = next;
        }
        return level[0];
    }

    function _siblings(bytes32[] memory leaves, uint256 index, uint256 depth)
        private
        pure
        returns (bytes memory s)
    {
        bytes32[] memory level = leaves;
        for (uint256 d; d < depth; ++d) {
            s = abi.encodePacked(s, level[index ^ 1]);
            bytes32[] memory next = new bytes32[](level.length / 2);
            for (uint256 i; i < next.length; ++i) {
                next[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
            }
            level = next;
            index >>= 1;
        }
    }

    function _depth(uint256 leaves) private pure returns (uint256 d) {
        d = 1;
        while ((uint256(1) << d) < leaves) ++d;
    }
}
