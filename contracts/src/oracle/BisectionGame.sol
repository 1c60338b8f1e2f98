// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBisectionGame} from "../interfaces/IBisectionGame.sol";
import {IOpmlOracle} from "../interfaces/IOpmlOracle.sol";
import {IModelVM} from "../interfaces/IModelVM.sol";

/// @title BisectionGame
/// @notice Two-party bisection games for one OpmlOracle (see IBisectionGame). A separate contract so the
///         oracle stays small; each move rewrites one packed slot plus at most one hash.
/// @dev Deadline model: a fixed deadline per move (not a chess clock). Worst case `(2·⌈log2 T⌉ + 1)·D`.
contract BisectionGame is IBisectionGame {
    /// @inheritdoc IBisectionGame
    address public immutable ORACLE;
    IModelVM internal immutable _VM;

    uint256 internal _nextGameId = 1;
    mapping(uint256 gameId => Game) internal _games;

    constructor(address oracle, IModelVM vm) {
        ORACLE = oracle;
        _VM = vm;
    }

    /// @inheritdoc IBisectionGame
    function createGame(
        uint256 modelVersion,
        address defender,
        address challenger,
        uint256 traceLength,
        bytes32 initialStateHash,
        bytes32 defenderFinalHash,
        uint256 moveDeadline
    ) external returns (uint256 gameId) {
        // SAFETY: only the oracle opens games, so every game is backed by bonds in the oracle's books.
        if (msg.sender != ORACLE) revert BisectionGame_NotOracle(msg.sender);
        // INVARIANT: the trace has at least one step and fits the packed range fields.
        if (traceLength == 0 || traceLength > type(uint64).max) {
            revert BisectionGame_BadTraceLength(traceLength);
        }
        gameId = _nextGameId++;
        uint256 deadline = block.timestamp + moveDeadline;
        Game storage g = _games[gameId];
        g.lo = 0;
        g.hi = uint64(traceLength);
        g.deadline = uint40(deadline);
        g.moveDeadline = uint32(moveDeadline);
        g.phase = traceLength == 1 ? Phase.DefenderToStep : Phase.DefenderToBisect;
        g.defender = defender;
        g.modelVersion = uint64(modelVersion);
        g.challenger = challenger;
        g.loHash = initialStateHash;
        g.hiHash = defenderFinalHash;
        // Pre-paid here so that every later `bisect` rewrites a nonzero slot (2,900 gas instead of 20,000).
        g.midHash = defenderFinalHash;
        emit GameCreated(
            gameId,
            defender,
            challenger,
            modelVersion,
            traceLength,
            initialStateHash,
            defenderFinalHash,
            deadline
        );
    }

    /// @inheritdoc IBisectionGame
    function bisect(uint256 gameId, bytes32 midHash) external {
        Game storage g = _games[gameId];
        Phase phase = g.phase;
        if (phase != Phase.DefenderToBisect) revert BisectionGame_WrongPhase(gameId, phase);
        if (msg.sender != g.defender) revert BisectionGame_NotYourMove(gameId, msg.sender);
        // INVARIANT: a move after its deadline is not accepted; the mover can only lose by timeout.
        if (block.timestamp > g.deadline) revert BisectionGame_DeadlinePassed(gameId, g.deadline);
        uint256 deadline = block.timestamp + g.moveDeadline;
        g.midHash = midHash;
        g.deadline = uint40(deadline);
        g.phase = Phase.ChallengerToRespond;
        emit Bisected(gameId, g.lo + (g.hi - g.lo) / 2, midHash, deadline);
    }

    /// @inheritdoc IBisectionGame
    function respond(uint256 gameId, bool agree) external {
        Game storage g = _games[gameId];
        Phase phase = g.phase;
        if (phase != Phase.ChallengerToRespond) revert BisectionGame_WrongPhase(gameId, phase);
        if (msg.sender != g.challenger) revert BisectionGame_NotYourMove(gameId, msg.sender);
        // INVARIANT: a move after its deadline is not accepted; the mover can only lose by timeout.
        if (block.timestamp > g.deadline) revert BisectionGame_DeadlinePassed(gameId, g.deadline);
        uint64 lo = g.lo;
        uint64 hi = g.hi;
        uint64 mid = lo + (hi - lo) / 2;
        // INVARIANT: loHash is always agreed by both sides, hiHash always the defender's disputed claim.
        if (agree) {
            lo = mid;
            g.loHash = g.midHash;
        } else {
            hi = mid;
            g.hiHash = g.midHash;
        }
        uint256 deadline = block.timestamp + g.moveDeadline;
        g.lo = lo;
        g.hi = hi;
        g.deadline = uint40(deadline);
        g.phase = hi - lo == 1 ? Phase.DefenderToStep : Phase.DefenderToBisect;
        emit Responded(gameId, agree, lo, hi, deadline);
    }

    /// @inheritdoc IBisectionGame
    function step(uint256 gameId, bytes calldata proof) external {
        Game storage g = _games[gameId];
        Phase phase = g.phase;
        if (phase != Phase.DefenderToStep) revert BisectionGame_WrongPhase(gameId, phase);
        if (block.timestamp > g.deadline) revert BisectionGame_DeadlinePassed(gameId, g.deadline);
        (bytes32 weightsRoot, bytes memory shape) = IOpmlOracle(ORACLE).modelVersion(g.modelVersion);
        // SAFETY: the VM reverts unless `proof` opens the agreed pre-state and the committed weights, so the
        // post-state is the unique honest successor of loHash.
        bytes32 post = _VM.step(weightsRoot, shape, g.loHash, proof);
        bool defenderWon = post == g.hiHash;
        emit StepProven(gameId, msg.sender, post, defenderWon);
        _end(g, gameId, defenderWon);
    }

    /// @inheritdoc IBisectionGame
    function timeout(uint256 gameId) external {
        Game storage g = _games[gameId];
        Phase phase = g.phase;
        if (phase == Phase.None) revert BisectionGame_UnknownGame(gameId);
        if (phase == Phase.DefenderWon || phase == Phase.ChallengerWon) {
            revert BisectionGame_WrongPhase(gameId, phase);
        }
        if (block.timestamp <= g.deadline) revert BisectionGame_DeadlineNotPassed(gameId, g.deadline);
        // The side to move loses; the step is the defender's move.
        bool defenderWon = phase == Phase.ChallengerToRespond;
        emit TimedOut(gameId, phase, defenderWon);
        _end(g, gameId, defenderWon);
    }

    /// @inheritdoc IBisectionGame
    function gameOf(uint256 gameId) external view returns (Game memory) {
        return _games[gameId];
    }

    /// @inheritdoc IBisectionGame
    function maxDuration(uint256 traceLength, uint256 moveDeadline) external pure returns (uint256) {
        return (2 * _ceilLog2(traceLength) + 1) * moveDeadline;
    }

    /// @dev Marks the game over before telling the oracle, so a re-entrant call finds it ended, and deletes what an
    ///      ended game no longer needs: slot 0 stays (the result in `phase`, and where the bisection stopped), the
    ///      parties, the model version and the three hashes (slots 1-5) are deleted (the events keep them). No
    ///      move reads them after the end: every move checks the phase first.
    function _end(Game storage g, uint256 gameId, bool defenderWon) internal {
        g.phase = defenderWon ? Phase.DefenderWon : Phase.ChallengerWon;
        assembly ("memory-safe") {
            let slot := g.slot
            sstore(add(slot, 1), 0)
            sstore(add(slot, 2), 0)
            sstore(add(slot, 3), 0)
            sstore(add(slot, 4), 0)
            sstore(add(slot, 5), 0)
        }
        IOpmlOracle(ORACLE).onGameResolved(gameId, defenderWon);
    }

    function _ceilLog2(uint256 x) internal pure returns (uint256 r) {
        while ((uint256(1) << r) < x) ++r;
    }
}
