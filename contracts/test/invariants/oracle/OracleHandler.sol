// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../../src/interfaces/IBisectionGame.sol";
import {ToyVM} from "../../oracle/mocks/MockModelVM.sol";

/// @notice Actors for the oracle invariants on the toy VM (T = 16). Honest parties are always live: before
///         time passes they make every move that is theirs and challenge every wrong result in its window.
///         Liars submit or challenge with a faulty trace and may stall. Nobody is bound to answer a request, so
///         some expire (requestTimeout 90 min, warps up to 2 h) and are refunded. Ghosts count every wei in and out.
contract OracleHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant NO_FAULT = type(uint256).max;
    uint256 public constant T = 16;
    bytes32 public constant WEIGHTS = keccak256("weights");

    OpmlOracle public oracle;
    IBisectionGame public game;
    uint256 public modelId;
    bytes internal input = hex"0102030405060708";

    address public honest = makeAddr("honest");
    address[3] public liars = [makeAddr("liar0"), makeAddr("liar1"), makeAddr("liar2")];
    address public user = makeAddr("user");
    address[] public accounts; // everyone who can hold a credit

    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public ghostHonestLosses;
    uint256 public ghostExpired; // refunds made by refundExpired (finalizeBatch may refund more)
    uint256[] public requestIds;
    uint256[] public gameIds;
    mapping(address => uint256) public faultOf; // the trace each actor follows
    mapping(uint256 => bool) public gameEnded;

    constructor(OpmlOracle oracle_, uint256 modelId_, address[] memory extraAccounts) {
        oracle = oracle_;
        game = oracle_.GAME();
        modelId = modelId_;
        faultOf[honest] = NO_FAULT;
        faultOf[liars[0]] = 3;
        faultOf[liars[1]] = 9;
        faultOf[liars[2]] = 14;
        accounts.push(honest);
        accounts.push(user);
        for (uint256 i; i < 3; ++i) {
            accounts.push(liars[i]);
        }
        for (uint256 i; i < extraAccounts.length; ++i) {
            accounts.push(extraAccounts[i]);
        }
        vm.deal(honest, 1e6 ether);
        vm.deal(user, 1e6 ether);
        for (uint256 i; i < 3; ++i) {
            vm.deal(liars[i], 1e6 ether);
        }
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

    function submit(uint256 seed, uint256 actorSeed) external {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[seed % requestIds.length];
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Requested || block.timestamp > r.expiresAt) return;
        address who = actorSeed % 2 == 0 ? honest : liars[actorSeed % 3];
        uint256 bond = oracle.parameters().submitterBond;
        vm.prank(who);
        oracle.submit{value: bond}(id, _output(faultOf[who]), _preimage(faultOf[who], T));
        ghostIn += bond;
    }

    function liarChallenges(uint256 seed, uint256 liarSeed) external {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[seed % requestIds.length];
        address who = liars[liarSeed % 3];
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        if (r.status != IOpmlOracle.Status.Submitted || block.timestamp > r.windowEnd || r.submitter == who) {
            return;
        }
        if (r.resultStateHash == _stateHash(faultOf[who], T)) return;
        if (oracle.hasChallenged(id, r.round, who)) return;
        _challenge(id, who);
    }

    /// @dev A liar makes its move in some game (following its own trace).
    function liarMoves(uint256 seed) external {
        if (gameIds.length == 0) return;
        uint256 gid = gameIds[seed % gameIds.length];
        IBisectionGame.Game memory g = game.gameOf(gid);
        if (block.timestamp > g.deadline) return;
        if (g.phase == IBisectionGame.Phase.DefenderToBisect && g.defender != honest) {
            _bisect(gid, g);
        } else if (g.phase == IBisectionGame.Phase.ChallengerToRespond && g.challenger != honest) {
            _respond(gid, g);
        }
    }

    /// @dev Time passes; honest parties act first (they are live).
    function warp(uint256 secs) external {
        _honestActs();
        secs = bound(secs, 1, 2 hours);
        vm.warp(block.timestamp + secs);
    }

    function timeoutGame(uint256 seed) external {
        if (gameIds.length == 0) return;
        uint256 gid = gameIds[seed % gameIds.length];
        IBisectionGame.Game memory g = game.gameOf(gid);
        if (gameEnded[gid] || block.timestamp <= g.deadline) return;
        uint256 roundBefore = oracle.getRequest(oracle.getChallenge(gid).requestId).round;
        game.timeout(gid);
        _recordEnd(gid, roundBefore);
    }

    function finalize(uint256 seed) external {
        if (requestIds.length == 0) return;
        uint256[] memory ids = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            ids[i] = requestIds[(seed + i) % requestIds.length];
        }
        oracle.finalizeBatch(ids);
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

    // ---------------------------------------------------------------- honest behaviour

    function _honestActs() internal {
        for (uint256 i; i < requestIds.length; ++i) {
            uint256 id = requestIds[i];
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            if (
                r.status == IOpmlOracle.Status.Submitted && block.timestamp <= r.windowEnd
                    && r.resultStateHash != _stateHash(NO_FAULT, T)
                    && !oracle.hasChallenged(id, r.round, honest) && r.submitter != honest
            ) _challenge(id, honest);
        }
        for (uint256 i; i < gameIds.length; ++i) {
            uint256 gid = gameIds[i];
            for (uint256 k; k < 2 * 5 + 2; ++k) {
                IBisectionGame.Game memory g = game.gameOf(gid);
                if (gameEnded[gid] || block.timestamp > g.deadline) break;
                if (g.phase == IBisectionGame.Phase.DefenderToBisect && g.defender == honest) {
                    _bisect(gid, g);
                } else if (g.phase == IBisectionGame.Phase.ChallengerToRespond && g.challenger == honest) {
                    _respond(gid, g);
                } else if (g.phase == IBisectionGame.Phase.DefenderToStep) {
                    // An honest party steps whenever stepping makes it win (anyone may step).
                    bytes memory proof = _preimage(NO_FAULT, g.lo);
                    if (ToyVM.hashPreimage(proof) != g.loHash) break;
                    bytes32 post = _stateHash(NO_FAULT, g.lo + 1);
                    bool defenderWins = post == g.hiHash;
                    if ((defenderWins && g.defender == honest) || (!defenderWins && g.challenger == honest)) {
                        uint256 roundBefore = oracle.getRequest(oracle.getChallenge(gid).requestId).round;
                        game.step(gid, proof);
                        _recordEnd(gid, roundBefore);
                    }
                    break;
                } else {
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _challenge(uint256 id, address who) internal {
        uint256 bond = oracle.parameters().challengerBond;
        vm.prank(who);
        uint256 gid = oracle.challenge{value: bond}(id, _output(faultOf[who]), _preimage(faultOf[who], T));
        ghostIn += bond;
        gameIds.push(gid);
    }

    function _bisect(uint256 gid, IBisectionGame.Game memory g) internal {
        uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
        vm.prank(g.defender);
        game.bisect(gid, _stateHash(faultOf[g.defender], mid));
    }

    function _respond(uint256 gid, IBisectionGame.Game memory g) internal {
        uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
        vm.prank(g.challenger);
        game.respond(gid, g.midHash == _stateHash(faultOf[g.challenger], mid));
    }

    function _recordEnd(uint256 gid, uint256 roundBefore) internal {
        gameEnded[gid] = true;
        IBisectionGame.Game memory g = game.gameOf(gid);
        // A game against an already replaced result is void: nobody wins or loses anything.
        if (oracle.getChallenge(gid).round != roundBefore) return;
        address loser = g.phase == IBisectionGame.Phase.DefenderWon ? g.challenger : g.defender;
        if (loser == honest) ++ghostHonestLosses;
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
