// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUsageLedger} from "../../../src/interfaces/IUsageLedger.sol";

/// @notice Builds a Merkle sum tree in memory the way an operator does off-chain (padding to a power of two with
///         `(0, 0)` leaves), independently of the contract's path checker: tests compare the two.
library SumTreeBuilder {
    function depthOf(uint256 count) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < count) ++d;
    }

    function parentOf(bytes32 lh, uint256 ls, bytes32 rh, uint256 rs)
        internal
        pure
        returns (bytes32, uint256)
    {
        return (keccak256(abi.encode(lh, ls, rh, rs)), ls + rs);
    }

    /// @notice Root hash and sum of the tree over `hashes[i]`, `sums[i]` (zero leaves: `(0, 0)`).
    function root(bytes32[] memory hashes, uint256[] memory sums) internal pure returns (bytes32, uint256) {
        if (hashes.length == 0) return (bytes32(0), 0);
        (bytes32[] memory h, uint256[] memory s) = _pad(hashes, sums);
        uint256 width = h.length;
        while (width > 1) {
            for (uint256 i; i < width / 2; ++i) {
                (h[i], s[i]) = parentOf(h[2 * i], s[2 * i], h[2 * i + 1], s[2 * i + 1]);
            }
            width /= 2;
        }
        return (h[0], s[0]);
    }

    /// @notice Siblings of leaf `index`, leaf level first.
    function proof(bytes32[] memory hashes, uint256[] memory sums, uint256 index)
        internal
        pure
        returns (IUsageLedger.SumNode[] memory nodes)
    {
        (bytes32[] memory h, uint256[] memory s) = _pad(hashes, sums);
        nodes = new IUsageLedger.SumNode[](depthOf(hashes.length));
        uint256 width = h.length;
        uint256 level;
        while (width > 1) {
            uint256 sibling = index ^ 1;
            nodes[level] = IUsageLedger.SumNode(h[sibling], s[sibling]);
            for (uint256 i; i < width / 2; ++i) {
                (h[i], s[i]) = parentOf(h[2 * i], s[2 * i], h[2 * i + 1], s[2 * i + 1]);
            }
            width /= 2;
            index /= 2;
            ++level;
        }
    }

    function _pad(bytes32[] memory hashes, uint256[] memory sums)
        private
        pure
        returns (bytes32[] memory h, uint256[] memory s)
    {
        uint256 size = uint256(1) << depthOf(hashes.length);
        h = new bytes32[](size);
        s = new uint256[](size);
        for (uint256 i; i < hashes.length; ++i) {
            h[i] = hashes[i];
            s[i] = sums[i];
        }
    }
}
