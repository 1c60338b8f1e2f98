// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IUsageLedger} from "../interfaces/IUsageLedger.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IRevShareToken} from "../interfaces/IRevShareToken.sol";
import {SumTree} from "../libraries/SumTree.sol";

/// @title UsageLedger
/// @notice Signed usage receipts, bonded operators and fraud proofs for off-chain use of models, one ledger for
///         every model of a registry. See IUsageLedger and docs/usage.md.
contract UsageLedger is IUsageLedger, EIP712, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice EIP-712 type hash of `Receipt`.
    bytes32 public constant RECEIPT_TYPEHASH = keccak256(
        "Receipt(uint256 modelId,address operator,address user,uint64 sequence,uint128 price,uint32 period)"
    );

    uint256 internal constant BPS = 10_000;
    /// @dev Gas kept for the revenue push's own costs (cold account, value transfer, a new account) and for the
    ///      escrow writes after a failed push, on top of the receiver's `revenueGasLimit`.
    uint256 internal constant PUSH_GAS_RESERVE = 100_000;

    /// @inheritdoc IUsageLedger
    IModelRegistry public immutable REGISTRY;
    /// @inheritdoc IUsageLedger
    uint256 public immutable GENESIS;

    uint256 internal immutable _periodLength;
    uint256 internal immutable _reportWindow;
    uint256 internal immutable _challengeWindow;
    uint256 internal immutable _answerWindow;
    uint256 internal immutable _unbondingDelay;
    uint256 internal immutable _minBond;
    uint256 internal immutable _challengeBond;
    uint256 internal immutable _proverReward;
    uint256 internal immutable _penaltyBps;
    uint256 internal immutable _revenueGasLimit;

    /// @dev One operator of one model in two slots: slot 0 is what every report reads and writes.
    struct OperatorRecord {
        // slot 0 (240 bits)
        uint96 bond;
        uint64 nextSequence;
        uint32 nextPeriod;
        uint40 lastReportAt;
        Status status;
        // slot 1
        uint32 firstPeriod;
        uint32 lastPeriod;
        uint64 openChallenges;
    }

    /// @dev One slot.
    struct ChallengeRecord {
        address challenger;
        uint40 deadline;
        ChallengeStatus status;
    }

    // Books, packed two to a slot (amounts of ETH fit 128 bits by far).
    uint128 internal _bonded;
    uint128 internal _challengeBonds;
    uint128 internal _escrowed;
    uint128 internal _credits;
    uint128 internal _burned;
    uint128 internal _slashedToTokens;
    uint128 internal _revenueReported;
    uint128 internal _revenueDelivered;

    mapping(uint256 modelId => Terms) internal _terms;
    /// @dev The token's share per model, keyed by the first period it applies to.
    mapping(uint256 modelId => Checkpoints.Trace208) internal _shares;
    mapping(uint256 modelId => mapping(address operator => OperatorRecord)) internal _operators;
    /// @dev `keccak256(abi.encode(Report))` of each reported period with receipts; empty periods store nothing.
    mapping(uint256 modelId => mapping(address operator => mapping(uint32 period => bytes32 reportHash)))
        internal _reports;
    mapping(bytes32 digest => ChallengeRecord) internal _challenges;
    mapping(uint256 modelId => uint256) internal _escrow;
    mapping(address account => uint256) internal _credit;

    /// @param registry The model registry (owners, revenue receivers).
    /// @param p Parameters, checked against the bounds in docs/usage.md.
    constructor(IModelRegistry registry, Parameters memory p) EIP712("UsageLedger", "1") {
        if (address(registry) == address(0)) revert UsageLedger_InvalidParameter("registry");
        // SAFETY: bounds keep every window finite and nonzero, so every period, challenge and exit ends.
        if (p.periodLength < 60 || p.periodLength > 365 days) {
            revert UsageLedger_InvalidParameter("periodLength");
        }
        if (p.reportWindow < 60 || p.reportWindow > 30 days) {
            revert UsageLedger_InvalidParameter("reportWindow");
        }
        if (p.challengeWindow < 60 || p.challengeWindow > 90 days) {
            revert UsageLedger_InvalidParameter("challengeWindow");
        }
        if (p.answerWindow < 60 || p.answerWindow > 30 days) {
            revert UsageLedger_InvalidParameter("answerWindow");
        }
        // INVARIANT: a bond outlives every challenge of its operator's periods (opened and answered).
        if (
            uint256(p.unbondingDelay) <= uint256(p.challengeWindow) + p.answerWindow
                || p.unbondingDelay > 365 days
        ) {
            revert UsageLedger_InvalidParameter("unbondingDelay");
        }
        // INVARIANT: a slashed bond always pays the prover's whole reward.
        if (p.minBond == 0 || p.minBond < p.proverReward) revert UsageLedger_InvalidParameter("minBond");
        // INVARIANT: a proven lie costs at least what it was meant to save.
        if (p.penaltyBps < BPS || p.penaltyBps > 100 * BPS) {
            revert UsageLedger_InvalidParameter("penaltyBps");
        }
        if (p.revenueGasLimit < 10_000 || p.revenueGasLimit > 1_000_000) {
            revert UsageLedger_InvalidParameter("revenueGasLimit");
        }
        REGISTRY = registry;
        GENESIS = block.timestamp;
        _periodLength = p.periodLength;
        _reportWindow = p.reportWindow;
        _challengeWindow = p.challengeWindow;
        _answerWindow = p.answerWindow;
        _unbondingDelay = p.unbondingDelay;
        _minBond = p.minBond;
        _challengeBond = p.challengeBond;
        _proverReward = p.proverReward;
        _penaltyBps = p.penaltyBps;
        _revenueGasLimit = p.revenueGasLimit;
    }

    // ----------------------------------------------------------------------------------------------------
    // Model owners
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IUsageLedger
    function setTerms(uint256 modelId, uint16 shareBps, uint96 minBond) external nonReentrant {
        // SAFETY: the registry's owner decides for the model (reverts for an unknown model).
        address owner = REGISTRY.ownerOf(modelId);
        if (msg.sender != owner) revert UsageLedger_NotModelOwner(modelId, msg.sender);
        // INVARIANT: the token's share is a fraction of the total.
        if (shareBps > BPS) revert UsageLedger_InvalidShare(shareBps);
        Terms storage t = _terms[modelId];
        uint32 current = _currentPeriod();
        // INVARIANT: no running period changes terms once operators can be registered.
        uint32 from = t.configured ? current + 1 : current;
        t.configured = true;
        t.minBond = minBond;
        _shares[modelId].push(from, shareBps);
        emit TermsSet(modelId, shareBps, minBond, from);
    }

    // ----------------------------------------------------------------------------------------------------
    // Operators
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IUsageLedger
    function register(uint256 modelId) external payable nonReentrant {
        Terms memory t = _terms[modelId];
        if (!t.configured) revert UsageLedger_TermsNotSet(modelId);
        OperatorRecord storage o = _operators[modelId][msg.sender];
        // SAFETY: one registration per address and model, ever: receipts of an earlier life never count again.
        if (o.status != Status.None) revert UsageLedger_AlreadyRegistered(modelId, msg.sender, o.status);
        uint256 minBond = t.minBond > _minBond ? t.minBond : _minBond;
        if (msg.value < minBond) revert UsageLedger_BondTooSmall(msg.value, minBond);
        if (msg.value > type(uint96).max) revert UsageLedger_BondTooLarge(msg.value);
        uint32 period = _currentPeriod();
        o.bond = uint96(msg.value);
        o.nextPeriod = period;
        o.status = Status.Active;
        o.firstPeriod = period;
        o.lastPeriod = type(uint32).max;
        _bonded += uint128(msg.value);
        emit OperatorRegistered(modelId, msg.sender, msg.value, period);
    }

    /// @inheritdoc IUsageLedger
    function addBond(uint256 modelId) external payable nonReentrant {
        OperatorRecord storage o = _bondedOperator(modelId, msg.sender);
        uint256 bond = uint256(o.bond) + msg.value;
        if (bond > type(uint96).max) revert UsageLedger_BondTooLarge(bond);
        o.bond = uint96(bond);
        _bonded += uint128(msg.value);
        emit BondAdded(modelId, msg.sender, msg.value, bond);
    }

    /// @inheritdoc IUsageLedger
    function report(uint256 modelId, uint32 period, uint64 count, uint128 total, bytes32 root)
        external
        payable
        nonReentrant
    {
        OperatorRecord storage o = _bondedOperator(modelId, msg.sender);
        uint32 next = _checkReportable(o, period);
        uint64 start = o.nextSequence;
        uint40 reportedAt = uint40(block.timestamp);
        if (count == 0) {
            // INVARIANT: an empty period commits to nothing (it stores no report hash).
            if (total != 0 || root != bytes32(0)) revert UsageLedger_InvalidEmptyReport(total, root);
        } else {
            // SAFETY: sequence ranges never wrap.
            if (uint256(start) + count > type(uint64).max) revert UsageLedger_SequenceOverflow();
            _reports[modelId][msg.sender][period] =
                keccak256(abi.encode(Report(start, count, total, root, reportedAt)));
        }
        uint256 owed = _shareOf(modelId, period, total);
        // INVARIANT: the token's share of the reported total is paid with the report, to the wei.
        if (msg.value != owed) revert UsageLedger_WrongPayment(owed, msg.value);
        o.nextSequence = start + count;
        o.nextPeriod = period + 1;
        o.lastReportAt = reportedAt;
        emit Reported(modelId, msg.sender, period, next, start, count, total, root, reportedAt, owed);
        if (owed != 0) {
            _revenueReported += uint128(owed);
            _payModel(modelId, owed);
        }
    }

    /// @inheritdoc IUsageLedger
    function requestExit(uint256 modelId) external nonReentrant {
        OperatorRecord storage o = _operators[modelId][msg.sender];
        if (o.status != Status.Active) revert UsageLedger_NotActive(modelId, msg.sender, o.status);
        uint32 last = _currentPeriod();
        o.status = Status.Exiting;
        o.lastPeriod = last;
        emit ExitRequested(modelId, msg.sender, last);
    }

    /// @inheritdoc IUsageLedger
    function withdrawBond(uint256 modelId) external nonReentrant {
        OperatorRecord storage o = _operators[modelId][msg.sender];
        if (o.status != Status.Exiting) revert UsageLedger_NotExiting(modelId, msg.sender, o.status);
        // INVARIANT: every period the operator served is reported before its bond can go.
        if (o.nextPeriod <= o.lastPeriod) revert UsageLedger_ReportsOutstanding(o.nextPeriod, o.lastPeriod);
        uint256 releaseAt = uint256(o.lastReportAt) + _unbondingDelay;
        // INVARIANT: the bond outlives every challenge window of its periods (unbondingDelay > window + answer).
        if (block.timestamp < releaseAt) revert UsageLedger_UnbondingNotOver(releaseAt);
        // INVARIANT: an open challenge keeps the bond that backs it.
        if (o.openChallenges != 0) revert UsageLedger_ChallengesOpen(o.openChallenges);
        uint256 bond = o.bond;
        o.bond = 0;
        o.status = Status.Exited;
        _bonded -= uint128(bond);
        emit BondWithdrawn(modelId, msg.sender, bond);
        _send(msg.sender, bond);
    }

    // ----------------------------------------------------------------------------------------------------
    // Proofs
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IUsageLedger
    function proveOutOfRange(Receipt calldata receipt, bytes calldata signature, Report calldata report_)
        external
        nonReentrant
    {
        bytes32 digest = _verifiedDigest(receipt, signature);
        OperatorRecord storage o = _bondedOperator(receipt.modelId, receipt.operator);
        (bool settled, uint64 start, uint64 end,) = _rangeOf(receipt, o, report_);
        if (!settled) {
            // INVARIANT: every range still to come starts at nextSequence, so a lower sequence cannot fit it.
            if (receipt.sequence >= o.nextSequence) {
                revert UsageLedger_PeriodNotSettled(receipt.period, o.nextPeriod);
            }
        } else if (receipt.sequence >= start && receipt.sequence < end) {
            // SAFETY: an honest operator's receipt is always inside its period's range.
            revert UsageLedger_SequenceInRange(receipt.sequence, start, end);
        }
        _slash(
            receipt.modelId, receipt.operator, o, Lie.OutOfRange, _owed(receipt), false, msg.sender, digest
        );
    }

    /// @inheritdoc IUsageLedger
    function proveEquivocation(
        Receipt calldata a,
        bytes calldata signatureA,
        Receipt calldata b,
        bytes calldata signatureB
    ) external nonReentrant {
        bytes32 digestA = _verifiedDigest(a, signatureA);
        bytes32 digestB = _verifiedDigest(b, signatureB);
        // SAFETY: one sequence number of one operator and model, two different receipts (digests, not signature
        // bytes, are compared: a second signature of the same receipt is not a second receipt).
        if (
            a.modelId != b.modelId || a.operator != b.operator || a.sequence != b.sequence
                || digestA == digestB
        ) {
            revert UsageLedger_NotEquivocation(digestA, digestB);
        }
        OperatorRecord storage o = _bondedOperator(a.modelId, a.operator);
        uint256 owedA = _owed(a);
        uint256 owedB = _owed(b);
        _slash(
            a.modelId,
            a.operator,
            o,
            Lie.Equivocation,
            owedA > owedB ? owedA : owedB,
            false,
            msg.sender,
            digestA
        );
    }

    /// @inheritdoc IUsageLedger
    function provePriceAboveTotal(Receipt calldata receipt, bytes calldata signature, Report calldata report_)
        external
        nonReentrant
    {
        bytes32 digest = _verifiedDigest(receipt, signature);
        OperatorRecord storage o = _bondedOperator(receipt.modelId, receipt.operator);
        (bool settled,,, uint128 total) = _rangeOf(receipt, o, report_);
        if (!settled) revert UsageLedger_PeriodNotSettled(receipt.period, o.nextPeriod);
        // SAFETY: an honest total is the sum of its period's prices, so it is at least each one of them.
        if (receipt.price <= total) revert UsageLedger_PriceWithinTotal(receipt.price, total);
        _slash(
            receipt.modelId,
            receipt.operator,
            o,
            Lie.PriceAboveTotal,
            _owed(receipt),
            false,
            msg.sender,
            digest
        );
    }

    /// @inheritdoc IUsageLedger
    function challengeReceipt(Receipt calldata receipt, bytes calldata signature, Report calldata report_)
        external
        payable
        nonReentrant
    {
        if (msg.value != _challengeBond) revert UsageLedger_WrongChallengeBond(_challengeBond, msg.value);
        bytes32 digest = _verifiedDigest(receipt, signature);
        OperatorRecord storage o = _bondedOperator(receipt.modelId, receipt.operator);
        _checkChallengeable(receipt, o, report_);
        ChallengeRecord storage c = _challenges[digest];
        // SAFETY: one challenge per receipt: an answered receipt is proven for good.
        if (c.status != ChallengeStatus.None) revert UsageLedger_AlreadyChallenged(digest);
        uint40 deadline = uint40(block.timestamp + _answerWindow);
        c.challenger = msg.sender;
        c.deadline = deadline;
        c.status = ChallengeStatus.Open;
        o.openChallenges += 1;
        _challengeBonds += uint128(msg.value);
        emit ReceiptChallenged(
            receipt.modelId, receipt.operator, digest, msg.sender, receipt.sequence, receipt.period, deadline
        );
    }

    /// @inheritdoc IUsageLedger
    function answerChallenge(Receipt calldata receipt, Report calldata report_, SumNode[] calldata proof)
        external
        nonReentrant
    {
        bytes32 digest = _digest(receipt);
        ChallengeRecord storage c = _challenges[digest];
        if (c.status != ChallengeStatus.Open) revert UsageLedger_NoOpenChallenge(digest);
        // INVARIANT: a challenge has one deadline; after it only `slashUnanswered` settles it.
        if (block.timestamp >= c.deadline) revert UsageLedger_AnswerTooLate(c.deadline);
        OperatorRecord storage o = _bondedOperator(receipt.modelId, receipt.operator);
        // SAFETY: the proof is checked against the commitment made at report time, never one passed in.
        if (keccak256(abi.encode(report_)) != _reports[receipt.modelId][receipt.operator][receipt.period]) {
            revert UsageLedger_ReportMismatch(receipt.period);
        }
        // INVARIANT: the leaf's place is fixed by its sequence and the tree's shape by the count.
        if (proof.length != SumTree.depth(report_.count)) revert UsageLedger_InvalidProof(digest);
        (bytes32 root, uint256 sum) =
            SumTree.computeRoot(digest, receipt.price, receipt.sequence - report_.start, proof);
        // INVARIANT: the path ends at the reported root and its sum is the reported total.
        if (root != report_.root || sum != report_.total) revert UsageLedger_InvalidProof(digest);
        c.status = ChallengeStatus.Answered;
        o.openChallenges -= 1;
        _releaseChallengeBond(msg.sender);
        emit ChallengeAnswered(receipt.modelId, receipt.operator, digest, msg.sender);
    }

    /// @inheritdoc IUsageLedger
    function slashUnanswered(Receipt calldata receipt) external nonReentrant {
        bytes32 digest = _digest(receipt);
        ChallengeRecord storage c = _challenges[digest];
        if (c.status != ChallengeStatus.Open) revert UsageLedger_NoOpenChallenge(digest);
        address challenger = c.challenger;
        OperatorRecord storage o = _operators[receipt.modelId][receipt.operator];
        Status s = o.status;
        if (s == Status.Active || s == Status.Exiting) {
            // INVARIANT: the operator had the whole answer window.
            if (block.timestamp < c.deadline) revert UsageLedger_ChallengeNotExpired(c.deadline);
            c.status = ChallengeStatus.Upheld;
            o.openChallenges -= 1;
            _releaseChallengeBond(challenger);
            _slash(
                receipt.modelId,
                receipt.operator,
                o,
                Lie.Unanswered,
                _owed(receipt),
                false,
                challenger,
                digest
            );
        } else {
            // Removed for another lie first (an exited operator has no open challenge): the bond goes back.
            c.status = ChallengeStatus.Refunded;
            _releaseChallengeBond(challenger);
            emit ChallengeRefunded(receipt.modelId, receipt.operator, digest, challenger);
        }
    }

    /// @inheritdoc IUsageLedger
    function slashOverdue(uint256 modelId, address operator) external nonReentrant {
        OperatorRecord storage o = _bondedOperator(modelId, operator);
        uint256 deadline = _reportDeadline(o);
        // INVARIANT: an operator that reports every period before its deadline is never slashed for it.
        if (deadline == 0 || block.timestamp < deadline) {
            revert UsageLedger_ReportNotOverdue(o.nextPeriod, deadline);
        }
        _slash(modelId, operator, o, Lie.MissedReport, 0, true, msg.sender, bytes32(0));
    }

    // ----------------------------------------------------------------------------------------------------
    // Money
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IUsageLedger
    function flushRevenue(uint256 modelId) external nonReentrant {
        uint256 amount = _escrow[modelId];
        if (amount == 0) revert UsageLedger_NothingToFlush(modelId);
        (, address receiver,) = REGISTRY.feeInfo(modelId);
        if (receiver == address(0)) revert UsageLedger_NoReceiver(modelId);
        _escrow[modelId] = 0;
        _escrowed -= uint128(amount);
        _revenueDelivered += uint128(amount);
        emit RevenuePaid(modelId, receiver, amount, true);
        (bool ok,) = receiver.call{value: amount}(abi.encodeCall(IRevShareToken.depositRevenue, ()));
        if (!ok) revert UsageLedger_TransferFailed(receiver, amount);
    }

    /// @inheritdoc IUsageLedger
    function withdraw() external nonReentrant {
        uint256 amount = _credit[msg.sender];
        if (amount == 0) revert UsageLedger_NothingToWithdraw(msg.sender);
        _credit[msg.sender] = 0;
        _credits -= uint128(amount);
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    // ----------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IUsageLedger
    function parameters() external view returns (Parameters memory p) {
        p.periodLength = uint32(_periodLength);
        p.reportWindow = uint32(_reportWindow);
        p.challengeWindow = uint32(_challengeWindow);
        p.answerWindow = uint32(_answerWindow);
        p.unbondingDelay = uint32(_unbondingDelay);
        p.minBond = uint96(_minBond);
        p.challengeBond = uint96(_challengeBond);
        p.proverReward = uint96(_proverReward);
        p.penaltyBps = uint32(_penaltyBps);
        p.revenueGasLimit = uint32(_revenueGasLimit);
    }

    /// @inheritdoc IUsageLedger
    function currentPeriod() external view returns (uint32) {
        return _currentPeriod();
    }

    /// @inheritdoc IUsageLedger
    function periodEnd(uint32 period) external view returns (uint256) {
        return _periodEnd(period);
    }

    /// @inheritdoc IUsageLedger
    function receiptDigest(Receipt calldata receipt) external view returns (bytes32) {
        return _digest(receipt);
    }

    /// @inheritdoc IUsageLedger
    function recoverReceiptSigner(Receipt calldata receipt, bytes calldata signature)
        external
        view
        returns (address signer)
    {
        (signer,,) = ECDSA.tryRecoverCalldata(_digest(receipt), signature);
    }

    /// @inheritdoc IUsageLedger
    function computeSumRoot(bytes32 leafHash, uint256 leafSum, uint256 index, SumNode[] calldata proof)
        external
        pure
        returns (bytes32 root, uint256 sum)
    {
        return SumTree.computeRoot(leafHash, leafSum, index, proof);
    }

    /// @inheritdoc IUsageLedger
    function termsOf(uint256 modelId) external view returns (Terms memory) {
        return _terms[modelId];
    }

    /// @inheritdoc IUsageLedger
    function shareAt(uint256 modelId, uint32 period) external view returns (uint256) {
        return _shares[modelId].upperLookup(period);
    }

    /// @inheritdoc IUsageLedger
    function operatorOf(uint256 modelId, address operator) external view returns (Operator memory op) {
        OperatorRecord storage o = _operators[modelId][operator];
        op.status = o.status;
        op.bond = o.bond;
        op.nextSequence = o.nextSequence;
        op.firstPeriod = o.firstPeriod;
        op.nextPeriod = o.nextPeriod;
        op.lastPeriod = o.lastPeriod;
        op.lastReportAt = o.lastReportAt;
        op.openChallenges = o.openChallenges;
        if (o.status == Status.Active || o.status == Status.Exiting) op.reportDeadline = _reportDeadline(o);
    }

    /// @inheritdoc IUsageLedger
    function reportHashOf(uint256 modelId, address operator, uint32 period) external view returns (bytes32) {
        return _reports[modelId][operator][period];
    }

    /// @inheritdoc IUsageLedger
    function challengeOf(bytes32 digest) external view returns (Challenge memory) {
        ChallengeRecord storage c = _challenges[digest];
        return Challenge({status: c.status, challenger: c.challenger, deadline: c.deadline});
    }

    /// @inheritdoc IUsageLedger
    function escrowOf(uint256 modelId) external view returns (uint256) {
        return _escrow[modelId];
    }

    /// @inheritdoc IUsageLedger
    function creditOf(address account) external view returns (uint256) {
        return _credit[account];
    }

    /// @inheritdoc IUsageLedger
    function books() external view returns (Books memory) {
        return Books({
            bonded: _bonded,
            challengeBonds: _challengeBonds,
            escrowed: _escrowed,
            credits: _credits,
            burned: _burned,
            revenueReported: _revenueReported,
            slashedToTokens: _slashedToTokens,
            revenueDelivered: _revenueDelivered
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals
    // ----------------------------------------------------------------------------------------------------

    function _currentPeriod() internal view returns (uint32) {
        // casting to 'uint32' is safe: periods are at least 60 s long, so 2^32 of them last 8,000 years
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32((block.timestamp - GENESIS) / _periodLength);
    }

    function _periodEnd(uint32 period) internal view returns (uint256) {
        return GENESIS + (uint256(period) + 1) * _periodLength;
    }

    /// @dev Checks that `period` may be reported now; returns the operator's first unreported period.
    function _checkReportable(OperatorRecord storage o, uint32 period) internal view returns (uint32 next) {
        next = o.nextPeriod;
        // INVARIANT: periods are reported in order, each once; skipped periods are declared empty.
        if (period < next) revert UsageLedger_PeriodAlreadyReported(period, next);
        uint256 endsAt = _periodEnd(period);
        // INVARIANT: a period is reported only once it is over, so no receipt of it can come later.
        if (block.timestamp < endsAt) revert UsageLedger_PeriodNotEnded(period, endsAt);
        if (o.status == Status.Exiting) {
            uint32 last = o.lastPeriod;
            // INVARIANT: an exiting operator's commitments end with its last period.
            if (period > last) revert UsageLedger_PeriodAfterExit(period, last);
        }
        uint256 deadline = _periodEnd(next) + _reportWindow;
        // SAFETY: a missed deadline is slashable; a late report must not race `slashOverdue`.
        if (block.timestamp >= deadline) revert UsageLedger_ReportOverdue(next, deadline);
    }

    /// @dev The token's share of `amount` in `period` of `modelId` (floor).
    function _shareOf(uint256 modelId, uint32 period, uint256 amount) internal view returns (uint256) {
        if (amount == 0) return 0;
        return amount * _shares[modelId].upperLookupRecent(period) / BPS;
    }

    /// @dev When the operator's next report is overdue; 0 if none is due (an exiting operator that reported its
    ///      last period).
    function _reportDeadline(OperatorRecord storage o) internal view returns (uint256) {
        uint32 next = o.nextPeriod;
        if (o.status == Status.Exiting && next > o.lastPeriod) return 0;
        return _periodEnd(next) + _reportWindow;
    }

    function _bondedOperator(uint256 modelId, address operator)
        internal
        view
        returns (OperatorRecord storage o)
    {
        o = _operators[modelId][operator];
        Status s = o.status;
        if (s != Status.Active && s != Status.Exiting) revert UsageLedger_NotBonded(modelId, operator, s);
    }

    function _digest(Receipt calldata r) internal view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(RECEIPT_TYPEHASH, r.modelId, r.operator, r.user, r.sequence, r.price, r.period)
            )
        );
    }

    /// @dev The receipt's digest, after checking that its operator signed it. OpenZeppelin's ECDSA rejects
    ///      malleable (high-s) signatures, so each receipt has one valid signature per key.
    function _verifiedDigest(Receipt calldata r, bytes calldata signature)
        internal
        view
        returns (bytes32 digest)
    {
        digest = _digest(r);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        // SAFETY: only a well-formed signature that recovers some key is evidence.
        if (err != ECDSA.RecoverError.NoError) revert UsageLedger_InvalidSignature(digest);
        // SAFETY: evidence against an operator is only what the operator itself signed.
        if (signer != r.operator) revert UsageLedger_WrongSigner(digest, signer, r.operator);
    }

    /// @dev The sequence range the operator's reports give the receipt's period, if settled, and its total.
    ///      Empty ranges: periods before the operator's first, after its last (exiting), and periods reported
    ///      empty. `report_` is checked against the stored hash only when the period has one.
    function _rangeOf(Receipt calldata r, OperatorRecord storage o, Report calldata report_)
        internal
        view
        returns (bool settled, uint64 start, uint64 end, uint128 total)
    {
        uint32 period = r.period;
        if (period < o.firstPeriod || period > o.lastPeriod) return (true, 0, 0, 0);
        if (period >= o.nextPeriod) return (false, 0, 0, 0);
        bytes32 stored = _reports[r.modelId][r.operator][period];
        if (stored == bytes32(0)) return (true, 0, 0, 0);
        // SAFETY: the range comes from the commitment made at report time.
        if (keccak256(abi.encode(report_)) != stored) revert UsageLedger_ReportMismatch(period);
        return (true, report_.start, report_.start + report_.count, report_.total);
    }

    /// @dev Checks that the receipt has a leaf to prove (inside a reported range) and that the window is open.
    function _checkChallengeable(Receipt calldata receipt, OperatorRecord storage o, Report calldata report_)
        internal
        view
    {
        (bool settled, uint64 start, uint64 end,) = _rangeOf(receipt, o, report_);
        if (!settled) revert UsageLedger_PeriodNotSettled(receipt.period, o.nextPeriod);
        // SAFETY: only a receipt inside a reported range has a leaf to prove (the others are count lies).
        if (receipt.sequence < start || receipt.sequence >= end) {
            revert UsageLedger_SequenceOutOfRange(receipt.sequence, start, end);
        }
        uint256 closesAt = uint256(report_.reportedAt) + _challengeWindow;
        // INVARIANT: challenges open only within the window, so an exit's unbonding delay covers them all.
        if (block.timestamp >= closesAt) revert UsageLedger_ChallengeWindowClosed(closesAt);
    }

    /// @dev The token's share of the receipt's price in its period.
    function _owed(Receipt calldata r) internal view returns (uint256) {
        return _shareOf(r.modelId, r.period, r.price);
    }

    /// @dev Removes the operator and splits its bond: the prover's reward first, then `penaltyBps` of the owed
    ///      share to the model's token (the whole rest if nothing is known of what was owed), the rest burned.
    function _slash(
        uint256 modelId,
        address operator,
        OperatorRecord storage o,
        Lie lie,
        uint256 owed,
        bool owedUnknown,
        address prover,
        bytes32 evidence
    ) internal {
        uint256 bond = o.bond;
        o.bond = 0;
        o.status = Status.Removed;
        _bonded -= uint128(bond);
        uint256 toProver = bond < _proverReward ? bond : _proverReward;
        uint256 rest = bond - toProver;
        uint256 penalty = owedUnknown ? rest : owed * _penaltyBps / BPS;
        uint256 toToken = penalty < rest ? penalty : rest;
        uint256 burned = rest - toToken;
        _credit[prover] += toProver;
        _credits += uint128(toProver);
        _burned += uint128(burned);
        emit OperatorSlashed(modelId, operator, lie, prover, evidence, bond, toToken, toProver, burned);
        if (toToken != 0) {
            _slashedToTokens += uint128(toToken);
            _payModel(modelId, toToken);
        }
    }

    function _releaseChallengeBond(address to) internal {
        uint256 bond = _challengeBond;
        if (bond == 0) return;
        _challengeBonds -= uint128(bond);
        _credit[to] += bond;
        _credits += uint128(bond);
    }

    /// @dev Pushes `amount` to the model's revenue receiver as ETH revenue (`depositRevenue`) with
    ///      `revenueGasLimit` gas; if the receiver is unset, reverts or runs out of gas, escrows it for
    ///      `flushRevenue`. Called last (checks-effects-interactions), under the reentrancy guard.
    function _payModel(uint256 modelId, uint256 amount) internal {
        (, address receiver,) = REGISTRY.feeInfo(modelId);
        bool ok;
        if (receiver != address(0)) {
            uint256 gasLimit = _revenueGasLimit;
            uint256 needed = gasLimit + gasLimit / 63 + PUSH_GAS_RESERVE;
            // SAFETY: the receiver always gets its whole gas limit, so a caller cannot starve the push to make the
            // revenue escrowed (and gas estimation cannot settle on a limit where the push fails).
            if (gasleft() < needed) revert UsageLedger_NotEnoughGas(needed, gasleft());
            bytes4 selector = IRevShareToken.depositRevenue.selector;
            // SAFETY: no return data is copied (a receiver cannot make this frame pay for a huge return).
            assembly ("memory-safe") {
                mstore(0, selector)
                ok := call(gasLimit, receiver, amount, 0, 4, 0, 0)
            }
        }
        if (ok) {
            _revenueDelivered += uint128(amount);
            emit RevenuePaid(modelId, receiver, amount, false);
        } else {
            _escrow[modelId] += amount;
            _escrowed += uint128(amount);
            emit RevenueEscrowed(modelId, receiver, amount);
        }
    }

    function _send(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert UsageLedger_TransferFailed(to, amount);
    }
}
