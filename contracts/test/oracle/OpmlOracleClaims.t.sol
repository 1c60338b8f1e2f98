// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {OpmlOracleHarness} from "./harness/OpmlOracleHarness.sol";
import {ReentrantReceiver} from "./mocks/CallbackReceivers.sol";

/// @notice The claim rule, rule by rule: posting claims (challenge with a target, vouch), what a game's end does
///         to its claims (defeat, void), the leader, finalization with a winner other than the submission, and
///         bond release. Every new error has a test here.
contract OpmlOracle_Claims_Test is OracleTestBase {
    uint256 internal constant BS = 0.1 ether; // submitter bond
    uint256 internal constant BC = 0.05 ether; // challenger bond
    uint256 internal requestId;
    address internal watcher = makeAddr("watcher");
    address internal liar = makeAddr("liar");

    function setUp() public override {
        super.setUp();
        requestId = _request();
        vm.deal(watcher, 1000 ether);
        vm.deal(liar, 1000 ether);
    }

    // ---------------------------------------------------------------- challenge with a target

    function test_challenge_unknownTarget_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _challengeClaimReverts(
            requestId,
            1,
            challenger,
            3,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 1)
        );
    }

    function test_challenge_defeatedTarget_reverts() public {
        _submit(requestId, submitter, 9);
        uint256 g = _challenge(requestId, challenger, NO_FAULT);
        _playToEnd(g, 9, NO_FAULT);
        _challengeClaimReverts(
            requestId,
            0,
            challenger2,
            NO_FAULT,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_ClaimDefeated.selector, requestId, 0)
        );
    }

    function test_challenge_laterClaim_gameDefendedByItsOwner() public {
        _submit(requestId, submitter, 9);
        _challengeClaim(requestId, 0, challenger, 4); // claim 1: wrong, differently
        (uint256 c2, uint256 g2) = _challengeClaim(requestId, 1, challenger2, NO_FAULT);
        assertEq(c2, 2);
        IBisectionGame.Game memory g = game.gameOf(g2);
        assertEq(g.defender, challenger);
        assertEq(g.challenger, challenger2);
        assertEq(g.hiHash, _stateHash(input, 4, T));
        IOpmlOracle.GameClaims memory gc = oracle.getGameClaims(g2);
        assertEq(gc.requestId, requestId);
        assertEq(gc.challengerClaim, 2);
        assertEq(gc.targetClaim, 1);
        assertFalse(gc.settled);
    }

    /// @dev A final state may repeat another claim's (only its target's is refused): an honest party posts its own
    ///      copy of the truth against every wrong claim it must defeat, and nobody can "occupy" the true answer.
    function test_challenge_copyOfAnotherClaimsState_accepted() public {
        _submit(requestId, submitter, 9);
        _challengeClaim(requestId, 0, liar, NO_FAULT); // a liar occupies the true answer first
        _challengeClaim(requestId, 0, challenger, 4);
        (uint256 c3,) = _challengeClaim(requestId, 0, watcher, NO_FAULT);
        (uint256 c4,) = _challengeClaim(requestId, 2, watcher, NO_FAULT);
        assertEq(c3, 3);
        assertEq(c4, 4);
        assertEq(oracle.getClaim(requestId, 3).stateHash, oracle.getClaim(requestId, 1).stateHash);
    }

    function test_challenge_emitsClaimPostedAndStoresTheClaim() public {
        _submit(requestId, submitter, NO_FAULT);
        bytes memory out = _output(input, 3);
        bytes memory fin = _preimage(input, 3, T);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.ClaimPosted(
            requestId, 1, challenger, IOpmlOracle.ClaimKind.Challenge, 0, 1, _stateHash(input, 3, T), BC
        );
        vm.prank(challenger);
        oracle.challenge{value: BC}(requestId, 0, out, fin);
        IOpmlOracle.Claim memory c = oracle.getClaim(requestId, 1);
        assertEq(c.owner, challenger);
        assertEq(uint8(c.kind), uint8(IOpmlOracle.ClaimKind.Challenge));
        assertEq(c.parent, 0);
        assertEq(c.bond, BC);
        assertFalse(c.defeated);
        assertEq(c.stateHash, _stateHash(input, 3, T));
        assertEq(c.output, out);
        IOpmlOracle.Claim memory c0 = oracle.getClaim(requestId, 0);
        assertEq(c0.owner, submitter);
        assertEq(uint8(c0.kind), uint8(IOpmlOracle.ClaimKind.Submission));
        assertEq(c0.bond, BS);
        assertEq(c0.stateHash, _stateHash(input, NO_FAULT, T));
    }

    function test_getClaim_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 0));
        oracle.getClaim(requestId, 0);
        _submit(requestId, submitter, NO_FAULT);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 1));
        oracle.getClaim(requestId, 1);
    }

    // ---------------------------------------------------------------- vouch

    function test_vouch_copiesTheClaimAndOpensNoGame() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.ClaimPosted(
            requestId, 1, watcher, IOpmlOracle.ClaimKind.Vouch, 0, 0, _stateHash(input, NO_FAULT, T), BC
        );
        uint256 k = _vouch(requestId, 0, watcher);
        assertEq(k, 1);
        IOpmlOracle.Claim memory c = oracle.getClaim(requestId, 1);
        assertEq(c.owner, watcher);
        assertEq(uint8(c.kind), uint8(IOpmlOracle.ClaimKind.Vouch));
        assertEq(c.stateHash, _stateHash(input, NO_FAULT, T));
        assertEq(c.bond, BC);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.openGames, 0);
        assertEq(r.claimCount, 2);
        assertEq(r.leader, 0);
    }

    function test_vouch_ofAVouch_pointsAtTheSource() public {
        _submit(requestId, submitter, 9);
        _challengeClaim(requestId, 0, challenger, NO_FAULT);
        _vouch(requestId, 1, watcher);
        uint256 k = _vouch(requestId, 2, anyone);
        IOpmlOracle.Claim memory c = oracle.getClaim(requestId, k);
        assertEq(c.parent, 1);
        assertEq(c.stateHash, _stateHash(input, NO_FAULT, T));
    }

    function test_vouch_bySameOwner_accepted() public {
        _submit(requestId, submitter, NO_FAULT);
        assertEq(_vouch(requestId, 0, submitter), 1);
    }

    function test_vouch_wrongBond_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_WrongBond.selector, BC, BS));
        vm.prank(watcher);
        oracle.vouch{value: BS}(requestId, 0);
    }

    function test_vouch_notSubmitted_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotChallengeable.selector, requestId, IOpmlOracle.Status.Requested
            )
        );
        vm.prank(watcher);
        oracle.vouch{value: BC}(requestId, 0);
    }

    function test_vouch_afterWindow_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        uint256 windowEnd = oracle.getRequest(requestId).windowEnd;
        vm.warp(windowEnd + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_ChallengeWindowClosed.selector, requestId, windowEnd
            )
        );
        vm.prank(watcher);
        oracle.vouch{value: BC}(requestId, 0);
    }

    function test_vouch_unknownOrDefeatedClaim_reverts() public {
        _submit(requestId, submitter, 9);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 1));
        vm.prank(watcher);
        oracle.vouch{value: BC}(requestId, 1);
        _playToEnd(_challenge(requestId, challenger, NO_FAULT), 9, NO_FAULT);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_ClaimDefeated.selector, requestId, 0));
        vm.prank(watcher);
        oracle.vouch{value: BC}(requestId, 0);
    }

    /// @dev A vouch can be challenged like any claim: its owner defends the copied state.
    function test_vouch_canBeChallenged_ownerDefends() public {
        _submit(requestId, submitter, NO_FAULT);
        _vouch(requestId, 0, watcher);
        (, uint256 g) = _challengeClaim(requestId, 1, liar, 6);
        assertEq(game.gameOf(g).defender, watcher);
        assertEq(game.gameOf(g).hiHash, _stateHash(input, NO_FAULT, T));
        _playToEnd(g, NO_FAULT, 6);
        assertTrue(oracle.getClaim(requestId, 2).defeated);
        assertEq(oracle.creditOf(watcher), BC / 2);
    }

    // ---------------------------------------------------------------- a game's end

    function test_gameEnd_defeatsLoser_splitsItsBond_emits() public {
        _submit(requestId, submitter, 9);
        uint256 g = _challenge(requestId, challenger, NO_FAULT);
        _bisectAll(g, 9, NO_FAULT);
        bytes memory proof = _stepProof(g, 9, NO_FAULT);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.ClaimDefeated(requestId, 0, g, 1, challenger, BS / 2, BS / 2);
        game.step(g, proof);
        assertTrue(oracle.getClaim(requestId, 0).defeated);
        assertEq(oracle.getRequest(requestId).bond, 0);
        assertEq(oracle.getGameClaims(g).requestId, 0); // settled: the record is deleted
    }

    /// @dev Two challengers beat the same wrong submission: the first game to end defeats it and takes the share;
    ///      the second is void and moves nothing.
    function test_gameEnd_loserAlreadyDefeated_void() public {
        _submit(requestId, submitter, 9);
        uint256 g1 = _challenge(requestId, challenger, NO_FAULT);
        uint256 g2 = _challenge(requestId, challenger2, NO_FAULT);
        _playToEnd(g1, 9, NO_FAULT);
        _bisectAll(g2, 9, NO_FAULT);
        bytes memory proof = _stepProof(g2, 9, NO_FAULT);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.GameVoided(requestId, g2, 0);
        game.step(g2, proof);
        assertEq(oracle.creditOf(challenger), BS / 2);
        assertEq(oracle.creditOf(challenger2), 0);
        assertEq(oracle.burned(), BS / 2);
        assertFalse(oracle.getClaim(requestId, 2).defeated);
        assertEq(oracle.getRequest(requestId).openGames, 0);
    }

    /// @dev Once its target is defeated elsewhere a game no longer matters: its challenger may stop playing and lose
    ///      by timeout without losing its claim or its bond.
    function test_gameEnd_targetAlreadyDefeated_voidEvenIfTheChallengerLost() public {
        _submit(requestId, submitter, 9);
        uint256 gWatcher = _challenge(requestId, watcher, NO_FAULT); // claim 1
        uint256 gPartner = _challenge(requestId, challenger, NO_FAULT); // claim 2
        vm.prank(submitter);
        game.bisect(gWatcher, _stateHash(input, 9, T / 2));
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(gPartner); // the submitter let its partner's game lapse: claim 0 defeated by claim 2
        assertTrue(oracle.getClaim(requestId, 0).defeated);
        // The watcher abandons its game (it is its move); it times out against it...
        vm.warp(block.timestamp + 10 minutes);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.GameVoided(requestId, gWatcher, 1);
        game.timeout(gWatcher);
        assertEq(uint8(game.gameOf(gWatcher).phase), uint8(IBisectionGame.Phase.DefenderWon));
        // ...and its claim stands, with its bond.
        assertFalse(oracle.getClaim(requestId, 1).defeated);
        assertEq(oracle.getClaim(requestId, 1).bond, BC);
        assertEq(oracle.getRequest(requestId).leader, 1);
    }

    /// @dev A defeated claim still fights its own game: if it beats its (still standing) target, the target falls.
    function test_gameEnd_defeatedChallengerStillDefeatsItsTarget() public {
        _submit(requestId, submitter, 9);
        uint256 g1 = _challenge(requestId, liar, 20); // claim 1: wrong, but right where claim 0 is wrong
        (, uint256 g2) = _challengeClaim(requestId, 1, watcher, NO_FAULT); // claim 2
        _playToEnd(g2, 20, NO_FAULT);
        assertTrue(oracle.getClaim(requestId, 1).defeated);
        _playToEnd(g1, 9, 20); // 9 < 20: the submission is wrong first; claim 1 wins its game
        assertTrue(oracle.getClaim(requestId, 0).defeated);
        assertEq(oracle.creditOf(liar), BS / 2);
        assertEq(oracle.getRequest(requestId).leader, 2);
    }

    // ---------------------------------------------------------------- the leader and finalization

    function test_leader_movesToTheEarliestUndefeatedClaim() public {
        _submit(requestId, submitter, 9);
        (, uint256 g1) = _challengeClaim(requestId, 0, liar, 4); // claim 1 (wrong)
        _challengeClaim(requestId, 0, watcher, NO_FAULT); // claim 2
        (, uint256 g3) = _challengeClaim(requestId, 1, watcher, NO_FAULT); // claim 3
        assertEq(oracle.getRequest(requestId).leader, 0);
        _playToEnd(g1, 9, 4); // 4 < 9: the liar's claim is wrong first; claim 1 falls
        assertEq(oracle.getRequest(requestId).leader, 0);
        vm.warp(block.timestamp + 10 minutes + 1);
        uint256 g2 = 2; // the game of claim 2 (ids are sequential)
        game.timeout(g2); // the submitter never moved: claim 0 falls
        assertEq(oracle.getRequest(requestId).leader, 2);
        game.timeout(g3); // void: claim 1 had already fallen
        assertFalse(oracle.getClaim(requestId, 3).defeated);
    }

    function test_finalize_gameOpen_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _challenge(requestId, challenger, 4);
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    /// @dev Vouches alone (no game) still wait for the window, then the submission wins and the copy is released.
    function test_finalize_onlyVouches_submissionWinsCopyReleased() public {
        _submit(requestId, submitter, NO_FAULT);
        _vouch(requestId, 0, watcher);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
        vm.warp(block.timestamp + 1);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.DisputeResolved(requestId, 0, _stateHash(input, NO_FAULT, T));
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        oracle.finalize(requestId);
        assertEq(oracle.creditOf(submitter), escrow + BS);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.BondReleased(requestId, 1, watcher, BC);
        assertEq(oracle.releaseBond(requestId, 1), BC);
        assertEq(oracle.creditOf(watcher), BC);
    }

    /// @dev The submitter was right but went offline and lost by timeout; the watcher's copy wins. The final state
    ///      is the submission's, so the callback does not run again.
    function test_finalize_copyOfTheSubmissionWins_noSecondCallback() public {
        _submit(requestId, submitter, NO_FAULT);
        _vouch(requestId, 0, watcher); // claim 1
        (, uint256 g) = _challengeClaim(requestId, 0, liar, 5); // claim 2
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(g); // the submitter is offline
        vm.warp(block.timestamp + 1 hours);
        uint256 escrow = oracle.getRequest(requestId).escrow; // deleted at finalization
        oracle.finalize(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.leader, 1);
        assertEq(r.round, 0);
        assertEq(r.finalStateHash, r.resultStateHash);
        assertEq(receiverContract.calls(), 1);
        assertEq(oracle.creditOf(watcher), escrow + BC);
        assertTrue(oracle.isFinalized(requestId));
    }

    /// @dev A vouch for a challenger's claim wins after that claim fell: the callback gets the parent's output.
    function test_finalize_vouchOfAChallengeWins_deliversTheParentsOutput() public {
        _submit(requestId, submitter, 9);
        uint256 g1 = _challenge(requestId, challenger, NO_FAULT); // claim 1, honest
        _vouch(requestId, 1, watcher); // claim 2
        (, uint256 g3) = _challengeClaim(requestId, 1, liar, 7); // claim 3 attacks claim 1
        _playToEnd(g1, 9, NO_FAULT); // claim 0 falls
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(g3); // claim 1's owner went offline: claim 1 falls
        vm.warp(block.timestamp + 1 hours);
        oracle.finalize(requestId);
        assertEq(oracle.getRequest(requestId).leader, 2);
        assertEq(receiverContract.calls(), 2);
        assertEq(receiverContract.lastOutput(), _output(input, NO_FAULT));
        assertEq(oracle.getRequest(requestId).round, 1);
    }

    function test_finalize_secondCallbackWithTooLittleGas_revertsAndChangesNothing() public {
        _submit(requestId, submitter, 9);
        _playToEnd(_challenge(requestId, challenger, NO_FAULT), 9, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectPartialRevert(IOpmlOracle.OpmlOracle_InsufficientCallbackGas.selector);
        oracle.finalize{gas: 200_000}(requestId);
        assertEq(uint8(oracle.getRequest(requestId).status), uint8(IOpmlOracle.Status.Submitted));
        oracle.finalize(requestId);
        assertTrue(oracle.isFinalized(requestId));
    }

    function test_finalize_reentrantCallback_findsTheRequestFinal() public {
        ReentrantReceiver rr = new ReentrantReceiver(oracle);
        uint256 fee = _fee();
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee}(modelId, input, address(rr), CALLBACK_GAS, "");
        _submit(id, submitter, 9);
        uint256 g = _challenge(id, challenger, NO_FAULT); // claim 1
        _vouch(id, 1, watcher); // claim 2
        rr.setReleaseClaim(2);
        _playToEnd(g, 9, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(id);
        assertEq(rr.calls(), 2);
        assertTrue(rr.finalizeReverted());
        assertTrue(rr.releaseSucceeded());
        assertEq(oracle.creditOf(watcher), BC);
    }

    function test_finalizeBatch_disputedAndPlainRequests() public {
        uint256 id2 = _request();
        _submit(requestId, submitter, 9);
        _submit(id2, submitter, NO_FAULT);
        _playToEnd(_challenge(requestId, challenger, NO_FAULT), 9, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (requestId, id2);
        assertEq(oracle.finalizeBatch(ids), 2);
        assertEq(oracle.getRequest(requestId).leader, 1);
        assertEq(oracle.getRequest(id2).leader, 0);
    }

    // ---------------------------------------------------------------- bond release

    function test_releaseBond_beforeFinal_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _vouch(requestId, 0, watcher);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotFinalized.selector, requestId, IOpmlOracle.Status.Submitted
            )
        );
        oracle.releaseBond(requestId, 1);
    }

    function test_releaseBond_nothingToRelease_reverts() public {
        _submit(requestId, submitter, 9);
        uint256 g1 = _challenge(requestId, challenger, NO_FAULT); // claim 1: wins
        (, uint256 g2) = _challengeClaim(requestId, 0, liar, 4); // claim 2: loses
        _vouch(requestId, 1, watcher); // claim 3: released
        _playToEnd(g1, 9, NO_FAULT);
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(g2); // void
        vm.warp(block.timestamp + 1 hours);
        oracle.finalize(requestId);
        for (uint256 k; k < 3; ++k) {
            // 0: defeated (slashed); 1: the winner (paid); 2: void game, never defeated, bond back below
            if (k == 2) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToRelease.selector, requestId, k)
            );
            oracle.releaseBond(requestId, k);
        }
        assertEq(oracle.releaseBond(requestId, 2), BC);
        assertEq(oracle.releaseBond(requestId, 3), BC);
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToRelease.selector, requestId, 3)
        );
        oracle.releaseBond(requestId, 3);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 4));
        oracle.releaseBond(requestId, 4);
    }

    function test_releaseBond_undisputedRequest_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NothingToRelease.selector, requestId, 0)
        );
        oracle.releaseBond(requestId, 0);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownClaim.selector, requestId, 1));
        oracle.releaseBond(requestId, 1);
    }
}

/// @notice The claim bookkeeping in states no sequence of calls reaches, through the harness.
contract OpmlOracle_ClaimBookkeeping_Test is OracleTestBase {
    OpmlOracleHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new OpmlOracleHarness(
            IModelVM(address(mockVm)), registry, governor, GAS_PRICE_CAP, _defaultParams()
        );
        oracle = harness;
        game = oracle.GAME();
    }

    /// @dev Guards the pigeonhole argument: were every claim defeated, finalization would refuse to pick one.
    function test_finalize_everyClaimDefeated_reverts() public {
        uint256 id = _request();
        _submit(id, submitter, 9);
        _challenge(id, challenger, NO_FAULT);
        vm.warp(block.timestamp + 10 minutes + 1);
        game.timeout(1); // claim 0 falls
        harness.markDefeated(id, 1); // impossible through games: claim 1's only game is the one it won
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NoStandingClaim.selector, id));
        oracle.finalize(id);
    }

    function test_challenge_claimCountAtTheLimit_reverts() public {
        uint256 id = _request();
        _submit(id, submitter, 9);
        harness.setPostedClaims(id, type(uint32).max);
        _challengeReverts(
            id,
            challenger,
            NO_FAULT,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_ValueTooLarge.selector, uint256(type(uint32).max) + 1
            )
        );
    }

    /// @dev The leader is the first claim whose bit is clear, across words of 256 claims.
    function testFuzz_leader_firstUndefeatedClaim(uint256 seed, uint16 countSeed) public {
        uint256 count = bound(countSeed, 1, 700);
        uint256 expected = type(uint256).max;
        for (uint256 i; i < count; ++i) {
            // Dense runs of defeats so the first standing claim is often in the second or third word.
            bool defeated = i < count - 1 && uint256(keccak256(abi.encode(seed, i))) % 64 != 0;
            if (defeated) harness.markDefeated(7, i);
            else if (expected == type(uint256).max) expected = i;
        }
        assertEq(harness.leaderOf(7, count), expected);
    }

    function test_leader_crossesWordBoundaries() public {
        for (uint256 i; i < 513; ++i) {
            harness.markDefeated(7, i);
        }
        assertEq(harness.leaderOf(7, 600), 513);
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NoStandingClaim.selector, 7));
        harness.leaderOf(7, 513);
    }
}
