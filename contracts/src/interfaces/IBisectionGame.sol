// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IBisectionGame
/// @notice Two-party bisection over a T-step trace of the model VM. The defender (the owner of the oracle claim
///         under challenge: the submission or an earlier claim) and the challenger (the owner of the new claim)
///         agree on the state at step 0 (computed on-chain by the oracle) and disagree on the state at step T (the
///         defender's claim is `hiHash`). The oracle decides what the outcome means for its claims.
///
///         Moves alternate, each within a fixed per-move deadline D (copied from the oracle at creation):
///         1. Defender `bisect`s: posts its state hash at `mid = lo + (hi - lo) / 2`.
///         2. Challenger `respond`s: agree -> `lo = mid` (the posted hash becomes the agreed pre-state);
///            disagree -> `hi = mid` (the posted hash becomes the disputed post-state).
///         Repeat until `hi - lo == 1` (after at most ⌈log2 T⌉ rounds; exactly that many when T = 2^k), then anyone may `step` with a
///         one-step proof: the VM runs step `lo` from `loHash`; the defender wins iff the result equals `hiHash`.
///         The step is the defender's move: if nobody steps before the deadline, the defender loses.
///
///         A party that misses its deadline loses (`timeout`, permissionless). Worst-case length of a game:
///         `(2·⌈log2 T⌉ + 1) · D` after creation (≤ ⌈log2 T⌉ bisect + ≤ ⌈log2 T⌉ respond + 1 step move, each
///         taking at most D), plus the block in which someone calls `timeout`.
///
///         Why the honest side always wins when it plays: if the defender is honest, both `loHash` and
///         `hiHash` are always honest states (only the defender posts hashes), so the step from `loHash`
///         yields `hiHash`. If the challenger is honest, `loHash` is always honest (it only agrees with honest
///         hashes) and `hiHash` never is (it only disagrees with dishonest ones), so the step yields a hash
///         that differs from `hiHash`.
interface IBisectionGame {
    /// @notice Where a game stands; also says whose move it is.
    enum Phase {
        None,
        /// @dev defender must post the midpoint hash
        DefenderToBisect,
        /// @dev challenger must agree or disagree with the posted midpoint hash
        ChallengerToRespond,
        /// @dev range is one step: anyone may `step`; on timeout the defender loses
        DefenderToStep,
        DefenderWon,
        ChallengerWon
    }

    /// @notice One game. Slot 0 is the only slot every move rewrites (besides one hash).
    struct Game {
        uint64 lo;
        uint64 hi;
        uint40 deadline;
        uint32 moveDeadline;
        Phase phase;
        address defender;
        /// @dev the oracle's model version (weights root and shape snapshot) the step runs against
        uint64 modelVersion;
        address challenger;
        bytes32 loHash;
        bytes32 hiHash;
        bytes32 midHash;
    }

    /// @notice The caller is not the oracle this game belongs to.
    error BisectionGame_NotOracle(address caller);
    /// @notice No game with this id.
    error BisectionGame_UnknownGame(uint256 gameId);
    /// @notice The move does not fit the game's phase.
    error BisectionGame_WrongPhase(uint256 gameId, Phase phase);
    /// @notice The caller is not the party whose move it is.
    error BisectionGame_NotYourMove(uint256 gameId, address caller);
    /// @notice The move came after the deadline; the side to move can only lose by `timeout` now.
    error BisectionGame_DeadlinePassed(uint256 gameId, uint256 deadline);
    /// @notice `timeout` before the deadline.
    error BisectionGame_DeadlineNotPassed(uint256 gameId, uint256 deadline);
    /// @notice Trace length is zero or does not fit 64 bits.
    error BisectionGame_BadTraceLength(uint256 traceLength);

    /// @notice A game was opened by the oracle.
    event GameCreated(
        uint256 indexed gameId,
        address indexed defender,
        address indexed challenger,
        uint256 modelVersion,
        uint256 traceLength,
        bytes32 initialStateHash,
        bytes32 defenderFinalHash,
        uint256 deadline
    );
    /// @notice The defender posted its state hash at `mid`.
    event Bisected(uint256 indexed gameId, uint256 mid, bytes32 midHash, uint256 deadline);
    /// @notice The challenger answered; the disputed range is now [lo, hi].
    event Responded(uint256 indexed gameId, bool agree, uint256 lo, uint256 hi, uint256 deadline);
    /// @notice The one-step proof ran: `postStateHash` is the VM's state after step `lo`.
    event StepProven(uint256 indexed gameId, address indexed prover, bytes32 postStateHash, bool defenderWon);
    /// @notice The side to move missed its deadline.
    event TimedOut(uint256 indexed gameId, Phase phase, bool defenderWon);

    /// @notice Opens a game. Only the oracle.
    /// @return gameId Sequential id, starting at 1.
    function createGame(
        uint256 modelVersion,
        address defender,
        address challenger,
        uint256 traceLength,
        bytes32 initialStateHash,
        bytes32 defenderFinalHash,
        uint256 moveDeadline
    ) external returns (uint256 gameId);

    /// @notice Defender's move: its state hash at the midpoint of the disputed range.
    function bisect(uint256 gameId, bytes32 midHash) external;

    /// @notice Challenger's move: whether it agrees with the defender's midpoint hash.
    function respond(uint256 gameId, bool agree) external;

    /// @notice Anyone, once the range is one step: runs the VM's step from the agreed pre-state and ends the
    ///         game. Reverts with the VM's error if the proof does not open `loHash`.
    function step(uint256 gameId, bytes calldata proof) external;

    /// @notice Anyone, after the deadline: the side to move loses.
    function timeout(uint256 gameId) external;

    /// @notice The game record. Once the game has ended only `lo`, `hi`, `deadline`, `moveDeadline` and `phase` (the
    ///         result) are kept; the parties, the model version and the hashes read as zero (the events keep them).
    function gameOf(uint256 gameId) external view returns (Game memory);

    /// @notice Upper bound, in seconds from creation, on how long a game over `traceLength` steps lasts
    ///         with per-move deadline `moveDeadline`: `(2·⌈log2 T⌉ + 1) · moveDeadline`.
    function maxDuration(uint256 traceLength, uint256 moveDeadline) external pure returns (uint256);

    /// @notice The oracle that creates games and is told their outcome.
    function ORACLE() external view returns (address);
}
