// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {SumTree} from "../../src/libraries/SumTree.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {SumTreeBuilder} from "../usage/utils/SumTreeBuilder.sol";

/// @dev Exposes the library's calldata path checker.
contract SumTreeHarness {
    function computeRoot(
        bytes32 leafHash,
        uint256 leafSum,
        uint256 index,
        IUsageLedger.SumNode[] calldata proof
    ) external pure returns (bytes32, uint256) {
        return SumTree.computeRoot(leafHash, leafSum, index, proof);
    }

    function depth(uint256 count) external pure returns (uint256) {
        return SumTree.depth(count);
    }
}

/// @notice The path checker against an independent tree builder.
contract SumTree_Test is Test {
    SumTreeHarness internal harness = new SumTreeHarness();

    function test_depth_isCeilLog2() public view {
        assertEq(harness.depth(0), 0);
        assertEq(harness.depth(1), 0);
        assertEq(harness.depth(2), 1);
        assertEq(harness.depth(3), 2);
        assertEq(harness.depth(4), 2);
        assertEq(harness.depth(5), 3);
        assertEq(harness.depth(1 << 20), 20);
        assertEq(harness.depth((1 << 20) + 1), 21);
        assertEq(harness.depth(type(uint64).max), 64);
    }

    function testFuzz_depth_matchesBuilder(uint256 count) public view {
        count = bound(count, 0, 1 << 40);
        assertEq(harness.depth(count), SumTreeBuilder.depthOf(count));
    }

    /// @dev Every leaf of every tree proves against the builder's root and sum; the root sum is the leaves' sum.
    function testFuzz_computeRoot_everyLeafProvesToTheRoot(uint256 count, uint256 seed) public view {
        count = bound(count, 1, 33);
        (bytes32[] memory hashes, uint256[] memory sums, uint256 total) = _leaves(count, seed);
        (bytes32 root, uint256 rootSum) = SumTreeBuilder.root(hashes, sums);
        assertEq(rootSum, total);
        for (uint256 i; i < count; ++i) {
            (bytes32 r, uint256 s) =
                harness.computeRoot(hashes[i], sums[i], i, SumTreeBuilder.proof(hashes, sums, i));
            assertEq(r, root);
            assertEq(s, total);
        }
    }

    /// @dev A leaf with any other sum, or at any other index, does not reach the root.
    function testFuzz_computeRoot_alteredLeafOrIndex_misses(
        uint256 count,
        uint256 seed,
        uint256 index,
        uint256 delta
    ) public view {
        count = bound(count, 2, 33);
        index = bound(index, 0, count - 1);
        delta = bound(delta, 1, 1e30);
        (bytes32[] memory hashes, uint256[] memory sums,) = _leaves(count, seed);
        (bytes32 root,) = SumTreeBuilder.root(hashes, sums);
        IUsageLedger.SumNode[] memory proof = SumTreeBuilder.proof(hashes, sums, index);
        (bytes32 r,) = harness.computeRoot(hashes[index], sums[index] + delta, index, proof);
        assertNotEq(r, root, "altered price");
        (r,) = harness.computeRoot(hashes[index], sums[index], index ^ 1, proof);
        assertNotEq(r, root, "wrong index");
    }

    function test_computeRoot_saturatesInsteadOfWrapping() public view {
        IUsageLedger.SumNode[] memory proof = new IUsageLedger.SumNode[](1);
        proof[0] = IUsageLedger.SumNode(bytes32(uint256(1)), type(uint256).max - 1);
        (, uint256 s) = harness.computeRoot(bytes32(uint256(2)), 5, 0, proof);
        assertEq(s, type(uint256).max);
    }

    function _leaves(uint256 count, uint256 seed)
        internal
        pure
        returns (bytes32[] memory hashes, uint256[] memory sums, uint256 total)
    {
        hashes = new bytes32[](count);
        sums = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            hashes[i] = keccak256(abi.encode(seed, i));
            sums[i] = uint256(keccak256(abi.encode(seed, i, "price"))) % 1e24;
            total += sums[i];
        }
    }
}
