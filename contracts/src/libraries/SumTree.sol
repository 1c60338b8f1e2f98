// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUsageLedger} from "../interfaces/IUsageLedger.sol";

/// @title SumTree: Merkle sum tree paths
/// @notice A node is a (hash, sum) pair. A parent is
///         `(keccak256(abi.encode(leftHash, leftSum, rightHash, rightSum)), leftSum + rightSum)`, so every node
///         commits to its children's hashes and sums; a tree of `count` leaves is padded with `(0, 0)` leaves to
///         `2^depth(count)` leaves. Whoever checks a path against a root hash and a root sum checks every sum on
///         the path: no node with a sum other than its children's can be on a verified path.
/// @dev Sums are added with saturation at `type(uint256).max`: a path whose true sum does not fit 256 bits can never
///      equal a root sum that does (wrapping would let a forged sibling bring the total back down).
library SumTree {
    /// @notice Depth of the tree over `count` leaves: `ceil(log2(count))`, 0 for zero or one leaf.
    function depth(uint256 count) internal pure returns (uint256) {
        return count <= 1 ? 0 : Math.log2(count - 1) + 1;
    }

    /// @notice The parent of two nodes.
    function parent(bytes32 leftHash, uint256 leftSum, bytes32 rightHash, uint256 rightSum)
        internal
        pure
        returns (bytes32 hash, uint256 sum)
    {
        unchecked {
            sum = leftSum + rightSum;
            // SAFETY: saturate instead of wrapping, so a forged sum can never wrap back to the reported total.
            if (sum < leftSum) sum = type(uint256).max;
        }
        // Hashes the four words in memory past the free pointer without moving it (scratch use).
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, leftHash)
            mstore(add(m, 0x20), leftSum)
            mstore(add(m, 0x40), rightHash)
            mstore(add(m, 0x60), rightSum)
            hash := keccak256(m, 0x80)
        }
    }

    /// @notice The root hash and root sum reached from leaf `(leafHash, leafSum)` at `index` with the siblings
    ///         `proof` (leaf level first). The caller checks `proof.length == depth(count)` and `index < count`.
    function computeRoot(
        bytes32 leafHash,
        uint256 leafSum,
        uint256 index,
        IUsageLedger.SumNode[] calldata proof
    ) internal pure returns (bytes32 hash, uint256 sum) {
        hash = leafHash;
        sum = leafSum;
        uint256 length = proof.length;
        for (uint256 i; i < length; ++i) {
            IUsageLedger.SumNode calldata sibling = proof[i];
            if (index & 1 == 0) (hash, sum) = parent(hash, sum, sibling.hash, sibling.sum);
            else (hash, sum) = parent(sibling.hash, sibling.sum, hash, sum);
            index >>= 1;
        }
    }
}
