// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {RevertingReceiver, GasBurnerReceiver, NoopReceiver, EthRejecter} from "./mocks/CallbackReceivers.sol";
import {ToyVM} from "./mocks/MockModelVM.sol";

contract OpmlOracle_Request_Test is OracleTestBase {
    function test_estimateFee_sumsModelFeeRewardProtocolFeeAndCallbackGas() public view {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        uint256 expected =
            MODEL_FEE + p.submitterReward + p.protocolFee + uint256(CALLBACK_GAS) * p.callbackGasPrice;
        assertEq(oracle.estimateFee(modelId, CALLBACK_GAS), expected);
    }

    function test_requestCallback_splitsFeeIntoCreditsAndEscrow() public {
        uint256 requestId = _request();
        IOpmlOracle.Parameters memory p = oracle.parameters();
        uint256 receiverShare = MODEL_FEE * RECEIVER_BPS / 10_000;
        assertEq(oracle.creditOf(revenueReceiver), receiverShare);
        assertEq(oracle.creditOf(modelOwner), MODEL_FEE - receiverShare);
        assertEq(oracle.protocolFeesAccrued(), p.protocolFee);
        oracle.collectProtocolFees();
        assertEq(oracle.creditOf(treasury), p.protocolFee);
        assertEq(oracle.protocolFeesAccrued(), 0);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.escrow, p.submitterReward + uint256(CALLBACK_GAS) * p.callbackGasPrice);
        assertEq(r.traceLength, T);
        assertEq(r.initialStateHash, _stateHash(input, NO_FAULT, 0));
        assertEq(r.callbackData, callbackData);
        assertEq(address(oracle).balance, _fee());
    }

    function test_requestCallback_overpayment_creditedToPayer() public {
        uint256 fee = oracle.estimateFee(modelId, 0);
        vm.prank(user);
        oracle.requestCallback{value: fee + 123}(modelId, input, address(0), 0, "");
        assertEq(oracle.creditOf(user), 123);
        vm.prank(user);
        assertEq(oracle.withdraw(), 123);
    }

    function test_requestCallback_underpaid_reverts() public {
        uint256 fee = _fee();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_InsufficientFee.selector, fee, fee - 1));
        vm.prank(user);
        oracle.requestCallback{value: fee - 1}(modelId, input, address(receiverContract), CALLBACK_GAS, "");
    }

    function test_requestCallback_gasLimitTooHigh_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_GasLimitTooHigh.selector, 2_000_001, 2_000_000)
        );
        vm.prank(user);
        oracle.requestCallback{value: 1 ether}(modelId, input, address(receiverContract), 2_000_001, "");
    }

    function test_requestCallback_invalidInput_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 0, 8));
        vm.prank(user);
        oracle.requestCallback{value: 1 ether}(modelId, "", address(receiverContract), CALLBACK_GAS, "");
    }

    function test_requestCallback_idsAreSequential() public {
        assertEq(_request(), 1);
        assertEq(_request(), 2);
        assertEq(oracle.nextRequestId(), 3);
    }

    function testFuzz_requestCallback_everyWeiBooked(uint64 gasLimit, uint96 overpay) public {
        gasLimit = uint64(bound(gasLimit, 0, 2_000_000));
        overpay = uint96(bound(overpay, 0, 10 ether));
        uint256 fee = oracle.estimateFee(modelId, gasLimit);
        vm.prank(user);
        uint256 requestId = oracle.requestCallback{value: fee + overpay}(
            modelId, input, address(receiverContract), gasLimit, ""
        );
        uint256 credits = oracle.creditOf(revenueReceiver) + oracle.creditOf(modelOwner)
            + oracle.protocolFeesAccrued() + oracle.creditOf(user);
        assertEq(credits + oracle.getRequest(requestId).escrow, fee + overpay);
        assertEq(oracle.creditOf(user), overpay);
    }

    function test_requestCallback_setWeightsLater_requestKeepsItsSnapshot() public {
        uint256 requestId = _request();
        vm.prank(modelOwner);
        registry.setWeights(modelId, keccak256("new weights"), ToyVM.shape(8));
        uint256 requestId2 = _request();
        IOpmlOracle.Request memory r1 = oracle.getRequest(requestId);
        IOpmlOracle.Request memory r2 = oracle.getRequest(requestId2);
        assertEq(r1.traceLength, T);
        assertEq(r2.traceLength, 8);
        (bytes32 root,) = oracle.modelVersion(r1.modelVersion);
        assertEq(root, WEIGHTS);
        // The old request's dispute still steps against the old weights: the honest side wins.
        _submit(requestId, submitter, 5);
        uint256 gameId = _challenge(requestId, challenger, NO_FAULT);
        _playToEnd(gameId, 5, NO_FAULT);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
    }

    function test_flush_paysReceiverItsRevenue() public {
        _request();
        uint256 share = MODEL_FEE * RECEIVER_BPS / 10_000;
        vm.prank(anyone);
        oracle.flush(revenueReceiver);
        assertEq(revenueReceiver.balance, share);
        assertEq(oracle.creditOf(revenueReceiver), 0);
    }

    function test_withdraw_nothing_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToWithdraw.selector, anyone));
        vm.prank(anyone);
        oracle.withdraw();
    }

    function test_flush_rejectingAccount_revertsAndKeepsCredit() public {
        EthRejecter rejecter = new EthRejecter();
        uint256 fee = _fee();
        vm.deal(address(rejecter), 1 ether);
        vm.prank(address(rejecter));
        oracle.requestCallback{value: fee + 5}(modelId, input, address(0), CALLBACK_GAS, "");
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_TransferFailed.selector, address(rejecter), 5)
        );
        oracle.flush(address(rejecter));
        assertEq(oracle.creditOf(address(rejecter)), 5);
    }
}

contract OpmlOracle_Submit_Test is OracleTestBase {
    uint256 internal requestId;

    function setUp() public override {
        super.setUp();
        requestId = _request();
    }

    function test_submit_honest_runsCallbackWithOutputAndData() public {
        _submit(requestId, submitter, NO_FAULT);
        assertEq(receiverContract.calls(), 1);
        assertEq(receiverContract.lastOutput(), _output(input, NO_FAULT));
        assertEq(receiverContract.lastCallbackData(), callbackData);
        // The callee received the whole gas limit it was paid for (less what its own first opcodes used).
        assertGt(receiverContract.lastGasLeft(), CALLBACK_GAS - 1000);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.submitter, submitter);
        assertEq(uint8(r.status), uint8(IOpmlOracle.Status.Submitted));
        assertEq(r.resultStateHash, _stateHash(input, NO_FAULT, T));
    }

    function test_submit_wrongBond_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_WrongBond.selector, 0.1 ether, 0.09 ether)
        );
        vm.prank(submitter);
        oracle.submit{value: 0.09 ether}(requestId, _output(input, NO_FAULT), _preimage(input, NO_FAULT, T));
    }

    function test_submit_secondSubmission_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_AlreadySubmitted.selector, requestId));
        vm.prank(challenger);
        oracle.submit{value: 0.1 ether}(requestId, _output(input, 3), _preimage(input, 3, T));
    }

    function test_submit_notFinalState_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotFinalState.selector, T - 1, T));
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(
            requestId, _output(input, NO_FAULT), _preimage(input, NO_FAULT, T - 1)
        );
    }

    function test_submit_outputMismatch_reverts() public {
        bytes memory wrongOutput = abi.encodePacked(bytes32(uint256(1)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_OutputMismatch.selector,
                keccak256(_output(input, NO_FAULT)),
                keccak256(wrongOutput)
            )
        );
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(requestId, wrongOutput, _preimage(input, NO_FAULT, T));
    }

    function test_submit_malformedFinalState_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_MalformedFinalState.selector, 3, 128));
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(requestId, _output(input, NO_FAULT), hex"010203");
    }

    function test_submit_unknownRequest_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownRequest.selector, 99));
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(99, _output(input, NO_FAULT), _preimage(input, NO_FAULT, T));
    }

    function test_submit_tooLittleGasForCallback_reverts() public {
        bytes memory out = _output(input, NO_FAULT);
        bytes memory fin = _preimage(input, NO_FAULT, T);
        vm.prank(submitter);
        vm.expectPartialRevert(IOpmlOracle.OpmlOracle_InsufficientCallbackGas.selector);
        oracle.submit{value: 0.1 ether, gas: 150_000}(requestId, out, fin);
    }

    function test_submit_revertingCallback_stillSubmitsAndFinalizes() public {
        RevertingReceiver bad = new RevertingReceiver();
        uint256 fee = _fee();
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee}(modelId, input, address(bad), CALLBACK_GAS, "");
        vm.expectEmit(true, true, false, false, address(oracle));
        emit IOpmlOracle.AICallbackResult(id, submitter, 0, "", bytes32(0), 0, false);
        _submit(id, submitter, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(id);
        assertTrue(oracle.isFinalized(id));
    }

    function test_submit_gasBurningCallback_stillSubmitsAndFinalizes() public {
        GasBurnerReceiver burner = new GasBurnerReceiver();
        uint256 fee = oracle.estimateFee(modelId, 1_000_000);
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee}(modelId, input, address(burner), 1_000_000, "");
        uint256 before = gasleft();
        _submit(id, submitter, NO_FAULT);
        // It burned its whole limit, and no more.
        assertLt(before - gasleft(), 1_000_000 + 200_000);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(id);
        assertTrue(oracle.isFinalized(id));
    }

    function test_submit_noCallbackContract_skipsCallback() public {
        uint256 fee = oracle.estimateFee(modelId, 0);
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee}(modelId, input, address(0), 0, "");
        _submit(id, submitter, NO_FAULT);
        assertEq(oracle.getRequest(id).submitter, submitter);
    }
}

contract OpmlOracle_Finalize_Test is OracleTestBase {
    uint256 internal requestId;

    function setUp() public override {
        super.setUp();
        requestId = _request();
    }

    function test_finalize_beforeSubmission_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    function test_finalize_tooEarly_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    function test_finalize_afterWindow_creditsRewardGasAndBond() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        vm.prank(anyone);
        oracle.finalize(requestId);
        assertTrue(oracle.isFinalized(requestId));
        assertEq(oracle.creditOf(submitter), escrow + 0.1 ether);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    function test_finalize_gameOpen_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _challenge(requestId, challenger, 4);
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    function test_finalizeBatch_skipsNotReadyAndFinalizesTheRest() public {
        uint256 id2 = _request();
        uint256 id3 = _request();
        _submit(requestId, submitter, NO_FAULT);
        _submit(id3, submitter, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (requestId, id2, id3, 777);
        vm.expectEmit(true, false, false, false, address(oracle));
        emit IOpmlOracle.FinalizeSkipped(id2);
        assertEq(oracle.finalizeBatch(ids), 2);
        assertTrue(oracle.isFinalized(requestId));
        assertFalse(oracle.isFinalized(id2));
        assertTrue(oracle.isFinalized(id3));
    }
}

contract OpmlOracle_Challenge_Test is OracleTestBase {
    uint256 internal requestId;

    function setUp() public override {
        super.setUp();
        requestId = _request();
    }

    function test_challenge_notSubmitted_reverts() public {
        _challengeReverts(
            requestId,
            challenger,
            3,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotChallengeable.selector, requestId, IOpmlOracle.Status.Requested
            )
        );
    }

    function test_challenge_afterWindow_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        uint256 windowEnd = oracle.getRequest(requestId).windowEnd;
        vm.warp(windowEnd + 1);
        _challengeReverts(
            requestId,
            challenger,
            3,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_ChallengeWindowClosed.selector, requestId, windowEnd
            )
        );
    }

    function test_challenge_atWindowEnd_accepted() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.warp(oracle.getRequest(requestId).windowEnd);
        (uint256 claimIndex,) = _challengeClaim(requestId, 0, challenger, 3);
        assertEq(claimIndex, 1);
    }

    function test_challenge_sameClaim_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _challengeReverts(
            requestId,
            challenger,
            NO_FAULT,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_SameClaim.selector, requestId, _stateHash(input, NO_FAULT, T)
            )
        );
    }

    /// @dev One address may hold several claims (an honest party needs one per wrong claim it must defeat).
    function test_challenge_twiceBySameChallenger_opensTwoGames() public {
        _submit(requestId, submitter, NO_FAULT);
        (uint256 c1, uint256 g1) = _challengeClaim(requestId, 0, challenger, 3);
        (uint256 c2, uint256 g2) = _challengeClaim(requestId, 0, challenger, 5);
        assertEq(c1, 1);
        assertEq(c2, 2);
        assertTrue(g1 != g2);
        assertEq(oracle.getRequest(requestId).openGames, 2);
        assertEq(oracle.getRequest(requestId).claimCount, 3);
    }

    function test_challenge_bySubmitter_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _challengeReverts(
            requestId,
            submitter,
            3,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_SelfChallenge.selector, requestId, 0)
        );
    }

    function test_challenge_ownClaim_reverts() public {
        _submit(requestId, submitter, 5);
        _challengeClaim(requestId, 0, challenger, 3);
        _challengeClaimReverts(
            requestId,
            1,
            challenger,
            NO_FAULT,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_SelfChallenge.selector, requestId, 1)
        );
    }

    function test_challenge_wrongBond_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        bytes memory out = _output(input, 3);
        bytes memory fin = _preimage(input, 3, T);
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_WrongBond.selector, 0.05 ether, 0.1 ether)
        );
        vm.prank(challenger);
        oracle.challenge{value: 0.1 ether}(requestId, 0, out, fin);
    }

    function test_onGameResolved_notGame_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotGame.selector, anyone));
        vm.prank(anyone);
        oracle.onGameResolved(1, true);
    }

    function test_onGameResolved_twice_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        uint256 gameId = _challenge(requestId, challenger, 7);
        _playToEnd(gameId, NO_FAULT, 7);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_AlreadySettled.selector, gameId));
        vm.prank(address(game));
        oracle.onGameResolved(gameId, true);
    }

    function test_dispute_honestDefenderWins_challengerBondSplit() public {
        _submit(requestId, submitter, NO_FAULT);
        uint256 gameId = _challenge(requestId, challenger, 7);
        _playToEnd(gameId, NO_FAULT, 7);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.DefenderWon));
        assertEq(oracle.creditOf(submitter), 0.025 ether);
        assertEq(oracle.burned(), 0.025 ether);
        assertEq(oracle.getRequest(requestId).openGames, 0);
        assertTrue(oracle.getClaim(requestId, 1).defeated);
        assertEq(oracle.getClaim(requestId, 1).bond, 0);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        oracle.finalize(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.finalStateHash, _stateHash(input, NO_FAULT, T));
        assertEq(r.leader, 0);
        assertEq(r.round, 0);
        assertEq(receiverContract.calls(), 1);
        assertEq(oracle.creditOf(submitter), 0.025 ether + 0.1 ether + escrow);
    }

    /// @dev Nothing is replaced while games run: the winning challenger's claim leads, and becomes the result (with
    ///      a second callback) only at finalization, after the original window.
    function test_dispute_honestChallengerWins_leadsAndIsDeliveredAtFinalization() public {
        _submit(requestId, submitter, 9);
        uint256 windowEnd = oracle.getRequest(requestId).windowEnd;
        uint256 gameId = _challenge(requestId, challenger, NO_FAULT);
        _playToEnd(gameId, 9, NO_FAULT);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        uint256 escrow = r.escrow;
        assertEq(r.submitter, submitter);
        assertEq(r.round, 0);
        assertEq(r.bond, 0); // claim 0's bond was split
        assertEq(r.leader, 1);
        assertEq(r.windowEnd, windowEnd); // no fresh window
        assertEq(oracle.creditOf(challenger), 0.05 ether); // half of the submitter's 0.1 bond
        assertEq(oracle.burned(), 0.05 ether);
        assertEq(receiverContract.calls(), 1);
        vm.warp(windowEnd);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
        vm.warp(windowEnd + 1);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.ResultFinalized(requestId, challenger, escrow + 0.05 ether);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.DisputeResolved(requestId, 1, _stateHash(input, NO_FAULT, T));
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.AICallbackResult(
            requestId, challenger, 1, _output(input, NO_FAULT), _stateHash(input, NO_FAULT, T), windowEnd, true
        );
        oracle.finalize(requestId);
        r = oracle.getRequest(requestId);
        assertEq(r.round, 1);
        assertEq(r.finalStateHash, _stateHash(input, NO_FAULT, T));
        assertEq(r.resultStateHash, _stateHash(input, 9, T)); // the submission stays on record
        assertEq(receiverContract.calls(), 2);
        assertEq(receiverContract.lastOutput(), _output(input, NO_FAULT));
        assertEq(r.escrow, 0); // paid, and deleted from the record
        assertEq(oracle.creditOf(challenger), 0.05 ether + 0.05 ether + escrow);
    }

    function test_dispute_slashToTreasury_sendsRestToTreasury() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.slashToTreasury = true;
        p.slashWinnerBps = 10_000 - 2_000;
        vm.prank(governor);
        oracle.setParameters(p);
        _submit(requestId, submitter, NO_FAULT);
        uint256 gameId = _challenge(requestId, challenger, 3);
        uint256 before = oracle.creditOf(treasury);
        _playToEnd(gameId, NO_FAULT, 3);
        assertEq(oracle.creditOf(treasury) - before, 0.01 ether);
        assertEq(oracle.creditOf(submitter), 0.04 ether);
        assertEq(oracle.burned(), 0);
    }

    function test_withdraw_everyBondAfterGames_nothingStuck() public {
        _submit(requestId, submitter, 9);
        uint256 g1 = _challenge(requestId, challenger, NO_FAULT);
        uint256 g2 = _challenge(requestId, challenger2, 4);
        _playToEnd(g2, 9, 4); // both wrong; the first divergence (4) is the challenger's: defender wins
        _playToEnd(g1, 9, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(requestId);
        oracle.collectProtocolFees();
        address[7] memory everyone =
            [submitter, challenger, challenger2, revenueReceiver, modelOwner, treasury, user];
        for (uint256 i; i < everyone.length; ++i) {
            if (oracle.creditOf(everyone[i]) != 0) oracle.flush(everyone[i]);
        }
        assertEq(address(oracle).balance, oracle.burned());
    }
}

contract OpmlOracle_Parameters_Test is OracleTestBase {
    function test_setParameters_notOwner_reverts() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, anyone));
        vm.prank(anyone);
        oracle.setParameters(p);
    }

    function test_setParameters_emitsAndStores() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.challengeWindow = 2 hours;
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.ParametersSet(p);
        vm.prank(governor);
        oracle.setParameters(p);
        assertEq(oracle.parameters().challengeWindow, 2 hours);
    }

    function test_setParameters_gasPriceAboveCap_reverts() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.callbackGasPrice = uint64(GAS_PRICE_CAP + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_InvalidParameter.selector, bytes32("callbackGasPrice")
            )
        );
        vm.prank(governor);
        oracle.setParameters(p);
    }

    function test_setParameters_outOfBounds_reverts() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.responseDeadline = 8 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_InvalidParameter.selector, bytes32("responseDeadline")
            )
        );
        vm.prank(governor);
        oracle.setParameters(p);
        p = _defaultParams();
        p.submitterBond = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_InvalidParameter.selector, bytes32("submitterBond"))
        );
        vm.prank(governor);
        oracle.setParameters(p);
    }

    function test_setParameters_winnerShareAboveCap_reverts() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.slashWinnerBps = 8_001;
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_WinnerShareTooHigh.selector, 8_001, 8_000)
        );
        vm.prank(governor);
        oracle.setParameters(p);
        p.slashWinnerBps = 10_000; // the whole bond to the winner: a colluding pair would lose nothing
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_WinnerShareTooHigh.selector, 10_000, 8_000)
        );
        vm.prank(governor);
        oracle.setParameters(p);
    }

    function test_setParameters_winnerShareAtCap_accepted() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.slashWinnerBps = uint16(oracle.MAX_SLASH_WINNER_BPS());
        vm.prank(governor);
        oracle.setParameters(p);
        assertEq(oracle.parameters().slashWinnerBps, 8_000);
    }

    /// @dev The slashed part of a submitter bond must exceed the reward, else correcting one's own lie pays.
    function test_setParameters_lyingPays_reverts() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.slashWinnerBps = 8_000;
        p.submitterBond = 0.005 ether; // 20 % of it is 0.001 ether = the reward: a free delay
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_LyingPays.selector, 0.001 ether, 0.001 ether)
        );
        vm.prank(governor);
        oracle.setParameters(p);
        p.submitterBond = 0.005 ether + 5 gwei; // slashed 0.001 ether + 1 gwei > reward
        vm.prank(governor);
        oracle.setParameters(p);
        assertEq(oracle.parameters().submitterBond, 0.005 ether + 5 gwei);
    }

    function testFuzz_setParameters_acceptedOnlyIfDefeatsBurnEnough(uint16 winnerBps, uint64 bondGwei, uint64 rewardGwei)
        public
    {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.slashWinnerBps = uint16(bound(winnerBps, 0, 10_000));
        p.submitterBond = uint96(bound(bondGwei, 1, 1e9)) * 1 gwei;
        p.submitterReward = uint96(bound(rewardGwei, 0, 1e9)) * 1 gwei;
        uint256 slashed = p.submitterBond - uint256(p.submitterBond) * p.slashWinnerBps / 10_000;
        vm.prank(governor);
        try oracle.setParameters(p) {
            assertLe(p.slashWinnerBps, 8_000);
            assertGt(slashed, p.submitterReward);
        } catch (bytes memory err) {
            bytes4 sel = bytes4(err);
            assertTrue(
                (sel == IOpmlOracle.OpmlOracle_WinnerShareTooHigh.selector && p.slashWinnerBps > 8_000)
                    || (sel == IOpmlOracle.OpmlOracle_LyingPays.selector && p.slashWinnerBps <= 8_000
                        && slashed <= p.submitterReward)
            );
        }
    }

    function test_setParameters_bondChange_doesNotTouchOpenRequests() public {
        uint256 requestId = _request();
        _submit(requestId, submitter, NO_FAULT);
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.submitterBond = 1 ether;
        vm.prank(governor);
        oracle.setParameters(p);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        oracle.finalize(requestId);
        assertEq(oracle.creditOf(submitter), escrow + 0.1 ether);
    }
}
