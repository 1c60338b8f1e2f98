// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {OpmlOracle} from "../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RecordingReceiver} from "./mocks/CallbackReceivers.sol";

/// @notice A whole dispute on the real ModelVM over a 2^16-step trace (16 bisection rounds), both ways round,
///         from contracts/test/vectors/dispute-2p16.json (written by sim/oracle/writeDisputeFixture.ts).
contract Dispute2p16_Test is Test {
    OpmlOracle internal oracle;
    IBisectionGame internal game;
    ModelRegistry internal registry;
    RecordingReceiver internal receiver;
    uint256 internal modelId;
    string internal json;

    address internal user = makeAddr("user");
    address internal honestParty = makeAddr("honest");
    address internal liar = makeAddr("liar");

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/dispute-2p16.json"));
        registry = new ModelRegistry();
        modelId = registry.register(
            vm.parseJsonBytes32(json, ".weightsRoot"), vm.parseJsonBytes(json, ".shape"), 0.01 ether
        );
        IOpmlOracle.Parameters memory p;
        p.submitterReward = 0.001 ether;
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
        receiver = new RecordingReceiver();
        vm.deal(user, 10 ether);
        vm.deal(honestParty, 10 ether);
        vm.deal(liar, 10 ether);
    }

    function _request() internal returns (uint256 requestId) {
        uint256 fee = oracle.estimateFee(modelId, 300_000);
        vm.prank(user);
        requestId = oracle.requestCallback{value: fee}(
            modelId, vm.parseJsonBytes(json, ".input"), address(receiver), 300_000, ""
        );
        assertEq(oracle.getRequest(requestId).traceLength, 1 << 16);
        assertEq(
            oracle.getRequest(requestId).initialStateHash, vm.parseJsonBytes32(json, ".initialStateHash")
        );
    }

    function _post(uint256 requestId, address who, string memory which, bool asChallenge)
        internal
        returns (uint256)
    {
        bytes memory output = vm.parseJsonBytes(json, string.concat(".", which, ".output"));
        bytes memory fin = vm.parseJsonBytes(json, string.concat(".", which, ".finalState"));
        vm.prank(who);
        if (asChallenge) {
            (, uint256 gameId) = oracle.challenge{value: 0.1 ether}(requestId, 0, output, fin);
            return gameId;
        }
        oracle.submit{value: 0.1 ether}(requestId, output, fin);
        return 0;
    }

    /// @dev Plays the recorded moves; checks there are exactly 16 rounds and the range ends at one step.
    function _play(uint256 gameId, string memory key) internal {
        bytes32[] memory mids = vm.parseJsonBytes32Array(json, string.concat(".", key, ".mids"));
        bool[] memory agrees = vm.parseJsonBoolArray(json, string.concat(".", key, ".agrees"));
        assertEq(mids.length, 16);
        IBisectionGame.Game memory g = game.gameOf(gameId);
        for (uint256 i; i < mids.length; ++i) {
            assertEq(uint8(g.phase), uint8(IBisectionGame.Phase.DefenderToBisect));
            vm.prank(g.defender);
            game.bisect(gameId, mids[i]);
            vm.warp(block.timestamp + 5 minutes);
            vm.prank(g.challenger);
            game.respond(gameId, agrees[i]);
            vm.warp(block.timestamp + 5 minutes);
            g = game.gameOf(gameId);
        }
        assertEq(uint8(g.phase), uint8(IBisectionGame.Phase.DefenderToStep));
        assertEq(g.hi - g.lo, 1);
        assertEq(g.lo, vm.parseJsonUint(json, string.concat(".", key, ".lo")));
        assertEq(g.loHash, vm.parseJsonBytes32(json, string.concat(".", key, ".loHash")));
        vm.prank(honestParty);
        game.step(gameId, vm.parseJsonBytes(json, string.concat(".", key, ".stepProof")));
    }

    function test_dispute2p16_honestSubmitterBeatsLyingChallenger() public {
        uint256 requestId = _request();
        _post(requestId, honestParty, "honest", false);
        uint256 gameId = _post(requestId, liar, "faulty", true);
        _play(gameId, "honestSubmitter");
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.DefenderWon));
        vm.warp(block.timestamp + 1 hours);
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        oracle.finalize(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.submitter, honestParty);
        assertEq(r.finalStateHash, vm.parseJsonBytes32(json, ".honest.finalStateHash"));
        assertEq(oracle.creditOf(honestParty), 0.05 ether + 0.1 ether + escrow);
        assertEq(receiver.calls(), 1);
    }

    function test_dispute2p16_honestChallengerBeatsLyingSubmitter() public {
        uint256 requestId = _request();
        _post(requestId, liar, "faulty", false);
        uint256 gameId = _post(requestId, honestParty, "honest", true);
        _play(gameId, "lyingSubmitter");
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.leader, 1);
        assertEq(receiver.calls(), 1); // delivered again at finalization
        vm.warp(r.windowEnd + 1);
        uint256 escrow = r.escrow; // deleted at finalization
        oracle.finalize(requestId);
        r = oracle.getRequest(requestId);
        assertTrue(oracle.isFinalized(requestId));
        assertEq(r.finalStateHash, vm.parseJsonBytes32(json, ".honest.finalStateHash"));
        assertEq(receiver.calls(), 2);
        assertEq(receiver.lastOutput(), vm.parseJsonBytes(json, ".honest.output"));
        assertEq(oracle.creditOf(liar), 0);
        assertEq(oracle.creditOf(honestParty), 0.05 ether + 0.1 ether + escrow);
    }

    function test_dispute2p16_wrongStepProof_revertsWithVmError() public {
        uint256 requestId = _request();
        _post(requestId, liar, "faulty", false);
        uint256 gameId = _post(requestId, honestParty, "honest", true);
        bytes32[] memory mids = vm.parseJsonBytes32Array(json, ".lyingSubmitter.mids");
        bool[] memory agrees = vm.parseJsonBoolArray(json, ".lyingSubmitter.agrees");
        for (uint256 i; i < mids.length; ++i) {
            vm.prank(liar);
            game.bisect(gameId, mids[i]);
            vm.prank(honestParty);
            game.respond(gameId, agrees[i]);
        }
        bytes memory proof = vm.parseJsonBytes(json, ".lyingSubmitter.stepProof");
        proof[40] = bytes1(uint8(proof[40]) ^ 1); // corrupt the pre-state preimage
        vm.expectRevert(IModelVM.ModelVM_BadPreState.selector);
        game.step(gameId, proof);
    }
}
