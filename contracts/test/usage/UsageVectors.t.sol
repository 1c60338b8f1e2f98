// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {UsageLedger} from "../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";

/// @notice Replays contracts/test/vectors/usage-vectors.json, written by sim/usage/writeUsageVectors.ts with viem:
///         the contract computes the same EIP-712 digests, recovers the same signers (and refuses the high-s
///         twin), reaches the same sum-tree roots from every viem-built proof, and runs a whole round (report,
///         challenge, answer, count and equivocation proofs) on the viem signatures and proofs. The ledger is
///         deployed at the vectors' `verifyingContract` on their chain id, so their domain is its own.
contract UsageVectors_Test is Test {
    string internal json;
    UsageLedger internal ledger;
    ModelRegistry internal registry;
    uint256 internal modelId;
    address internal modelOwner = makeAddr("modelOwner");
    address internal token = makeAddr("token");
    address internal user = makeAddr("user");

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/usage-vectors.json"));
        assertEq(vm.parseJsonUint(json, ".version"), 1, "vector version");
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        registry = new ModelRegistry();
        vm.startPrank(modelOwner);
        modelId = registry.register(keccak256("weights"), hex"01", 0);
        registry.setRevenueReceiver(modelId, token, 0);
        vm.stopPrank();
        assertEq(modelId, vm.parseJsonUint(json, ".modelId"));
        IUsageLedger.Parameters memory p = IUsageLedger.Parameters({
            periodLength: 1 hours,
            reportWindow: 30 minutes,
            challengeWindow: 2 hours,
            answerWindow: 30 minutes,
            unbondingDelay: 3 hours,
            minBond: 0.1 ether,
            challengeBond: 0.001 ether,
            proverReward: 0.01 ether,
            penaltyBps: 30_000,
            revenueGasLimit: 100_000
        });
        address where = vm.parseJsonAddress(json, ".verifyingContract");
        deployCodeTo("UsageLedger.sol:UsageLedger", abi.encode(registry, p), where);
        ledger = UsageLedger(where);
        vm.prank(modelOwner);
        ledger.setTerms(modelId, 2000, 0);
    }

    function receiptAt(uint256 i) internal view returns (IUsageLedger.Receipt memory r, bytes memory sig) {
        string memory k = string.concat(".receipts[", vm.toString(i), "]");
        r.modelId = vm.parseJsonUint(json, string.concat(k, ".modelId"));
        r.operator = vm.parseJsonAddress(json, string.concat(k, ".operator"));
        r.user = vm.parseJsonAddress(json, string.concat(k, ".user"));
        // casting is safe: the generator writes values that fit the receipt's types
        // forge-lint: disable-next-line(unsafe-typecast)
        r.sequence = uint64(vm.parseJsonUint(json, string.concat(k, ".sequence")));
        // forge-lint: disable-next-line(unsafe-typecast)
        r.price = uint128(vm.parseJsonUint(json, string.concat(k, ".price")));
        // forge-lint: disable-next-line(unsafe-typecast)
        r.period = uint32(vm.parseJsonUint(json, string.concat(k, ".period")));
        sig = vm.parseJsonBytes(json, string.concat(k, ".signature"));
    }

    function test_vectors_digestsAndSignersMatchViem() public view {
        uint256 n = vm.parseJsonUint(json, ".receiptCount");
        assertGt(n, 0);
        for (uint256 i; i < n; ++i) {
            string memory k = string.concat(".receipts[", vm.toString(i), "]");
            (IUsageLedger.Receipt memory r, bytes memory sig) = receiptAt(i);
            assertEq(
                ledger.receiptDigest(r), vm.parseJsonBytes32(json, string.concat(k, ".digest")), "digest"
            );
            assertEq(
                ledger.recoverReceiptSigner(r, sig),
                vm.parseJsonAddress(json, string.concat(k, ".signer")),
                "signer"
            );
        }
        assertEq(
            ledger.RECEIPT_TYPEHASH(),
            keccak256(bytes(vm.parseJsonString(json, ".receiptType"))),
            "EIP-712 type"
        );
    }

    function test_vectors_everyProofReachesItsRoot() public view {
        uint256 trees = vm.parseJsonUint(json, ".treeCount");
        for (uint256 t; t < trees; ++t) {
            string memory k = string.concat(".trees[", vm.toString(t), "]");
            bytes32 root = vm.parseJsonBytes32(json, string.concat(k, ".root"));
            uint256 total = vm.parseJsonUint(json, string.concat(k, ".total"));
            uint256 count = vm.parseJsonUint(json, string.concat(k, ".count"));
            bytes32[] memory hashes = vm.parseJsonBytes32Array(json, string.concat(k, ".leafHashes"));
            uint256[] memory sums = vm.parseJsonUintArray(json, string.concat(k, ".leafSums"));
            assertEq(hashes.length, count);
            for (uint256 i; i < count; ++i) {
                IUsageLedger.SumNode[] memory proof =
                    proofAt(k, i, vm.parseJsonUint(json, string.concat(k, ".depth")));
                (bytes32 r, uint256 s) = ledger.computeSumRoot(hashes[i], sums[i], i, proof);
                assertEq(r, root, "root");
                assertEq(s, total, "total");
            }
        }
    }

    function proofAt(string memory tree, uint256 i, uint256 depth)
        internal
        view
        returns (IUsageLedger.SumNode[] memory proof)
    {
        proof = new IUsageLedger.SumNode[](depth);
        if (depth == 0) return proof;
        string memory k = string.concat(tree, ".proofs[", vm.toString(i), "]");
        bytes32[] memory hashes = vm.parseJsonBytes32Array(json, string.concat(k, ".hashes"));
        uint256[] memory sums = vm.parseJsonUintArray(json, string.concat(k, ".sums"));
        assertEq(hashes.length, depth, "proof length = depth");
        for (uint256 d; d < depth; ++d) {
            proof[d] = IUsageLedger.SumNode(hashes[d], sums[d]);
        }
    }

    /// @dev The flow operator reports the viem-built root; a viem-signed receipt is challenged and answered with
    ///      the viem-built proof; then the receipt viem signed beyond the count proves the count lie.
    function test_vectors_reportChallengeAnswerAndCountProof() public {
        IUsageLedger.Report memory rep = reportFlow();
        (IUsageLedger.Receipt memory r, bytes memory sig) = receiptAt(3);
        vm.deal(user, 1 ether);
        vm.prank(user);
        ledger.challengeReceipt{value: 0.001 ether}(r, sig, rep);
        IUsageLedger.SumNode[] memory proof =
            proofAt(".trees[0]", 3, vm.parseJsonUint(json, ".trees[0].depth"));
        ledger.answerChallenge(r, rep, proof);
        assertEq(
            uint8(ledger.challengeOf(ledger.receiptDigest(r)).status),
            uint8(IUsageLedger.ChallengeStatus.Answered)
        );

        (IUsageLedger.Receipt memory beyond, bytes memory beyondSig) =
            receiptAt(vm.parseJsonUint(json, ".flow.beyond"));
        ledger.proveOutOfRange(beyond, beyondSig, rep);
        assertEq(uint8(ledger.operatorOf(modelId, r.operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_vectors_equivocationAndHighS() public {
        reportFlow();
        (IUsageLedger.Receipt memory a, bytes memory sigA) = receiptAt(2);
        (IUsageLedger.Receipt memory b, bytes memory sigB) = receiptAt(vm.parseJsonUint(json, ".flow.twin"));
        (IUsageLedger.Receipt memory h, bytes memory sigH) = receiptAt(vm.parseJsonUint(json, ".flow.highS"));
        assertFalse(vm.parseJsonBool(json, ".receipts[8].accepted"));
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_InvalidSignature.selector, ledger.receiptDigest(h)
            )
        );
        ledger.proveEquivocation(h, sigH, b, sigB);
        ledger.proveEquivocation(a, sigA, b, sigB);
        assertEq(uint8(ledger.operatorOf(modelId, a.operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function reportFlow() internal returns (IUsageLedger.Report memory rep) {
        address op = vm.parseJsonAddress(json, ".flow.operator");
        vm.deal(op, 10 ether);
        vm.prank(op);
        ledger.register{value: 1 ether}(modelId);
        vm.warp(ledger.periodEnd(0));
        // casting is safe: the generator's totals and counts fit
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 total = uint128(vm.parseJsonUint(json, ".flow.total"));
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 count = uint64(vm.parseJsonUint(json, ".flow.count"));
        bytes32 root = vm.parseJsonBytes32(json, ".flow.root");
        vm.prank(op);
        ledger.report{value: uint256(total) * 2000 / 10_000}(modelId, 0, count, total, root);
        rep = IUsageLedger.Report(0, count, total, root, uint40(block.timestamp));
        assertEq(ledger.reportHashOf(modelId, op, 0), keccak256(abi.encode(rep)));
    }
}
