// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ToyVM} from "./mocks/MockModelVM.sol";

contract BisectionGame_Test is OracleTestBase {
    uint256 internal requestId;
    uint256 internal gameId;

    function setUp() public override {
        super.setUp();
        requestId = _request();
        _submit(requestId, submitter, 11);
        gameId = _challenge(requestId, challenger, NO_FAULT);
    }

    function test_createGame_notOracle_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IBisectionGame.BisectionGame_NotOracle.selector, anyone));
        vm.prank(anyone);
        game.createGame(1, submitter, challenger, 8, bytes32(0), bytes32(0), 600);
    }

    function test_bisect_notDefender_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IBisectionGame.BisectionGame_NotYourMove.selector, gameId, challenger)
        );
        vm.prank(challenger);
        game.bisect(gameId, bytes32(uint256(1)));
    }

    function test_respond_beforeBisect_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IBisectionGame.BisectionGame_WrongPhase.selector,
                gameId,
                IBisectionGame.Phase.DefenderToBisect
            )
        );
        vm.prank(challenger);
        game.respond(gameId, true);
    }

    function test_bisect_afterDeadline_reverts() public {
        uint256 deadline = game.gameOf(gameId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBisectionGame.BisectionGame_DeadlinePassed.selector, gameId, deadline)
        );
        vm.prank(submitter);
        game.bisect(gameId, bytes32(uint256(1)));
    }

    function test_timeout_beforeDeadline_reverts() public {
        uint256 deadline = game.gameOf(gameId).deadline;
        vm.expectRevert(
            abi.encodeWithSelector(IBisectionGame.BisectionGame_DeadlineNotPassed.selector, gameId, deadline)
        );
        game.timeout(gameId);
    }

    function test_timeout_defenderSilent_challengerWins() public {
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(gameId);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
        assertEq(oracle.getRequest(requestId).leader, 1);
        assertTrue(oracle.getClaim(requestId, 0).defeated);
    }

    function test_timeout_challengerSilent_defenderWins() public {
        vm.prank(submitter);
        game.bisect(gameId, _stateHash(input, 11, T / 2));
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(gameId);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.DefenderWon));
        assertEq(oracle.getRequest(requestId).leader, 0);
        assertTrue(oracle.getClaim(requestId, 1).defeated);
        assertEq(oracle.creditOf(submitter), 0.025 ether);
    }

    function test_timeout_nobodySteps_defenderLoses() public {
        _bisectAll(gameId, 11, NO_FAULT);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.DefenderToStep));
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(gameId);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
    }

    function test_timeout_afterEnd_reverts() public {
        _playToEnd(gameId, 11, NO_FAULT);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBisectionGame.BisectionGame_WrongPhase.selector, gameId, IBisectionGame.Phase.ChallengerWon
            )
        );
        game.timeout(gameId);
    }

    function test_step_wrongProof_reverts() public {
        _bisectAll(gameId, 11, NO_FAULT);
        IBisectionGame.Game memory g = game.gameOf(gameId);
        bytes memory wrong = _preimage(input, 11, g.lo + 1);
        vm.expectRevert(IModelVM.ModelVM_BadPreState.selector);
        game.step(gameId, wrong);
    }

    function test_step_beforeRangeIsOneStep_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IBisectionGame.BisectionGame_WrongPhase.selector,
                gameId,
                IBisectionGame.Phase.DefenderToBisect
            )
        );
        game.step(gameId, _preimage(input, NO_FAULT, 0));
    }

    function test_maxDuration_isTwoCeilLog2PlusOneDeadlines() public view {
        assertEq(game.maxDuration(1 << 16, 600), 33 * 600);
        assertEq(game.maxDuration(66_004, 600), 35 * 600);
        assertEq(game.maxDuration(1, 600), 600);
    }

    bytes32 internal constant W2 = keccak256("w2");

    function _toyTraces(uint256 traceLength, uint256 faultAt)
        internal
        view
        returns (bytes32[] memory honest, bytes32[] memory faulty, bytes32 accH, bytes32 accF)
    {
        honest = new bytes32[](traceLength + 1);
        faulty = new bytes32[](traceLength + 1);
        accH = ToyVM.initialChain(ToyVM.shape(traceLength), input);
        accF = accH;
        honest[0] = ToyVM.stateHash(0, traceLength, accH);
        faulty[0] = honest[0];
        for (uint256 i = 1; i <= traceLength; ++i) {
            accH = keccak256(abi.encode(accH, W2));
            accF = keccak256(abi.encode(accF, W2));
            if (i == faultAt) accF = keccak256(abi.encode(accF, "fault"));
            honest[i] = ToyVM.stateHash(i, traceLength, accH);
            faulty[i] = ToyVM.stateHash(i, traceLength, accF);
        }
    }

    function _post(uint256 id, address who, bytes32 acc, uint256 traceLength, bool asChallenge)
        internal
        returns (uint256 gid)
    {
        vm.prank(who);
        if (asChallenge) {
            (, gid) =
                oracle.challenge{value: 0.05 ether}(id, 0, abi.encodePacked(acc), ToyVM.preimage(traceLength, traceLength, acc));
            return gid;
        }
        oracle.submit{value: 0.1 ether}(id, abi.encodePacked(acc), ToyVM.preimage(traceLength, traceLength, acc));
    }

    function _bisectArrays(uint256 gid, bytes32[] memory def, bytes32[] memory cha)
        internal
        returns (uint256 rounds)
    {
        IBisectionGame.Game memory g = game.gameOf(gid);
        while (g.phase == IBisectionGame.Phase.DefenderToBisect) {
            uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
            vm.prank(g.defender);
            game.bisect(gid, def[mid]);
            vm.prank(g.challenger);
            game.respond(gid, def[mid] == cha[mid]);
            g = game.gameOf(gid);
            ++rounds;
        }
    }

    /// @dev Any trace length, any fault position, either side honest: ≤ ⌈log2 T⌉ rounds and the honest side wins.
    function testFuzz_game_honestSideWinsInCeilLog2Rounds(
        uint256 traceLength,
        uint256 faultAt,
        bool honestDefender
    ) public {
        traceLength = bound(traceLength, 1, 200);
        faultAt = bound(faultAt, 1, traceLength);
        vm.prank(modelOwner);
        uint256 m = registry.register(W2, ToyVM.shape(traceLength), 0);
        uint256 fee = oracle.estimateFee(m, 0);
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee}(m, input, address(0), 0, "");
        uint256 gid = _playFuzz(id, traceLength, faultAt, honestDefender);
        uint256 lo = game.gameOf(gid).lo;
        bytes32 acc = ToyVM.initialChain(ToyVM.shape(traceLength), input);
        for (uint256 i = 0; i < lo; ++i) {
            acc = keccak256(abi.encode(acc, W2));
        }
        game.step(gid, ToyVM.preimage(lo, traceLength, acc));
        assertEq(
            uint8(game.gameOf(gid).phase),
            uint8(honestDefender ? IBisectionGame.Phase.DefenderWon : IBisectionGame.Phase.ChallengerWon)
        );
        (,, bytes32 accH,) = _toyTraces(traceLength, faultAt);
        // The honest side's claim leads (claim 0 if it defended, claim 1 if it challenged).
        uint256 leader = oracle.getRequest(id).leader;
        assertEq(leader, honestDefender ? 0 : 1);
        assertEq(oracle.getClaim(id, leader).stateHash, ToyVM.stateHash(traceLength, traceLength, accH));
    }

    function _playFuzz(uint256 id, uint256 traceLength, uint256 faultAt, bool honestDefender)
        internal
        returns (uint256 gid)
    {
        (bytes32[] memory honest, bytes32[] memory faulty, bytes32 accH, bytes32 accF) =
            _toyTraces(traceLength, faultAt);
        _post(id, submitter, honestDefender ? accH : accF, traceLength, false);
        gid = _post(id, challenger, honestDefender ? accF : accH, traceLength, true);
        uint256 rounds =
            _bisectArrays(gid, honestDefender ? honest : faulty, honestDefender ? faulty : honest);
        uint256 ceilLog2;
        while ((uint256(1) << ceilLog2) < traceLength) ++ceilLog2;
        // At most ⌈log2 T⌉ rounds; exactly that many when T is a power of two.
        assertLe(rounds, ceilLog2);
        if (traceLength & (traceLength - 1) == 0) assertEq(rounds, ceilLog2);
    }
}
