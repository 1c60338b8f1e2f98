// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {OpmlOracle} from "../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {NoopReceiver} from "../oracle/mocks/CallbackReceivers.sol";

/// @notice Gas of each oracle operation on the real ModelVM, printed with console2.
///         Run: npx forge test --isolate --match-path contracts/test/gas/OracleGas.t.sol -vv
///         Figures are the gas the call used as measured around it. With --isolate each call is its own
///         transaction, so storage is cold as on a real chain and the figure includes the 21,000 intrinsic gas
///         (without --isolate the same calls read far less). Targets, all asserted: requestCallback ≤ 150,000
///         (not the first request of a model); submit ≤ 110,000 with the no-op callback's own gas included;
///         finalize ≤ 16,000 per request in batches of 50 (requests nobody disputed). Also measured: the dispute
///         operations (challenge, vouch, bisect, respond, step, timeout, finalize of a disputed request, releaseBond).
contract OracleGas_Test is Test {
    OpmlOracle internal oracle;
    IBisectionGame internal game;
    ModelRegistry internal registry;
    NoopReceiver internal receiver;
    uint256 internal tinyModel;
    uint256 internal bigModel;
    string internal tinyJson;
    string internal disputeJson;

    address internal user = makeAddr("user");
    address internal submitter = makeAddr("submitter");
    address internal challenger = makeAddr("challenger");
    address internal watcher = makeAddr("watcher");
    address internal revShareToken = makeAddr("revShareToken");
    uint64 internal constant CALLBACK_GAS = 100_000;

    function setUp() public {
        tinyJson = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/vm-vectors.json"));
        disputeJson =
            vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/dispute-2p16.json"));
        registry = new ModelRegistry();
        tinyModel = registry.register(
            vm.parseJsonBytes32(tinyJson, ".weightsRoot"), vm.parseJsonBytes(tinyJson, ".shape"), 0.01 ether
        );
        registry.setRevenueReceiver(tinyModel, revShareToken, 8000);
        bigModel = registry.register(
            vm.parseJsonBytes32(disputeJson, ".weightsRoot"),
            vm.parseJsonBytes(disputeJson, ".shape"),
            0.01 ether
        );
        IOpmlOracle.Parameters memory p;
        p.submitterReward = 0.001 ether;
        p.protocolFee = 0.0005 ether;
        p.callbackGasPrice = 1 gwei;
        p.submitterBond = 0.1 ether;
        p.challengerBond = 0.1 ether;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.slashWinnerBps = 5000;
        p.maxCallbackGasLimit = 1_000_000;
        p.requestTimeout = 1 days;
        p.treasury = makeAddr("treasury");
        oracle =
            new OpmlOracle(IModelVM(address(new ModelVMVerifier())), registry, address(this), 100 gwei, p);
        game = oracle.GAME();
        receiver = new NoopReceiver();
        vm.deal(user, 100 ether);
        vm.deal(submitter, 100 ether);
        vm.deal(challenger, 100 ether);
        vm.deal(watcher, 100 ether);
    }

    function _requestTiny() internal returns (uint256 requestId, uint256 used) {
        bytes memory input = vm.parseJsonBytes(tinyJson, ".cases[0].input");
        uint256 fee = oracle.estimateFee(tinyModel, CALLBACK_GAS);
        vm.prank(user);
        uint256 before = gasleft();
        requestId = oracle.requestCallback{value: fee}(tinyModel, input, address(receiver), CALLBACK_GAS, "");
        used = before - gasleft();
    }

    function _submitTiny(uint256 requestId) internal returns (uint256 used) {
        bytes memory output = vm.parseJsonBytes(tinyJson, ".cases[0].output");
        bytes memory fin = vm.parseJsonBytes(tinyJson, ".cases[0].finalStatePreimage");
        vm.prank(submitter);
        uint256 before = gasleft();
        oracle.submit{value: 0.1 ether}(requestId, output, fin);
        used = before - gasleft();
    }

    function test_gas_requestSubmitChallengeFinalize() public {
        _requestTiny(); // the first request pays for first-time slots (counters, credit slots, model version)
        (uint256 requestId, uint256 requestGas) = _requestTiny();
        console2.log("requestCallback (not the first)  :", requestGas);
        vm.snapshotValue("OpmlOracle", "requestCallback, not the first", requestGas);
        // Target: 150,000 (ORA's oracle: 176,626), intrinsic gas included.
        assertLe(requestGas, 150_000, "requestCallback gas");
        uint256 submitGas = _submitTiny(requestId);
        console2.log("submit (bond, no-op callback)     :", submitGas);
        vm.snapshotValue("OpmlOracle", "submit, bond and no-op callback", submitGas);
        // Target: 110,000 including the no-op callback's own gas (nothing subtracted).
        assertLe(submitGas, 110_000, "submit gas");

        bytes memory otherOutput = vm.parseJsonBytes(tinyJson, ".cases[1].output");
        bytes memory otherFinal = vm.parseJsonBytes(tinyJson, ".cases[1].finalStatePreimage");
        vm.prank(challenger);
        uint256 before = gasleft();
        (, uint256 gameId) = oracle.challenge{value: 0.1 ether}(requestId, 0, otherOutput, otherFinal);
        uint256 challengeGas = before - gasleft();
        console2.log("challenge (opens a game)          :", challengeGas);
        vm.snapshotValue("OpmlOracle", "challenge, opens a game", challengeGas);

        // A watcher's copy of the submission (no game).
        vm.prank(watcher);
        before = gasleft();
        oracle.vouch{value: 0.1 ether}(requestId, 0);
        uint256 vouchGas = before - gasleft();
        console2.log("vouch (a copy, no game)           :", vouchGas);
        vm.snapshotValue("OpmlOracle", "vouch, a copy of a claim", vouchGas);

        // The honest submitter bisects once; the challenger never answers and loses its claim by timeout.
        vm.prank(submitter);
        game.bisect(gameId, keccak256("mid"));
        vm.warp(block.timestamp + 10 minutes + 1);
        before = gasleft();
        game.timeout(gameId);
        uint256 timeoutGas = before - gasleft();
        console2.log("timeout (defeats a claim)         :", timeoutGas);
        vm.snapshotValue("BisectionGame", "timeout, defeats a claim", timeoutGas);

        vm.warp(block.timestamp + 1 hours);
        before = gasleft();
        oracle.finalize(requestId);
        uint256 finalizeGas = before - gasleft();
        console2.log("finalize, disputed, submission wins:", finalizeGas);
        vm.snapshotValue("OpmlOracle", "finalize, disputed, submission wins", finalizeGas);
        assertEq(oracle.getRequest(requestId).leader, 0);

        before = gasleft();
        oracle.releaseBond(requestId, 2);
        uint256 releaseGas = before - gasleft();
        console2.log("releaseBond                       :", releaseGas);
        vm.snapshotValue("OpmlOracle", "releaseBond", releaseGas);
    }

    /// @dev One undisputed request finalized on its own: its record's slots 0 and 1 are deleted (two refunds of
    ///      4,800, within the EIP-3529 cap of a fifth of the transaction's gas).
    function test_gas_finalizeUndisputed() public {
        _requestTiny();
        (uint256 requestId,) = _requestTiny();
        _submitTiny(requestId);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256 before = gasleft();
        oracle.finalize(requestId);
        uint256 used = before - gasleft();
        console2.log("finalize, undisputed              :", used);
        vm.snapshotValue("OpmlOracle", "finalize, undisputed", used);
        assertTrue(oracle.isFinalized(requestId));
    }

    function test_gas_finalizeBatchOf50() public {
        uint256[] memory ids = new uint256[](50);
        for (uint256 i; i < 50; ++i) {
            (ids[i],) = _requestTiny();
            _submitTiny(ids[i]);
        }
        vm.warp(block.timestamp + 1 hours + 1);
        uint256 before = gasleft();
        oracle.finalizeBatch(ids);
        uint256 used = before - gasleft();
        console2.log("finalizeBatch(50) total           :", used);
        console2.log("finalize per request (batch of 50):", used / 50);
        vm.snapshotValue("OpmlOracle", "finalizeBatch of 50, per request", used / 50);
        // Before refunds: each request's finalization deletes two slots of its record (docs/oracle.md, "What is
        // deleted"), 4,800 gas refunded each, but EIP-3529 caps a transaction's refund at a fifth of its gas, so a
        // batch gets back only part of it (README, oracle gas table).
        assertLe(used / 50, 16_000, "finalize gas per request");
        assertTrue(oracle.isFinalized(ids[49]));
    }

    function test_gas_disputeMovesAndStep_2p16() public {
        bytes memory input = vm.parseJsonBytes(disputeJson, ".input");
        uint256 fee = oracle.estimateFee(bigModel, CALLBACK_GAS);
        vm.prank(user);
        uint256 requestId =
            oracle.requestCallback{value: fee}(bigModel, input, address(receiver), CALLBACK_GAS, "");
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(
            requestId,
            vm.parseJsonBytes(disputeJson, ".faulty.output"),
            vm.parseJsonBytes(disputeJson, ".faulty.finalState")
        );
        vm.prank(challenger);
        (, uint256 gameId) = oracle.challenge{value: 0.1 ether}(
            requestId,
            0,
            vm.parseJsonBytes(disputeJson, ".honest.output"),
            vm.parseJsonBytes(disputeJson, ".honest.finalState")
        );
        bytes32[] memory mids = vm.parseJsonBytes32Array(disputeJson, ".lyingSubmitter.mids");
        bool[] memory agrees = vm.parseJsonBoolArray(disputeJson, ".lyingSubmitter.agrees");
        uint256 maxBisect;
        uint256 maxRespond;
        for (uint256 i; i < mids.length; ++i) {
            vm.prank(submitter);
            uint256 before = gasleft();
            game.bisect(gameId, mids[i]);
            uint256 b = before - gasleft();
            vm.prank(challenger);
            before = gasleft();
            game.respond(gameId, agrees[i]);
            uint256 r = before - gasleft();
            if (i < 2 || i == mids.length - 1) {
                console2.log("round", i + 1);
                console2.log("  bisect  :", b);
                console2.log("  respond :", r);
            }
            if (b > maxBisect) maxBisect = b;
            if (r > maxRespond) maxRespond = r;
        }
        console2.log("bisect max over 16 rounds         :", maxBisect);
        console2.log("respond max over 16 rounds        :", maxRespond);
        vm.snapshotValue("BisectionGame", "bisect, max over 16 rounds", maxBisect);
        vm.snapshotValue("BisectionGame", "respond, max over 16 rounds", maxRespond);
        bytes memory proof = vm.parseJsonBytes(disputeJson, ".lyingSubmitter.stepProof");
        uint256 before2 = gasleft();
        game.step(gameId, proof);
        uint256 stepGas = before2 - gasleft();
        console2.log("step (VM step + defeat a claim)   :", stepGas);
        vm.snapshotValue("BisectionGame", "step, VM step + settle (defeats a claim)", stepGas);

        // The challenger's claim won: finalization pays it and runs the callback again with its output.
        vm.warp(oracle.getRequest(requestId).windowEnd + 1);
        before2 = gasleft();
        oracle.finalize(requestId);
        uint256 finalizeGas = before2 - gasleft();
        console2.log("finalize, a challenge wins (+cb)  :", finalizeGas);
        vm.snapshotValue("OpmlOracle", "finalize, disputed, a challenge wins, incl. second callback", finalizeGas);
        assertEq(oracle.getRequest(requestId).leader, 1);
        assertEq(oracle.getRequest(requestId).round, 1);
    }
}
