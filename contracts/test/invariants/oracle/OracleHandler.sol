// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../../src/interfaces/IBisectionGame.sol";
import {ToyVM} from "../../oracle/mocks/MockModelVM.sol";

/// @notice Actors for the oracle invariants on the toy VM (T = 16).
///         - `honest` is live and follows the documented strategy (docs/oracle.md): once per request, at some
///           random moment but always before the window's last second, it takes a claim of its own with the
///           true final state (a vouch for an undefeated true claim if there is one, else a challenge of an
///           undefeated wrong claim) and challenges, with the truth, every other undefeated wrong claim posted
///           before it; it plays its games at once (abandoning a game whose target fell elsewhere), steps when
///           the proof favours it, and when time passes it times out every overdue game and finalizes.
///         - `lazy` submits true results and is never seen again (the honest submitter gone offline).
///         - three liars form a coalition: they submit wrong results, pile wrong claims on any claim, correct a
///           partner's wrong claim with the truth (self-challenge), vouch for wrong claims, post claims at the
///           window's last second, and in games between partners let the side to move time out on purpose
///           (or sometimes play their traces).
///         Ghosts count every wei in and out. `requestTimeout` is 90 min and a warp is up to 2 h, so unanswered
///         requests expire too.
contract OracleHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant NO_FAULT = type(uint256).max;
    uint256 public constant T = 16;
    bytes32 public constant WEIGHTS = keccak256("weights");

    OpmlOracle public oracle;
    IBisectionGame public game;
    uint256 public modelId;
    bytes internal input = hex"0102030405060708";

    address public honest = makeAddr("honest");
    address public lazy = makeAddr("lazy");
    address[3] public liars = [makeAddr("liar0"), makeAddr("liar1"), makeAddr("liar2")];
    uint256[3] internal liarFaults = [uint256(3), 9, 14];
    address public user = makeAddr("user");
    address[] public accounts; // everyone who can hold a credit

    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public ghostExpired; // refunds made by refundExpired (finalizeBatch may refund more)
    uint256 public ghostSelfChallenges;
    uint256 public ghostLastSecondClaims;
    uint256 public ghostVoidAbandoned;
    uint256 public ghostLateClaimsRefused;
    uint256[] public requestIds;
    uint256[] public gameIds;
    mapping(uint256 gameId => uint256) public gameStartedAt;
    /// @dev The request each game belongs to (the oracle deletes its own record once the game is settled).
    mapping(uint256 gameId => uint256) public gameRequestOf;
    mapping(uint256 requestId => uint256) public submittedAt;
    mapping(uint256 requestId => uint256) internal _honestDelay;
    mapping(uint256 requestId => bool) public honestActed;
    /// @dev The honest party's first claim on a request (0 when it submitted): never defeated, so the winner is it
    ///      or an earlier claim with the true final state.
    mapping(uint256 requestId => uint256) public honestFirstClaim;
    /// @dev The trace each claim follows (NO_FAULT: the true one), so each side of a game plays its own claim.
    mapping(uint256 requestId => mapping(uint256 claimIndex => uint256)) public faultOfClaim;

    constructor(OpmlOracle oracle_, uint256 modelId_, address[] memory extraAccounts) {
        oracle = oracle_;
        game = oracle_.GAME();
        modelId = modelId_;
        accounts.push(honest);
        accounts.push(lazy);
        accounts.push(user);
        for (uint256 i; i < 3; ++i) {
            accounts.push(liars[i]);
            vm.deal(liars[i], 1e6 ether);
        }
        for (uint256 i; i < extraAccounts.length; ++i) {
            accounts.push(extraAccounts[i]);
        }
        vm.deal(honest, 1e6 ether);
        vm.deal(lazy, 1e6 ether);
        vm.deal(user, 1e6 ether);
    }

    // ---------------------------------------------------------------- actions

    function request(uint256 overpay) external {
        overpay = bound(overpay, 0, 1 ether);
        uint256 fee = oracle.estimateFee(modelId, 50_000);
        vm.prank(user);
        uint256 id = oracle.requestCallback{value: fee + overpay}(modelId, input, address(0), 50_000, "");
        ghostIn += fee + overpay;
        requestIds.push(id);
    }

    /// @dev The honest party, the offline honest submitter or a liar answers a request.
    function submit(uint256 seed, uint256 actorSeed, uint256 delaySeed) external {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[seed % requestIds.length];
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Requested || block.timestamp > r.expiresAt) return;
        uint256 pick = actorSeed % 5;
        address who = pick == 0 ? honest : pick == 1 ? lazy : liars[pick % 3];
        uint256 fault = (who == honest || who == lazy) ? NO_FAULT : liarFaults[pick % 3];
        uint256 bond = oracle.parameters().submitterBond;
        vm.prank(who);
        oracle.submit{value: bond}(id, _output(fault), _preimage(fault, T));
        ghostIn += bond;
        submittedAt[id] = block.timestamp;
        faultOfClaim[id][0] = fault;
        // When, within the window, the honest party will first look at it (it always does before the end).
        _honestDelay[id] = bound(delaySeed, 0, oracle.parameters().challengeWindow - 1);
    }

    /// @dev A coalition move on a request still open for claims: 0 piles a wrong claim on a random claim, 1
    ///      corrects a partner's wrong claim with the truth (self-challenge), 2 vouches for a random claim.
    function coalition(uint256 seed, uint256 kind, uint256 liarSeed, uint256 targetSeed) external {
        (bool found, uint256 id) = _openRequest(seed);
        if (!found) return;
        _coalitionMove(id, kind % 3, liars[liarSeed % 3], targetSeed);
    }

    /// @dev The honest party looks first (it is live, but cannot react within the window's last second), then
    ///      time runs to the last second of a request's window and a liar posts a claim there; or, if `late`, one
    ///      second after it, where the oracle must refuse the claim (the bound needs every game to start in time).
    function coalitionAtLastSecond(
        uint256 seed,
        uint256 kind,
        uint256 liarSeed,
        uint256 targetSeed,
        bool late
    ) external {
        (bool found, uint256 id) = _openRequest(seed);
        if (!found) return;
        uint256 windowEnd = oracle.getRequest(id).windowEnd;
        if (block.timestamp > windowEnd) return;
        _passTime(windowEnd + (late ? 1 : 0));
        if (!late) {
            if (_coalitionMove(id, kind % 2, liars[liarSeed % 3], targetSeed)) ++ghostLastSecondClaims;
        } else {
            _tryLateClaim(id, liars[liarSeed % 3], targetSeed);
        }
        _keeper(seed);
    }

    /// @dev A wrong claim one second after the window: refused by the oracle (counted), or, if it were accepted,
    ///      booked like any claim so the invariants see its game.
    function _tryLateClaim(uint256 id, address liar, uint256 targetSeed) internal {
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Submitted) return;
        uint256 target = targetSeed % r.claimCount;
        uint256 fault = liarFaults[(targetSeed / 7) % 3];
        if (
            oracle.getClaim(id, target).owner == liar
                || _stateHash(fault, T) == oracle.getClaim(id, target).stateHash
        ) {
            return;
        }
        uint256 bond = oracle.parameters().challengerBond;
        bytes memory out = _output(fault);
        bytes memory pre = _preimage(fault, T);
        vm.prank(liar);
        try oracle.challenge{value: bond}(id, target, out, pre) returns (uint256 k, uint256 gid) {
            ghostIn += bond;
            gameIds.push(gid);
            gameStartedAt[gid] = block.timestamp;
            gameRequestOf[gid] = id;
            faultOfClaim[id][k] = fault;
        } catch {
            ++ghostLateClaimsRefused;
        }
    }

    /// @dev A liar moves in a game it is to move in: always against outsiders (at a random moment, since time
    ///      passes between calls), and against a partner only if `playPartners` (else the partner game times out
    ///      on purpose). In the step phase it steps if the proof favours a liar.
    function liarMoves(uint256 seed, bool playPartners) external {
        if (gameIds.length == 0) return;
        uint256 gid = gameIds[seed % gameIds.length];
        IBisectionGame.Game memory g = game.gameOf(gid);
        if (_ended(g) || block.timestamp > g.deadline) return;
        bool partners = _isLiar(g.defender) && _isLiar(g.challenger);
        if (partners && !playPartners) return;
        if (
            (g.phase == IBisectionGame.Phase.DefenderToBisect && _isLiar(g.defender))
                || (g.phase == IBisectionGame.Phase.ChallengerToRespond && _isLiar(g.challenger))
                || (g.phase == IBisectionGame.Phase.DefenderToStep
                    && _isLiar(_stateHash(NO_FAULT, g.lo + 1) == g.hiHash ? g.defender : g.challenger))
        ) _liarMove(gid, g);
    }

    /// @dev Time passes (the honest party acts first: it is live).
    function warp(uint256 secs, uint256 seed) external {
        secs = bound(secs, 1, 2 hours);
        _advance(block.timestamp + secs, seed);
    }

    function timeoutGame(uint256 seed) external {
        if (gameIds.length == 0) return;
        uint256 gid = gameIds[seed % gameIds.length];
        IBisectionGame.Game memory g = game.gameOf(gid);
        if (_ended(g) || block.timestamp <= g.deadline) return;
        game.timeout(gid);
    }

    function finalize(uint256 seed) external {
        if (requestIds.length == 0) return;
        uint256[] memory ids = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            ids[i] = requestIds[(seed % requestIds.length + i) % requestIds.length];
        }
        oracle.finalizeBatch(ids);
    }

    /// @dev Anyone releases the bond of an undefeated claim that did not win, once the request is final.
    function releaseBond(uint256 seed, uint256 claimSeed) external {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[seed % requestIds.length];
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Finalized || r.claimCount < 2) return;
        uint256 k = 1 + claimSeed % (r.claimCount - 1);
        if (oracle.getClaim(id, k).bond == 0) return;
        oracle.releaseBond(id, k);
    }

    /// @dev Anyone refunds a request that expired unanswered (finalizeBatch sweeps them too).
    function refundExpired(uint256 seed) external {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[seed % requestIds.length];
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Requested || block.timestamp <= r.expiresAt) return;
        oracle.refundExpired(id);
        ++ghostExpired;
    }

    function withdraw(uint256 seed) external {
        address who = accounts[seed % accounts.length];
        uint256 credit = oracle.creditOf(who);
        if (credit == 0) return;
        oracle.flush(who);
        ghostOut += credit;
    }

    function collect() external {
        oracle.collectProtocolFees();
    }

    // ---------------------------------------------------------------- the coalition

    function _coalitionMove(uint256 id, uint256 kind, address liar, uint256 targetSeed)
        internal
        returns (bool)
    {
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        uint256 target = targetSeed % r.claimCount;
        IOpmlOracle.Claim memory t = oracle.getClaim(id, target);
        if (t.defeated) return false;
        if (kind == 2) {
            _vouch(id, target, liar);
            return true;
        }
        if (t.owner == liar) return false;
        uint256 fault = NO_FAULT;
        if (kind == 0) {
            fault = liarFaults[(targetSeed / 7) % 3];
        } else {
            // Self-challenge: the truth against a partner's wrong claim, which the partner will then throw.
            if (!_isLiar(t.owner) || faultOfClaim[id][target] == NO_FAULT) return false;
            ++ghostSelfChallenges;
        }
        if (_stateHash(fault, T) == t.stateHash) return false;
        _challenge(id, target, liar, fault);
        return true;
    }

    /// @dev A request (from a seeded start) with a result not yet final. Its window may have closed: the coalition
    ///      tries late claims too, and the oracle must refuse them (else games could start after the window).
    function _openRequest(uint256 seed) internal view returns (bool found, uint256 id) {
        uint256 n = requestIds.length;
        for (uint256 k; k < n; ++k) {
            id = requestIds[(seed % n + k) % n];
            if (oracle.getRequest(id).status == IOpmlOracle.Status.Submitted) return (true, id);
        }
    }

    // ---------------------------------------------------------------- the honest party

    /// @dev Moves time to `to`: the honest party acts first (taking its claims on any request whose last chance
    ///      comes before `to`), then, once time has passed, it times out every overdue game (in a seeded order, so
    ///      which game defeats a claim first varies) and finalizes every request it can.
    ///      On the way, every liar facing the honest party makes its move at the last second of its deadline (the
    ///      issue's step 2), while games between partners are left to time out on purpose.
    function _advance(uint256 to, uint256 seed) internal {
        _passTime(to);
        _keeper(seed);
    }

    function _passTime(uint256 to) internal {
        for (uint256 iter; iter < 64; ++iter) {
            _honestActs(to);
            (bool found, uint256 gid, uint256 deadline) = _nextLastSecondMove(to);
            if (!found) break;
            if (deadline > block.timestamp) vm.warp(deadline);
            _liarMove(gid, game.gameOf(gid));
        }
        _honestActs(to);
        if (to > block.timestamp) vm.warp(to);
    }

    /// @dev The live honest party, once time has passed: every overdue game timed out, every ready request final.
    function _keeper(uint256 seed) internal {
        uint256 n = gameIds.length;
        for (uint256 k; k < n; ++k) {
            uint256 gid = gameIds[(seed % n + k) % n];
            IBisectionGame.Game memory g = game.gameOf(gid);
            if (!_ended(g) && block.timestamp > g.deadline) game.timeout(gid);
        }
        if (requestIds.length != 0) oracle.finalizeBatch(requestIds);
    }

    /// @dev The earliest game, with its deadline before `to`, in which a liar facing the honest party is to move
    ///      and can (in the step phase only if the proof favours it).
    function _nextLastSecondMove(uint256 to)
        internal
        view
        returns (bool found, uint256 gid, uint256 deadline)
    {
        deadline = type(uint256).max;
        for (uint256 i; i < gameIds.length; ++i) {
            IBisectionGame.Game memory g = game.gameOf(gameIds[i]);
            if (_ended(g) || g.deadline < block.timestamp || g.deadline >= to || g.deadline >= deadline) {
                continue;
            }
            address mover = g.phase == IBisectionGame.Phase.DefenderToBisect
                ? g.defender
                : g.phase == IBisectionGame.Phase.ChallengerToRespond
                    ? g.challenger
                    : (_stateHash(NO_FAULT, g.lo + 1) == g.hiHash ? g.defender : g.challenger);
            address other = mover == g.defender ? g.challenger : g.defender;
            if (!_isLiar(mover) || other != honest) continue;
            (found, gid, deadline) = (true, gameIds[i], g.deadline);
        }
    }

    function _liarMove(uint256 gid, IBisectionGame.Game memory g) internal {
        if (g.phase == IBisectionGame.Phase.DefenderToBisect) _bisect(gid, g);
        else if (g.phase == IBisectionGame.Phase.ChallengerToRespond) _respond(gid, g);
        else _step(gid, g);
    }

    function _honestActs(uint256 nextTime) internal {
        for (uint256 i; i < requestIds.length; ++i) {
            uint256 id = requestIds[i];
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            if (r.status != IOpmlOracle.Status.Submitted || honestActed[id]) continue;
            // INVARIANT of the strategy: the honest party takes its claims before the window's last second.
            bool due = block.timestamp >= submittedAt[id] + _honestDelay[id] || nextTime >= r.windowEnd;
            if (due && block.timestamp < r.windowEnd) _honestTakesItsClaims(id, r);
        }
        for (uint256 i; i < gameIds.length; ++i) {
            _honestPlays(gameIds[i]);
        }
    }

    /// @dev The strategy: a claim of its own with the true final state, then the truth against every undefeated
    ///      wrong claim posted before it.
    function _honestTakesItsClaims(uint256 id, IOpmlOracle.Request memory r) internal {
        honestActed[id] = true;
        if (r.submitter == honest) return; // its claim is claim 0 (honestFirstClaim stays 0)
        bytes32 truth = _stateHash(NO_FAULT, T);
        uint256 n = r.claimCount;
        uint256 firstWrong = type(uint256).max;
        uint256 own;
        bool haveOwn;
        for (uint256 k; k < n; ++k) {
            IOpmlOracle.Claim memory c = oracle.getClaim(id, k);
            if (c.defeated) continue;
            if (c.stateHash == truth) {
                own = _vouch(id, k, honest);
                haveOwn = true;
                break;
            }
            if (firstWrong == type(uint256).max) firstWrong = k;
        }
        if (!haveOwn) own = _challenge(id, firstWrong, honest, NO_FAULT);
        for (uint256 k; k < n; ++k) {
            if (!haveOwn && k == firstWrong) continue;
            IOpmlOracle.Claim memory c = oracle.getClaim(id, k);
            if (!c.defeated && c.stateHash != truth) _challenge(id, k, honest, NO_FAULT);
        }
        honestFirstClaim[id] = own;
    }

    /// @dev Every move that is the honest party's, at once; a game whose target fell elsewhere is abandoned (it is
    ///      void whatever happens, so the honest claim in it is safe).
    function _honestPlays(uint256 gid) internal {
        for (uint256 k; k < 2 * 4 + 2; ++k) {
            IBisectionGame.Game memory g = game.gameOf(gid);
            if (_ended(g) || block.timestamp > g.deadline) return;
            IOpmlOracle.GameClaims memory gc = oracle.getGameClaims(gid);
            if (g.challenger == honest && oracle.getClaim(gc.requestId, gc.targetClaim).defeated) {
                if (g.phase != IBisectionGame.Phase.DefenderToBisect) ++ghostVoidAbandoned;
                return;
            }
            if (g.phase == IBisectionGame.Phase.DefenderToBisect && g.defender == honest) {
                _bisect(gid, g);
            } else if (g.phase == IBisectionGame.Phase.ChallengerToRespond && g.challenger == honest) {
                _respond(gid, g);
            } else if (g.phase == IBisectionGame.Phase.DefenderToStep) {
                bool defenderWins = _stateHash(NO_FAULT, g.lo + 1) == g.hiHash;
                if ((defenderWins ? g.defender : g.challenger) == honest) _step(gid, g);
                return;
            } else {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _challenge(uint256 id, uint256 target, address who, uint256 fault) internal returns (uint256 k) {
        uint256 bond = oracle.parameters().challengerBond;
        vm.prank(who);
        uint256 gid;
        (k, gid) = oracle.challenge{value: bond}(id, target, _output(fault), _preimage(fault, T));
        ghostIn += bond;
        gameIds.push(gid);
        gameStartedAt[gid] = block.timestamp;
        gameRequestOf[gid] = id;
        faultOfClaim[id][k] = fault;
    }

    function _vouch(uint256 id, uint256 target, address who) internal returns (uint256 k) {
        uint256 bond = oracle.parameters().challengerBond;
        vm.prank(who);
        k = oracle.vouch{value: bond}(id, target);
        ghostIn += bond;
        faultOfClaim[id][k] = faultOfClaim[id][target];
    }

    /// @dev Each side plays the trace of the claim it holds in this game.
    function _faults(uint256 gid) internal view returns (uint256 defenderFault, uint256 challengerFault) {
        IOpmlOracle.GameClaims memory gc = oracle.getGameClaims(gid);
        defenderFault = faultOfClaim[gc.requestId][gc.targetClaim];
        challengerFault = faultOfClaim[gc.requestId][gc.challengerClaim];
    }

    function _bisect(uint256 gid, IBisectionGame.Game memory g) internal {
        (uint256 d,) = _faults(gid);
        uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
        vm.prank(g.defender);
        game.bisect(gid, _stateHash(d, mid));
    }

    function _respond(uint256 gid, IBisectionGame.Game memory g) internal {
        (, uint256 c) = _faults(gid);
        uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
        vm.prank(g.challenger);
        game.respond(gid, g.midHash == _stateHash(c, mid));
    }

    /// @dev Every trace here is honest up to its fault, so the agreed pre-state is the honest one.
    function _step(uint256 gid, IBisectionGame.Game memory g) internal {
        game.step(gid, _preimage(NO_FAULT, g.lo));
    }

    function _ended(IBisectionGame.Game memory g) internal pure returns (bool) {
        return g.phase == IBisectionGame.Phase.DefenderWon || g.phase == IBisectionGame.Phase.ChallengerWon;
    }

    function _isLiar(address who) internal view returns (bool) {
        return who == liars[0] || who == liars[1] || who == liars[2];
    }

    function _acc(uint256 faultAt, uint256 i) internal view returns (bytes32 acc) {
        acc = ToyVM.initialChain(ToyVM.shape(T), input);
        for (uint256 j = 0; j < i; ++j) {
            acc = keccak256(abi.encode(acc, WEIGHTS));
            if (j + 1 == faultAt) acc = keccak256(abi.encode(acc, "fault"));
        }
    }

    function _preimage(uint256 faultAt, uint256 i) internal view returns (bytes memory) {
        return ToyVM.preimage(i, T, _acc(faultAt, i));
    }

    function _stateHash(uint256 faultAt, uint256 i) internal view returns (bytes32) {
        return ToyVM.stateHash(i, T, _acc(faultAt, i));
    }

    function _output(uint256 faultAt) internal view returns (bytes memory) {
        return abi.encodePacked(_acc(faultAt, T));
    }

    function honestFinalHash() external view returns (bytes32) {
        return _stateHash(NO_FAULT, T);
    }

    function requestCount() external view returns (uint256) {
        return requestIds.length;
    }

    function gameCount() external view returns (uint256) {
        return gameIds.length;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }
}
