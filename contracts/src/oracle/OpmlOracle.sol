// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IOpmlOracle} from "../interfaces/IOpmlOracle.sol";
import {IModelVM} from "../interfaces/IModelVM.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IBisectionGame} from "../interfaces/IBisectionGame.sol";
import {IAICallbackReceiver} from "../interfaces/IAICallbackReceiver.sol";
import {BisectionGame} from "./BisectionGame.sol";

/// @title OpmlOracle
/// @notice Optimistic-ML oracle: ORA's request/callback shape, permissionless bonded submitters and
///         challengers, claims resolved by "the earliest undefeated claim wins" with one bisection game per
///         challenge, pull payments. See IOpmlOracle and docs/oracle.md.
contract OpmlOracle is IOpmlOracle, Ownable2Step {
    /// @notice Hard bounds on parameters, so a compromised owner cannot make games endless or free.
    uint256 public constant MIN_WINDOW = 60;
    uint256 public constant MAX_WINDOW = 30 days;
    uint256 public constant MIN_RESPONSE_DEADLINE = 60;
    uint256 public constant MAX_RESPONSE_DEADLINE = 7 days;
    uint256 public constant MAX_CALLBACK_GAS_LIMIT = 10_000_000;
    uint256 public constant MIN_REQUEST_TIMEOUT = 60;
    uint256 public constant MAX_REQUEST_TIMEOUT = 30 days;
    /// @inheritdoc IOpmlOracle
    /// @dev At least 20 % of every defeated bond is burned (or goes to the treasury), so colluders who pay each
    ///      other lose money on every claim they throw; up to 80 % may still pay an honest winner's gas.
    uint256 public constant MAX_SLASH_WINNER_BPS = 8_000;
    /// @notice Gas kept back, besides the 1/64 EIP-150 keeps, to pay for the CALL itself (cold account access,
    ///         memory) so that the callee receives its full gas limit.
    uint256 internal constant CALLBACK_CALL_OVERHEAD = 5_000;
    uint256 internal constant BPS = 10_000;
    /// @dev Largest amount a uint40 count of gwei holds.
    uint256 internal constant MAX_GWEI_AMOUNT = uint256(type(uint40).max) * 1 gwei;
    /// @dev A state preimage starts with pc (32) || acc (32) || memoryRoot (32); the output words follow.
    uint256 internal constant STATE_HEADER = 96;
    /// @dev outputHash of every state before the last layer writes (docs/vm-spec.md).
    bytes32 internal constant EMPTY_OUTPUT_HASH = keccak256("");

    /// @inheritdoc IOpmlOracle
    uint256 public immutable CALLBACK_GAS_PRICE_CAP;
    /// @inheritdoc IOpmlOracle
    IModelVM public immutable VM;
    /// @inheritdoc IOpmlOracle
    IModelRegistry public immutable REGISTRY;
    /// @inheritdoc IOpmlOracle
    IBisectionGame public immutable GAME;

    uint256 internal constant GWEI = 1 gwei;

    /// @dev A request in four packed slots: 0-2 written at request time, 2 rewritten and 3 written at submission.
    ///      Slot 2 holds who and until when: the requester and `expiresAt` while the request waits for a result,
    ///      then the submitter and the window's end. Writing it at request time (the expiry needs the requester,
    ///      which does not fit slots 0-1) makes the submission's write of it a cheap nonzero-to-nonzero one.
    ///      Slots 2-3 are also claim 0 (owner, bond, final state). `disputed` is set by the first claim after it,
    ///      so a request nobody disputes never reads or writes the dispute records.
    ///      Once a request ends its working state is deleted (docs/oracle.md, "What is deleted"):
    ///      - Finalized: slot 0 and `callbackData` are deleted; slot 1 is deleted, or holds the final state hash
    ///        when that differs from claim 0's (the callback then ran again: `round` 1). Slots 2-3 stay: the
    ///        status (which guards every later call), the submitter, the window's end and claim 0's final state.
    ///      - Expired: slot 1 and `callbackData` are deleted; slots 0 and 2 stay (the escrow that was refunded,
    ///        which `AigcNFT` reads back, the requester and `expiresAt`).
    ///      Ids are never reused and the status is never deleted, so a cleared request can never be re-entered.
    struct RequestRecord {
        // slot 0
        address callbackContract;
        uint24 gasLimit;
        uint32 modelVersion;
        uint40 escrowGwei;
        // slot 1
        bytes32 initialStateHash; // once Finalized: the final state hash if it differs from claim 0's, else 0
        // slot 2
        address party; // Requested/Expired: the requester; Submitted/Finalized: the submitter (claim 0's owner)
        uint32 deadline; // Requested/Expired: expiresAt; Submitted/Finalized: windowEnd
        uint40 bondGwei; // claim 0's bond while held
        bool disputed; // a claim besides claim 0 was posted: finalization reads the dispute records
        Status status;
        bool hasCallbackData; // `callbackData` is not empty (so an empty one is never read or deleted)
        // slot 3
        bytes32 resultStateHash; // claim 0's final state
        bytes callbackData;
    }

    /// @dev Per disputed request, one slot written from its first claim after the submission on.
    struct Dispute {
        uint32 claims; // claims posted after the submission: they have indices 1..claims
        uint32 openGames;
    }

    /// @dev Claim i >= 1 of a request. A vouch stores no final state or output: it reads its parent's (a parent is
    ///      never itself a vouch).
    struct ClaimRecord {
        // slot 0
        address owner;
        uint40 bondGwei; // held until paid with the reward, slashed at its first defeat, or released
        uint32 parent;
        ClaimKind kind;
        // slot 1 (challenges only)
        bytes32 stateHash;
        // slot 2+ (challenges only)
        bytes output;
    }

    /// @dev What a request needs from the model's (weightsRoot, shape), in one slot, valid while the registry's
    ///      `weightsNonce` for the model equals `weightsNonce` (`setWeights` increments it).
    struct ModelCache {
        uint32 version; // 0: nothing cached
        uint64 weightsNonce;
        uint16 inputWidth; // n_0: an input is 4·n_0 bytes
        uint8 memoryDepth; // d_m = depth(⌈M/8⌉), M = Σ n_l (docs/vm-spec.md)
    }

    /// @dev `IModelRegistry.requestInfo`'s answer, kept in memory (a struct, against stack depth).
    struct ModelTerms {
        uint256 modelFee;
        address receiver;
        uint16 receiverBps;
        address owner;
        uint256 weightsNonce;
    }

    Parameters internal _params;
    /// @dev One slot written by every request: the id counter and the protocol fees it accrues.
    uint64 internal _nextRequestId = 1;
    uint192 internal _protocolFees;
    uint256 internal _burned;
    mapping(uint256 requestId => RequestRecord) internal _requests;
    mapping(uint256 requestId => Dispute) internal _disputes;
    mapping(uint256 requestId => mapping(uint256 claimIndex => ClaimRecord)) internal _claims;
    /// @dev Bit i of word i / 256 is set once claim i is defeated: finding the leader reads one word per 256
    ///      claims, so no number of thrown claims can push `finalize` past a block's gas (docs/oracle.md).
    mapping(uint256 requestId => mapping(uint256 word => uint256 bits)) internal _defeated;
    mapping(uint256 gameId => GameClaims) internal _gameClaims;
    mapping(address account => uint256) internal _credits;
    uint32 internal _modelVersionCount;
    mapping(bytes32 rootAndShapeHash => uint32 version) internal _modelVersionOf;
    mapping(uint256 version => ModelVersion) internal _modelVersions;
    mapping(uint256 modelId => ModelCache) internal _modelCache;

    /// @param vm The model VM verifier.
    /// @param registry The model registry (weights root, shape, fee info, owner).
    /// @param initialOwner Governs parameters.
    /// @param callbackGasPriceCap Immutable cap on `callbackGasPrice`.
    /// @param params Initial parameters (checked like `setParameters`).
    constructor(
        IModelVM vm,
        IModelRegistry registry,
        address initialOwner,
        uint256 callbackGasPriceCap,
        Parameters memory params
    ) Ownable(initialOwner) {
        VM = vm;
        REGISTRY = registry;
        CALLBACK_GAS_PRICE_CAP = callbackGasPriceCap;
        GAME = new BisectionGame(address(this), vm);
        _setParameters(params);
    }

    // ----------------------------------------------------------------------------------------------------
    // Requests
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IOpmlOracle
    function requestCallback(
        uint256 modelId,
        bytes calldata input,
        address callbackContract,
        uint64 gasLimit,
        bytes calldata callbackData
    ) external payable returns (uint256 requestId) {
        uint256 escrow;
        {
            Parameters storage p = _params;
            uint256 maxGas = p.maxCallbackGasLimit;
            if (gasLimit > maxGas) revert OpmlOracle_GasLimitTooHigh(gasLimit, maxGas);
            // Whole gwei by the parameter rules, so the division is exact.
            escrow = uint256(p.submitterReward) + uint256(gasLimit) * p.callbackGasPrice;
        }
        requestId = _nextRequestId;
        bool hasData = callbackData.length != 0;
        ModelTerms memory m = _recordRequest(requestId, modelId, input, callbackContract, gasLimit, escrow, hasData);
        if (hasData) _requests[requestId].callbackData = callbackData;
        uint256 fee = _splitFee(requestId, m, escrow);
        emit AICallbackRequest(
            msg.sender, requestId, modelId, input, callbackContract, gasLimit, callbackData, fee
        );
    }

    /// @dev Makes the request's one registry call (fee terms, owner and weights nonce: two storage reads there),
    ///      refreshes the model cache if the nonce moved, validates the input and writes slots 0-2: the callback,
    ///      gas limit, model version and escrow; the initial state hash (computed inline, no VM call); the
    ///      requester and `expiresAt`.
    function _recordRequest(
        uint256 requestId,
        uint256 modelId,
        bytes calldata input,
        address callbackContract,
        uint64 gasLimit,
        uint256 escrow,
        bool hasData
    ) internal returns (ModelTerms memory m) {
        (m.modelFee, m.receiver, m.receiverBps, m.owner, m.weightsNonce) = REGISTRY.requestInfo(modelId);
        ModelCache memory c = _modelCache[modelId];
        if (c.version == 0 || c.weightsNonce != m.weightsNonce) c = _refreshModel(modelId, m.weightsNonce);
        // Slots 0 and 2 are written whole (one SSTORE each, not one per field), in RequestRecord's layout: the
        // first field in the lowest bits. SAFETY: the record is fresh (ids are never reused), so the fields left
        // out of slot 2 (bond, open games, status Requested) are zero as they must be; gasLimit ≤
        // MAX_CALLBACK_GAS_LIMIT < 2^24 and escrow/GWEI ≤ type(uint40).max by the parameter bounds, so nothing
        // spills into a neighbour (getRequest and the tests read the fields back through the struct).
        uint256 word0 = uint256(uint160(callbackContract)) | (uint256(gasLimit) << 160)
            | (uint256(c.version) << 184) | ((escrow / GWEI) << 216);
        bytes32 initialHash = _initialStateHash(input, c.inputWidth, c.memoryDepth);
        uint256 word2 = uint256(uint160(msg.sender))
            | (uint256(_toDeadline(block.timestamp + _params.requestTimeout)) << 160) | (_toUint(hasData) << 248);
        RequestRecord storage r = _requests[requestId];
        assembly ("memory-safe") {
            let slot := r.slot
            sstore(slot, word0)
            sstore(add(slot, 1), initialHash)
            sstore(add(slot, 2), word2)
        }
    }

    /// @dev Re-reads the model's (weightsRoot, shape) after `setWeights` (or on its first request), finds or
    ///      records its version, and caches what a request needs (version, n_0, memory depth) under the nonce.
    function _refreshModel(uint256 modelId, uint256 weightsNonce) internal returns (ModelCache memory c) {
        bytes32 weightsRoot = REGISTRY.weightsRoot(modelId);
        bytes memory shape = REGISTRY.shape(modelId);
        bytes32 key = keccak256(abi.encodePacked(weightsRoot, shape));
        uint32 version = _modelVersionOf[key];
        if (version == 0) {
            // The VM validates the shape (ModelVM_BadShape) before anything is derived from it.
            uint256 traceLength = VM.traceLength(shape);
            if (traceLength > type(uint64).max) revert OpmlOracle_ValueTooLarge(traceLength);
            version = ++_modelVersionCount;
            _modelVersionOf[key] = version;
            ModelVersion storage v = _modelVersions[version];
            v.weightsRoot = weightsRoot;
            v.traceLength = uint64(traceLength);
            v.outputWidth = _outputWidth(shape);
            v.shape = shape;
            emit ModelVersionRecorded(version, modelId, weightsRoot, shape);
        }
        c.version = version;
        c.weightsNonce = uint64(weightsNonce);
        (c.inputWidth, c.memoryDepth) = _memoryLayout(shape);
        _modelCache[modelId] = c;
    }

    /// @dev Checks `msg.value` against the fee and turns every part of it into a pull credit, accrued protocol
    ///      fees or escrow. No external call here, so neither a receiver nor a model owner can block
    ///      requests, and no loop over models is ever needed.
    function _splitFee(uint256 requestId, ModelTerms memory m, uint256 escrow) internal returns (uint256 fee) {
        FeeBreakdown memory f;
        uint256 modelFee = m.modelFee;
        f.receiver = m.receiver;
        f.protocolFee = _params.protocolFee;
        f.escrow = escrow;
        fee = modelFee + f.protocolFee + escrow;
        // INVARIANT: the fee is paid in full; any excess stays the payer's (credited below).
        if (msg.value < fee) revert OpmlOracle_InsufficientFee(fee, msg.value);
        f.receiverShare = modelFee * m.receiverBps / BPS;
        f.ownerShare = modelFee - f.receiverShare;
        if (f.receiverShare != 0) _credits[f.receiver] += f.receiverShare;
        if (f.ownerShare != 0) {
            f.modelOwner = m.owner;
            _credits[f.modelOwner] += f.ownerShare;
        }
        // One slot write for the id counter and the protocol fee together.
        _nextRequestId = uint64(requestId + 1);
        _protocolFees += uint192(f.protocolFee);
        f.refund = msg.value - fee;
        if (f.refund != 0) _credits[msg.sender] += f.refund;
        emit FeeSplit(requestId, f);
    }

    /// @inheritdoc IOpmlOracle
    function estimateFee(uint256 modelId, uint256 gasLimit) external view returns (uint256) {
        (uint256 modelFee,,) = REGISTRY.feeInfo(modelId);
        Parameters storage p = _params;
        return modelFee + p.submitterReward + p.protocolFee + gasLimit * p.callbackGasPrice;
    }

    /// @inheritdoc IOpmlOracle
    /// @dev Reads slot 2, which a request keeps forever: true for ever once final.
    function isFinalized(uint256 requestId) external view returns (bool) {
        return _requests[requestId].status == Status.Finalized;
    }

    // ----------------------------------------------------------------------------------------------------
    // Results
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IOpmlOracle
    function submit(uint256 requestId, bytes calldata output, bytes calldata finalState) external payable {
        RequestRecord storage r = _requests[requestId];
        {
            // The status first: a final request's slot 0 (its model version) is deleted, its status never is.
            Status status = r.status;
            // INVARIANT: an expired request stays unanswered: its escrow is (or may be) back with the requester.
            if (status == Status.Expired) revert OpmlOracle_RequestExpired(requestId, r.deadline);
            // INVARIANT: the first valid submission takes the request; later ones must challenge instead.
            if (status != Status.Requested) revert OpmlOracle_AlreadySubmitted(requestId);
        }
        uint256 version = r.modelVersion;
        if (version == 0) revert OpmlOracle_UnknownRequest(requestId);
        if (block.timestamp > r.deadline) revert OpmlOracle_RequestExpired(requestId, r.deadline);
        Parameters storage p = _params;
        uint256 bond = p.submitterBond;
        if (msg.value != bond) revert OpmlOracle_WrongBond(bond, msg.value);
        bytes32 stateHash = _checkFinalState(version, output, finalState);

        uint256 windowEnd = block.timestamp + p.challengeWindow;
        r.party = msg.sender;
        r.deadline = _toDeadline(windowEnd);
        r.bondGwei = uint40(bond / GWEI);
        r.status = Status.Submitted;
        r.resultStateHash = stateHash;

        bool ok = _callback(r.callbackContract, r.gasLimit, _callbackDataOf(r), requestId, output);
        emit AICallbackResult(requestId, msg.sender, 0, output, stateHash, windowEnd, ok);
    }

    /// @inheritdoc IOpmlOracle
    function challenge(uint256 requestId, uint256 target, bytes calldata output, bytes calldata finalState)
        external
        payable
        returns (uint256 claimIndex, uint256 gameId)
    {
        RequestRecord storage r = _requests[requestId];
        address defender;
        bytes32 targetHash;
        (defender, targetHash, claimIndex) = _checkChallenge(r, requestId, target);
        bytes32 stateHash = _checkFinalState(r.modelVersion, output, finalState);
        // INVARIANT: a game is between two different final states (a copy of the target is a `vouch`).
        if (stateHash == targetHash) revert OpmlOracle_SameClaim(requestId, stateHash);
        gameId = _openGame(r, requestId, claimIndex, target, defender, targetHash);
        _recordChallenge(requestId, claimIndex, target, gameId, stateHash, output);
    }

    /// @dev `challenge`'s checks before the final state is decoded; returns the defender, the hash it defends and
    ///      the new claim's index.
    function _checkChallenge(RequestRecord storage r, uint256 requestId, uint256 target)
        internal
        view
        returns (address defender, bytes32 targetHash, uint256 claimIndex)
    {
        claimIndex = _openForClaims(r, requestId, target) + 1;
        (defender, targetHash) = _ownerAndHash(r, requestId, target);
        // INVARIANT: nobody plays both sides of a game (Sybils make this cosmetic; it keeps games two-sided).
        if (msg.sender == defender) revert OpmlOracle_SelfChallenge(requestId, target);
        uint256 bond = _params.challengerBond;
        if (msg.value != bond) revert OpmlOracle_WrongBond(bond, msg.value);
    }

    /// @dev Writes the caller's new challenge claim and announces it (a helper, against stack depth).
    function _recordChallenge(
        uint256 requestId,
        uint256 claimIndex,
        uint256 target,
        uint256 gameId,
        bytes32 stateHash,
        bytes calldata output
    ) internal {
        ClaimRecord storage c = _claims[requestId][claimIndex];
        c.owner = msg.sender;
        c.bondGwei = uint40(msg.value / GWEI); // = challengerBond, checked
        c.parent = uint32(target);
        c.kind = ClaimKind.Challenge;
        c.stateHash = stateHash;
        c.output = output;
        emit ClaimPosted(
            requestId, claimIndex, msg.sender, ClaimKind.Challenge, target, gameId, stateHash, msg.value
        );
    }

    /// @inheritdoc IOpmlOracle
    function vouch(uint256 requestId, uint256 claimIndex) external payable returns (uint256 newIndex) {
        RequestRecord storage r = _requests[requestId];
        newIndex = _openForClaims(r, requestId, claimIndex) + 1;
        {
            uint256 bond = _params.challengerBond;
            if (msg.value != bond) revert OpmlOracle_WrongBond(bond, msg.value);
        }
        // A vouch's parent is the claim that holds the final state (and output) it copies.
        uint256 source = claimIndex;
        if (claimIndex != 0 && _claims[requestId][claimIndex].kind == ClaimKind.Vouch) {
            source = _claims[requestId][claimIndex].parent;
        }
        ClaimRecord storage c = _claims[requestId][newIndex];
        c.owner = msg.sender;
        c.bondGwei = uint40(msg.value / GWEI);
        c.parent = uint32(source);
        c.kind = ClaimKind.Vouch;
        _disputes[requestId].claims = uint32(newIndex);
        if (!r.disputed) r.disputed = true;
        bytes32 stateHash = _hashOf(r, requestId, source);
        emit ClaimPosted(requestId, newIndex, msg.sender, ClaimKind.Vouch, source, 0, stateHash, msg.value);
    }

    /// @dev Checks that a claim may be posted against (or copying) claim `target` now; returns how many claims were
    ///      posted after the submission so far.
    function _openForClaims(RequestRecord storage r, uint256 requestId, uint256 target)
        internal
        view
        returns (uint256 posted)
    {
        Status status = r.status;
        if (status != Status.Submitted) revert OpmlOracle_NotChallengeable(requestId, status);
        // INVARIANT: claims are posted only within the window, so every game starts by its end (the bound).
        if (block.timestamp > r.deadline) revert OpmlOracle_ChallengeWindowClosed(requestId, r.deadline);
        if (r.disputed) posted = _disputes[requestId].claims;
        // SAFETY: claim indices are uint32 in storage; the 2^32-th claim would wrap (about 4.3e9 bonds first).
        if (posted == type(uint32).max) revert OpmlOracle_ValueTooLarge(posted + 1);
        if (target > posted) revert OpmlOracle_UnknownClaim(requestId, target);
        // INVARIANT: a defeated claim can never lead again, so nothing is gained by attacking or copying it.
        if (_isDefeated(requestId, target)) revert OpmlOracle_ClaimDefeated(requestId, target);
    }

    /// @dev Opens the game between claim `target` (defender) and the new claim `claimIndex` (the caller), and
    ///      books it: the claim count, the open games, the game's claims, the request's `disputed` flag.
    function _openGame(
        RequestRecord storage r,
        uint256 requestId,
        uint256 claimIndex,
        uint256 target,
        address defender,
        bytes32 targetHash
    ) internal returns (uint256 gameId) {
        uint256 version = r.modelVersion;
        gameId = GAME.createGame(
            version,
            defender,
            msg.sender,
            _modelVersions[version].traceLength,
            r.initialStateHash,
            targetHash,
            _params.responseDeadline
        );
        Dispute storage d = _disputes[requestId];
        d.claims = uint32(claimIndex);
        d.openGames += 1;
        if (!r.disputed) r.disputed = true;
        _gameClaims[gameId] = GameClaims(uint64(requestId), uint32(claimIndex), uint32(target), false);
    }

    /// @inheritdoc IOpmlOracle
    function onGameResolved(uint256 gameId, bool defenderWon) external {
        if (msg.sender != address(GAME)) revert OpmlOracle_NotGame(msg.sender);
        GameClaims memory gc = _gameClaims[gameId];
        uint256 requestId = gc.requestId;
        // INVARIANT: a game is settled once. Its record is deleted here (nothing reads it afterwards), so a
        // settled game reads as request 0, which no game ever belongs to.
        if (requestId == 0) revert OpmlOracle_AlreadySettled(gameId);
        delete _gameClaims[gameId];
        uint256 target = gc.targetClaim;
        uint256 challengerClaim = gc.challengerClaim;
        _disputes[requestId].openGames -= 1;
        (uint256 loser, uint256 winner) = defenderWon ? (challengerClaim, target) : (target, challengerClaim);
        // INVARIANT: a game defeats at most one claim, and only one that is still standing; a game against a
        // defeated target no longer matters, so an honest party may abandon it without losing its claim.
        if (_isDefeated(requestId, target) || _isDefeated(requestId, loser)) {
            emit GameVoided(requestId, gameId, loser);
            return;
        }
        _markDefeated(requestId, loser);
        RequestRecord storage r = _requests[requestId];
        uint256 bondGwei;
        if (loser == 0) {
            bondGwei = r.bondGwei;
            r.bondGwei = 0;
        } else {
            ClaimRecord storage lc = _claims[requestId][loser];
            bondGwei = lc.bondGwei;
            lc.bondGwei = 0;
        }
        address winnerOwner = winner == 0 ? r.party : _claims[requestId][winner].owner;
        (uint256 toWinner, uint256 slashed) = _slash(bondGwei * GWEI, winnerOwner);
        emit ClaimDefeated(requestId, loser, gameId, winner, winnerOwner, toWinner, slashed);
    }

    /// @inheritdoc IOpmlOracle
    function finalize(uint256 requestId) external {
        if (!_tryFinalize(requestId)) revert OpmlOracle_NotReady(requestId);
    }

    /// @inheritdoc IOpmlOracle
    function finalizeBatch(uint256[] calldata requestIds) external returns (uint256 settled) {
        for (uint256 i; i < requestIds.length; ++i) {
            uint256 requestId = requestIds[i];
            if (_tryFinalize(requestId) || _tryExpire(requestId)) {
                ++settled;
            } else {
                emit FinalizeSkipped(requestId);
            }
        }
    }

    /// @inheritdoc IOpmlOracle
    function refundExpired(uint256 requestId) external {
        if (_tryExpire(requestId)) return;
        RequestRecord storage r = _requests[requestId];
        // The status first: a final request's model version is deleted, its status never is.
        if (r.status != Status.Requested) revert OpmlOracle_NotRefundable(requestId, r.status);
        if (r.modelVersion == 0) revert OpmlOracle_UnknownRequest(requestId);
        revert OpmlOracle_NotExpired(requestId, r.deadline);
    }

    /// @inheritdoc IOpmlOracle
    function releaseBond(uint256 requestId, uint256 claimIndex) external returns (uint256 amount) {
        RequestRecord storage r = _requests[requestId];
        Status status = r.status;
        // INVARIANT: bonds stay at stake until the result is final (a claim can be defeated until then).
        if (status != Status.Finalized) revert OpmlOracle_NotFinalized(requestId, status);
        uint256 posted = r.disputed ? _disputes[requestId].claims : 0;
        if (claimIndex > posted) revert OpmlOracle_UnknownClaim(requestId, claimIndex);
        // Claim 0 and the winner were paid at finalization and a defeated claim was slashed: all hold 0.
        if (claimIndex == 0) revert OpmlOracle_NothingToRelease(requestId, claimIndex);
        ClaimRecord storage c = _claims[requestId][claimIndex];
        uint256 bondGwei = c.bondGwei;
        // INVARIANT: each bond leaves once: paid with the reward, slashed, or released.
        if (bondGwei == 0) revert OpmlOracle_NothingToRelease(requestId, claimIndex);
        address owner = c.owner;
        // The claim's money is settled and its request final: nothing reads the record again (a second release
        // finds bond 0 above).
        _deleteClaim(c);
        amount = bondGwei * GWEI;
        _credits[owner] += amount;
        emit BondReleased(requestId, claimIndex, owner, amount);
    }

    /// @inheritdoc IOpmlOracle
    function withdraw() external returns (uint256) {
        return _payOut(msg.sender);
    }

    /// @inheritdoc IOpmlOracle
    function flush(address account) external returns (uint256) {
        return _payOut(account);
    }

    /// @inheritdoc IOpmlOracle
    function collectProtocolFees() external returns (uint256 amount) {
        amount = _protocolFees;
        _protocolFees = 0;
        address treasury = _params.treasury;
        _credits[treasury] += amount;
        emit ProtocolFeesCollected(treasury, amount);
    }

    /// @inheritdoc IOpmlOracle
    function setParameters(Parameters calldata parameters_) external onlyOwner {
        _setParameters(parameters_);
    }

    // ----------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IOpmlOracle
    function getRequest(uint256 requestId) external view returns (Request memory q) {
        RequestRecord storage r = _requests[requestId];
        q.callbackContract = r.callbackContract;
        q.gasLimit = r.gasLimit;
        q.modelVersion = r.modelVersion;
        q.traceLength = _modelVersions[r.modelVersion].traceLength;
        q.escrow = uint256(r.escrowGwei) * GWEI;
        q.bond = uint256(r.bondGwei) * GWEI;
        q.initialStateHash = r.initialStateHash;
        Status status = r.status;
        if (status == Status.Requested || status == Status.Expired) {
            q.requester = r.party;
            q.expiresAt = r.deadline;
        } else {
            q.submitter = r.party;
            q.windowEnd = r.deadline;
        }
        q.status = status;
        q.resultStateHash = r.resultStateHash;
        q.callbackData = r.callbackData;
        if (status != Status.Submitted && status != Status.Finalized) return q;
        if (r.disputed) {
            Dispute storage d = _disputes[requestId];
            q.openGames = d.openGames;
            q.claimCount = uint256(d.claims) + 1;
            q.leader = _leader(requestId, q.claimCount);
        } else {
            q.claimCount = 1;
        }
        if (status == Status.Finalized) {
            // Slot 1 holds the final state hash when it is not claim 0's (see RequestRecord).
            bytes32 finalHash = r.initialStateHash;
            q.initialStateHash = bytes32(0);
            if (finalHash == bytes32(0)) {
                q.finalStateHash = q.resultStateHash;
            } else {
                q.finalStateHash = finalHash;
                q.round = 1;
            }
        }
    }

    /// @inheritdoc IOpmlOracle
    function getClaim(uint256 requestId, uint256 claimIndex) external view returns (Claim memory c) {
        RequestRecord storage r = _requests[requestId];
        Status status = r.status;
        uint256 posted = r.disputed ? _disputes[requestId].claims : 0;
        if ((status != Status.Submitted && status != Status.Finalized) || claimIndex > posted) {
            revert OpmlOracle_UnknownClaim(requestId, claimIndex);
        }
        c.defeated = _isDefeated(requestId, claimIndex);
        if (claimIndex == 0) {
            c.owner = r.party;
            c.kind = ClaimKind.Submission;
            c.bond = uint256(r.bondGwei) * GWEI;
            c.stateHash = r.resultStateHash;
            return c;
        }
        ClaimRecord storage k = _claims[requestId][claimIndex];
        c.owner = k.owner;
        c.kind = k.kind;
        c.parent = k.parent;
        c.bond = uint256(k.bondGwei) * GWEI;
        c.stateHash = _hashOf(r, requestId, claimIndex);
        c.output = k.output;
    }

    /// @inheritdoc IOpmlOracle
    function getGameClaims(uint256 gameId) external view returns (GameClaims memory) {
        return _gameClaims[gameId];
    }

    /// @inheritdoc IOpmlOracle
    function modelVersion(uint256 version) external view returns (bytes32 weightsRoot, bytes memory shape) {
        ModelVersion storage v = _modelVersions[version];
        return (v.weightsRoot, v.shape);
    }

    /// @inheritdoc IOpmlOracle
    function parameters() external view returns (Parameters memory) {
        return _params;
    }

    /// @inheritdoc IOpmlOracle
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc IOpmlOracle
    function burned() external view returns (uint256) {
        return _burned;
    }

    /// @inheritdoc IOpmlOracle
    function protocolFeesAccrued() external view returns (uint256) {
        return _protocolFees;
    }

    /// @inheritdoc IOpmlOracle
    function nextRequestId() external view returns (uint256) {
        return _nextRequestId;
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals
    // ----------------------------------------------------------------------------------------------------

    /// @dev Checks that `finalState` is the preimage of a state at pc = T binding keccak256(output); returns the
    ///      state's commitment. This is `ModelVM.decodeFinalState` for pc = T, inlined: the layout is fixed by
    ///      docs/vm-spec.md and T and n_L are cached per model version (one slot), so the shape is not re-parsed
    ///      and the VM is not called. It accepts exactly what `decodeFinalState` accepts with pc = T and
    ///      outputHash = keccak256(output) (test/oracle/FinalStateDecoding.t.sol checks this on the vectors and
    ///      on fuzzed inputs). `out` has exactly 4·n_L bytes here, so an output that hashes to it is valid by
    ///      construction and a separate `validateOutput` would add gas and no check.
    function _checkFinalState(uint256 version, bytes calldata output, bytes calldata finalState)
        internal
        view
        returns (bytes32 stateHash)
    {
        ModelVersion storage v = _modelVersions[version];
        uint256 traceLength = v.traceLength;
        uint256 expected = STATE_HEADER + 4 * uint256(v.outputWidth);
        if (finalState.length < 32) revert OpmlOracle_MalformedFinalState(finalState.length, expected);
        uint256 pc = uint256(bytes32(finalState[0:32]));
        // INVARIANT: only a complete trace's final state can be a result.
        if (pc != traceLength) revert OpmlOracle_NotFinalState(pc, traceLength);
        // INVARIANT: at pc = T the preimage is the header and exactly the n_L output words (vm-spec).
        if (finalState.length != expected) revert OpmlOracle_MalformedFinalState(finalState.length, expected);
        bytes32 outputHash = keccak256(output);
        bytes32 stateOutputHash = keccak256(finalState[STATE_HEADER:]);
        // INVARIANT: the output delivered to callbacks is the one the final state commits to.
        if (stateOutputHash != outputHash) revert OpmlOracle_OutputMismatch(stateOutputHash, outputHash);
        stateHash = keccak256(abi.encode(pc, bytes32(finalState[32:64]), bytes32(finalState[64:96]), outputHash));
    }

    /// @dev The commitment of the initial state for `input` (docs/vm-spec.md): pc 0, acc 0, the root of the
    ///      depth-`memoryDepth` memory tree holding the input then zeros, outputHash = keccak256(""). This is
    ///      `ModelVM.initialStateHash`, inlined with n_0 and d_m cached per model, so a request neither calls the
    ///      VM nor re-parses the shape (test/oracle/InitialStateHash.t.sol checks it against the VM on the
    ///      vectors and on fuzzed shapes and inputs). The length check is the VM's, with the VM's error.
    function _initialStateHash(bytes calldata input, uint256 inputWidth, uint256 memoryDepth)
        internal
        pure
        returns (bytes32)
    {
        uint256 expected = 4 * inputWidth;
        // INVARIANT: the input fills exactly the n_0 input words of memory (validated at request time).
        if (input.length != expected) revert IModelVM.ModelVM_BadInput(input.length, expected);
        bytes32 root;
        assembly ("memory-safe") {
            // Leaves in scratch memory past the free pointer (never allocated): the input, zero-padded to a
            // whole leaf (n_0 >= 1, so there is at least one leaf). Each level hashes pairs in place; an odd
            // level's missing right child is the all-zero subtree of that level.
            let buf := mload(0x40)
            let n := shr(5, add(input.length, 31))
            mstore(add(buf, shl(5, sub(n, 1))), 0)
            calldatacopy(buf, input.offset, input.length)
            let zero := 0
            for { let d := 0 } lt(d, memoryDepth) { d := add(d, 1) } {
                mstore(add(buf, shl(5, n)), zero)
                let m := shr(1, add(n, 1))
                for { let i := 0 } lt(i, m) { i := add(i, 1) } {
                    mstore(add(buf, shl(5, i)), keccak256(add(buf, shl(6, i)), 0x40))
                }
                n := m
                mstore(0x00, zero)
                mstore(0x20, zero)
                zero := keccak256(0x00, 0x40)
            }
            root := mload(buf)
        }
        return keccak256(abi.encode(uint256(0), int256(0), root, EMPTY_OUTPUT_HASH));
    }

    /// @dev n_0 and the memory tree's depth d_m = max(1, ⌈log2 ⌈M/8⌉⌉) with M = Σ n_l, read from a shape
    ///      descriptor (docs/vm-spec.md: `uint8 s` then the uint16 widths). Called only on shapes the VM accepted.
    function _memoryLayout(bytes memory shape) internal pure returns (uint16 inputWidth, uint8 memoryDepth) {
        uint256 widths = (shape.length - 1) / 2;
        uint256 words;
        for (uint256 l; l < widths; ++l) {
            uint256 w = (uint256(uint8(shape[1 + 2 * l])) << 8) | uint256(uint8(shape[2 + 2 * l]));
            if (l == 0) inputWidth = uint16(w);
            words += w;
        }
        uint256 leaves = (words + 7) / 8;
        uint256 d = 1;
        while ((uint256(1) << d) < leaves) ++d;
        memoryDepth = uint8(d);
    }

    /// @dev n_L, the last uint16 of a shape descriptor (docs/vm-spec.md). Called only after `VM.traceLength`
    ///      accepted the shape, so it has at least two widths.
    function _outputWidth(bytes memory shape) internal pure returns (uint16) {
        uint256 n = shape.length;
        return (uint16(uint8(shape[n - 2])) << 8) | uint16(uint8(shape[n - 1]));
    }

    /// @dev Runs the callback with exactly the paid gas limit; never reverts because of the callee.
    function _callback(
        address target,
        uint256 gasLimit,
        bytes memory callbackData,
        uint256 requestId,
        bytes memory output
    ) internal returns (bool ok) {
        if (target == address(0)) return true;
        bytes memory payload =
            abi.encodeCall(IAICallbackReceiver.aiOracleCallback, (requestId, output, callbackData));
        // SAFETY: EIP-150 forwards at most 63/64 of the gas left; insist on enough that the callee gets all
        // of `gasLimit`, so a caller cannot make a callback fail by sending too little gas.
        uint256 required = gasLimit + gasLimit / 63 + CALLBACK_CALL_OVERHEAD;
        if (gasleft() < required) revert OpmlOracle_InsufficientCallbackGas(gasleft(), required);
        // SAFETY: no return data is copied, so a callee cannot return-bomb the caller.
        assembly ("memory-safe") {
            ok := call(gasLimit, target, 0, add(payload, 0x20), mload(payload), 0, 0)
        }
    }

    /// @dev Finalizes a request once its window has passed and its games have ended; false (and no change)
    ///      otherwise. A request nobody disputed takes the path it always took (slots 0 and 2 only).
    function _tryFinalize(uint256 requestId) internal returns (bool) {
        RequestRecord storage r = _requests[requestId];
        // INVARIANT: final only after the window, with every game of the request decided.
        if (r.status != Status.Submitted || block.timestamp <= r.deadline) return false;
        if (r.disputed) return _finalizeDispute(r, requestId);
        address submitter = r.party;
        uint256 bondGwei = r.bondGwei;
        uint256 paid = (uint256(r.escrowGwei) + bondGwei) * GWEI;
        r.bondGwei = 0; // paid out below
        r.status = Status.Finalized;
        _clearFinal(r, bytes32(0));
        _credits[submitter] += paid;
        emit ResultFinalized(requestId, submitter, paid);
        return true;
    }

    /// @dev Deletes what a final request no longer needs: slot 0 (callback, gas limit, model version, escrow: all
    ///      paid), `callbackData`, and slot 1 (the initial state hash, which only games read, and every game has
    ///      ended), where `finalHash` is kept instead when the result is not claim 0's. Slots 2-3 stay.
    function _clearFinal(RequestRecord storage r, bytes32 finalHash) internal {
        if (r.hasCallbackData) {
            delete r.callbackData;
            r.hasCallbackData = false;
        }
        assembly ("memory-safe") {
            let slot := r.slot
            sstore(slot, 0)
            sstore(add(slot, 1), finalHash)
        }
    }

    /// @dev The claim rule: the undefeated claim with the smallest index wins. Its owner gets the escrow and its
    ///      bond; if its final state is not the submission's, the callback runs again with its output (after every
    ///      state change, so a re-entrant callee finds the request final).
    function _finalizeDispute(RequestRecord storage r, uint256 requestId) internal returns (bool) {
        Dispute storage d = _disputes[requestId];
        if (d.openGames != 0) return false;
        uint256 winner = _leader(requestId, uint256(d.claims) + 1);
        r.status = Status.Finalized;
        address owner;
        uint256 bondGwei;
        if (winner == 0) {
            owner = r.party;
            bondGwei = r.bondGwei;
            r.bondGwei = 0;
        } else {
            ClaimRecord storage c = _claims[requestId][winner];
            owner = c.owner;
            bondGwei = c.bondGwei;
            c.bondGwei = 0;
        }
        uint256 paid = (uint256(r.escrowGwei) + bondGwei) * GWEI;
        _credits[owner] += paid;
        emit ResultFinalized(requestId, owner, paid);
        bytes32 finalHash = _hashOf(r, requestId, winner);
        emit DisputeResolved(requestId, winner, finalHash);
        // Same final state, same output: only a different one is delivered again (ORA's `updateResult`).
        if (finalHash == r.resultStateHash) {
            _clearFinal(r, bytes32(0));
            // The winner's bond was just paid: its record goes too (claim 0 lives in slots 2-3, which stay).
            if (winner != 0) _deleteClaim(_claims[requestId][winner]);
        } else {
            _deliverFinal(r, requestId, winner, owner, finalHash);
        }
        return true;
    }

    /// @dev Runs the callback a second time, with the winning claim's output, after deleting the request's working
    ///      state and the winner's record (what the callback needs is read into memory first), so a re-entrant
    ///      callee finds the request final and cleared.
    function _deliverFinal(
        RequestRecord storage r,
        uint256 requestId,
        uint256 winner,
        address owner,
        bytes32 finalHash
    ) internal {
        ClaimRecord storage k = _claims[requestId][winner];
        bytes memory output = k.kind == ClaimKind.Vouch ? _claims[requestId][k.parent].output : k.output;
        address target = r.callbackContract;
        uint256 gasLimit = r.gasLimit;
        bytes memory data = _callbackDataOf(r);
        uint256 windowEnd = r.deadline;
        _clearFinal(r, finalHash);
        // winner != 0 here: claim 0's final state is the submission's, which is not delivered again.
        _deleteClaim(k);
        bool ok = _callback(target, gasLimit, data, requestId, output);
        emit AICallbackResult(requestId, owner, 1, output, finalHash, windowEnd, ok);
    }

    /// @dev Deletes a claim's record: a vouch has only slot 0, a challenge also its final state and output.
    function _deleteClaim(ClaimRecord storage c) internal {
        bool isVouch = c.kind == ClaimKind.Vouch;
        if (!isVouch) delete c.output;
        assembly ("memory-safe") {
            let slot := c.slot
            sstore(slot, 0)
            if iszero(isVouch) { sstore(add(slot, 1), 0) }
        }
    }

    /// @dev The request's callback data: read from storage only when there is some.
    function _callbackDataOf(RequestRecord storage r) internal view returns (bytes memory data) {
        if (r.hasCallbackData) data = r.callbackData;
    }

    function _toUint(bool b) internal pure returns (uint256 u) {
        assembly ("memory-safe") {
            u := b
        }
    }

    /// @dev The undefeated claim with the smallest index among the first `count`: one storage read per 256 claims.
    function _leader(uint256 requestId, uint256 count) internal view returns (uint256 index) {
        mapping(uint256 => uint256) storage bits = _defeated[requestId];
        uint256 word;
        uint256 standing = ~bits[0];
        while (standing == 0) standing = ~bits[++word];
        index = (word << 8) | _lowestBit(standing);
        // INVARIANT: some claim stands. Only a game defeats a claim, once; every game was opened by a claim of
        // its own, and claim 0 opened none: at least one claim is never defeated.
        if (index >= count) revert OpmlOracle_NoStandingClaim(requestId);
    }

    /// @dev Index of the lowest set bit of a nonzero word.
    function _lowestBit(uint256 x) internal pure returns (uint256 n) {
        x &= ~x + 1; // isolate it
        if (x >> 128 != 0) (x, n) = (x >> 128, n | 128);
        if (x >> 64 != 0) (x, n) = (x >> 64, n | 64);
        if (x >> 32 != 0) (x, n) = (x >> 32, n | 32);
        if (x >> 16 != 0) (x, n) = (x >> 16, n | 16);
        if (x >> 8 != 0) (x, n) = (x >> 8, n | 8);
        if (x >> 4 != 0) (x, n) = (x >> 4, n | 4);
        if (x >> 2 != 0) (x, n) = (x >> 2, n | 2);
        if (x >> 1 != 0) n |= 1;
    }

    function _isDefeated(uint256 requestId, uint256 claimIndex) internal view returns (bool) {
        return _defeated[requestId][claimIndex >> 8] & (uint256(1) << (claimIndex & 255)) != 0;
    }

    function _markDefeated(uint256 requestId, uint256 claimIndex) internal {
        _defeated[requestId][claimIndex >> 8] |= uint256(1) << (claimIndex & 255);
    }

    /// @dev Final state hash of claim `claimIndex` (a vouch's is its parent's).
    function _hashOf(RequestRecord storage r, uint256 requestId, uint256 claimIndex)
        internal
        view
        returns (bytes32)
    {
        if (claimIndex == 0) return r.resultStateHash;
        ClaimRecord storage c = _claims[requestId][claimIndex];
        if (c.kind != ClaimKind.Vouch) return c.stateHash;
        uint256 parent = c.parent;
        return parent == 0 ? r.resultStateHash : _claims[requestId][parent].stateHash;
    }

    function _ownerAndHash(RequestRecord storage r, uint256 requestId, uint256 claimIndex)
        internal
        view
        returns (address owner, bytes32 stateHash)
    {
        owner = claimIndex == 0 ? r.party : _claims[requestId][claimIndex].owner;
        stateHash = _hashOf(r, requestId, claimIndex);
    }

    /// @dev Refunds an unanswered request past its `expiresAt`; false (and no change) otherwise. An unknown id
    ///      has status Requested and deadline 0, so it must be excluded by its model version.
    function _tryExpire(uint256 requestId) internal returns (bool) {
        RequestRecord storage r = _requests[requestId];
        // INVARIANT: only a request that never got a result, and only once its time to get one has passed.
        if (r.status != Status.Requested || block.timestamp <= r.deadline || r.modelVersion == 0) return false;
        r.status = Status.Expired;
        // Slot 0 stays (the escrow refunded here, which `getRequest` still reports); slot 1 and the callback
        // data can never be read again.
        if (r.hasCallbackData) {
            delete r.callbackData;
            r.hasCallbackData = false;
        }
        r.initialStateHash = bytes32(0);
        address requester = r.party;
        uint256 refund = uint256(r.escrowGwei) * GWEI;
        if (refund != 0) _credits[requester] += refund;
        emit RequestExpired(requestId, requester, refund);
        return true;
    }

    /// @dev A timestamp for the packed uint32 deadline field (enough until the year 2106).
    function _toDeadline(uint256 timestamp) internal pure returns (uint32) {
        // SAFETY: a truncated deadline would reopen or close a window early; refuse instead.
        if (timestamp > type(uint32).max) revert OpmlOracle_ValueTooLarge(timestamp);
        return uint32(timestamp);
    }

    /// @dev Splits a loser's bond: `slashWinnerBps` to the winner's credit, the rest burned or to the treasury.
    function _slash(uint256 bond, address winner) internal returns (uint256 toWinner, uint256 slashed) {
        Parameters storage p = _params;
        toWinner = bond * p.slashWinnerBps / BPS;
        slashed = bond - toWinner;
        _credits[winner] += toWinner;
        if (slashed != 0) {
            if (p.slashToTreasury) _credits[p.treasury] += slashed;
            else _burned += slashed;
        }
    }

    function _payOut(address account) internal returns (uint256 amount) {
        amount = _credits[account];
        if (amount == 0) revert OpmlOracle_NothingToWithdraw(account);
        _credits[account] = 0;
        emit Withdrawn(account, msg.sender, amount);
        (bool ok,) = account.call{value: amount}("");
        if (!ok) revert OpmlOracle_TransferFailed(account, amount);
    }

    function _setParameters(Parameters memory q) internal {
        // SAFETY: bounds keep every game finite and every dispute bonded, whatever the owner does.
        if (q.callbackGasPrice > CALLBACK_GAS_PRICE_CAP) {
            revert OpmlOracle_InvalidParameter("callbackGasPrice");
        }
        if (q.submitterBond == 0) revert OpmlOracle_InvalidParameter("submitterBond");
        if (q.challengerBond == 0) revert OpmlOracle_InvalidParameter("challengerBond");
        // INVARIANT: amounts a request stores are whole gwei, so the packed gwei fields are exact.
        if (q.submitterReward % GWEI != 0) revert OpmlOracle_NotWholeGwei("submitterReward");
        if (q.callbackGasPrice % GWEI != 0) revert OpmlOracle_NotWholeGwei("callbackGasPrice");
        if (q.submitterBond % GWEI != 0) revert OpmlOracle_NotWholeGwei("submitterBond");
        if (q.challengerBond % GWEI != 0) revert OpmlOracle_NotWholeGwei("challengerBond");
        // SAFETY: escrow and bonds fit the uint40-gwei fields (about 1,099 ETH).
        if (
            uint256(q.submitterReward) + uint256(q.callbackGasPrice) * MAX_CALLBACK_GAS_LIMIT
                > MAX_GWEI_AMOUNT
        ) {
            revert OpmlOracle_InvalidParameter("submitterReward");
        }
        if (q.submitterBond > MAX_GWEI_AMOUNT) revert OpmlOracle_InvalidParameter("submitterBond");
        if (q.challengerBond > MAX_GWEI_AMOUNT) revert OpmlOracle_InvalidParameter("challengerBond");
        if (q.challengeWindow < MIN_WINDOW || q.challengeWindow > MAX_WINDOW) {
            revert OpmlOracle_InvalidParameter("challengeWindow");
        }
        if (q.responseDeadline < MIN_RESPONSE_DEADLINE || q.responseDeadline > MAX_RESPONSE_DEADLINE) {
            revert OpmlOracle_InvalidParameter("responseDeadline");
        }
        // SAFETY: every defeat burns (or sends to the treasury) at least 20 % of the bond, so throwing a claim to a
        // partner always costs the pair money, and a delay always has a price (docs/oracle.md).
        if (q.slashWinnerBps > MAX_SLASH_WINNER_BPS) {
            revert OpmlOracle_WinnerShareTooHigh(q.slashWinnerBps, MAX_SLASH_WINNER_BPS);
        }
        {
            uint256 slashedOfSubmitterBond =
                q.submitterBond - uint256(q.submitterBond) * q.slashWinnerBps / BPS;
            // SAFETY: a liar who corrects its own wrong result from a second address earns what an honest
            // challenger would (the reward plus the winner's share of its bond) and loses the rest of its bond:
            // that must be a loss.
            if (slashedOfSubmitterBond <= q.submitterReward) {
                revert OpmlOracle_LyingPays(slashedOfSubmitterBond, q.submitterReward);
            }
        }
        if (q.maxCallbackGasLimit > MAX_CALLBACK_GAS_LIMIT) {
            revert OpmlOracle_InvalidParameter("maxCallbackGasLimit");
        }
        // SAFETY: every unanswered request's escrow comes back, and submitters get at least a minute.
        if (q.requestTimeout < MIN_REQUEST_TIMEOUT || q.requestTimeout > MAX_REQUEST_TIMEOUT) {
            revert OpmlOracle_InvalidParameter("requestTimeout");
        }
        if (q.treasury == address(0)) revert OpmlOracle_InvalidParameter("treasury");
        _params = q;
        emit ParametersSet(q);
    }
}
