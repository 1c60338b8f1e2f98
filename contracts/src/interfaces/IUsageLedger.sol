// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelRegistry} from "./IModelRegistry.sol";

/// @title IUsageLedger: revenue from off-chain use of models, made provable
/// @notice Operators (API gateways serving a model off-chain) register per model with a bond. Every paid use
///         produces a receipt the operator signs with EIP-712: (model, operator, user, sequence, price, period),
///         the sequence counting up by one per receipt of that operator for that model, from 0. After each period
///         the operator reports the period's receipts as one commitment, (count, total, root): they hold the
///         sequence numbers `[start, start + count)` in order, `start` being the count of every receipt reported
///         before, and `root` is the root of a Merkle sum tree over them. With the report it pays the model's
///         share of `total` (`shareBps`, set by the model's owner) as revenue to the model's revenue receiver
///         (its ERC-7641 token), through `depositRevenue`.
///
///         Every kind of lie is settled by one receipt (docs/usage.md):
///         - a receipt of a settled period whose sequence is outside the range the reports gave that period
///           (`proveOutOfRange`: the operator left receipts out of the count, or labelled them with another period);
///         - two different receipts with one sequence number (`proveEquivocation`);
///         - a receipt whose price is above its period's reported total (`provePriceAboveTotal`);
///         - a receipt in range that its holder suspects was left out of the tree or altered
///           (`challengeReceipt`): the operator must answer with the inclusion proof of exactly that receipt at
///           leaf `sequence - start` within `answerWindow`, or anyone may `slashUnanswered`;
///         - a period not reported `reportWindow` seconds after its end (`slashOverdue`).
///         A proven lie removes the operator and splits its bond: the prover gets `proverReward` first, the
///         model's token gets `penaltyBps` of what it was owed (the owed share of the receipt's price), the
///         rest is burned (held by this contract forever). A missed report has no known amount owed: the
///         token gets the whole bond after the keeper's reward.
///
///         Merkle sum tree: a leaf is `(digest, price)`, `digest` being the receipt's EIP-712 digest; padding
///         leaves (after the last receipt, up to the next power of two) are `(0, 0)`; a parent is
///         `(keccak256(abi.encode(leftHash, leftSum, rightHash, rightSum)), leftSum + rightSum)`. The tree of
///         `count` leaves has depth `ceil(log2(count))` (0 for one leaf). A verified path recomputes the root
///         and its sum with checked arithmetic, and both must equal the report's `root` and `total`.
///
///         Books: every wei this contract holds is in exactly one of: a bond, a challenge bond, revenue escrowed
///         for a model whose receiver could not take it, a pull credit, or `burned`.
///
///         Trust: the model's owner (as the registry says) sets the share and the minimum bond; a share change
///         applies from the next period, never to a period already running. The revenue receiver is the
///         registry's (the owner can repoint it, as for the oracle's fees).
interface IUsageLedger {
    /// @notice Where an operator of a model stands.
    enum Status {
        /// @dev never registered
        None,
        /// @dev bonded, serving, reporting every period
        Active,
        /// @dev bonded, serves no period after `lastPeriod`; its bond is released once every period up to
        ///      `lastPeriod` is reported, `unbondingDelay` has passed since the last report and no challenge is open
        Exiting,
        /// @dev bond withdrawn (terminal)
        Exited,
        /// @dev slashed for a proven lie or a missed report (terminal)
        Removed
    }

    /// @notice The kinds of lie a proof settles.
    enum Lie {
        /// @dev a receipt outside the sequence range the reports give its period
        OutOfRange,
        /// @dev two different receipts with one sequence number
        Equivocation,
        /// @dev a receipt whose price is above its period's reported total
        PriceAboveTotal,
        /// @dev a challenged receipt whose inclusion the operator did not prove in time
        Unanswered,
        /// @dev a period not reported by its deadline
        MissedReport
    }

    /// @notice What an operator signs for each paid use (EIP-712 type
    ///         `Receipt(uint256 modelId,address operator,address user,uint64 sequence,uint128 price,uint32 period)`,
    ///         domain `UsageLedger`, version `1`, this chain, this contract).
    /// @param modelId The model served (registry id).
    /// @param operator The operator, which is also the signer.
    /// @param user Who paid.
    /// @param sequence The operator's receipt number for this model: 0, 1, 2, ... with no gap.
    /// @param price What the user paid, in wei.
    /// @param period The ledger period the receipt belongs to.
    struct Receipt {
        uint256 modelId;
        address operator;
        address user;
        uint64 sequence;
        uint128 price;
        uint32 period;
    }

    /// @notice A period's commitment as reported; the ledger stores only its hash, provers pass it back
    ///         (every field is in the `Reported` event).
    /// @param start First sequence number of the period.
    /// @param count Number of receipts (sequences `[start, start + count)`).
    /// @param total Sum of their prices, in wei (the root's sum).
    /// @param root Root hash of the Merkle sum tree over them.
    /// @param reportedAt When the report was made (the challenge window runs from it).
    struct Report {
        uint64 start;
        uint64 count;
        uint128 total;
        bytes32 root;
        uint40 reportedAt;
    }

    /// @notice One sibling on a Merkle sum tree path (leaf level first).
    struct SumNode {
        bytes32 hash;
        uint256 sum;
    }

    /// @notice Fixed at deployment.
    /// @param periodLength Seconds per period; period p is `[genesis + p·periodLength, genesis + (p+1)·periodLength)`.
    /// @param reportWindow Seconds after a period's end within which it must be reported.
    /// @param challengeWindow Seconds after a report during which receipts of its period can be challenged.
    /// @param answerWindow Seconds an operator has to answer a challenge.
    /// @param unbondingDelay Seconds after an exiting operator's last report before its bond is released;
    ///        longer than `challengeWindow + answerWindow`, so no proof window outlives the bond.
    /// @param minBond Smallest bond of any operator (a model may ask more); at least `proverReward`.
    /// @param challengeBond Exact `msg.value` of `challengeReceipt`: paid to whoever answers the challenge,
    ///        returned to the challenger if the challenge succeeds. It pays the answer's gas, so challenges of
    ///        genuine, honestly reported receipts cost the challenger, not the operator.
    /// @param proverReward Paid first out of a slashed bond to whoever proved the lie (or triggered `slashOverdue`).
    /// @param penaltyBps Multiple of the owed revenue paid to the token out of a slashed bond (10000 = 1x).
    /// @param revenueGasLimit Gas given to the receiver's `depositRevenue`; a receiver that reverts or runs out
    ///        leaves the revenue escrowed for `flushRevenue`, and blocks nothing.
    struct Parameters {
        uint32 periodLength;
        uint32 reportWindow;
        uint32 challengeWindow;
        uint32 answerWindow;
        uint32 unbondingDelay;
        uint96 minBond;
        uint96 challengeBond;
        uint96 proverReward;
        uint32 penaltyBps;
        uint32 revenueGasLimit;
    }

    /// @notice An operator of a model, as `operatorOf` returns it.
    /// @param status Where it stands.
    /// @param bond Bond held, in wei (0 once exited or removed).
    /// @param nextSequence Sequence number of its next unreported receipt (`start` of its next report).
    /// @param firstPeriod Period it registered in (receipts of earlier periods are lies).
    /// @param nextPeriod First period not yet reported (periods before it are settled; skipped ones are empty).
    /// @param lastPeriod Last period it serves once exiting (`type(uint32).max` while active).
    /// @param lastReportAt When it last reported (0 before its first report).
    /// @param openChallenges Challenges against it not yet answered or settled.
    /// @param reportDeadline When `nextPeriod` is overdue (0 if no report is due: an exiting operator that
    ///        reported its last period).
    struct Operator {
        Status status;
        uint256 bond;
        uint64 nextSequence;
        uint32 firstPeriod;
        uint32 nextPeriod;
        uint32 lastPeriod;
        uint40 lastReportAt;
        uint64 openChallenges;
        uint256 reportDeadline;
    }

    /// @notice A model's terms in the ledger.
    /// @param configured Whether the owner has set terms (operators can register only then).
    /// @param minBond Smallest bond for this model (the larger of it and the ledger's `minBond` applies).
    struct Terms {
        bool configured;
        uint96 minBond;
    }

    /// @notice A challenge of a receipt, keyed by the receipt's digest.
    enum ChallengeStatus {
        /// @dev never challenged
        None,
        /// @dev waiting for the inclusion proof until `deadline`
        Open,
        /// @dev the inclusion proof was given (terminal)
        Answered,
        /// @dev unanswered by the deadline: the operator was slashed (terminal)
        Upheld,
        /// @dev the operator was removed for another lie first: the bond went back to the challenger (terminal)
        Refunded
    }

    /// @notice A challenge, as `challengeOf` returns it.
    struct Challenge {
        ChallengeStatus status;
        address challenger;
        uint40 deadline;
    }

    /// @notice The ledger's books, in wei. `bonded + challengeBonds + escrowed + credits + burned` is exactly
    ///         what the contract holds (plus any ETH force-sent to it, which is never booked), and
    ///         `revenueReported + slashedToTokens = revenueDelivered + escrowed`.
    /// @param bonded Bonds of active and exiting operators.
    /// @param challengeBonds Bonds of open challenges.
    /// @param escrowed Revenue waiting for `flushRevenue` (its receiver was unset or refused it).
    /// @param credits Pull credits (`withdraw`): prover rewards, answer payments, returned challenge bonds.
    /// @param burned Slashed and held forever.
    /// @param revenueReported Paid by operators with their reports.
    /// @param slashedToTokens Paid to tokens out of slashed bonds.
    /// @param revenueDelivered Received by the models' revenue receivers.
    struct Books {
        uint256 bonded;
        uint256 challengeBonds;
        uint256 escrowed;
        uint256 credits;
        uint256 burned;
        uint256 revenueReported;
        uint256 slashedToTokens;
        uint256 revenueDelivered;
    }

    // ------------------------------------------------------------------ errors

    /// @notice Constructor parameter `name` is out of its bounds (docs/usage.md lists them).
    error UsageLedger_InvalidParameter(string name);
    /// @notice `caller` is not the registry's owner of `modelId`.
    error UsageLedger_NotModelOwner(uint256 modelId, address caller);
    /// @notice The token's share must be at most 10000 basis points.
    error UsageLedger_InvalidShare(uint256 shareBps);
    /// @notice The owner of `modelId` has not set its terms yet, so operators cannot register.
    error UsageLedger_TermsNotSet(uint256 modelId);
    /// @notice `operator` already registered for `modelId` (a removed or exited operator registers with a new address).
    error UsageLedger_AlreadyRegistered(uint256 modelId, address operator, Status status);
    /// @notice A bond of `bond` wei is below the `minBond` this model asks.
    error UsageLedger_BondTooSmall(uint256 bond, uint256 minBond);
    /// @notice A bond of `bond` wei does not fit the bond field (96 bits).
    error UsageLedger_BondTooLarge(uint256 bond);
    /// @notice `operator` of `modelId` holds no bond (never registered, exited or removed).
    error UsageLedger_NotBonded(uint256 modelId, address operator, Status status);
    /// @notice Only an active operator may request its exit.
    error UsageLedger_NotActive(uint256 modelId, address operator, Status status);
    /// @notice `period` is before the operator's first unreported period `nextPeriod` (reports go in order).
    error UsageLedger_PeriodAlreadyReported(uint32 period, uint32 nextPeriod);
    /// @notice `period` ends at `endsAt`; it can be reported only after that.
    error UsageLedger_PeriodNotEnded(uint32 period, uint256 endsAt);
    /// @notice The operator is exiting and serves no period after `lastPeriod`.
    error UsageLedger_PeriodAfterExit(uint32 period, uint32 lastPeriod);
    /// @notice Period `period` had to be reported before `deadline`; the operator is now slashable (`slashOverdue`).
    error UsageLedger_ReportOverdue(uint32 period, uint256 deadline);
    /// @notice No report is overdue: the next one (`period`) is due before `deadline` (0: none is due).
    error UsageLedger_ReportNotOverdue(uint32 period, uint256 deadline);
    /// @notice A report of no receipts must have a zero total and a zero root.
    error UsageLedger_InvalidEmptyReport(uint128 total, bytes32 root);
    /// @notice The report's payment must be exactly `expected` wei (the share of the total).
    error UsageLedger_WrongPayment(uint256 expected, uint256 sent);
    /// @notice The sequence numbers would pass 2^64.
    error UsageLedger_SequenceOverflow();
    /// @notice The signature of receipt `digest` is malformed (length, high s, bad v) or recovers no signer.
    error UsageLedger_InvalidSignature(bytes32 digest);
    /// @notice The signature of receipt `digest` recovers `signer`, not the receipt's operator.
    error UsageLedger_WrongSigner(bytes32 digest, address signer, address operator);
    /// @notice The two receipts are not an equivocation: they must differ, with the same model, operator and sequence.
    error UsageLedger_NotEquivocation(bytes32 digestA, bytes32 digestB);
    /// @notice `period` is not settled yet (the operator's first unreported period is `nextPeriod`).
    error UsageLedger_PeriodNotSettled(uint32 period, uint32 nextPeriod);
    /// @notice The report passed for `period` is not the one reported (or the period has no report).
    error UsageLedger_ReportMismatch(uint32 period);
    /// @notice The sequence is inside its period's range `[start, end)`: not a count lie (challenge it instead).
    error UsageLedger_SequenceInRange(uint64 sequence, uint64 start, uint64 end);
    /// @notice The sequence is outside its period's range `[start, end)`: prove it with `proveOutOfRange`.
    error UsageLedger_SequenceOutOfRange(uint64 sequence, uint64 start, uint64 end);
    /// @notice The price fits the period's total.
    error UsageLedger_PriceWithinTotal(uint128 price, uint128 total);
    /// @notice Receipts of this period could be challenged until `closedAt`.
    error UsageLedger_ChallengeWindowClosed(uint256 closedAt);
    /// @notice Receipt `digest` was already challenged.
    error UsageLedger_AlreadyChallenged(bytes32 digest);
    /// @notice A challenge's bond is exactly `expected` wei.
    error UsageLedger_WrongChallengeBond(uint256 expected, uint256 sent);
    /// @notice No open challenge of receipt `digest`.
    error UsageLedger_NoOpenChallenge(bytes32 digest);
    /// @notice The challenge had to be answered before `deadline`.
    error UsageLedger_AnswerTooLate(uint256 deadline);
    /// @notice The operator may still answer until `deadline`.
    error UsageLedger_ChallengeNotExpired(uint256 deadline);
    /// @notice The proof does not put receipt `digest` at its leaf under the reported root and total.
    error UsageLedger_InvalidProof(bytes32 digest);
    /// @notice Only an exiting operator can withdraw its bond.
    error UsageLedger_NotExiting(uint256 modelId, address operator, Status status);
    /// @notice Periods up to `lastPeriod` must be reported first (the next is `nextPeriod`).
    error UsageLedger_ReportsOutstanding(uint32 nextPeriod, uint32 lastPeriod);
    /// @notice The bond is released at `releaseAt`.
    error UsageLedger_UnbondingNotOver(uint256 releaseAt);
    /// @notice `count` challenges are still open against the operator.
    error UsageLedger_ChallengesOpen(uint256 count);
    /// @notice `account` has no credit.
    error UsageLedger_NothingToWithdraw(address account);
    /// @notice Nothing is escrowed for `modelId`.
    error UsageLedger_NothingToFlush(uint256 modelId);
    /// @notice `modelId` has no revenue receiver in the registry yet.
    error UsageLedger_NoReceiver(uint256 modelId);
    /// @notice The revenue push needs `needed` gas left (the receiver's whole `revenueGasLimit` and the reserve after
    ///         it); `left` remained. Send the transaction with more gas.
    error UsageLedger_NotEnoughGas(uint256 needed, uint256 left);
    /// @notice Sending `amount` wei to `to` failed.
    error UsageLedger_TransferFailed(address to, uint256 amount);

    // ------------------------------------------------------------------ events

    /// @notice The owner of `modelId` set the token's share and the minimum bond; the share applies from
    ///         `effectiveFromPeriod` (the current period the first time, the next period afterwards).
    event TermsSet(uint256 indexed modelId, uint16 shareBps, uint96 minBond, uint32 effectiveFromPeriod);

    /// @notice `operator` registered for `modelId` with `bond`; it is accountable from `firstPeriod` on.
    event OperatorRegistered(
        uint256 indexed modelId, address indexed operator, uint256 bond, uint32 firstPeriod
    );

    /// @notice `operator` of `modelId` added `amount`; its bond is now `bond`.
    event BondAdded(uint256 indexed modelId, address indexed operator, uint256 amount, uint256 bond);

    /// @notice `operator` of `modelId` reported `period`, and with it declared the periods `[fromPeriod, period)`
    ///         empty; `paid` went to the model's revenue as the token's share of `total`.
    event Reported(
        uint256 indexed modelId,
        address indexed operator,
        uint32 indexed period,
        uint32 fromPeriod,
        uint64 start,
        uint64 count,
        uint128 total,
        bytes32 root,
        uint40 reportedAt,
        uint256 paid
    );

    /// @notice `operator` of `modelId` is exiting; it serves no period after `lastPeriod`.
    event ExitRequested(uint256 indexed modelId, address indexed operator, uint32 lastPeriod);

    /// @notice `operator` of `modelId` withdrew its bond `amount` and left.
    event BondWithdrawn(uint256 indexed modelId, address indexed operator, uint256 amount);

    /// @notice Receipt `digest` (`sequence` of `period`) was challenged by `challenger`; the operator must
    ///         answer before `deadline`.
    event ReceiptChallenged(
        uint256 indexed modelId,
        address indexed operator,
        bytes32 indexed digest,
        address challenger,
        uint64 sequence,
        uint32 period,
        uint40 deadline
    );

    /// @notice The challenge of `digest` was answered by `answerer`, who was credited the challenge bond.
    event ChallengeAnswered(
        uint256 indexed modelId, address indexed operator, bytes32 indexed digest, address answerer
    );

    /// @notice The challenge of `digest` ended because the operator was removed first; the bond went back to
    ///         `challenger`'s credit.
    event ChallengeRefunded(
        uint256 indexed modelId, address indexed operator, bytes32 indexed digest, address challenger
    );

    /// @notice `operator` of `modelId` was removed for `lie`, proven by `prover`: of its `bond`, `toToken` went to
    ///         the model's revenue, `toProver` to the prover's credit, `burned` stays here forever.
    ///         `evidence` is the receipt's digest (the first receipt's for an equivocation; 0 for a missed report).
    event OperatorSlashed(
        uint256 indexed modelId,
        address indexed operator,
        Lie indexed lie,
        address prover,
        bytes32 evidence,
        uint256 bond,
        uint256 toToken,
        uint256 toProver,
        uint256 burned
    );

    /// @notice `amount` reached `receiver`, the revenue receiver of `modelId` (`fromEscrow`: by `flushRevenue`).
    event RevenuePaid(uint256 indexed modelId, address indexed receiver, uint256 amount, bool fromEscrow);

    /// @notice `amount` for `modelId` was escrowed: its receiver (`receiver`, zero if unset) did not take it.
    event RevenueEscrowed(uint256 indexed modelId, address indexed receiver, uint256 amount);

    /// @notice `account` withdrew its credit `amount`.
    event Withdrawn(address indexed account, uint256 amount);

    // ------------------------------------------------------------------ model owners

    /// @notice Owner of `modelId` (per the registry): sets the token's share of reported revenue and the
    ///         smallest bond for this model. The first call's share applies from the current period; later
    ///         changes apply from the next period, so no running period changes terms.
    /// @param shareBps The token's share of each period's total, in basis points (0..10000).
    /// @param minBond Smallest bond for new operators of this model (the ledger's `minBond` still applies).
    function setTerms(uint256 modelId, uint16 shareBps, uint96 minBond) external;

    // ------------------------------------------------------------------ operators

    /// @notice Registers the caller as an operator of `modelId` with `msg.value` as its bond. It signs receipts
    ///         with the caller's key, sequences from 0, and must report every period from the current one on.
    function register(uint256 modelId) external payable;

    /// @notice Adds `msg.value` to the caller's bond for `modelId`.
    function addBond(uint256 modelId) external payable;

    /// @notice Reports `period` (ended, at or after the first unreported period; earlier unreported periods are
    ///         declared empty) and pays exactly `floor(total · shareBps(period) / 10000)` with it.
    /// @param count Receipts of the period: sequences `[nextSequence, nextSequence + count)`.
    /// @param total Sum of their prices (the sum tree's root sum).
    /// @param root Root of the Merkle sum tree over them (zero, with a zero total, for no receipts).
    function report(uint256 modelId, uint32 period, uint64 count, uint128 total, bytes32 root)
        external
        payable;

    /// @notice Starts the caller's exit from `modelId`: it serves no period after the current one, which it
    ///         still has to report like the others.
    function requestExit(uint256 modelId) external;

    /// @notice Pays an exiting operator its bond once its last period is reported, `unbondingDelay` has passed
    ///         since its last report, and no challenge is open.
    function withdrawBond(uint256 modelId) external;

    // ------------------------------------------------------------------ proofs (permissionless)

    /// @notice Proves a count lie with one receipt: its period is settled and its sequence is outside the range
    ///         the reports gave that period (an empty period's range is empty; so is every period before the
    ///         operator's first and, once it exits, after its last), or its period is unsettled but its sequence
    ///         is already in a settled range. Slashes the operator; the caller is the prover.
    /// @param report The period's report (ignored when the period has none).
    function proveOutOfRange(Receipt calldata receipt, bytes calldata signature, Report calldata report)
        external;

    /// @notice Proves equivocation: two different receipts of one model and operator with one sequence number.
    ///         The token is owed the larger of the two prices' shares.
    function proveEquivocation(
        Receipt calldata a,
        bytes calldata signatureA,
        Receipt calldata b,
        bytes calldata signatureB
    ) external;

    /// @notice Proves a total lie with one receipt: its period's reported total is below its price.
    function provePriceAboveTotal(Receipt calldata receipt, bytes calldata signature, Report calldata report)
        external;

    /// @notice Challenges a receipt in its period's range within `challengeWindow` of the report, with
    ///         `challengeBond`: the operator must prove, before the deadline, that this exact receipt is the leaf
    ///         at `sequence - start` of the reported tree.
    function challengeReceipt(Receipt calldata receipt, bytes calldata signature, Report calldata report)
        external
        payable;

    /// @notice Answers an open challenge with the receipt's inclusion proof (siblings from the leaf up; exactly
    ///         `ceil(log2(count))` of them). Anyone may answer; the answerer is credited the challenge bond.
    function answerChallenge(Receipt calldata receipt, Report calldata report, SumNode[] calldata proof)
        external;

    /// @notice After an unanswered challenge's deadline: slashes the operator (the challenger is the prover and
    ///         gets its bond back). If the operator was already removed, just returns the challenger's bond
    ///         (possible at any time).
    function slashUnanswered(Receipt calldata receipt) external;

    /// @notice Slashes an operator whose next period was not reported by its deadline; the caller is the prover.
    function slashOverdue(uint256 modelId, address operator) external;

    // ------------------------------------------------------------------ money

    /// @notice Pushes the revenue escrowed for `modelId` to its current revenue receiver (all gas forwarded;
    ///         reverts if the receiver refuses).
    function flushRevenue(uint256 modelId) external;

    /// @notice Pays the caller its credit.
    function withdraw() external;

    // ------------------------------------------------------------------ views

    /// @notice The model registry (owners and revenue receivers).
    function REGISTRY() external view returns (IModelRegistry);

    /// @notice Start of period 0 (the deployment's timestamp).
    function GENESIS() external view returns (uint256);

    /// @notice The deployment's parameters.
    function parameters() external view returns (Parameters memory);

    /// @notice The period `block.timestamp` is in.
    function currentPeriod() external view returns (uint32);

    /// @notice When `period` ends (the first second of the next).
    function periodEnd(uint32 period) external view returns (uint256);

    /// @notice The EIP-712 digest of `receipt` (what the operator signs; a tree leaf's hash; a challenge's key).
    function receiptDigest(Receipt calldata receipt) external view returns (bytes32);

    /// @notice The signer of `signature` over `receipt`, zero if the signature is malformed.
    function recoverReceiptSigner(Receipt calldata receipt, bytes calldata signature)
        external
        view
        returns (address);

    /// @notice The root hash and sum that `proof` leads to from leaf `(leafHash, leafSum)` at `index`.
    function computeSumRoot(bytes32 leafHash, uint256 leafSum, uint256 index, SumNode[] calldata proof)
        external
        pure
        returns (bytes32 root, uint256 sum);

    /// @notice The model's terms.
    function termsOf(uint256 modelId) external view returns (Terms memory);

    /// @notice The token's share (basis points) that applies to `period` of `modelId`.
    function shareAt(uint256 modelId, uint32 period) external view returns (uint256);

    /// @notice An operator's state.
    function operatorOf(uint256 modelId, address operator) external view returns (Operator memory);

    /// @notice `keccak256(abi.encode(report))` of the report of `period` (zero if the period was empty or is
    ///         not settled).
    function reportHashOf(uint256 modelId, address operator, uint32 period) external view returns (bytes32);

    /// @notice The challenge of the receipt with digest `digest`.
    function challengeOf(bytes32 digest) external view returns (Challenge memory);

    /// @notice Revenue escrowed for `modelId`.
    function escrowOf(uint256 modelId) external view returns (uint256);

    /// @notice `account`'s pull credit.
    function creditOf(address account) external view returns (uint256);

    /// @notice The books (see `Books`).
    function books() external view returns (Books memory);
}
