// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelVM} from "./IModelVM.sol";
import {IModelRegistry} from "./IModelRegistry.sol";
import {IBisectionGame} from "./IBisectionGame.sol";

/// @title IOpmlOracle
/// @notice An optimistic-ML oracle with ORA's request/callback shape and permissionless, bonded submitters
///         and challengers. See docs/oracle.md.
///
///         Fee of a request: `modelFee + submitterReward + protocolFee + gasLimit · callbackGasPrice`, where
///         `callbackGasPrice` is set by the owner below the immutable `CALLBACK_GAS_PRICE_CAP` (nobody who runs
///         a node can inflate it). Paying more than the fee is allowed: the excess is credited to the payer's
///         pull balance (`withdraw`). The model fee is split at request time into pull credits: the model's
///         revenue receiver (its RevShareToken) gets `receiverBps`, the model owner the rest; anyone may
///         `flush(receiver)` to push the receiver's credit to it as plain ETH revenue.
///
///         Multiple challengers: ONE GAME PER CHALLENGER. Any number of challengers may open games against
///         the current result within its challenge window (one each per result); the games run in parallel.
///         The result finalizes when its window has passed and every game against it has ended with the
///         defender winning. Delay attack bound: griefers who challenge a correct result (they lose against an
///         honest defender who plays) delay finality by at most the length of one game,
///         `(2·⌈log2 T⌉ + 1) · responseDeadline`, past the window, however many of them there are, and each
///         loses its bond. If a challenger wins, its claim becomes the result with a fresh window (a new
///         "round"); games still open against the replaced result are void and their challengers' bonds are
///         refunded when they end.
///
///         Protocol fees accrue in a counter (`protocolFeesAccrued`) until `collectProtocolFees` credits the treasury.
///
///         Expiry: a request that gets no result within `requestTimeout` seconds (fixed at request time as
///         `expiresAt`) can no longer be answered; anyone may then `refundExpired` it (or sweep it with
///         `finalizeBatch`), crediting its escrow back to the requester. `Expired` is terminal.
///
///         Books: every wei the oracle holds is in exactly one of: a pull credit (`creditOf`), accrued protocol fees, the escrow of an
///         unfinalized, unexpired request (submitter reward + callback gas payment), a bond held for the current result
///         of an unfinalized request, a bond of an open challenge, or `burned` (never withdrawable).
interface IOpmlOracle {
    /// @notice Where a request stands.
    enum Status {
        /// @dev requested, no result yet (or unknown id)
        Requested,
        /// @dev a result is posted and may still be challenged or replaced
        Submitted,
        /// @dev final; bond, reward and callback gas payment credited to the submitter
        Finalized,
        /// @dev no result before `expiresAt`; the escrow was credited back to the requester (terminal)
        Expired
    }

    /// @notice Owner-set parameters. Packed in three storage slots. `submitterReward`, `callbackGasPrice` and the
    ///         bonds must be whole numbers of gwei (requests store amounts in gwei to fit in two slots).
    /// @param submitterReward Paid to the submitter of the final result (part of the fee).
    /// @param protocolFee Accrued for the treasury at request time (part of the fee).
    /// @param callbackGasPrice Wei per unit of callback gas charged to requesters; ≤ CALLBACK_GAS_PRICE_CAP.
    /// @param submitterBond Exact `msg.value` of `submit`.
    /// @param challengerBond Exact `msg.value` of `challenge`.
    /// @param challengeWindow Seconds after a result is posted (or replaced) during which it can be challenged.
    /// @param responseDeadline Seconds each move of a bisection game may take (fixed per move).
    /// @param slashWinnerBps Share of a loser's bond credited to the winner; the rest is slashed.
    /// @param slashToTreasury Slashed rest goes to the treasury's credit if true, else to `burned`.
    /// @param maxCallbackGasLimit Largest gas limit a requester may buy.
    /// @param requestTimeout Seconds a request waits for a result; after that it expires and its escrow can be
    ///        refunded. Read at request time (changing it never touches pending requests).
    /// @param treasury Receives the protocol fee (and the slashed rest if `slashToTreasury`).
    struct Parameters {
        uint96 submitterReward;
        uint96 protocolFee;
        uint64 callbackGasPrice;
        uint96 submitterBond;
        uint96 challengerBond;
        uint32 challengeWindow;
        uint32 responseDeadline;
        uint16 slashWinnerBps;
        bool slashToTreasury;
        uint32 maxCallbackGasLimit;
        uint32 requestTimeout;
        address treasury;
    }

    /// @notice A request and its current result, as `getRequest` returns it (storage is packed differently:
    ///         three slots at request time, one more at submission; amounts are kept in gwei).
    struct Request {
        address callbackContract;
        uint256 gasLimit;
        uint256 traceLength;
        /// @dev snapshot of the model's (weightsRoot, shape) taken at request time (see `modelVersion`)
        uint256 modelVersion;
        /// @dev submitter reward + callback gas payment, paid to the final submitter
        uint256 escrow;
        /// @dev bond backing the current result (0 once final: it was paid out)
        uint256 bond;
        bytes32 initialStateHash;
        /// @dev the account refunded on expiry; zero once a result was posted (the slot then holds the submitter;
        ///      `AICallbackRequest.account` keeps it)
        address requester;
        /// @dev when an unanswered request expires; zero once a result was posted
        uint256 expiresAt;
        address submitter;
        uint256 windowEnd;
        uint256 openGames;
        uint256 round;
        Status status;
        bytes32 resultStateHash;
        bytes callbackData;
    }

    /// @notice How one request's payment was booked (all amounts in wei).
    struct FeeBreakdown {
        address receiver;
        uint256 receiverShare;
        address modelOwner;
        uint256 ownerShare;
        uint256 protocolFee;
        uint256 escrow;
        uint256 refund;
    }

    /// @notice A snapshot of a model's commitments (and what the oracle derives from the shape once: the trace
    ///         length T and the output width n_L, which fix the final state's layout). Requests refer to the
    ///         snapshot taken when they were made, so a model owner who calls `ModelRegistry.setWeights` cannot
    ///         change the rules of a pending dispute.
    struct ModelVersion {
        bytes32 weightsRoot;
        uint64 traceLength;
        uint16 outputWidth;
        bytes shape;
    }

    /// @notice A challenge, keyed by its game id.
    struct Challenge {
        address challenger;
        uint96 bond;
        uint64 requestId;
        /// @dev the request's round when the challenge was opened; a game of an older round is void
        uint32 round;
        bool settled;
        bytes32 claimStateHash;
        bytes output;
    }

    // ----------------------------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------------------------

    /// @notice `msg.value` is below the request's fee.
    error OpmlOracle_InsufficientFee(uint256 required, uint256 sent);
    /// @notice The requested callback gas limit is above `maxCallbackGasLimit`.
    error OpmlOracle_GasLimitTooHigh(uint256 gasLimit, uint256 max);
    /// @notice The trace length does not fit the packed request record (64 bits).
    error OpmlOracle_ValueTooLarge(uint256 value);
    /// @notice No request with this id.
    error OpmlOracle_UnknownRequest(uint256 requestId);
    /// @notice The request already has a result.
    error OpmlOracle_AlreadySubmitted(uint256 requestId);
    /// @notice `submit` after the request's `expiresAt`: it can no longer be answered.
    error OpmlOracle_RequestExpired(uint256 requestId, uint256 expiresAt);
    /// @notice `refundExpired` before the request's `expiresAt`.
    error OpmlOracle_NotExpired(uint256 requestId, uint256 expiresAt);
    /// @notice `refundExpired` on a request that has a result or was already refunded.
    error OpmlOracle_NotRefundable(uint256 requestId, Status status);
    /// @notice `msg.value` is not the bond parameter.
    error OpmlOracle_WrongBond(uint256 required, uint256 sent);
    /// @notice The posted final state is not at pc = T.
    error OpmlOracle_NotFinalState(uint256 pc, uint256 traceLength);
    /// @notice The posted final state is not `96 + 4·n_L` bytes (`pc || acc || memoryRoot || out`, docs/vm-spec.md).
    error OpmlOracle_MalformedFinalState(uint256 length, uint256 expected);
    /// @notice The final state does not bind this output (`keccak256(output)` differs from its outputHash).
    error OpmlOracle_OutputMismatch(bytes32 stateOutputHash, bytes32 outputHash);
    /// @notice The caller did not leave enough gas for the callback to receive its full gas limit
    ///         (EIP-150 forwards at most 63/64 of what is left).
    error OpmlOracle_InsufficientCallbackGas(uint256 available, uint256 required);
    /// @notice The request has no open result (not submitted yet, or already final).
    error OpmlOracle_NotChallengeable(uint256 requestId, Status status);
    /// @notice The challenge window of the current result has passed.
    error OpmlOracle_ChallengeWindowClosed(uint256 requestId, uint256 windowEnd);
    /// @notice This challenger already has a game against the current result.
    error OpmlOracle_AlreadyChallenged(uint256 requestId, address challenger);
    /// @notice The challenger's final state equals the current result's.
    error OpmlOracle_SameClaim(uint256 requestId, bytes32 stateHash);
    /// @notice The submitter cannot challenge its own result.
    error OpmlOracle_SelfChallenge(uint256 requestId);
    /// @notice Too many open games against one result (65,535).
    error OpmlOracle_TooManyGames(uint256 requestId);
    /// @notice `finalize` on a request whose result is not ready (no result, window open, games open, or final).
    error OpmlOracle_NotReady(uint256 requestId);
    /// @notice Only the bisection game may report outcomes.
    error OpmlOracle_NotGame(address caller);
    /// @notice The game was already settled.
    error OpmlOracle_AlreadySettled(uint256 gameId);
    /// @notice Nothing to withdraw.
    error OpmlOracle_NothingToWithdraw(address account);
    /// @notice The ETH transfer of a withdrawal failed.
    error OpmlOracle_TransferFailed(address to, uint256 amount);
    /// @notice An amount parameter is not a whole number of gwei (amounts are stored in gwei).
    error OpmlOracle_NotWholeGwei(bytes32 name);
    /// @notice A parameter is outside its bounds.
    error OpmlOracle_InvalidParameter(bytes32 name);

    // ----------------------------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------------------------

    /// @notice A request was made (ORA's event, plus the fee paid).
    event AICallbackRequest(
        address indexed account,
        uint256 indexed requestId,
        uint256 indexed modelId,
        bytes input,
        address callbackContract,
        uint64 gasLimit,
        bytes callbackData,
        uint256 fee
    );
    /// @notice Where a request's fee went: credits to the model's receiver, the model owner and the treasury,
    ///         escrow held for the submitter, and the payer's overpayment credited back.
    event FeeSplit(uint256 indexed requestId, FeeBreakdown breakdown);

    /// @notice A result was posted (`round` 0) or replaced by a winning challenger (`round` > 0), and the
    ///         callback ran with it.
    event AICallbackResult(
        uint256 indexed requestId,
        address indexed submitter,
        uint32 round,
        bytes output,
        bytes32 finalStateHash,
        uint256 windowEnd,
        bool callbackSucceeded
    );
    /// @notice A challenge opened game `gameId` against the current result.
    event Challenged(
        uint256 indexed requestId,
        uint256 indexed gameId,
        address indexed challenger,
        uint32 round,
        bytes32 claimStateHash,
        uint256 bond
    );
    /// @notice A game ended and its bonds were settled. `voided`: it was against a replaced result, the
    ///         challenger's bond was refunded and nothing else moved.
    event ChallengeSettled(
        uint256 indexed requestId,
        uint256 indexed gameId,
        address indexed winner,
        address loser,
        uint256 toWinner,
        uint256 slashed,
        bool voided
    );
    /// @notice The result is final; `paid` (reward + callback gas payment + bond) was credited to the submitter.
    event ResultFinalized(uint256 indexed requestId, address indexed submitter, uint256 paid);
    /// @notice `finalizeBatch` skipped a request that is neither ready to finalize nor expired.
    event FinalizeSkipped(uint256 indexed requestId);
    /// @notice The request expired unanswered; `refund` (its escrow) was credited to the requester.
    event RequestExpired(uint256 indexed requestId, address indexed requester, uint256 refund);
    /// @notice A pull credit was paid out.
    event Withdrawn(address indexed account, address indexed caller, uint256 amount);
    /// @notice A (weightsRoot, shape) pair was seen for the first time and recorded as version `modelVersion`.
    event ModelVersionRecorded(
        uint256 indexed modelVersion, uint256 indexed modelId, bytes32 weightsRoot, bytes shape
    );
    /// @notice Accrued protocol fees were credited to the treasury.
    event ProtocolFeesCollected(address indexed treasury, uint256 amount);
    /// @notice Parameters changed.
    event ParametersSet(Parameters parameters);

    // ----------------------------------------------------------------------------------------------------
    // Requests
    // ----------------------------------------------------------------------------------------------------

    /// @notice Asks for `modelId`'s output on `input`, delivered to `callbackContract.aiOracleCallback` with
    ///         `gasLimit` gas (no callback if `callbackContract` is zero). Checks `input` with the VM's rule
    ///         (4·n_0 bytes, else `IModelVM.ModelVM_BadInput`) and computes its initial state hash inline.
    ///         Excess `msg.value` is credited to the caller's pull balance.
    /// @return requestId Sequential id, starting at 1.
    function requestCallback(
        uint256 modelId,
        bytes calldata input,
        address callbackContract,
        uint64 gasLimit,
        bytes calldata callbackData
    ) external payable returns (uint256 requestId);

    /// @notice The fee `requestCallback` charges for `modelId` with `gasLimit` callback gas.
    function estimateFee(uint256 modelId, uint256 gasLimit) external view returns (uint256);

    /// @notice Whether the request's result is final.
    function isFinalized(uint256 requestId) external view returns (bool);

    // ----------------------------------------------------------------------------------------------------
    // Results, challenges, finality
    // ----------------------------------------------------------------------------------------------------

    /// @notice Posts a result with `msg.value == submitterBond`. The first valid submission takes the request.
    ///         `finalState` is the preimage of the state at pc = T (docs/vm-spec.md:
    ///         `uint256 pc || int256 acc || bytes32 memoryRoot || out`, `out` = the n_L output words) and `out`
    ///         must equal `output`. The oracle decodes it itself, accepting exactly what
    ///         `IModelVM.decodeFinalState` accepts with pc = T and outputHash = keccak256(output). Runs the
    ///         callback with exactly the paid gas limit; a failing callback does not revert the submission.
    ///         Reverts `OpmlOracle_RequestExpired` after the request's `expiresAt`.
    function submit(uint256 requestId, bytes calldata output, bytes calldata finalState) external payable;

    /// @notice Disputes the current result with a different final state, with `msg.value == challengerBond`,
    ///         within the result's window; opens a bisection game (caller = challenger, submitter = defender).
    /// @return gameId The game's id in the bisection game contract.
    function challenge(uint256 requestId, bytes calldata output, bytes calldata finalState)
        external
        payable
        returns (uint256 gameId);

    /// @notice Called by the bisection game when game `gameId` ends. Settles bonds; if the challenger won,
    ///         its claim becomes the result (new round, fresh window) and the callback runs again with it.
    function onGameResolved(uint256 gameId, bool defenderWon) external;

    /// @notice Makes a result final once its window has passed with no open game. Permissionless.
    function finalize(uint256 requestId) external;

    /// @notice `finalize` for many ids, sweeping expired ones too: an id ready to finalize is finalized, an
    ///         expired unanswered id is refunded as by `refundExpired`, any other id is skipped (`FinalizeSkipped`).
    /// @return settled How many were finalized or refunded.
    function finalizeBatch(uint256[] calldata requestIds) external returns (uint256 settled);

    /// @notice Ends a request that got no result before its `expiresAt`: credits its escrow (submitter reward +
    ///         callback gas payment) to the requester's pull balance and marks it `Expired`. Permissionless.
    function refundExpired(uint256 requestId) external;

    /// @notice Pays the caller's whole pull credit.
    function withdraw() external returns (uint256 amount);

    /// @notice Pays `account`'s whole pull credit to `account` (anyone may call; used for revenue receivers
    ///         such as a RevShareToken, which takes plain ETH as revenue).
    function flush(address account) external returns (uint256 amount);

    /// @notice Credits the protocol fees accrued since the last collection to the current treasury
    ///         (they accrue in one packed counter so that a request does not write the treasury's credit slot).
    function collectProtocolFees() external returns (uint256 amount);

    /// @notice Protocol fees accrued and not yet collected.
    function protocolFeesAccrued() external view returns (uint256);

    /// @notice Sets all parameters (owner only).
    function setParameters(Parameters calldata parameters) external;

    // ----------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------

    function getRequest(uint256 requestId) external view returns (Request memory);
    function getChallenge(uint256 gameId) external view returns (Challenge memory);
    /// @notice The weights root and shape of a recorded model version (what games step against).
    function modelVersion(uint256 version) external view returns (bytes32 weightsRoot, bytes memory shape);
    function parameters() external view returns (Parameters memory);
    function creditOf(address account) external view returns (uint256);
    /// @notice Slashed wei kept in the books forever (never withdrawable).
    function burned() external view returns (uint256);
    function nextRequestId() external view returns (uint256);
    function hasChallenged(uint256 requestId, uint256 round, address challenger) external view returns (bool);
    function CALLBACK_GAS_PRICE_CAP() external view returns (uint256);
    function VM() external view returns (IModelVM);
    function REGISTRY() external view returns (IModelRegistry);
    function GAME() external view returns (IBisectionGame);
}
