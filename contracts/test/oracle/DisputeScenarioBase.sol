// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";

/// @notice Scenario helpers for the claim rule: many games of one request played at once by parties that move
///         at once, at the last second of every deadline, or never, with time advanced event by event; and an
///         independent ledger of who posted which bond and which claim each defeat should hit, from which the
///         expected credits and burn are computed to the wei.
abstract contract DisputeScenarioBase is OracleTestBase {
    /// @dev How a side plays a game: move as soon as it is its turn, at the last second of each deadline, or never.
    enum Play {
        Prompt,
        LastSecond,
        Stall
    }

    struct Seat {
        uint256 fault; // the trace it follows (NO_FAULT: the honest one)
        Play play;
    }

    struct Match {
        uint256 gameId;
        Seat defender;
        Seat challenger;
        bool ended;
    }

    struct Posted {
        address owner;
        uint256 bond;
        bool defeated; // expected
        address defeatedBy; // expected winner of its first defeat
    }

    Match[] internal matches;
    Posted[] internal ledger; // indexed by claim index
    uint256 internal requestId;
    uint256 internal submittedAt;
    /// @dev The request's escrow, read before finalization (which deletes it from the record).
    uint256 internal escrowPaid;
    uint256 internal lastEventAt;

    // ---------------------------------------------------------------- posting, with the ledger

    function _submitAs(address who, uint256 faultAt) internal {
        _submit(requestId, who, faultAt);
        submittedAt = block.timestamp;
        ledger.push(Posted(who, oracle.parameters().submitterBond, false, address(0)));
    }

    /// @dev `who` challenges claim `target`, following the trace faulty at `faultAt`; the game is played by the
    ///      target's owner (on `targetFault`, as `defenderPlay`) and `who` (as `play`).
    function _attack(
        address who,
        uint256 faultAt,
        Play play,
        uint256 target,
        uint256 targetFault,
        Play defenderPlay
    ) internal returns (uint256 claimIndex) {
        vm.deal(who, 1000 ether);
        uint256 gameId;
        (claimIndex, gameId) = _challengeClaim(requestId, target, who, faultAt);
        assertEq(claimIndex, ledger.length, "claims are numbered in order");
        ledger.push(Posted(who, oracle.parameters().challengerBond, false, address(0)));
        matches.push(Match(gameId, Seat(targetFault, defenderPlay), Seat(faultAt, play), false));
    }

    function _vouchAs(address who, uint256 claimIndex) internal returns (uint256 newIndex) {
        vm.deal(who, 1000 ether);
        newIndex = _vouch(requestId, claimIndex, who);
        assertEq(newIndex, ledger.length, "claims are numbered in order");
        ledger.push(Posted(who, oracle.parameters().challengerBond, false, address(0)));
    }

    /// @dev The scenario's own prediction: claim `loser` is first defeated by a game that claim `winner` won.
    function _expectDefeat(uint256 loser, uint256 winner) internal {
        ledger[loser].defeated = true;
        ledger[loser].defeatedBy = ledger[winner].owner;
    }

    // ---------------------------------------------------------------- the scheduler

    /// @dev Plays every registered game until it ends, moving time from one event to the next.
    function _runAll() internal {
        _runUntil(type(uint256).max);
    }

    /// @dev Plays every event up to and including time `until` (moving time there if it is finite).
    function _runUntil(uint256 until) internal {
        while (true) {
            _promptMoves();
            (uint256 next, bool any) = _nextEvent();
            if (!any || next > until) break;
            if (next > block.timestamp) vm.warp(next);
            _dueMoves();
        }
        if (until != type(uint256).max && until > block.timestamp) vm.warp(until);
    }

    /// @dev Every move a prompt party can make now (repeatedly: the other side may be prompt too).
    function _promptMoves() internal {
        bool moved = true;
        while (moved) {
            moved = false;
            for (uint256 i; i < matches.length; ++i) {
                if (_sync(i)) continue;
                (Play play,) = _toMove(i);
                if (play == Play.Prompt) {
                    _move(i);
                    moved = true;
                }
            }
        }
    }

    /// @dev When the next non-prompt event happens: a last-second move at its deadline, a timeout one second after.
    function _nextEvent() internal returns (uint256 next, bool any) {
        next = type(uint256).max;
        for (uint256 i; i < matches.length; ++i) {
            if (_sync(i)) continue;
            (Play play, uint256 deadline) = _toMove(i);
            uint256 when = play == Play.LastSecond ? deadline : deadline + 1;
            if (when < next) next = when;
            any = true;
        }
    }

    /// @dev Plays every event due now, in registration order (this order decides which of two games ending in the
    ///      same second defeats a claim first).
    function _dueMoves() internal {
        for (uint256 i; i < matches.length; ++i) {
            if (_sync(i)) continue;
            (Play play, uint256 deadline) = _toMove(i);
            if (play == Play.LastSecond && deadline == block.timestamp) {
                _move(i);
            } else if (deadline < block.timestamp) {
                // A staller, or a last-second player whose second was skipped by the scenario: it lost the move.
                vm.prank(anyone);
                game.timeout(matches[i].gameId);
                lastEventAt = block.timestamp;
            }
        }
    }

    /// @dev Marks a match ended if its game ended; returns whether it has.
    function _sync(uint256 i) internal returns (bool ended) {
        if (matches[i].ended) return true;
        IBisectionGame.Phase phase = game.gameOf(matches[i].gameId).phase;
        ended = phase == IBisectionGame.Phase.DefenderWon || phase == IBisectionGame.Phase.ChallengerWon;
        matches[i].ended = ended;
    }

    /// @dev Who is to act in match `i` and how: in the step phase, the side the one-step proof favours (anyone may
    ///      step; if that side never moves, the defender loses by timeout, which favours the challenger anyway).
    function _toMove(uint256 i) internal view returns (Play play, uint256 deadline) {
        Match storage m = matches[i];
        IBisectionGame.Game memory g = game.gameOf(m.gameId);
        deadline = g.deadline;
        if (g.phase == IBisectionGame.Phase.DefenderToBisect) return (m.defender.play, deadline);
        if (g.phase == IBisectionGame.Phase.ChallengerToRespond) return (m.challenger.play, deadline);
        return (_stepFavoursDefender(g) ? m.defender.play : m.challenger.play, deadline);
    }

    /// @dev The agreed pre-state is honest (every trace here is honest up to its fault), so the proof yields the
    ///      honest post-state, and the defender wins iff its disputed hash is that.
    function _stepFavoursDefender(IBisectionGame.Game memory g) internal view returns (bool) {
        return _stateHash(input, NO_FAULT, g.lo + 1) == g.hiHash;
    }

    function _move(uint256 i) internal {
        Match storage m = matches[i];
        IBisectionGame.Game memory g = game.gameOf(m.gameId);
        uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
        if (g.phase == IBisectionGame.Phase.DefenderToBisect) {
            vm.prank(g.defender);
            game.bisect(m.gameId, _stateHash(input, m.defender.fault, mid));
        } else if (g.phase == IBisectionGame.Phase.ChallengerToRespond) {
            vm.prank(g.challenger);
            game.respond(m.gameId, g.midHash == _stateHash(input, m.challenger.fault, mid));
        } else {
            bytes memory proof = _stepProof(m.gameId, m.defender.fault, m.challenger.fault);
            vm.prank(_stepFavoursDefender(g) ? g.defender : g.challenger);
            game.step(m.gameId, proof);
        }
        lastEventAt = block.timestamp;
    }

    // ---------------------------------------------------------------- checks

    /// @dev The documented bound: every game starts by the window's end and lasts at most G, so the request can
    ///      be finalized by windowEnd + G.
    function _bound() internal view returns (uint256) {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        return submittedAt + p.challengeWindow + game.maxDuration(T, p.responseDeadline);
    }

    /// @dev Once every game has ended: finalizes at the first second it may (after the window), checks the bound
    ///      and the winner, then releases every other undefeated claim's bond.
    function _finalizeWithinBound(uint256 expectedWinner) internal {
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.openGames, 0, "every game ended");
        if (block.timestamp <= r.windowEnd) vm.warp(r.windowEnd + 1);
        assertLe(block.timestamp, _bound(), "finalizable within windowEnd + G");
        escrowPaid = r.escrow;
        vm.prank(anyone);
        oracle.finalize(requestId);
        r = oracle.getRequest(requestId);
        assertEq(r.leader, expectedWinner, "the earliest undefeated claim wins");
        for (uint256 i = 1; i < ledger.length; ++i) {
            if (i != expectedWinner && !ledger[i].defeated) oracle.releaseBond(requestId, i);
        }
    }

    /// @dev Every claim's defeat as the scenario predicted, and every credit and the burn to the wei: each defeat
    ///      pays `slashWinnerBps` of the bond to its predicted winner and burns the rest; the winner gets the escrow
    ///      and its bond; every other undefeated claim got its bond back. `parties` must list every owner.
    function _checkBooks(uint256 winner, address[] memory parties) internal view {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        uint256 escrow = escrowPaid;
        uint256 burn;
        for (uint256 i; i < ledger.length; ++i) {
            assertEq(oracle.getClaim(requestId, i).defeated, ledger[i].defeated, "defeated as predicted");
            assertEq(oracle.getClaim(requestId, i).bond, 0, "no bond left behind");
            if (ledger[i].defeated) burn += ledger[i].bond - ledger[i].bond * p.slashWinnerBps / 10_000;
        }
        assertEq(oracle.burned(), burn, "burned");
        for (uint256 k; k < parties.length; ++k) {
            uint256 expected;
            for (uint256 i; i < ledger.length; ++i) {
                Posted storage c = ledger[i];
                if (c.defeated && c.defeatedBy == parties[k]) expected += c.bond * p.slashWinnerBps / 10_000;
                if (!c.defeated && c.owner == parties[k]) expected += c.bond;
            }
            if (ledger[winner].owner == parties[k]) expected += escrow;
            assertEq(oracle.creditOf(parties[k]), expected, "credit to the wei");
        }
        // Nothing else is held: the balance is exactly the credits, the burn and the protocol fee.
        uint256 credits =
            oracle.creditOf(revenueReceiver) + oracle.creditOf(modelOwner) + oracle.protocolFeesAccrued();
        for (uint256 k; k < parties.length; ++k) {
            credits += oracle.creditOf(parties[k]);
        }
        assertEq(address(oracle).balance, credits + burn, "books");
    }

    /// @dev What a party paid in and got back, net (negative: a loss).
    function _net(address who) internal view returns (int256 net) {
        net = int256(oracle.creditOf(who));
        for (uint256 i; i < ledger.length; ++i) {
            if (ledger[i].owner == who) net -= int256(ledger[i].bond);
        }
    }
}
