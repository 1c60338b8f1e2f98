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
///         challengers, a bisection game per challenger, pull payments. See IOpmlOracle and docs/oracle.md.
contract OpmlOracle is IOpmlOracle, Ownable2Step {
    /// @notice Hard bounds on parameters, so a compromised owner cannot make games endless or free.
    uint256 public constant MIN_WINDOW = 60;
    uint256 public constant MAX_WINDOW = 30 days;
    uint256 public constant MIN_RESPONSE_DEADLINE = 60;
    uint256 public constant MAX_RESPONSE_DEADLINE = 7 days;
    uint256 public constant MAX_CALLBACK_GAS_LIMIT = 10_000_000;
    uint256 public constant MIN_REQUEST_TIMEOUT = 60;
    uint256 public constant MAX_REQUEST_TIMEOUT = 30 days;
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
    struct RequestRecord {
        // slot 0
        address callbackContract;
        uint24 gasLimit;
        uint32 modelVersion;
        uint40 escrowGwei;
        // slot 1
        bytes32 initialStateHash;
        // slot 2
        address party; // Requested/Expired: the requester; Submitted/Finalized: the submitter
        uint32 deadline; // Requested/Expired: expiresAt; Submitted/Finalized: windowEnd
        uint40 bondGwei;
        uint16 openGames;
        Status status;
        // slot 3
        bytes32 resultStateHash;
        bytes callbackData;
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
    /// @dev Written only when a challenger wins, so it costs the common path nothing.
    mapping(uint256 requestId => uint32) internal _rounds;
    mapping(uint256 gameId => Challenge) internal _challenges;
    mapping(address account => uint256) internal _credits;
    mapping(bytes32 requestRoundChallenger => bool) internal _challenged;
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
        ModelTerms memory m = _recordRequest(requestId, modelId, input, callbackContract, gasLimit, escrow);
        if (callbackData.length != 0) _requests[requestId].callbackData = callbackData;
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
        uint256 escrow
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
        uint256 word2 =
            uint256(uint160(msg.sender)) | (uint256(_toDeadline(block.timestamp + _params.requestTimeout)) << 160);
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
    function isFinalized(uint256 requestId) external view returns (bool) {
        return _requests[requestId].status == Status.Finalized;
    }

    // ----------------------------------------------------------------------------------------------------
    // Results
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IOpmlOracle
    function submit(uint256 requestId, bytes calldata output, bytes calldata finalState) external payable {
        RequestRecord storage r = _requests[requestId];
        uint256 version = r.modelVersion;
        if (version == 0) revert OpmlOracle_UnknownRequest(requestId);
        {
            Status status = r.status;
            // INVARIANT: an expired request stays unanswered: its escrow is (or may be) back with the requester.
            if (status == Status.Expired) revert OpmlOracle_RequestExpired(requestId, r.deadline);
            // INVARIANT: the first valid submission takes the request; later ones must challenge instead.
            if (status != Status.Requested) revert OpmlOracle_AlreadySubmitted(requestId);
            if (block.timestamp > r.deadline) revert OpmlOracle_RequestExpired(requestId, r.deadline);
        }
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

        bool ok = _callback(r, requestId, output);
        emit AICallbackResult(requestId, msg.sender, 0, output, stateHash, windowEnd, ok);
    }

    /// @inheritdoc IOpmlOracle
    function challenge(uint256 requestId, bytes calldata output, bytes calldata finalState)
        external
        payable
        returns (uint256 gameId)
    {
        RequestRecord storage r = _requests[requestId];
        {
            Status status = r.status;
            if (status != Status.Submitted) revert OpmlOracle_NotChallengeable(requestId, status);
        }
        // INVARIANT: a result can be challenged only during its window, so games start within it.
        if (block.timestamp > r.deadline) revert OpmlOracle_ChallengeWindowClosed(requestId, r.deadline);
        if (msg.sender == r.party) revert OpmlOracle_SelfChallenge(requestId);
        uint32 round = _rounds[requestId];
        {
            bytes32 key = _challengeKey(requestId, round, msg.sender);
            // INVARIANT: one game per challenger per result, so one party cannot multiply games it must play.
            if (_challenged[key]) revert OpmlOracle_AlreadyChallenged(requestId, msg.sender);
            _challenged[key] = true;
        }
        uint256 bond = _params.challengerBond;
        if (msg.value != bond) revert OpmlOracle_WrongBond(bond, msg.value);
        bytes32 stateHash = _checkFinalState(r.modelVersion, output, finalState);
        if (stateHash == r.resultStateHash) revert OpmlOracle_SameClaim(requestId, stateHash);
        if (r.openGames == type(uint16).max) revert OpmlOracle_TooManyGames(requestId);
        r.openGames += 1;
        gameId = _openGame(r, requestId, round, stateHash, bond, output);
    }

    /// @dev Creates the game (defender = current submitter) and records the challenge under its id.
    function _openGame(
        RequestRecord storage r,
        uint256 requestId,
        uint32 round,
        bytes32 stateHash,
        uint256 bond,
        bytes calldata output
    ) internal returns (uint256 gameId) {
        uint256 version = r.modelVersion;
        gameId = GAME.createGame(
            version,
            r.party,
            msg.sender,
            _modelVersions[version].traceLength,
            r.initialStateHash,
            r.resultStateHash,
            _params.responseDeadline
        );
        Challenge storage c = _challenges[gameId];
        c.challenger = msg.sender;
        c.bond = uint96(bond);
        c.requestId = uint64(requestId);
        c.round = round;
        c.claimStateHash = stateHash;
        c.output = output;
        emit Challenged(requestId, gameId, msg.sender, round, stateHash, bond);
    }

    /// @inheritdoc IOpmlOracle
    function onGameResolved(uint256 gameId, bool defenderWon) external {
        if (msg.sender != address(GAME)) revert OpmlOracle_NotGame(msg.sender);
        Challenge storage c = _challenges[gameId];
        if (c.settled) revert OpmlOracle_AlreadySettled(gameId);
        c.settled = true;
        uint256 requestId = c.requestId;
        RequestRecord storage r = _requests[requestId];
        address challenger = c.challenger;
        uint256 challengerBond = c.bond;

        // A game is void if the result it disputed was replaced, or if the request is already final (then
        // every game of the current round has ended, so this one is from an older round anyway).
        if (c.round != _rounds[requestId]) {
            _credits[challenger] += challengerBond;
            emit ChallengeSettled(requestId, gameId, challenger, address(0), challengerBond, 0, true);
            return;
        }

        address defender = r.party;
        r.openGames -= 1;
        if (defenderWon) {
            (uint256 toWinner, uint256 slashed) = _slash(challengerBond, defender);
            emit ChallengeSettled(requestId, gameId, defender, challenger, toWinner, slashed, false);
            return;
        }

        // The challenger proved the result wrong: slash the defender, its claim becomes the result.
        (uint256 toWinner2, uint256 slashed2) = _slash(uint256(r.bondGwei) * GWEI, challenger);
        emit ChallengeSettled(requestId, gameId, challenger, defender, toWinner2, slashed2, false);
        _replaceResult(r, requestId, c);
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
        if (r.modelVersion == 0) revert OpmlOracle_UnknownRequest(requestId);
        if (r.status != Status.Requested) revert OpmlOracle_NotRefundable(requestId, r.status);
        revert OpmlOracle_NotExpired(requestId, r.deadline);
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
        q.openGames = r.openGames;
        q.round = _rounds[requestId];
        q.status = status;
        q.resultStateHash = r.resultStateHash;
        q.callbackData = r.callbackData;
    }

    /// @inheritdoc IOpmlOracle
    function getChallenge(uint256 gameId) external view returns (Challenge memory) {
        return _challenges[gameId];
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

    /// @inheritdoc IOpmlOracle
    function hasChallenged(uint256 requestId, uint256 round, address challenger)
        external
        view
        returns (bool)
    {
        return _challenged[_challengeKey(requestId, uint32(round), challenger)];
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
    function _callback(RequestRecord storage r, uint256 requestId, bytes memory output)
        internal
        returns (bool ok)
    {
        address target = r.callbackContract;
        if (target == address(0)) return true;
        uint256 gasLimit = r.gasLimit;
        bytes memory payload =
            abi.encodeCall(IAICallbackReceiver.aiOracleCallback, (requestId, output, r.callbackData));
        // SAFETY: EIP-150 forwards at most 63/64 of the gas left; insist on enough that the callee gets all
        // of `gasLimit`, so a caller cannot make a callback fail by sending too little gas.
        uint256 required = gasLimit + gasLimit / 63 + CALLBACK_CALL_OVERHEAD;
        if (gasleft() < required) revert OpmlOracle_InsufficientCallbackGas(gasleft(), required);
        // SAFETY: no return data is copied, so a callee cannot return-bomb the caller.
        assembly ("memory-safe") {
            ok := call(gasLimit, target, 0, add(payload, 0x20), mload(payload), 0, 0)
        }
    }

    /// @dev A winning challenger's claim becomes the result: new round, fresh window, its bond backs it,
    ///      and the callback runs again with the new output (ORA's `updateResult`).
    function _replaceResult(RequestRecord storage r, uint256 requestId, Challenge storage c) internal {
        uint32 newRound = _rounds[requestId] + 1;
        _rounds[requestId] = newRound;
        uint256 windowEnd = block.timestamp + _params.challengeWindow;
        bytes32 stateHash = c.claimStateHash;
        r.party = c.challenger;
        r.deadline = _toDeadline(windowEnd);
        r.bondGwei = uint40(c.bond / GWEI);
        r.openGames = 0;
        r.resultStateHash = stateHash;
        bytes memory output = c.output;
        bool ok = _callback(r, requestId, output);
        emit AICallbackResult(requestId, c.challenger, newRound, output, stateHash, windowEnd, ok);
    }

    function _tryFinalize(uint256 requestId) internal returns (bool) {
        RequestRecord storage r = _requests[requestId];
        // INVARIANT: final only after the window, with every game against the current result decided.
        if (r.status != Status.Submitted || block.timestamp <= r.deadline || r.openGames != 0) return false;
        address submitter = r.party;
        uint256 bondGwei = r.bondGwei;
        r.bondGwei = 0; // paid out below
        r.status = Status.Finalized;
        uint256 paid = (uint256(r.escrowGwei) + bondGwei) * GWEI;
        _credits[submitter] += paid;
        emit ResultFinalized(requestId, submitter, paid);
        return true;
    }

    /// @dev Refunds an unanswered request past its `expiresAt`; false (and no change) otherwise. An unknown id
    ///      has status Requested and deadline 0, so it must be excluded by its model version.
    function _tryExpire(uint256 requestId) internal returns (bool) {
        RequestRecord storage r = _requests[requestId];
        // INVARIANT: only a request that never got a result, and only once its time to get one has passed.
        if (r.status != Status.Requested || block.timestamp <= r.deadline || r.modelVersion == 0) return false;
        r.status = Status.Expired;
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
        if (q.slashWinnerBps > BPS) revert OpmlOracle_InvalidParameter("slashWinnerBps");
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

    function _challengeKey(uint256 requestId, uint32 round, address challenger)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(requestId, round, challenger));
    }
}
