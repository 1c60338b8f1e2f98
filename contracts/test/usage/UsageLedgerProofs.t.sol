// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UsageLedger} from "../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {UsageLedgerSetup} from "./UsageLedgerSetup.sol";

/// @notice Every kind of lie, proven with one receipt (two for the direct equivocation proof), and every honest
///         report surviving every proof.
contract UsageLedgerProofs_Test is UsageLedgerSetup {
    /// secp256k1 group order, to build the high-s twin of a signature.
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    // ---------------------------------------------------------------- the slash split

    /// @dev Checks the split of a slash of `bond` when the token is owed `owed` (before the penalty).
    function assertSlashed(IUsageLedger.Lie lie, address who, uint256 owed, uint256 tokenBefore)
        internal
        view
    {
        IUsageLedger.Operator memory o = ledger.operatorOf(modelId, operator);
        assertEq(uint8(o.status), uint8(IUsageLedger.Status.Removed), "operator removed");
        assertEq(o.bond, 0);
        uint256 toProver = PROVER_REWARD;
        uint256 penalty = owed * PENALTY_BPS / 10_000;
        uint256 toToken = penalty < BOND - toProver ? penalty : BOND - toProver;
        assertEq(tokenReceived() - tokenBefore, toToken, "token paid its owed share times the penalty");
        assertGe(ledger.creditOf(who), toProver, "prover rewarded");
        assertEq(ledger.books().burned, BOND - toProver - toToken, "the rest burned");
        assertEq(ledger.books().bonded, 0);
        assertBooks();
        lie; // the event is checked where it matters
    }

    // ---------------------------------------------------------------- count lies

    function test_proveOutOfRange_receiptLeftOutOfTheCount_slashes() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 5, 1 ether);
        IUsageLedger.Receipt[] memory reported = new IUsageLedger.Receipt[](3);
        for (uint256 i; i < 3; ++i) {
            reported[i] = rs[i];
        }
        IUsageLedger.Report memory rep = reportHonest(0, reported);
        uint256 before = tokenReceived();

        IUsageLedger.Receipt memory hidden = rs[4];
        bytes32 digest = digestOf(hidden);
        uint256 owed = uint256(hidden.price) * SHARE_BPS / 10_000;
        vm.expectEmit(address(ledger));
        emit IUsageLedger.OperatorSlashed(
            modelId,
            operator,
            IUsageLedger.Lie.OutOfRange,
            prover,
            digest,
            BOND,
            owed * PENALTY_BPS / 10_000,
            PROVER_REWARD,
            BOND - PROVER_REWARD - owed * PENALTY_BPS / 10_000
        );
        vm.prank(prover);
        ledger.proveOutOfRange(hidden, signed(hidden), rep);
        assertSlashed(IUsageLedger.Lie.OutOfRange, prover, owed, before);
        assertEq(ledger.creditOf(prover), PROVER_REWARD);
    }

    function test_proveOutOfRange_receiptLabelledWithAnotherPeriod_slashes() public {
        // sequence 1 is reported in period 0's range, but the user's receipt says period 1
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        reportHonest(0, rs);
        IUsageLedger.Report memory rep1 = reportHonest(1, receiptsOf(1, 3, 2, 1 ether));
        IUsageLedger.Receipt memory relabelled = receiptOf(1, 1 ether, 1);
        vm.prank(prover);
        ledger.proveOutOfRange(relabelled, signed(relabelled), rep1);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_receiptOfAPeriodReportedEmpty_slashes() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        vm.prank(prover);
        ledger.proveOutOfRange(r, signed(r), noReport());
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_receiptOfAPeriodSkipped_slashes() public {
        useDayLongReportWindow();
        vm.warp(ledger.periodEnd(3));
        reportHonest(3, receiptsOf(3, 0, 2, 1 ether));
        // period 1 was declared empty by the report of period 3
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 1);
        vm.prank(prover);
        ledger.proveOutOfRange(r, signed(r), noReport());
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_receiptBeforeRegistration_slashes() public {
        // a second operator registers in period 5; a receipt it signs for period 4 is a lie at once
        (address late, uint256 lateKey) = makeAddrAndKey("late");
        vm.deal(late, 10 ether);
        vm.warp(ledger.periodEnd(4));
        vm.prank(late);
        ledger.register{value: BOND}(modelId);
        IUsageLedger.Receipt memory r = IUsageLedger.Receipt(modelId, late, user, 0, 1 ether, 4);
        vm.prank(prover);
        ledger.proveOutOfRange(r, sign(lateKey, r), noReport());
        assertEq(uint8(ledger.operatorOf(modelId, late).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_unsettledPeriodWithAReportedSequence_slashes() public {
        reportHonest(0, receiptsOf(0, 0, 3, 1 ether));
        // period 1 is still open, but sequence 2 already belongs to period 0
        IUsageLedger.Receipt memory r = receiptOf(2, 1 ether, 1);
        vm.prank(prover);
        ledger.proveOutOfRange(r, signed(r), noReport());
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_receiptAfterExit_slashesAtOnce() public {
        vm.prank(operator);
        ledger.requestExit(modelId);
        // the exiting operator serves no period after 0: a receipt of period 7 is a lie before period 7 exists
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 7);
        vm.prank(prover);
        ledger.proveOutOfRange(r, signed(r), noReport());
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_proveOutOfRange_inRange_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_SequenceInRange.selector, 1, 0, 3));
        ledger.proveOutOfRange(rs[1], signed(rs[1]), rep);
    }

    function test_proveOutOfRange_unsettledPeriod_reverts() public {
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_PeriodNotSettled.selector, 0, 0));
        ledger.proveOutOfRange(r, signed(r), noReport());
    }

    function test_proveOutOfRange_forgedReport_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        rep.count = 1; // pretend the range was shorter
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportMismatch.selector, 0));
        ledger.proveOutOfRange(rs[2], signed(rs[2]), rep);
    }

    // ---------------------------------------------------------------- signatures and replay

    function test_prove_signatureOfAnotherKey_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        (address other, uint256 otherKey) = makeAddrAndKey("other");
        bytes32 digest = digestOf(r);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_WrongSigner.selector, digest, other, operator)
        );
        ledger.proveOutOfRange(r, sign(otherKey, r), noReport());
    }

    function test_prove_highSSignature_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        bytes32 digest = digestOf(r);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(operatorKey, digest);
        // the malleable twin (r, n - s, v ^ 1) recovers the same key under bare ecrecover
        bytes32 highS = bytes32(N - uint256(s));
        uint8 flipped = v == 27 ? 28 : 27;
        assertEq(ecrecover(digest, flipped, rr, highS), operator, "the twin is valid for ecrecover");
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidSignature.selector, digest));
        ledger.proveOutOfRange(r, abi.encodePacked(rr, highS, flipped), noReport());
    }

    function test_prove_malformedSignature_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        bytes32 digest = digestOf(r);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidSignature.selector, digest));
        ledger.proveOutOfRange(r, hex"1234", noReport());
    }

    function test_prove_receiptSignedForAnotherChain_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        uint256 home = block.chainid;
        vm.chainId(home + 1);
        bytes memory foreign = signed(r); // signed under the other chain's domain
        vm.chainId(home);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_WrongSigner.selector);
        ledger.proveOutOfRange(r, foreign, noReport());
    }

    function test_prove_receiptSignedForAnotherLedger_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        UsageLedger other = new UsageLedger(registry, defaultParameters());
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(operatorKey, other.receiptDigest(r));
        vm.expectPartialRevert(IUsageLedger.UsageLedger_WrongSigner.selector);
        ledger.proveOutOfRange(r, abi.encodePacked(rr, s, v), noReport());
    }

    function test_prove_receiptReplayedForAnotherModel_reverts() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        bytes memory sig = signed(r);
        r.modelId = modelId + 1; // the same signature, presented for another model
        vm.expectPartialRevert(IUsageLedger.UsageLedger_WrongSigner.selector);
        ledger.proveOutOfRange(r, sig, noReport());
    }

    function test_prove_receiptReplayedForAnotherOperator_reverts() public {
        (address other,) = makeAddrAndKey("other");
        vm.deal(other, 10 ether);
        vm.prank(other);
        ledger.register{value: BOND}(modelId);
        reportAs(other, 0, 0, 0, bytes32(0));
        IUsageLedger.Receipt memory r = receiptOf(0, 1 ether, 0);
        bytes memory sig = signed(r); // the first operator's receipt
        r.operator = other;
        vm.expectPartialRevert(IUsageLedger.UsageLedger_WrongSigner.selector);
        ledger.proveOutOfRange(r, sig, noReport());
    }

    // ---------------------------------------------------------------- equivocation

    function test_proveEquivocation_twoReceiptsOneSequence_slashes() public {
        IUsageLedger.Receipt memory a = receiptOf(7, 1 ether, 0);
        IUsageLedger.Receipt memory b = receiptOf(7, 3 ether, 0);
        b.user = makeAddr("otherUser");
        uint256 before = tokenReceived();
        vm.prank(prover);
        ledger.proveEquivocation(a, signed(a), b, signed(b));
        // the token is owed the larger price's share
        assertSlashed(IUsageLedger.Lie.Equivocation, prover, uint256(3 ether) * SHARE_BPS / 10_000, before);
    }

    function test_proveEquivocation_sameReceiptTwice_reverts() public {
        IUsageLedger.Receipt memory a = receiptOf(7, 1 ether, 0);
        bytes32 d = digestOf(a);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_NotEquivocation.selector, d, d));
        ledger.proveEquivocation(a, signed(a), a, signed(a));
    }

    function test_proveEquivocation_differentSequences_reverts() public {
        IUsageLedger.Receipt memory a = receiptOf(7, 1 ether, 0);
        IUsageLedger.Receipt memory b = receiptOf(8, 1 ether, 0);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_NotEquivocation.selector);
        ledger.proveEquivocation(a, signed(a), b, signed(b));
    }

    // ---------------------------------------------------------------- total lies

    function test_provePriceAboveTotal_slashes() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Report memory rep = reportAs(operator, 0, 3, 0.5 ether, keccak256("made-up root"));
        uint256 before = tokenReceived();
        vm.prank(prover);
        ledger.provePriceAboveTotal(rs[0], signed(rs[0]), rep);
        assertSlashed(
            IUsageLedger.Lie.PriceAboveTotal, prover, uint256(rs[0].price) * SHARE_BPS / 10_000, before
        );
    }

    function test_provePriceAboveTotal_priceWithinTotal_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_PriceWithinTotal.selector, rs[2].price, rep.total)
        );
        ledger.provePriceAboveTotal(rs[2], signed(rs[2]), rep);
    }

    // ---------------------------------------------------------------- challenges: omitted or altered receipts

    function test_challenge_honestReceipt_answeredAndBondPaidToAnswerer() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 6, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        bytes32 digest = digestOf(rs[4]);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[4], signed(rs[4]), rep);
        assertEq(ledger.operatorOf(modelId, operator).openChallenges, 1);
        IUsageLedger.Challenge memory c = ledger.challengeOf(digest);
        assertEq(uint8(c.status), uint8(IUsageLedger.ChallengeStatus.Open));
        assertEq(c.challenger, user);
        assertEq(c.deadline, block.timestamp + ANSWER_WINDOW);
        assertEq(ledger.books().challengeBonds, CHALLENGE_BOND);
        assertBooks();

        vm.expectEmit(address(ledger));
        emit IUsageLedger.ChallengeAnswered(modelId, operator, digest, operator);
        vm.prank(operator);
        ledger.answerChallenge(rs[4], rep, proofOf(rs, 4));
        assertEq(uint8(ledger.challengeOf(digest).status), uint8(IUsageLedger.ChallengeStatus.Answered));
        assertEq(ledger.operatorOf(modelId, operator).openChallenges, 0);
        assertEq(
            ledger.creditOf(operator), CHALLENGE_BOND, "the answer's gas is paid by the challenger's bond"
        );
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Active));
        assertBooks();

        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_AlreadyChallenged.selector, digest));
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[4], signed(rs[4]), rep);
    }

    function test_challenge_omittedReceipt_unanswerable_slashed() public {
        // the operator signed 4 receipts but its tree holds receipt 2's slot with a cheaper, made-up receipt
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 4, 1 ether);
        IUsageLedger.Receipt[] memory tree = receiptsOf(0, 0, 4, 1 ether);
        tree[2].price = 1;
        IUsageLedger.Report memory rep = reportHonest(0, tree);
        assertLt(rep.total, 4 ether + 6, "under-reported");
        // the count is right and the price fits the total: only the challenge catches it
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_SequenceInRange.selector, 2, 0, 4));
        ledger.proveOutOfRange(rs[2], signed(rs[2]), rep);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_PriceWithinTotal.selector);
        ledger.provePriceAboveTotal(rs[2], signed(rs[2]), rep);

        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[2], signed(rs[2]), rep);
        // the best the operator can do: the proof of its own leaf 2, which is another receipt
        IUsageLedger.SumNode[] memory proof = proofOf(tree, 2);
        bytes32 digest = digestOf(rs[2]);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidProof.selector, digest));
        vm.prank(operator);
        ledger.answerChallenge(rs[2], rep, proof);

        vm.warp(block.timestamp + ANSWER_WINDOW - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_ChallengeNotExpired.selector, block.timestamp + 1)
        );
        ledger.slashUnanswered(rs[2]);
        vm.warp(block.timestamp + 1);
        uint256 before = tokenReceived();
        vm.prank(keeper);
        ledger.slashUnanswered(rs[2]);
        assertSlashed(IUsageLedger.Lie.Unanswered, user, uint256(rs[2].price) * SHARE_BPS / 10_000, before);
        assertEq(
            ledger.creditOf(user), PROVER_REWARD + CHALLENGE_BOND, "the challenger: reward and its bond back"
        );
        assertEq(ledger.creditOf(keeper), 0);
        assertEq(uint8(ledger.challengeOf(digest).status), uint8(IUsageLedger.ChallengeStatus.Upheld));
    }

    function test_challenge_treeWithheld_slashed() public {
        // the operator reports a root it cannot open at all (a data-availability lie)
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 4, 1 ether);
        IUsageLedger.Report memory rep = reportAs(operator, 0, 4, 4 ether + 6, keccak256("withheld"));
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[1], signed(rs[1]), rep);
        vm.warp(block.timestamp + ANSWER_WINDOW);
        ledger.slashUnanswered(rs[1]);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_answer_leafAtTheWrongIndex_reverts() public {
        // receipt 1 placed at leaf 0: a proof for index 0 does not answer for sequence 1
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        IUsageLedger.Receipt[] memory swapped = new IUsageLedger.Receipt[](2);
        (swapped[0], swapped[1]) = (rs[1], rs[0]);
        IUsageLedger.Report memory rep = reportHonest(0, swapped);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[1], signed(rs[1]), rep);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidProof.selector, digestOf(rs[1]))
        );
        ledger.answerChallenge(rs[1], rep, proofOf(swapped, 0));
    }

    function test_answer_proofOfTheWrongLength_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 4, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[0], signed(rs[0]), rep);
        IUsageLedger.SumNode[] memory proof = proofOf(rs, 0);
        IUsageLedger.SumNode[] memory short = new IUsageLedger.SumNode[](1);
        short[0] = proof[0];
        vm.expectPartialRevert(IUsageLedger.UsageLedger_InvalidProof.selector);
        ledger.answerChallenge(rs[0], rep, short);
    }

    function test_answer_siblingSumsThatWouldWrap_reverts() public {
        // A liar reports total T but its tree's sums overflow 2^256 on the way up, hoping they wrap back to T.
        // Checked: with wrapping sums in SumTree.parent (no saturation) this test fails, the answer being accepted.
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        uint128 total = 5; // far below the receipts' prices
        bytes32 leaf0 = digestOf(rs[0]);
        // sibling sum chosen so that price + sum == total modulo 2^256
        uint256 wrapping;
        unchecked {
            wrapping = uint256(total) - rs[0].price;
        }
        bytes32 root = keccak256(abi.encode(leaf0, rs[0].price, keccak256("x"), wrapping));
        IUsageLedger.Report memory rep = reportAs(operator, 0, 2, total, root);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[0], signed(rs[0]), rep);
        IUsageLedger.SumNode[] memory proof = new IUsageLedger.SumNode[](1);
        proof[0] = IUsageLedger.SumNode(keccak256("x"), wrapping);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidProof.selector, leaf0));
        ledger.answerChallenge(rs[0], rep, proof);
    }

    function test_answer_afterDeadline_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[0], signed(rs[0]), rep);
        uint256 deadline = block.timestamp + ANSWER_WINDOW;
        vm.warp(deadline);
        IUsageLedger.SumNode[] memory proof = proofOf(rs, 0);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_AnswerTooLate.selector, deadline));
        ledger.answerChallenge(rs[0], rep, proof);
    }

    function test_challenge_wrongBond_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_WrongChallengeBond.selector, CHALLENGE_BOND, 0)
        );
        ledger.challengeReceipt(rs[0], signed(rs[0]), rep);
    }

    function test_challenge_windowClosed_reverts() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        reportAs(operator, 1, 0, 0, bytes32(0));
        reportAs(operator, 2, 0, 0, bytes32(0));
        vm.warp(rep.reportedAt + CHALLENGE_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_ChallengeWindowClosed.selector, rep.reportedAt + CHALLENGE_WINDOW
            )
        );
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[0], signed(rs[0]), rep);
    }

    function test_challenge_outOfRange_pointsToTheCountProof() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        IUsageLedger.Receipt memory extra = receiptOf(5, 1 ether, 0);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_SequenceOutOfRange.selector, 5, 0, 2));
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(extra, signed(extra), rep);
    }

    function test_slashUnanswered_operatorRemovedFirst_refundsChallenger() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[0], signed(rs[0]), rep);
        // another proof removes the operator before its deadline
        IUsageLedger.Receipt memory twin = receiptOf(0, 2 ether, 0);
        vm.prank(prover);
        ledger.proveEquivocation(rs[0], signed(rs[0]), twin, signed(twin));
        // the answer is moot now, and the challenger gets its bond back at once
        IUsageLedger.SumNode[] memory proof = proofOf(rs, 0);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_NotBonded.selector);
        ledger.answerChallenge(rs[0], rep, proof);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.ChallengeRefunded(modelId, operator, digestOf(rs[0]), user);
        ledger.slashUnanswered(rs[0]);
        assertEq(ledger.creditOf(user), CHALLENGE_BOND);
        assertEq(ledger.books().challengeBonds, 0);
        assertBooks();
        vm.expectPartialRevert(IUsageLedger.UsageLedger_NoOpenChallenge.selector);
        ledger.slashUnanswered(rs[0]);
    }

    // ---------------------------------------------------------------- exits and front-running

    function test_exit_openChallengeBlocksWithdrawal() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 2, 1 ether);
        vm.prank(operator);
        ledger.requestExit(modelId);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        vm.warp(rep.reportedAt + CHALLENGE_WINDOW - 1);
        vm.prank(user);
        ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[1], signed(rs[1]), rep);
        vm.warp(rep.reportedAt + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ChallengesOpen.selector, 1));
        vm.prank(operator);
        ledger.withdrawBond(modelId);
    }

    function test_exit_lastMomentProofBeatsTheWithdrawal() public {
        // The bond is withdrawable only unbondingDelay after the last report, which outlasts the challenge
        // window and its answer: a count lie found at the last second before release still gets the bond.
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        vm.prank(operator);
        ledger.requestExit(modelId);
        IUsageLedger.Receipt[] memory two = new IUsageLedger.Receipt[](2);
        (two[0], two[1]) = (rs[0], rs[1]);
        IUsageLedger.Report memory rep = reportHonest(0, two);
        vm.warp(rep.reportedAt + UNBONDING - 1);
        vm.prank(operator);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_UnbondingNotOver.selector);
        ledger.withdrawBond(modelId);
        vm.prank(prover);
        ledger.proveOutOfRange(rs[2], signed(rs[2]), rep);
        vm.warp(rep.reportedAt + UNBONDING);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_NotExiting.selector);
        vm.prank(operator);
        ledger.withdrawBond(modelId);
    }

    function test_frontRun_operatorProvingItsOwnLie_onlyTakesTheReward() public {
        // The operator sees a proof in the mempool and front-runs it from a second address: it takes the
        // prover's reward, but the token still gets its penalty and the rest is still burned.
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 3, 1 ether);
        IUsageLedger.Receipt[] memory two = new IUsageLedger.Receipt[](2);
        (two[0], two[1]) = (rs[0], rs[1]);
        IUsageLedger.Report memory rep = reportHonest(0, two);
        address sybil = makeAddr("sybil");
        uint256 before = tokenReceived();
        bytes memory sig = signed(rs[2]);
        vm.prank(sybil);
        ledger.proveOutOfRange(rs[2], sig, rep);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_NotBonded.selector);
        vm.prank(prover);
        ledger.proveOutOfRange(rs[2], sig, rep);
        assertSlashed(IUsageLedger.Lie.OutOfRange, sybil, uint256(rs[2].price) * SHARE_BPS / 10_000, before);
        assertLt(PROVER_REWARD, BOND, "the operator recovers at most the reward of its own bond");
    }

    function test_slash_penaltyLargerThanBond_tokenTakesAllButTheReward() public {
        IUsageLedger.Receipt memory big = receiptOf(0, 100 ether, 0);
        IUsageLedger.Receipt memory twin = receiptOf(0, 1, 0);
        uint256 before = tokenReceived();
        ledger.proveEquivocation(big, signed(big), twin, signed(twin));
        assertEq(tokenReceived() - before, BOND - PROVER_REWARD);
        assertEq(ledger.books().burned, 0);
        assertBooks();
    }

    function test_slash_revertingReceiver_escrowsTheTokensPart() public {
        vm.etch(address(token), hex"fe"); // the receiver now reverts on every call
        IUsageLedger.Receipt memory a = receiptOf(0, 0.1 ether, 0);
        IUsageLedger.Receipt memory b = receiptOf(0, 0.2 ether, 0);
        ledger.proveEquivocation(a, signed(a), b, signed(b));
        assertEq(ledger.escrowOf(modelId), uint256(0.2 ether) * SHARE_BPS / 10_000 * PENALTY_BPS / 10_000);
        assertBooks();
    }

    // ---------------------------------------------------------------- honest operators

    /// @dev An honest operator's report survives every proof: no receipt of it is out of range, above the total,
    ///      or unanswerable; no pair of them equivocates; it is never overdue before its deadline.
    function testFuzz_honestReport_neverSlashable(uint256 count, uint256 seed, uint256 priorCount) public {
        count = bound(count, 1, 40);
        priorCount = bound(priorCount, 0, 5);
        // an earlier period, so ranges do not start at 0
        reportHonest(0, receiptsOf(0, 0, priorCount, 1));
        // casting to 'uint64' is safe: priorCount <= 5
        // forge-lint: disable-next-line(unsafe-typecast)
        IUsageLedger.Receipt[] memory rs = receiptsOf(1, uint64(priorCount), count, 0);
        for (uint256 i; i < count; ++i) {
            // casting to 'uint128' is safe: the modulus keeps prices below 10 ETH
            // forge-lint: disable-next-line(unsafe-typecast)
            rs[i].price = uint128(uint256(keccak256(abi.encode(seed, i))) % 10 ether);
            rs[i].user = address(uint160(uint256(keccak256(abi.encode(seed, i, "user")))));
        }
        IUsageLedger.Report memory rep = reportHonest(1, rs);
        assertBooks();
        for (uint256 i; i < count; ++i) {
            bytes memory sig = signed(rs[i]);
            vm.expectPartialRevert(IUsageLedger.UsageLedger_SequenceInRange.selector);
            ledger.proveOutOfRange(rs[i], sig, rep);
            vm.expectPartialRevert(IUsageLedger.UsageLedger_PriceWithinTotal.selector);
            ledger.provePriceAboveTotal(rs[i], sig, rep);
            if (i > 0) {
                vm.expectPartialRevert(IUsageLedger.UsageLedger_NotEquivocation.selector);
                ledger.proveEquivocation(rs[i], sig, rs[i - 1], signed(rs[i - 1]));
            }
            vm.prank(user);
            ledger.challengeReceipt{value: CHALLENGE_BOND}(rs[i], sig, rep);
            vm.prank(operator);
            ledger.answerChallenge(rs[i], rep, proofOf(rs, i));
        }
        vm.warp(ledger.operatorOf(modelId, operator).reportDeadline - 1);
        vm.expectPartialRevert(IUsageLedger.UsageLedger_ReportNotOverdue.selector);
        ledger.slashOverdue(modelId, operator);
        IUsageLedger.Operator memory o = ledger.operatorOf(modelId, operator);
        assertEq(uint8(o.status), uint8(IUsageLedger.Status.Active));
        assertEq(o.bond, BOND);
        assertEq(o.openChallenges, 0);
        assertEq(ledger.creditOf(operator), CHALLENGE_BOND * count, "each answer paid by its challenge bond");
        assertBooks();
    }

    /// @dev Every slash splits the bond exactly: prover + token + burned = bond, prover first, token at most its
    ///      penalty.
    function testFuzz_slash_splitsTheBondExactly(uint96 bond, uint128 price, uint16 share) public {
        bond = uint96(bound(bond, MIN_BOND, 1000 ether));
        share = uint16(bound(share, 0, 10_000));
        price = uint128(bound(price, 0, 1e24));
        (address op, uint256 key) = makeAddrAndKey("fuzzOperator");
        vm.deal(op, bond);
        vm.warp(ledger.periodEnd(0));
        vm.prank(modelOwner);
        ledger.setTerms(modelId, share, 0); // applies from period 2
        vm.warp(ledger.periodEnd(1));
        vm.prank(op);
        ledger.register{value: bond}(modelId);
        IUsageLedger.Receipt memory a = IUsageLedger.Receipt(modelId, op, user, 0, price, 2);
        IUsageLedger.Receipt memory b = IUsageLedger.Receipt(modelId, op, user, 0, price / 2, 2);
        if (price == 0) b.user = makeAddr("otherUser");
        uint256 tokenBefore = tokenReceived();
        uint256 burnedBefore = ledger.books().burned;
        vm.prank(prover);
        ledger.proveEquivocation(a, sign(key, a), b, sign(key, b));
        _assertSplit(
            bond,
            uint256(price) * share / 10_000,
            tokenReceived() - tokenBefore,
            ledger.books().burned - burnedBefore
        );
    }

    function _assertSplit(uint256 bond, uint256 owed, uint256 toToken, uint256 burned) internal view {
        uint256 toProver = ledger.creditOf(prover);
        assertEq(toToken + toProver + burned, bond, "prover + token + burned = bond");
        assertEq(toProver, PROVER_REWARD < bond ? PROVER_REWARD : bond);
        uint256 penalty = owed * PENALTY_BPS / 10_000;
        assertEq(toToken, penalty < bond - toProver ? penalty : bond - toProver);
        assertBooks();
    }
}
