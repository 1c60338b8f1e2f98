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
///         Disputes: CLAIMS, THE EARLIEST UNDEFEATED CLAIM WINS. A request with a result holds an ordered list of
///         claims about its final state. Claim 0 is the submission and is never replaced. Within the challenge
///         window (fixed at submission) anyone may post claim n by `challenge(requestId, target, ...)`, which opens
///         one bisection game between the target claim (defender: its owner) and the new claim (challenger), or
///         by `vouch(requestId, claimIndex)`, a bonded copy of an existing claim with no game (so a watcher can
///         hold its own copy of the true claim, which a last-second attack on an offline submitter cannot take
///         away). A game that ends defeats its loser, unless the target was already defeated or the loser was
///         already defeated (the game is then void and moves no money); at its first defeat a claim's bond is
///         split: `slashWinnerBps` (at most `MAX_SLASH_WINNER_BPS`) to the winner, the rest burned or to the
///         treasury. Nothing is replaced while games run: once the window has passed and every game has ended,
///         `finalize` makes the hash of the undefeated claim with the smallest index (the leader) the result. Its
///         owner gets the reward, the callback gas payment and its bond; if that hash differs from the
///         submission's, the callback runs once more with the leader's output (ORA's `updateResult`). Bonds of
///         the other undefeated claims are pulled with `releaseBond`. There are fewer games than claims and a
///         game defeats at most one claim, so a leader always exists.
///
///         Bound: every game starts by the window's end and lasts at most `(2·⌈log2 T⌉ + 1) · D` (D the game's
///         move deadline), so a request with a result can be finalized by `windowEnd + (2·⌈log2 T⌉ + 1) · D`,
///         however many parties collude; with one honest live party the result is then the true one
///         (docs/oracle.md: the strategy, the proof sketch and what delay costs).
///
///         Protocol fees accrue in a counter (`protocolFeesAccrued`) until `collectProtocolFees` credits the treasury.
///
///         Expiry: a request that gets no result within `requestTimeout` seconds (fixed at request time as
///         `expiresAt`) can no longer be answered; anyone may then `refundExpired` it (or sweep it with
///         `finalizeBatch`), crediting its escrow back to the requester. `Expired` is terminal.
///
///         Books: every wei the oracle holds is in exactly one of: a pull credit (`creditOf`), accrued protocol
///         fees, the escrow of an unfinalized, unexpired request (submitter reward + callback gas payment), the
///         bond of a claim that is neither defeated, paid out nor released, or `burned` (never withdrawable).
interface IOpmlOracle {
    /// @notice Where a request stands.
    enum Status {
        /// @dev requested, no result yet (or unknown id)
        Requested,
        /// @dev a result is posted; claims may be posted during its window and games may be open
        Submitted,
        /// @dev final; reward, callback gas payment and bond credited to the owner of the winning claim
        Finalized,
        /// @dev no result before `expiresAt`; the escrow was credited back to the requester (terminal)
        Expired
    }

    /// @notice How a claim came to be.
    enum ClaimKind {
        /// @dev claim 0: the result posted by `submit`
        Submission,
        /// @dev posted by `challenge`, with a game against its parent (the target)
        Challenge,
        /// @dev posted by `vouch`: a bonded copy of its parent's final state, with no game
        Vouch
    }

    /// @notice Owner-set parameters. Packed in three storage slots. `submitterReward`, `callbackGasPrice` and the
    ///         bonds must be whole numbers of gwei (requests store amounts in gwei to fit in two slots).
    /// @param submitterReward Paid to the owner of the winning claim (part of the fee).
    /// @param protocolFee Accrued for the treasury at request time (part of the fee).
    /// @param callbackGasPrice Wei per unit of callback gas charged to requesters; ≤ CALLBACK_GAS_PRICE_CAP.
    /// @param submitterBond Exact `msg.value` of `submit`. The part of it a defeat burns must exceed
    ///        `submitterReward` (else a liar who corrects its own result from a second address profits).
    /// @param challengerBond Exact `msg.value` of `challenge` and `vouch`.
    /// @param challengeWindow Seconds after a result is posted during which claims can be posted.
    /// @param responseDeadline Seconds each move of a bisection game may take (fixed per move, copied per game).
    /// @param slashWinnerBps Share of a defeated claim's bond credited to the winner of the game that defeated
    ///        it; the rest is slashed. At most `MAX_SLASH_WINNER_BPS`, so every defeat burns at least 20 %.
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

    /// @notice A request and its result, as `getRequest` returns it (storage is packed differently: three
    ///         slots at request time, one more at submission, the dispute's own records from the first claim on;
    ///         amounts are kept in gwei).
    struct Request {
        address callbackContract;
        uint256 gasLimit;
        uint256 traceLength;
        /// @dev snapshot of the model's (weightsRoot, shape) taken at request time (see `modelVersion`)
        uint256 modelVersion;
        /// @dev submitter reward + callback gas payment, paid to the owner of the winning claim
        uint256 escrow;
        /// @dev bond of claim 0 still held (0 once paid out or slashed)
        uint256 bond;
        bytes32 initialStateHash;
        /// @dev the account refunded on expiry; zero once a result was posted (the slot then holds the submitter;
        ///      `AICallbackRequest.account` keeps it)
        address requester;
        /// @dev when an unanswered request expires; zero once a result was posted
        uint256 expiresAt;
        /// @dev owner of claim 0
        address submitter;
        /// @dev last second at which claims may be posted
        uint256 windowEnd;
        /// @dev games not yet ended
        uint256 openGames;
        /// @dev how many times the callback ran after the first result: 1 once the request finalized with a
        ///      final state other than the submission's (the callback then ran again), else 0
        uint256 round;
        Status status;
        /// @dev claim 0's final state hash: the result the callback got at submission
        bytes32 resultStateHash;
        bytes callbackData;
        /// @dev claims so far, claim 0 included (0 before a result)
        uint256 claimCount;
        /// @dev the undefeated claim with the smallest index (the winning claim once final)
        uint256 leader;
        /// @dev the final result's state hash (zero until `Finalized`)
        bytes32 finalStateHash;
    }

    /// @notice One claim of a request, as `getClaim` returns it.
    struct Claim {
        address owner;
        ClaimKind kind;
        /// @dev Challenge: the target (the other side of its game); Vouch: the claim whose final state it copies
        ///      (never itself a vouch); Submission: 0
        uint256 parent;
        /// @dev bond still held (0 once paid out with the reward, slashed or released)
        uint256 bond;
        bool defeated;
        bytes32 stateHash;
        /// @dev the output a challenge posted with its final state (empty for the submission and for vouches,
        ///      whose output is their parent's)
        bytes output;
    }

    /// @notice Which claims a game is between.
    struct GameClaims {
        uint64 requestId;
        /// @dev the claim the game's challenger posted (it posted the game)
        uint32 challengerClaim;
        /// @dev the claim it disputes, defended by its owner
        uint32 targetClaim;
        /// @dev never true in storage: a settled game's record is deleted (kept for the ABI's sake)
        bool settled;
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
    /// @notice Claims can be posted only on a request that has a result and is not final.
    error OpmlOracle_NotChallengeable(uint256 requestId, Status status);
    /// @notice The challenge window of the result has passed.
    error OpmlOracle_ChallengeWindowClosed(uint256 requestId, uint256 windowEnd);
    /// @notice The request has no claim with this index (claims are numbered from 0, the submission).
    error OpmlOracle_UnknownClaim(uint256 requestId, uint256 claimIndex);
    /// @notice The claim was defeated in a game: it can no longer be challenged or vouched for.
    error OpmlOracle_ClaimDefeated(uint256 requestId, uint256 claimIndex);
    /// @notice A challenge must post a final state other than its target's.
    error OpmlOracle_SameClaim(uint256 requestId, bytes32 stateHash);
    /// @notice The caller owns the target claim and cannot challenge it.
    error OpmlOracle_SelfChallenge(uint256 requestId, uint256 claimIndex);
    /// @notice `finalize` on a request whose result is not ready (no result, window open, games open, or final).
    error OpmlOracle_NotReady(uint256 requestId);
    /// @notice `releaseBond` before the request is final.
    error OpmlOracle_NotFinalized(uint256 requestId, Status status);
    /// @notice `releaseBond` on a claim that holds no bond: claim 0 or the winning claim (paid at finalization),
    ///         a defeated claim (slashed) or one already released.
    error OpmlOracle_NothingToRelease(uint256 requestId, uint256 claimIndex);
    /// @notice Every claim of the request is defeated. Cannot happen: a game defeats at most one claim and there
    ///         are fewer games than claims (this guards the rule's arithmetic).
    error OpmlOracle_NoStandingClaim(uint256 requestId);
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
    /// @notice `slashWinnerBps` above `MAX_SLASH_WINNER_BPS`: a defeat must burn at least
    ///         `10,000 − MAX_SLASH_WINNER_BPS` bps of the bond, so colluders who pay each other always lose money.
    error OpmlOracle_WinnerShareTooHigh(uint256 slashWinnerBps, uint256 maxSlashWinnerBps);
    /// @notice The part of a submitter bond a defeat slashes does not exceed `submitterReward`: a liar could then
    ///         correct its own wrong result from a second address and keep a profit. Raise `submitterBond` or lower
    ///         `slashWinnerBps` or `submitterReward`.
    error OpmlOracle_LyingPays(uint256 slashedOfSubmitterBond, uint256 submitterReward);

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

    /// @notice The callback ran with a result: the submission (`round` 0, by `submit`) or, at finalization, a
    ///         final result other than the submission (`round` 1; `submitter` is then the winning claim's owner).
    event AICallbackResult(
        uint256 indexed requestId,
        address indexed submitter,
        uint32 round,
        bytes output,
        bytes32 finalStateHash,
        uint256 windowEnd,
        bool callbackSucceeded
    );
    /// @notice Claim `claimIndex` was posted: a challenge of claim `parent` that opened game `gameId`, or a vouch
    ///         copying claim `parent`'s final state (`gameId` 0).
    event ClaimPosted(
        uint256 indexed requestId,
        uint256 indexed claimIndex,
        address indexed owner,
        ClaimKind kind,
        uint256 parent,
        uint256 gameId,
        bytes32 stateHash,
        uint256 bond
    );
    /// @notice Claim `claimIndex` lost game `gameId` to claim `byClaim` and is defeated: `toWinner` of its bond
    ///         was credited to `winner` (the owner of `byClaim`), `slashed` burned or credited to the treasury.
    event ClaimDefeated(
        uint256 indexed requestId,
        uint256 indexed claimIndex,
        uint256 indexed gameId,
        uint256 byClaim,
        address winner,
        uint256 toWinner,
        uint256 slashed
    );
    /// @notice Game `gameId` ended void: its target, or its loser, had already been defeated by another game.
    ///         Nothing moved.
    event GameVoided(uint256 indexed requestId, uint256 indexed gameId, uint256 loserClaim);
    /// @notice The request is final; `paid` (reward + callback gas payment + the winning claim's bond) was
    ///         credited to `submitter`, the owner of the winning claim.
    event ResultFinalized(uint256 indexed requestId, address indexed submitter, uint256 paid);
    /// @notice A request with claims besides the submission finalized: claim `claimIndex` won and its final state
    ///         hash is the result. Emitted beside `ResultFinalized`.
    event DisputeResolved(uint256 indexed requestId, uint256 indexed claimIndex, bytes32 finalStateHash);
    /// @notice The bond of an undefeated claim that did not win was credited back to its owner.
    event BondReleased(
        uint256 indexed requestId, uint256 indexed claimIndex, address indexed owner, uint256 amount
    );
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

    /// @notice Whether the request's result is final (kept for ever: the status is never deleted).
    function isFinalized(uint256 requestId) external view returns (bool);

    // ----------------------------------------------------------------------------------------------------
    // Results, claims, finality
    // ----------------------------------------------------------------------------------------------------

    /// @notice Posts a result (claim 0) with `msg.value == submitterBond`. The first valid submission takes the
    ///         request. `finalState` is the preimage of the state at pc = T (docs/vm-spec.md:
    ///         `uint256 pc || int256 acc || bytes32 memoryRoot || out`, `out` = the n_L output words) and `out`
    ///         must equal `output`. The oracle decodes it itself, accepting exactly what
    ///         `IModelVM.decodeFinalState` accepts with pc = T and outputHash = keccak256(output). Runs the
    ///         callback with exactly the paid gas limit; a failing callback does not revert the submission.
    ///         Reverts `OpmlOracle_RequestExpired` after the request's `expiresAt`.
    function submit(uint256 requestId, bytes calldata output, bytes calldata finalState) external payable;

    /// @notice Posts a claim with a final state other than claim `target`'s, with `msg.value == challengerBond`,
    ///         within the window, and opens a bisection game between them (defender: the target's owner, who may
    ///         not be the caller; challenger: the caller). `target` must exist and be undefeated. A final state may
    ///         equal another claim's (an honest party posts its own copy of the true claim against each wrong
    ///         claim it must defeat). Nothing is replaced: see `finalize`.
    /// @return claimIndex The new claim's index.
    /// @return gameId The game's id in the bisection game contract.
    function challenge(uint256 requestId, uint256 target, bytes calldata output, bytes calldata finalState)
        external
        payable
        returns (uint256 claimIndex, uint256 gameId);

    /// @notice Posts a bonded copy of undefeated claim `claimIndex`'s final state (`msg.value == challengerBond`),
    ///         within the window, opening no game. It ranks by its own index and can be challenged like any
    ///         claim. A watcher who holds a copy of the true claim cannot be outflanked by a last-second challenge
    ///         of a true claim whose owner is offline (docs/oracle.md).
    /// @return newIndex The new claim's index.
    function vouch(uint256 requestId, uint256 claimIndex) external payable returns (uint256 newIndex);

    /// @notice Called by the bisection game when game `gameId` ends. Defeats the loser's claim (splitting its
    ///         bond) unless the target or the loser was already defeated (the game is then void).
    function onGameResolved(uint256 gameId, bool defenderWon) external;

    /// @notice Makes a result final once its window has passed and every game has ended. Permissionless. The
    ///         undefeated claim with the smallest index wins: its owner is credited the reward, the callback gas
    ///         payment and its bond, and if its final state differs from the submission's the callback runs again
    ///         with its output (the caller must then leave enough gas for it, as for `submit`).
    function finalize(uint256 requestId) external;

    /// @notice `finalize` for many ids, sweeping expired ones too: an id ready to finalize is finalized, an
    ///         expired unanswered id is refunded as by `refundExpired`, any other id is skipped (`FinalizeSkipped`).
    /// @return settled How many were finalized or refunded.
    function finalizeBatch(uint256[] calldata requestIds) external returns (uint256 settled);

    /// @notice Credits the bond of undefeated claim `claimIndex` of a final request back to its owner, unless it
    ///         won (its bond was paid with the reward). Permissionless; once per claim.
    function releaseBond(uint256 requestId, uint256 claimIndex) external returns (uint256 amount);

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

    /// @notice A request and its result. Once a request is final or expired its working state is deleted
    ///         (docs/oracle.md, "What is deleted"): a `Finalized` request reads `status`, `submitter`, `windowEnd`,
    ///         `resultStateHash`, `finalStateHash`, `round`, `claimCount`, `leader` and `bond` (0) as before, and
    ///         zero `callbackContract`, `gasLimit`, `modelVersion`, `traceLength`, `escrow` (paid),
    ///         `initialStateHash` and empty `callbackData`; an `Expired` one keeps everything but
    ///         `initialStateHash` and `callbackData` (its `escrow` is the refund it got).
    function getRequest(uint256 requestId) external view returns (Request memory);
    /// @notice Claim `claimIndex` of a request (claim 0 is the submission). Reverts `OpmlOracle_UnknownClaim`.
    ///         Once the request is final, the record of a claim whose bond left (the winner at finalization, the
    ///         others at `releaseBond`) is deleted: such a claim reads as owner zero, kind `Submission`, bond 0 and
    ///         zero state hash and output (as does a vouch that copied it); `defeated` stays exact, and the events
    ///         (`ClaimPosted`, `DisputeResolved`, `BondReleased`) keep the history.
    function getClaim(uint256 requestId, uint256 claimIndex) external view returns (Claim memory);
    /// @notice The claims game `gameId` is between while it runs. All zero for a game the oracle did not open, and
    ///         for one it settled (the record is deleted then; `ClaimPosted` and `ClaimDefeated`/`GameVoided` keep it).
    function getGameClaims(uint256 gameId) external view returns (GameClaims memory);
    /// @notice The weights root and shape of a recorded model version (what games step against).
    function modelVersion(uint256 version) external view returns (bytes32 weightsRoot, bytes memory shape);
    function parameters() external view returns (Parameters memory);
    function creditOf(address account) external view returns (uint256);
    /// @notice Slashed wei kept in the books forever (never withdrawable).
    function burned() external view returns (uint256);
    function nextRequestId() external view returns (uint256);
    function CALLBACK_GAS_PRICE_CAP() external view returns (uint256);
    /// @notice Largest `slashWinnerBps` `setParameters` accepts (8,000: a defeat burns at least 20 %).
    function MAX_SLASH_WINNER_BPS() external view returns (uint256);
    function VM() external view returns (IModelVM);
    function REGISTRY() external view returns (IModelRegistry);
    function GAME() external view returns (IBisectionGame);
}
