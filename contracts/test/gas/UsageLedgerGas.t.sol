// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {console2} from "forge-std/Test.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {UsageLedgerSetup} from "../usage/UsageLedgerSetup.sol";

/// @dev Gas of the usage ledger's operations, each its own transaction with cold storage (run with `--isolate`):
///      `node tools/forge.mjs test --isolate --match-path contracts/test/gas/UsageLedgerGas.t.sol -vv`. Figures are
///      whole transactions (21,000 intrinsic gas and calldata included); the report pays a real RevShareToken.
///      A report commits to a root whatever the number of receipts, so it costs the same for one receipt and for a
///      million; an answer grows with the tree's depth, log2 of the receipts.
contract UsageLedgerGas_Test is UsageLedgerSetup {
    /// @dev Steady state: the token has received revenue before and the ledger's counters are nonzero (another
    ///      operator was slashed for an equivocation), so no figure includes a counter's first write.
    function setUp() public override {
        super.setUp();
        vm.deal(address(this), 1 ether);
        token.depositRevenue{value: 1 ether}();
        (address warm, uint256 warmKey) = makeAddrAndKey("warm");
        vm.deal(warm, 10 ether);
        vm.prank(warm);
        ledger.register{value: BOND}(modelId);
        IUsageLedger.Receipt memory a = IUsageLedger.Receipt(modelId, warm, user, 0, 0.1 ether, 0);
        IUsageLedger.Receipt memory b = IUsageLedger.Receipt(modelId, warm, user, 0, 0.2 ether, 0);
        vm.prank(keeper);
        ledger.proveEquivocation(a, sign(warmKey, a), b, sign(warmKey, b));
        IUsageLedger.Books memory books = ledger.books();
        assertGt(
            books.burned * books.slashedToTokens * books.credits * books.revenueDelivered, 0, "counters warm"
        );
    }

    function record(string memory name) internal returns (uint256 gasUsed) {
        gasUsed = vm.lastCallGas().gasTotalUsed;
        console2.log(string.concat("UsageLedger ", name, " (whole tx gas with --isolate):"), gasUsed);
        vm.snapshotValue("UsageLedger", name, gasUsed);
    }

    /// @dev A proof of depth `depth` for leaf `index`, with made-up siblings, and the root and total it leads to:
    ///      what an operator's tree of 2^depth receipts looks like from one leaf (the gas depends on the depth only).
    function syntheticPath(bytes32 leaf, uint256 price, uint256 index, uint256 depth)
        internal
        pure
        returns (IUsageLedger.SumNode[] memory proof, bytes32 root, uint256 total)
    {
        proof = new IUsageLedger.SumNode[](depth);
        (root, total) = (leaf, price);
        for (uint256 d; d < depth; ++d) {
            proof[d] = IUsageLedger.SumNode(keccak256(abi.encode("sibling", d)), 1 ether + d);
            if ((index >> d) & 1 == 0) {
                root = keccak256(abi.encode(root, total, proof[d].hash, proof[d].sum));
            } else {
                root = keccak256(abi.encode(proof[d].hash, proof[d].sum, root, total));
            }
            total += proof[d].sum;
        }
    }

    // ---------------------------------------------------------------- operators

    function test_gas_register() public {
        address second = makeAddr("second");
        vm.deal(second, 10 ether);
        vm.prank(second);
        ledger.register{value: BOND}(modelId);
        record("register");
    }

    /// @dev Periods 1 and 2 are measured after a report of period 0, so that without `--isolate` (one transaction
    ///      for the whole test, warm storage) the two measured reports still start from the same warmth.
    function test_gas_report_isConstantInTheNumberOfReceipts() public {
        reportAs(operator, 0, 1, 1 ether, keccak256("root of period 0"));

        vm.warp(ledger.periodEnd(1));
        vm.prank(operator);
        ledger.report{value: owedOn(1 ether)}(modelId, 1, 1, 1 ether, keccak256("root of 1"));
        uint256 one = record("report, 1 receipt");

        vm.warp(ledger.periodEnd(2));
        vm.prank(operator);
        ledger.report{value: owedOn(1 ether)}(modelId, 2, 1_000_000, 1 ether, keccak256("root of 1e6"));
        uint256 million = record("report, 1,000,000 receipts");
        // only the calldata's nonzero bytes differ
        assertApproxEqAbs(one, million, 200, "a report is O(1) in the number of receipts");
        assertLe(million, 100_000);
    }

    function test_gas_report_empty() public {
        vm.warp(ledger.periodEnd(0));
        vm.prank(operator);
        ledger.report(modelId, 0, 0, 0, bytes32(0));
        assertLe(record("report, empty period"), 40_000);
    }

    function test_gas_withdrawBond() public {
        vm.prank(operator);
        ledger.requestExit(modelId);
        reportAs(operator, 0, 0, 0, bytes32(0));
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(operator);
        ledger.withdrawBond(modelId);
        record("withdrawBond");
    }

    // ---------------------------------------------------------------- proofs

    function test_gas_proveOutOfRange() public {
        IUsageLedger.Report memory rep = reportAs(operator, 0, 3, 3 ether, keccak256("root"));
        IUsageLedger.Receipt memory r = receiptOf(3, 1 ether, 0);
        bytes memory sig = signed(r);
        vm.prank(prover);
        ledger.proveOutOfRange(r, sig, rep);
        assertLe(record("proveOutOfRange"), 130_000);
    }

    function test_gas_proveEquivocation() public {
        IUsageLedger.Receipt memory a = receiptOf(0, 1 ether, 0);
        IUsageLedger.Receipt memory b = receiptOf(0, 2 ether, 0);
        (bytes memory sigA, bytes memory sigB) = (signed(a), signed(b));
        vm.prank(prover);
        ledger.proveEquivocation(a, sigA, b, sigB);
        assertLe(record("proveEquivocation"), 130_000);
    }

    function test_gas_provePriceAboveTotal() public {
        IUsageLedger.Report memory rep = reportAs(operator, 0, 3, 0.5 ether, keccak256("root"));
        IUsageLedger.Receipt memory r = receiptOf(1, 1 ether, 0);
        bytes memory sig = signed(r);
        vm.prank(prover);
        ledger.provePriceAboveTotal(r, sig, rep);
        assertLe(record("provePriceAboveTotal"), 130_000);
    }

    function test_gas_challengeAnswerAndSlash() public {
        uint256 depth = 20;
        IUsageLedger.Receipt memory r = receiptOf(777_777, 1 ether, 0);
        (IUsageLedger.SumNode[] memory proof, bytes32 root, uint256 total) =
            syntheticPath(digestOf(r), r.price, 777_777, depth);
        // casting to 'uint128' is safe: the synthetic total is about 21 ETH
        // forge-lint: disable-next-line(unsafe-typecast)
        IUsageLedger.Report memory rep = reportAs(operator, 0, uint64(1) << depth, uint128(total), root);
        bytes memory sig = signed(r);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(r, sig, rep);
        assertLe(record("challengeReceipt"), 80_000);

        // another receipt of the same report, left unanswered
        IUsageLedger.Receipt memory other = receiptOf(5, 2 ether, 0);
        bytes memory otherSig = signed(other);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(other, otherSig, rep);

        vm.prank(operator);
        ledger.answerChallenge(r, rep, proof);

        vm.warp(block.timestamp + ANSWER_WINDOW);
        vm.prank(keeper);
        ledger.slashUnanswered(other);
        assertLe(record("slashUnanswered"), 125_000);
    }

    /// @dev Answers at growing depths, each by an operator whose credit is already nonzero (an operator answers
    ///      many challenges between two withdrawals): about 1,100 gas per level of the tree.
    function test_gas_answerChallenge_byDepth() public {
        uint256[5] memory depths = [uint256(1), 4, 10, 20, 30];
        string[5] memory names = [
            "",
            "answerChallenge, 16 receipts (depth 4)",
            "answerChallenge, 1,024 receipts (depth 10)",
            "answerChallenge, 2^20 receipts (depth 20)",
            "answerChallenge, 2^30 receipts (depth 30)"
        ];
        uint256[5] memory gasOf;
        for (uint256 i; i < depths.length; ++i) {
            // casting to 'uint32' is safe: a small loop index
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 period = uint32(i);
            uint64 start = ledger.operatorOf(modelId, operator).nextSequence;
            IUsageLedger.Receipt memory r = receiptOf(start, 1 ether, period);
            (IUsageLedger.SumNode[] memory proof, bytes32 root, uint256 total) =
                syntheticPath(digestOf(r), r.price, 0, depths[i]);
            // casting to 'uint64'/'uint128' is safe: depths <= 30, synthetic totals about 31 ETH
            // forge-lint: disable-next-line(unsafe-typecast)
            IUsageLedger.Report memory rep =
                reportAs(operator, period, uint64(1) << depths[i], uint128(total), root);
            bytes memory sig = signed(r);
            vm.prank(user);
            ledger.challengeReceipt{value: CHALLENGE_BOND}(r, sig, rep);
            vm.prank(operator);
            ledger.answerChallenge(r, rep, proof);
            if (i > 0) gasOf[i] = record(names[i]); // the first one only warms the operator's credit
        }
        assertLe(gasOf[3], 100_000, "an answer in a tree of a million receipts");
        assertLt(gasOf[4] - gasOf[3], 10 * 1_500, "each level costs less than 1,500 gas");
    }

    function test_gas_slashOverdue() public {
        vm.warp(ledger.periodEnd(0) + REPORT_WINDOW);
        vm.prank(keeper);
        ledger.slashOverdue(modelId, operator);
        assertLe(record("slashOverdue"), 90_000);
    }

    // ---------------------------------------------------------------- money

    function test_gas_flushRevenueAndWithdraw() public {
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(0), 0);
        reportAs(operator, 0, 1, 1 ether, keccak256("root"));
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(token), 7000);
        vm.prank(keeper);
        ledger.flushRevenue(modelId);
        record("flushRevenue");

        vm.warp(block.timestamp + REPORT_WINDOW + PERIOD);
        vm.prank(keeper);
        ledger.slashOverdue(modelId, operator);
        vm.prank(keeper);
        ledger.withdraw();
        record("withdraw");
    }
}
