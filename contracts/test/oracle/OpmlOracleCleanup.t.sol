// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";

/// @notice What a finished request, claim and game leave in storage (docs/oracle.md, "What is deleted"): every slot
///         the oracle and the game contract wrote during a request's life is zero afterwards, except the compact
///         final record and what is documented to stay. Slots are found with `vm.record`/`vm.accesses`, so a new
///         field that is written and never deleted fails these tests. Then the views after finality, and every late
///         call against a cleared record.
contract OpmlOracle_Cleanup_Test is OracleTestBase {
    uint256 internal constant BS = 0.1 ether; // submitter bond
    uint256 internal constant BC = 0.05 ether; // challenger bond
    // Storage layout of OpmlOracle (`forge inspect OpmlOracle storageLayout`) and BisectionGame.
    uint256 internal constant NEXT_ID_SLOT = 5;
    uint256 internal constant BURNED_SLOT = 6;
    uint256 internal constant REQUESTS_SLOT = 7;
    uint256 internal constant DISPUTES_SLOT = 8;
    uint256 internal constant CLAIMS_SLOT = 9;
    uint256 internal constant DEFEATED_SLOT = 10;
    uint256 internal constant CREDITS_SLOT = 12;
    uint256 internal constant GAMES_SLOT = 1;

    address internal watcher = makeAddr("watcher");
    address internal liar = makeAddr("liar");
    bytes32[] internal kept;

    function setUp() public override {
        super.setUp();
        vm.deal(watcher, 1000 ether);
        vm.deal(liar, 1000 ether);
        // A first request records the model's version and cache (kept for every later request), so what the
        // recorded requests write is theirs alone.
        _request();
    }

    // ---------------------------------------------------------------- slots

    function _requestSlot(uint256 id) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(id, REQUESTS_SLOT)));
    }

    function _claimSlot(uint256 id, uint256 claimIndex) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(claimIndex, keccak256(abi.encode(id, CLAIMS_SLOT)))));
    }

    function _gameSlot(uint256 gameId) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(gameId, GAMES_SLOT)));
    }

    /// @dev The slots every request may leave nonzero: counters, burn, the actors' credits.
    function _keepBooks() internal {
        kept.push(bytes32(NEXT_ID_SLOT));
        kept.push(bytes32(BURNED_SLOT));
        address[10] memory actors =
            [user, submitter, challenger, challenger2, watcher, liar, modelOwner, revenueReceiver, treasury, anyone];
        for (uint256 i; i < actors.length; ++i) {
            kept.push(keccak256(abi.encode(actors[i], CREDITS_SLOT)));
        }
    }

    function _keep(uint256 slot) internal {
        kept.push(bytes32(slot));
    }

    /// @dev A defeated challenge claim keeps its record (slot 0, final state, output and its data words).
    function _keepDefeatedClaim(uint256 id, uint256 claimIndex) internal {
        uint256 s = _claimSlot(id, claimIndex);
        _keep(s);
        _keep(s + 1);
        _keep(s + 2);
        uint256 data = uint256(keccak256(abi.encode(s + 2)));
        for (uint256 k; k < 4; ++k) {
            _keep(data + k);
        }
    }

    function _isKept(bytes32 slot) internal view returns (bool) {
        for (uint256 i; i < kept.length; ++i) {
            if (kept[i] == slot) return true;
        }
        return false;
    }

    /// @dev Every slot `target` wrote since `vm.record` is zero now unless it is in `kept`; returns how many
    ///      written slots were cleared (so a test can also check that there was something to clear).
    function _assertOnlyKept(address target) internal returns (uint256 cleared) {
        (, bytes32[] memory writes) = vm.accesses(target);
        for (uint256 i; i < writes.length; ++i) {
            bytes32 value = vm.load(target, writes[i]);
            if (value == bytes32(0)) {
                ++cleared;
            } else {
                assertTrue(_isKept(writes[i]), string.concat("slot left behind: ", vm.toString(writes[i])));
            }
        }
    }

    function _finalizeAfterWindow(uint256 id) internal {
        vm.warp(oracle.getRequest(id).windowEnd + 1);
        vm.prank(anyone);
        oracle.finalize(id);
    }

    // ---------------------------------------------------------------- each way a request ends

    function test_finalize_undisputed_keepsOnlyTheFinalRecord() public {
        vm.record();
        uint256 id = _request();
        _submit(id, submitter, NO_FAULT);
        _finalizeAfterWindow(id);
        _keepBooks();
        uint256 r = _requestSlot(id);
        _keep(r + 2); // status, submitter, window end
        _keep(r + 3); // claim 0's final state
        assertGt(_assertOnlyKept(address(oracle)), 4, "slot 0, slot 1 and the callback data were deleted");
        assertEq(vm.load(address(oracle), bytes32(r)), bytes32(0));
        assertEq(vm.load(address(oracle), bytes32(r + 1)), bytes32(0));
        assertEq(vm.load(address(oracle), bytes32(r + 4)), bytes32(0)); // callbackData's length word
    }

    function test_finalize_challengerWins_keepsFinalHashDefeatsAndLosers() public {
        vm.record();
        uint256 id = _request();
        _submit(id, submitter, 9); // claim 0: wrong
        _vouch(id, 0, liar); // claim 1: a copy of the wrong claim
        uint256 g1 = _challenge(id, challenger, NO_FAULT); // claim 2: right, defeats claim 0
        (, uint256 g2) = _challengeClaim(id, 2, challenger2, 5); // claim 3: wrong, loses to claim 2
        uint256 watcherClaim = _vouch(id, 2, watcher); // claim 4: a copy of the right claim
        _playToEnd(g1, 9, NO_FAULT);
        _playToEnd(g2, NO_FAULT, 5);
        _finalizeAfterWindow(id);
        IOpmlOracle.Request memory q = oracle.getRequest(id);
        assertEq(q.leader, 1, "the wrong copy was never challenged: it leads");
        // Claim 1 won (a vouch of claim 0); claim 4 still holds its bond until released.
        assertEq(oracle.releaseBond(id, 2), BC);
        assertEq(oracle.releaseBond(id, watcherClaim), BC);

        _keepBooks();
        uint256 r = _requestSlot(id);
        _keep(r + 2);
        _keep(r + 3);
        _keep(uint256(keccak256(abi.encode(id, DISPUTES_SLOT)))); // claim count (the views' bound)
        _keep(uint256(keccak256(abi.encode(uint256(0), keccak256(abi.encode(id, DEFEATED_SLOT)))))); // defeats
        _keepDefeatedClaim(id, 3);
        _keep(_gameSlot(g1)); // the result
        _keep(_gameSlot(g2));
        _keep(0); // the game contract's id counter
        assertGt(_assertOnlyKept(address(oracle)), 8);
        assertGt(_assertOnlyKept(address(game)), 8, "both games' parties and hashes were deleted");
        assertEq(vm.load(address(oracle), bytes32(r + 1)), bytes32(0), "the submission's result is final: round 0");
    }

    function test_finalize_redelivered_keepsTheFinalHashInSlotOne() public {
        vm.record();
        uint256 id = _request();
        _submit(id, submitter, 9);
        uint256 g = _challenge(id, challenger, NO_FAULT);
        _playToEnd(g, 9, NO_FAULT);
        _finalizeAfterWindow(id);
        _keepBooks();
        uint256 r = _requestSlot(id);
        _keep(r + 1); // the final state hash (round 1)
        _keep(r + 2);
        _keep(r + 3);
        _keep(uint256(keccak256(abi.encode(id, DISPUTES_SLOT))));
        _keep(uint256(keccak256(abi.encode(uint256(0), keccak256(abi.encode(id, DEFEATED_SLOT))))));
        _keep(_gameSlot(g));
        _keep(0);
        _assertOnlyKept(address(oracle));
        _assertOnlyKept(address(game));
        assertEq(vm.load(address(oracle), bytes32(r + 1)), _stateHash(input, NO_FAULT, T));
        // The winner (claim 1) was paid at finalization: its record went with it.
        assertEq(vm.load(address(oracle), bytes32(_claimSlot(id, 1))), bytes32(0));
        assertEq(vm.load(address(oracle), bytes32(_claimSlot(id, 1) + 1)), bytes32(0));
    }

    function test_refundExpired_keepsEscrowAndStatus() public {
        vm.record();
        uint256 id = _request();
        vm.warp(oracle.getRequest(id).expiresAt + 1);
        oracle.refundExpired(id);
        _keepBooks();
        uint256 r = _requestSlot(id);
        _keep(r); // the escrow that was refunded (AigcNFT reads it back)
        _keep(r + 2); // status, requester, expiry
        assertGt(_assertOnlyKept(address(oracle)), 2);
        assertEq(vm.load(address(oracle), bytes32(r + 1)), bytes32(0));
        IOpmlOracle.Request memory q = oracle.getRequest(id);
        assertEq(uint8(q.status), uint8(IOpmlOracle.Status.Expired));
        assertEq(q.escrow, oracle.parameters().submitterReward + uint256(CALLBACK_GAS) * oracle.parameters().callbackGasPrice);
        assertEq(q.requester, user);
        assertEq(q.callbackData.length, 0);
    }

    // ---------------------------------------------------------------- views after finality

    function test_getRequest_afterFinality_keepsResultFields() public {
        uint256 id = _request();
        _submit(id, submitter, 9);
        uint256 windowEnd = oracle.getRequest(id).windowEnd;
        uint256 g = _challenge(id, challenger, NO_FAULT);
        _playToEnd(g, 9, NO_FAULT);
        _finalizeAfterWindow(id);
        IOpmlOracle.Request memory q = oracle.getRequest(id);
        assertTrue(oracle.isFinalized(id));
        assertEq(uint8(q.status), uint8(IOpmlOracle.Status.Finalized));
        assertEq(q.submitter, submitter);
        assertEq(q.windowEnd, windowEnd);
        assertEq(q.resultStateHash, _stateHash(input, 9, T));
        assertEq(q.finalStateHash, _stateHash(input, NO_FAULT, T));
        assertEq(q.round, 1);
        assertEq(q.leader, 1);
        assertEq(q.claimCount, 2);
        assertEq(q.bond, 0);
        // Deleted: paid or no longer needed.
        assertEq(q.escrow, 0);
        assertEq(q.modelVersion, 0);
        assertEq(q.callbackContract, address(0));
        assertEq(q.initialStateHash, bytes32(0));
        assertEq(q.callbackData.length, 0);
        // Claim 0 lives in the kept slots; claim 1's record was deleted with its payout.
        IOpmlOracle.Claim memory c0 = oracle.getClaim(id, 0);
        assertTrue(c0.defeated);
        assertEq(c0.owner, submitter);
        assertEq(c0.stateHash, _stateHash(input, 9, T));
        IOpmlOracle.Claim memory c1 = oracle.getClaim(id, 1);
        assertFalse(c1.defeated);
        assertEq(c1.owner, address(0));
        assertEq(c1.bond, 0);
        // The ended game keeps its result.
        assertEq(uint8(game.gameOf(g).phase), uint8(IBisectionGame.Phase.ChallengerWon));
        assertEq(game.gameOf(g).defender, address(0));
        assertEq(oracle.getGameClaims(g).requestId, 0);
    }

    function test_getRequest_undisputedFinal_roundZero() public {
        uint256 id = _request();
        _submit(id, submitter, NO_FAULT);
        _finalizeAfterWindow(id);
        IOpmlOracle.Request memory q = oracle.getRequest(id);
        assertEq(q.round, 0);
        assertEq(q.finalStateHash, _stateHash(input, NO_FAULT, T));
        assertEq(q.resultStateHash, q.finalStateHash);
        assertEq(q.claimCount, 1);
        assertEq(q.leader, 0);
    }

    // ---------------------------------------------------------------- late calls against a cleared record

    function _finalizedDisputed() internal returns (uint256 id, uint256 g, uint256 copy) {
        id = _request();
        _submit(id, submitter, 9);
        g = _challenge(id, challenger, NO_FAULT); // claim 1 wins
        copy = _vouch(id, 1, watcher); // claim 2: released after finality
        _playToEnd(g, 9, NO_FAULT);
        _finalizeAfterWindow(id);
    }

    function test_finalize_cleared_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, id));
        oracle.finalize(id);
    }

    function test_finalizeBatch_cleared_skips() public {
        (uint256 id,,) = _finalizedDisputed();
        uint256 credit = oracle.creditOf(challenger);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.FinalizeSkipped(id);
        assertEq(oracle.finalizeBatch(ids), 0);
        assertEq(oracle.creditOf(challenger), credit);
    }

    function test_submit_cleared_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        bytes memory out = _output(input, NO_FAULT);
        bytes memory fin = _preimage(input, NO_FAULT, T);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_AlreadySubmitted.selector, id));
        vm.prank(liar);
        oracle.submit{value: BS}(id, out, fin);
    }

    function test_challenge_cleared_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        _challengeClaimReverts(
            id,
            1,
            liar,
            4,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotChallengeable.selector, id, IOpmlOracle.Status.Finalized
            )
        );
    }

    function test_vouch_cleared_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotChallengeable.selector, id, IOpmlOracle.Status.Finalized
            )
        );
        vm.prank(liar);
        oracle.vouch{value: BC}(id, 1);
    }

    function test_releaseBond_winnerAfterClearing_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToRelease.selector, id, 1));
        oracle.releaseBond(id, 1);
    }

    function test_releaseBond_twice_reverts() public {
        (uint256 id,, uint256 copy) = _finalizedDisputed();
        assertEq(oracle.releaseBond(id, copy), BC);
        assertEq(vm.load(address(oracle), bytes32(_claimSlot(id, copy))), bytes32(0), "released claim deleted");
        uint256 credit = oracle.creditOf(watcher);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToRelease.selector, id, copy));
        oracle.releaseBond(id, copy);
        assertEq(oracle.creditOf(watcher), credit);
    }

    function test_releaseBond_beyondClaimCount_reverts() public {
        (uint256 id,, uint256 copy) = _finalizedDisputed();
        oracle.releaseBond(id, copy);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, id, copy + 1));
        oracle.releaseBond(id, copy + 1);
    }

    function test_refundExpired_cleared_reverts() public {
        (uint256 id,,) = _finalizedDisputed();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotRefundable.selector, id, IOpmlOracle.Status.Finalized)
        );
        oracle.refundExpired(id);
    }

    function test_onGameResolved_settledGame_reverts() public {
        (,uint256 g,) = _finalizedDisputed();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_AlreadySettled.selector, g));
        vm.prank(address(game));
        oracle.onGameResolved(g, true);
    }

    function test_timeout_endedGame_reverts() public {
        (, uint256 g,) = _finalizedDisputed();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBisectionGame.BisectionGame_WrongPhase.selector, g, IBisectionGame.Phase.ChallengerWon
            )
        );
        game.timeout(g);
    }

    function test_step_endedGame_reverts() public {
        (, uint256 g,) = _finalizedDisputed();
        vm.expectRevert(
            abi.encodeWithSelector(
                IBisectionGame.BisectionGame_WrongPhase.selector, g, IBisectionGame.Phase.ChallengerWon
            )
        );
        game.step(g, "");
    }

    function test_submit_expiredCleared_reverts() public {
        uint256 id = _request();
        uint256 expiresAt = oracle.getRequest(id).expiresAt;
        vm.warp(expiresAt + 1);
        oracle.refundExpired(id);
        bytes memory out = _output(input, NO_FAULT);
        bytes memory fin = _preimage(input, NO_FAULT, T);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_RequestExpired.selector, id, expiresAt));
        vm.prank(submitter);
        oracle.submit{value: BS}(id, out, fin);
    }

    /// @dev The books after every way of ending: what went in is what the oracle holds plus what it paid, to the wei.
    function test_books_afterClearing_exact() public {
        uint256 before = address(oracle).balance;
        (uint256 id,, uint256 copy) = _finalizedDisputed();
        oracle.releaseBond(id, copy);
        uint256 credits = oracle.creditOf(user) + oracle.creditOf(submitter) + oracle.creditOf(challenger)
            + oracle.creditOf(watcher) + oracle.creditOf(modelOwner) + oracle.creditOf(revenueReceiver)
            + oracle.creditOf(treasury);
        // In since setUp: one fee, the submitter's bond, the challenger's and the watcher's bonds.
        assertEq(address(oracle).balance - before, _fee() + BS + 2 * BC);
        assertEq(
            address(oracle).balance,
            credits + oracle.burned() + oracle.protocolFeesAccrued() + _escrowOfFirstRequest(),
            "every wei is credited, burned, accrued or held as an open request's escrow"
        );
    }

    /// @dev setUp's request is still open: its escrow is the only escrow held.
    function _escrowOfFirstRequest() internal view returns (uint256) {
        return oracle.getRequest(1).escrow;
    }
}
