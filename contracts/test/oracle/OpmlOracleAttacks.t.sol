// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DisputeScenarioBase} from "./DisputeScenarioBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";

/// @notice The delay attacks of issue 14 against the claim rule, each played move by move at the worst timing for
///         the honest side and checked against the documented bound (`windowEnd + (2·⌈log2 T⌉ + 1)·D`) and money
///         flows (every credit and the burn to the wei, from the scenario's own prediction of who defeats whom).
///         Parameters: submitter bond 0.1 ETH, challenger bond 0.05 ETH, winner share 50 %, window 1 h, D = 10 min,
///         T = 32, so G = 11 × 10 min.
///         Regression: the rule before issue 14 (a winning challenger replaced the result and opened a fresh window,
///         voiding the other games) fails this bound. These tests use the new `challenge(requestId, target, ...)`
///         and cannot compile against it, so the attack was ported once to the old API and run on that code: after
///         17 swaps (each partner throwing after one deadline) the request was still open 10,200 s after submission
///         (windowEnd + G here) with a window reaching past it, and it stays open as long as the swaps go on.
contract OpmlOracle_Attacks_Test is DisputeScenarioBase {
    address internal liarA = makeAddr("liarA");
    address internal honestH = makeAddr("honestH");
    address[] internal colluders;

    function setUp() public override {
        super.setUp();
        requestId = _request();
        vm.deal(liarA, 1000 ether);
        vm.deal(honestH, 1000 ether);
    }

    // ---------------------------------------------------------------- the four-step attack

    function test_fourStepAttack_oneColluder() public {
        _fourStepAttack(1);
    }

    function test_fourStepAttack_twoColluders() public {
        _fourStepAttack(2);
    }

    function test_fourStepAttack_fourColluders() public {
        _fourStepAttack(4);
    }

    /// @dev Issue 14's attack with `k` colluding challengers B1..Bk beside the lying submitter A, and every move the
    ///      old rule rewarded:
    ///      1. A submits a wrong result; each Bi challenges it with another wrong claim; the honest H challenges it
    ///         with the truth (its first claim, h) and, as its strategy says, every Bi's claim too.
    ///      2. A plays H's game at the last second of every deadline and never moves in the Bi's games: claim 0 falls
    ///         to B1 after one deadline (and H's game against it turns void).
    ///      3. "B1 wins": under the old rule its claim replaced the result. Here it only leads for a while.
    ///      4. A and B1 swap roles and repeat: each challenges the other's latest claim and the other throws, as
    ///         often as the window allows; the last swap comes at the window's last second and both play it at the
    ///         last second of every deadline (the longest a game lasts). At the window's last second every colluder
    ///         also challenges h. Each Bi defends its first claim against H at the last second.
    ///      The request still finalizes within the bound, with H's true claim.
    function _fourStepAttack(uint256 k) internal {
        for (uint256 i; i < k; ++i) {
            colluders.push(makeAddr(string(abi.encodePacked("colluder", vm.toString(i)))));
        }
        uint256 D = oracle.parameters().responseDeadline;
        // 1. A lies; every Bi posts its own wrong claim against it (claims 1..k); A never moves in those games.
        _submitAs(liarA, 5);
        uint256 windowEnd = oracle.getRequest(requestId).windowEnd;
        for (uint256 i; i < k; ++i) {
            _attack(colluders[i], 10 + i, Play.Prompt, 0, 5, Play.Stall);
        }
        // H acts a minute later: its first claim h against claim 0, then one against each claim before h.
        _runUntil(block.timestamp + 60);
        uint256 h = _attack(honestH, NO_FAULT, Play.Prompt, 0, 5, Play.LastSecond);
        for (uint256 i; i < k; ++i) {
            _attack(honestH, NO_FAULT, Play.Prompt, 1 + i, 10 + i, Play.LastSecond);
        }
        // 2. After one deadline the games A throws time out; the first (B1's) defeats claim 0.
        _runUntil(submittedAt + D + 1);
        assertTrue(oracle.getClaim(requestId, 0).defeated);
        _expectDefeat(0, 1);
        assertEq(oracle.getRequest(requestId).leader, 1, "B1's wrong claim leads for now");
        // 3-4. Swap and repeat: the target's owner throws each game, so each swap defeats the previous claim.
        uint256 target = 1;
        uint256 targetFault = 10;
        address next = liarA;
        uint256 fault = 20;
        while (block.timestamp + 1 + D + 1 < windowEnd) {
            uint256 c = _attack(next, fault, Play.Prompt, target, targetFault, Play.Stall);
            _runUntil(block.timestamp + D + 1);
            assertTrue(oracle.getClaim(requestId, target).defeated, "the partner threw it");
            _expectDefeat(target, c);
            (target, targetFault, next) = (c, fault, next == liarA ? colluders[0] : liarA);
            ++fault;
            _runUntil(block.timestamp + 1);
        }
        // The Bi's first claims fell to H (B1's went to the swap first: H's game against it is void).
        for (uint256 i = 1; i < k; ++i) {
            _expectDefeat(1 + i, h + 1 + i);
        }
        // The window's last second: one more swap, played slowly by both, and every colluder attacks h.
        _runUntil(windowEnd);
        uint256 last = _attack(next, 30, Play.LastSecond, target, targetFault, Play.LastSecond);
        // The step refutes the claim whose trace goes wrong first (targetFault < 30: the target falls).
        _expectDefeat(target, last);
        _attack(liarA, 29, Play.LastSecond, h, NO_FAULT, Play.Prompt);
        _expectDefeat(ledger.length - 1, h);
        for (uint256 i; i < k; ++i) {
            _attack(colluders[i], 25 + i, Play.LastSecond, h, NO_FAULT, Play.Prompt);
            _expectDefeat(ledger.length - 1, h);
        }
        _runAll();
        assertEq(lastEventAt, windowEnd + game.maxDuration(T, D), "the slowest game takes exactly G");

        _finalizeWithinBound(h);
        assertEq(oracle.getRequest(requestId).finalStateHash, _stateHash(input, NO_FAULT, T));
        address[] memory parties = new address[](k + 2);
        (parties[0], parties[1]) = (liarA, honestH);
        for (uint256 i; i < k; ++i) {
            parties[2 + i] = colluders[i];
        }
        _checkBooks(h, parties);
        // The coalition as a whole lost money; H gained.
        int256 coalition = _net(liarA);
        for (uint256 i; i < k; ++i) {
            coalition += _net(colluders[i]);
        }
        assertLt(coalition, -int256(oracle.burned()) + 1, "the coalition lost at least what was burned");
        assertGt(_net(honestH), 0);
    }

    // ---------------------------------------------------------------- self-challenge

    /// @dev A liar corrects its own wrong result from a second address and throws the game: the second address gets
    ///      exactly what an honest challenger in its place would (the escrow and half the submitter bond), the pair
    ///      loses the slashed half minus the reward, and an honest challenger who came second loses nothing.
    function test_selfChallenge_paysNoMoreThanAnHonestChallenger() public {
        address liarA2 = makeAddr("liarA2");
        _submitAs(liarA, 5);
        uint256 self = _attack(liarA2, NO_FAULT, Play.Prompt, 0, 5, Play.Stall); // claim 1
        _runUntil(block.timestamp + 60);
        uint256 hc = _attack(honestH, NO_FAULT, Play.Prompt, 0, 5, Play.Stall); // claim 2: void once 0 falls
        _expectDefeat(0, self);
        _runAll();
        _finalizeWithinBound(self);
        address[] memory parties = new address[](3);
        (parties[0], parties[1], parties[2]) = (liarA, liarA2, honestH);
        _checkBooks(self, parties);
        uint256 escrow = escrowPaid;
        uint256 bs = oracle.parameters().submitterBond;
        uint256 w = oracle.parameters().slashWinnerBps;
        // What an honest challenger earns for refuting the submission: the escrow and the winner's share.
        assertEq(_net(liarA2), int256(escrow + bs * w / 10_000));
        // The pair: the reward (escrow) minus the slashed rest of the submitter bond, a loss by the parameter rule.
        int256 pair = _net(liarA) + _net(liarA2);
        assertEq(pair, int256(escrow) - int256(bs - bs * w / 10_000));
        assertLt(pair, 0);
        assertEq(_net(honestH), 0, "the honest challenger's game was void; its bond came back");
        assertFalse(oracle.getClaim(requestId, hc).defeated);
    }

    // ---------------------------------------------------------------- griefers

    function test_griefers_oneAtTheLastSecond() public {
        _griefers(1);
    }

    function test_griefers_fiveAtTheLastSecond() public {
        _griefers(5);
    }

    /// @dev `n` griefers attack a correct result at the window's last second and answer at the last second of every
    ///      deadline; the live honest submitter defends at once. Finality comes within the bound (one game after
    ///      the window, not n), each griefer loses its bond, half to the submitter.
    function _griefers(uint256 n) internal {
        _submitAs(submitter, NO_FAULT);
        _runUntil(oracle.getRequest(requestId).windowEnd);
        address[] memory parties = new address[](n + 1);
        parties[0] = submitter;
        for (uint256 i; i < n; ++i) {
            parties[1 + i] = makeAddr(string(abi.encodePacked("griefer", vm.toString(i))));
            _attack(parties[1 + i], 2 + 3 * i, Play.LastSecond, 0, NO_FAULT, Play.Prompt);
            _expectDefeat(1 + i, 0);
        }
        _runAll();
        _finalizeWithinBound(0);
        _checkBooks(0, parties);
        uint256 bc = oracle.parameters().challengerBond;
        assertEq(oracle.burned(), n * (bc - bc / 2));
        for (uint256 i; i < n; ++i) {
            assertEq(_net(parties[1 + i]), -int256(bc));
        }
    }

    // ---------------------------------------------------------------- offline honest submitter

    /// @dev The submitter is right but offline. A watcher holds its own copy of the true claim (a vouch) from early
    ///      on; at the window's last second one attacker challenges the submission (which falls by timeout) and
    ///      another the watcher's copy (which the watcher defends). The copy wins; the result is the true one and
    ///      is not delivered twice.
    function test_offlineSubmitter_watcherVouches_truthFinalizes() public {
        address attacker1 = makeAddr("attacker1");
        address attacker2 = makeAddr("attacker2");
        _submitAs(submitter, NO_FAULT);
        _runUntil(block.timestamp + 60);
        uint256 copy = _vouchAs(honestH, 0); // claim 1
        _runUntil(oracle.getRequest(requestId).windowEnd);
        uint256 a1 = _attack(attacker1, 7, Play.LastSecond, 0, NO_FAULT, Play.Stall); // claim 2
        _attack(attacker2, 8, Play.LastSecond, copy, NO_FAULT, Play.Prompt); // claim 3
        _expectDefeat(0, a1);
        _expectDefeat(3, copy);
        _runAll();
        _finalizeWithinBound(copy);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.finalStateHash, _stateHash(input, NO_FAULT, T));
        assertEq(r.round, 0);
        assertEq(receiverContract.calls(), 1);
        address[] memory parties = new address[](4);
        (parties[0], parties[1], parties[2], parties[3]) = (submitter, honestH, attacker1, attacker2);
        _checkBooks(copy, parties);
        // Being offline costs the submitter its bond; the attacker who took it gained half of it.
        assertEq(_net(submitter), -int256(uint256(oracle.parameters().submitterBond)));
        assertEq(_net(attacker1), int256(uint256(oracle.parameters().submitterBond / 2)));
    }

    /// @dev Why `vouch` exists: with the submitter offline and no honest party holding a claim of its own from
    ///      before the window's last block, nobody can answer a challenge posted in that block (and a copy of the
    ///      true claim cannot be posted as a challenge of the true claim), so the wrong claim wins. Without vouches
    ///      an honest watcher has no way to hold that claim ahead of time.
    function test_offlineSubmitter_noWatcherClaim_lastSecondAttackWins() public {
        address attacker = makeAddr("attacker");
        _submitAs(submitter, NO_FAULT);
        _runUntil(oracle.getRequest(requestId).windowEnd);
        uint256 a = _attack(attacker, 7, Play.LastSecond, 0, NO_FAULT, Play.Stall);
        _challengeReverts(
            requestId,
            honestH,
            NO_FAULT,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_SameClaim.selector, requestId, _stateHash(input, NO_FAULT, T)
            )
        );
        _runAll();
        _finalizeWithinBound(a);
        assertEq(oracle.getRequest(requestId).finalStateHash, _stateHash(input, 7, T));
    }

    // ---------------------------------------------------------------- no honest party at all

    /// @dev Every claim adversarial, and every game played to defeat as many claims as possible (a cycle of three
    ///      wrong answers, plus copies): one claim always survives, because only games defeat claims and there are
    ///      fewer games than claims. The request finalizes within the bound (with a wrong answer: no honest party).
    function test_allAdversarialCycle_oneClaimAlwaysSurvives() public {
        address b = makeAddr("b");
        address c = makeAddr("c");
        _submitAs(liarA, 5); // X
        uint256 y = _attack(b, 9, Play.Prompt, 0, 5, Play.Stall); // Y beats X (A throws)
        uint256 z = _attack(c, 13, Play.Prompt, y, 9, Play.Stall); // Z beats Y (B throws)
        uint256 x2 = _attack(liarA, 5, Play.Prompt, z, 13, Play.Stall); // X again beats Z (C throws): a cycle
        uint256 v = _vouchAs(b, x2); // a copy of X
        uint256 w = _attack(c, 14, Play.Prompt, v, 5, Play.Stall); // beats the copy
        uint256 last = _attack(b, 2, Play.Prompt, x2, 5, Play.LastSecond); // 2 < 5: this one is refuted
        _expectDefeat(0, y);
        _expectDefeat(y, z);
        _expectDefeat(z, x2);
        _expectDefeat(v, w);
        _expectDefeat(last, x2);
        _runAll();
        // x2 and w stand (six claims, five games); the earliest of them wins.
        assertFalse(oracle.getClaim(requestId, x2).defeated);
        assertFalse(oracle.getClaim(requestId, w).defeated);
        _finalizeWithinBound(x2);
        address[] memory parties = new address[](3);
        (parties[0], parties[1], parties[2]) = (liarA, b, c);
        _checkBooks(x2, parties);
        assertEq(oracle.getRequest(requestId).finalStateHash, _stateHash(input, 5, T));
    }
}
