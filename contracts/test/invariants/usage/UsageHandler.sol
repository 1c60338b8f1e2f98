// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {UsageLedger} from "../../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../../src/interfaces/IUsageLedger.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {SumTreeBuilder} from "../../usage/utils/SumTreeBuilder.sol";
import {RevertingReceiver} from "../../usage/mocks/Receivers.sol";

/// @notice Actors of the usage-ledger invariants. Honest operators are always live: before time passes they report
///         every ended period with the honest tree and answer every challenge against them. Liars report on time
///         too unless they stall (then they miss the deadline), with a tree that, as the fuzzer sets it, may leave
///         the last receipt out of the count, hold a cheaper made-up receipt in one leaf, or be withheld altogether;
///         they also sign a second receipt for a used sequence now and then, and answer a challenge only when their
///         tree truly holds the receipt. Users challenge any receipt; provers try every proof on any receipt (a refused proof reverts and
///         changes nothing). The model's owner changes the share and points the revenue at a refusing receiver and
///         back. Ghosts count every wei in and out and model every report payment and every slash split.
contract UsageHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant BPS = 10_000;
    uint256 public constant MAX_OPERATORS = 8;

    struct Held {
        IUsageLedger.Receipt r;
        bytes sig;
        bytes32 digest;
    }

    struct Share {
        uint32 fromPeriod;
        uint16 bps;
    }

    UsageLedger public ledger;
    ModelRegistry public registry;
    RevShareToken public token;
    RevertingReceiver public refusing;
    uint256 public modelId;
    address public modelOwner;
    IUsageLedger.Parameters internal p;

    address[] public operators;
    mapping(address => uint256) public keyOf;
    mapping(address => bool) public isHonest;
    mapping(address => uint64) public signedCount; // next sequence the operator signs
    mapping(address => uint256) public deposited; // bonds the operator paid in
    mapping(address => uint256) public lieMode; // liars: how their next reports lie (see `setLieMode`)
    mapping(address => bool) public stalls; // liars: stop reporting (and miss the deadline)

    Held[] internal held;
    mapping(address => mapping(uint32 => uint256[])) internal receiptsIn; // indexes into `held`
    mapping(address => mapping(uint32 => IUsageLedger.Report)) internal reportOf;
    mapping(address => mapping(uint32 => bytes32[])) internal treeHashes;
    mapping(address => mapping(uint32 => uint256[])) internal treeSums;
    uint256[] internal liarHeld; // indexes into `held` of liars' receipts
    mapping(address => uint256[]) internal heldOf; // indexes into `held` per operator
    mapping(bytes32 => uint256[]) internal bySlot; // indexes into `held` per (operator, sequence)
    bytes32[] internal openChallenges; // digests; settled ones are dropped as they are seen
    uint256 public ghostOpenChallenges;
    mapping(bytes32 => uint256) internal heldOfDigest; // index + 1

    Share[] internal shares;

    address public user = makeAddr("user");
    address public prover = makeAddr("prover");
    address public keeper = makeAddr("keeper");
    address[] public accounts; // everyone who may hold a credit

    // ---- ghosts
    uint256 public ghostIn;
    uint256 public ghostWithdrawn;
    uint256 public ghostToReceiver; // what the token received from the ledger
    uint256 public ghostReportedOwed; // modelled report payments
    uint256 public ghostSlashedToToken; // modelled
    uint256 public ghostBurned; // modelled
    uint256 public ghostProverRewards; // modelled
    uint256 public ghostHonestRemoved;
    uint256 public ghostRefused; // reports of live operators, or answers with the genuine leaf, that the ledger refused
    uint256 public ghostSlashes;
    uint256 public ghostAnswers;
    uint256 public ghostChallenges;
    mapping(IUsageLedger.Lie => uint256) public ghostSlashesOf;
    uint256 public ghostBondsWithdrawn;
    uint256 public ghostReports;

    constructor(
        UsageLedger ledger_,
        ModelRegistry registry_,
        RevShareToken token_,
        uint256 modelId_,
        address owner_
    ) {
        ledger = ledger_;
        registry = registry_;
        token = token_;
        modelId = modelId_;
        modelOwner = owner_;
        p = ledger_.parameters();
        refusing = new RevertingReceiver();
        shares.push(Share(0, uint16(ledger_.shareAt(modelId_, 0))));
        accounts.push(user);
        accounts.push(prover);
        accounts.push(keeper);
        vm.deal(user, 1e6 ether);
        vm.deal(prover, 1e6 ether);
        vm.deal(keeper, 1e6 ether);
        for (uint256 i; i < 4; ++i) {
            _addOperator(i % 2 == 0);
        }
    }

    // ---------------------------------------------------------------- views for the invariants

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function heldCount() external view returns (uint256) {
        return held.length;
    }

    function heldAt(uint256 i) external view returns (address operator, uint64 sequence) {
        return (held[i].r.operator, held[i].r.sequence);
    }

    function openChallengeCount() external view returns (uint256) {
        return ghostOpenChallenges;
    }

    // ---------------------------------------------------------------- actions

    function registerOperator(bool honest) external {
        if (operators.length >= MAX_OPERATORS) return;
        _addOperator(honest);
    }

    function serve(uint256 opSeed, uint256 priceSeed, uint256 count) external {
        _keepUp();
        address op = _operator(opSeed);
        if (!_bonded(op)) return;
        uint32 period = ledger.currentPeriod();
        // an exiting operator serves no period after its last (a receipt of a later period is a lie)
        if (period > ledger.operatorOf(modelId, op).lastPeriod) return;
        count = bound(count, 1, 3);
        for (uint256 i; i < count; ++i) {
            // casting to 'uint128' is safe: the modulus keeps prices below 2 ETH
            // forge-lint: disable-next-line(unsafe-typecast)
            uint128 price = uint128(uint256(keccak256(abi.encode(priceSeed, i))) % 2 ether);
            uint256 idx = _sign(op, IUsageLedger.Receipt(modelId, op, user, signedCount[op]++, price, period));
            receiptsIn[op][period].push(idx);
        }
    }

    function advance(uint256 seconds_) external {
        seconds_ = bound(seconds_, 1, 90 minutes);
        while (seconds_ > 0) {
            _keepUp();
            uint256 step = seconds_ > 10 minutes ? 10 minutes : seconds_;
            vm.warp(block.timestamp + step);
            seconds_ -= step;
        }
        _keepUp();
    }

    /// @param mode 0 honest, 1 last receipt left out of the count, 2 a cheaper made-up leaf, 3 a withheld root
    function setLieMode(uint256 opSeed, uint256 mode) external {
        address op = _operator(opSeed);
        if (isHonest[op]) return;
        lieMode[op] = mode % 4;
    }

    function toggleStall(uint256 opSeed) external {
        address op = _operator(opSeed);
        if (isHonest[op]) return;
        stalls[op] = !stalls[op];
    }

    function liarEquivocate(uint256 opSeed, uint256 pick) external {
        address op = _operator(opSeed);
        if (isHonest[op] || !_bonded(op) || signedCount[op] == 0) return;
        IUsageLedger.Receipt memory r = held[_pickReceiptOf(op, pick)].r;
        r.price = r.price / 2 + 1;
        r.user = keeper;
        _sign(op, r); // held by a user; provable with the original, or by challenging it
    }

    function challenge(uint256 pick) external {
        _keepUp();
        if (held.length == 0) return;
        Held memory h = _pickHeld(pick);
        address op = h.r.operator;
        if (ledger.operatorOf(modelId, op).nextPeriod <= h.r.period) return;
        IUsageLedger.Report memory rep = reportOf[op][h.r.period];
        uint256 bond = p.challengeBond;
        uint256 tokenBefore = address(token).balance;
        vm.prank(user);
        ledger.challengeReceipt{value: bond}(h.r, h.sig, rep);
        ghostIn += bond;
        _countDelivered(tokenBefore);
        openChallenges.push(h.digest);
        ++ghostOpenChallenges;
        ++ghostChallenges;
        _keepUp(); // an honest operator answers at once
    }

    function proveOutOfRange(uint256 pick) external {
        if (held.length == 0) return;
        Held memory h = _pickHeld(pick);
        (uint256 bond, uint256 owed) = _exposure(h.r);
        uint256 tokenBefore = address(token).balance;
        vm.prank(prover);
        ledger.proveOutOfRange(h.r, h.sig, reportOf[h.r.operator][h.r.period]);
        _recordSlash(IUsageLedger.Lie.OutOfRange, h.r.operator, bond, owed, false, tokenBefore);
    }

    function provePriceAboveTotal(uint256 pick) external {
        if (held.length == 0) return;
        Held memory h = _pickHeld(pick);
        (uint256 bond, uint256 owed) = _exposure(h.r);
        uint256 tokenBefore = address(token).balance;
        vm.prank(prover);
        ledger.provePriceAboveTotal(h.r, h.sig, reportOf[h.r.operator][h.r.period]);
        _recordSlash(IUsageLedger.Lie.PriceAboveTotal, h.r.operator, bond, owed, false, tokenBefore);
    }

    function proveEquivocation(uint256 pickA, uint256 pickB) external {
        if (held.length < 2) return;
        Held memory a = _pickHeld(pickA);
        Held memory b = _pickHeld(pickB);
        // a prover who holds a receipt looks for another one of the same sequence (a user who shares receipts)
        uint256[] storage twins = bySlot[keccak256(abi.encode(a.r.operator, a.r.sequence))];
        for (uint256 i; i < twins.length; ++i) {
            if (held[twins[i]].digest != a.digest) {
                b = held[twins[i]];
                break;
            }
        }
        (uint256 bond, uint256 owedA) = _exposure(a.r);
        (, uint256 owedB) = _exposure(b.r);
        uint256 tokenBefore = address(token).balance;
        vm.prank(prover);
        ledger.proveEquivocation(a.r, a.sig, b.r, b.sig);
        _recordSlash(
            IUsageLedger.Lie.Equivocation,
            a.r.operator,
            bond,
            owedA > owedB ? owedA : owedB,
            false,
            tokenBefore
        );
    }

    function slashUnanswered(uint256 pick) external {
        if (openChallenges.length == 0) return;
        // a keeper looks for a challenge still open (from `pick` on), else tries the picked one
        bytes32 digest = openChallenges[pick % openChallenges.length];
        for (uint256 i; i < openChallenges.length; ++i) {
            bytes32 d = openChallenges[(pick + i) % openChallenges.length];
            if (ledger.challengeOf(d).status == IUsageLedger.ChallengeStatus.Open) {
                digest = d;
                break;
            }
        }
        Held memory h = held[heldOfDigest[digest] - 1];
        IUsageLedger.Status s = ledger.operatorOf(modelId, h.r.operator).status;
        bool bonded = s == IUsageLedger.Status.Active || s == IUsageLedger.Status.Exiting;
        (uint256 bond, uint256 owed) = _exposure(h.r);
        uint256 tokenBefore = address(token).balance;
        vm.prank(keeper);
        ledger.slashUnanswered(h.r);
        --ghostOpenChallenges;
        if (bonded) _recordSlash(IUsageLedger.Lie.Unanswered, h.r.operator, bond, owed, false, tokenBefore);
        else _countDelivered(tokenBefore);
    }

    function slashOverdue(uint256 opSeed) external {
        address op = _operator(opSeed);
        uint256 bond = ledger.operatorOf(modelId, op).bond;
        uint256 tokenBefore = address(token).balance;
        vm.prank(keeper);
        ledger.slashOverdue(modelId, op);
        _recordSlash(IUsageLedger.Lie.MissedReport, op, bond, 0, true, tokenBefore);
    }

    function requestExit(uint256 opSeed) external {
        address op = _operator(opSeed);
        vm.prank(op);
        ledger.requestExit(modelId);
    }

    function withdrawBond(uint256 opSeed) external {
        address op = _operator(opSeed);
        uint256 before = op.balance;
        vm.prank(op);
        ledger.withdrawBond(modelId);
        ghostWithdrawn += op.balance - before;
        ++ghostBondsWithdrawn;
    }

    function setShare(uint16 bps) external {
        bps = uint16(bound(bps, 0, BPS));
        uint32 from = ledger.currentPeriod() + 1;
        vm.prank(modelOwner);
        ledger.setTerms(modelId, bps, 0);
        if (shares[shares.length - 1].fromPeriod == from) shares[shares.length - 1].bps = bps;
        else shares.push(Share(from, bps));
    }

    function toggleReceiver() external {
        (, address current,) = registry.feeInfo(modelId);
        vm.prank(modelOwner);
        registry.setRevenueReceiver(
            modelId, current == address(token) ? address(refusing) : address(token), 7000
        );
    }

    function flush() external {
        uint256 tokenBefore = address(token).balance;
        vm.prank(keeper);
        ledger.flushRevenue(modelId);
        _countDelivered(tokenBefore);
    }

    function withdraw(uint256 actorSeed) external {
        address who = accounts[actorSeed % accounts.length];
        uint256 before = who.balance;
        vm.prank(who);
        ledger.withdraw();
        ghostWithdrawn += who.balance - before;
    }

    // ---------------------------------------------------------------- model

    /// @dev The share the handler's own schedule gives `period`.
    function shareModel(uint32 period) public view returns (uint256 bps) {
        for (uint256 i; i < shares.length; ++i) {
            if (shares[i].fromPeriod <= period) bps = shares[i].bps;
        }
    }

    // ---------------------------------------------------------------- internals

    function _addOperator(bool honest) internal {
        uint256 index = operators.length;
        string memory label = string.concat(honest ? "honest" : "liar", vm.toString(index));
        (address op, uint256 key) = makeAddrAndKey(label);
        vm.deal(op, 1e6 ether);
        operators.push(op);
        accounts.push(op);
        keyOf[op] = key;
        isHonest[op] = honest;
        // liars start lying: liars 1 and 4 withhold their roots (mode 3), liar 3 leaves its last receipt out (mode 1),
        // liar 5 puts a cheaper made-up leaf (mode 2); `setLieMode` changes it
        if (!honest) lieMode[op] = 1 + (2 * index) % 3;
        vm.prank(op);
        ledger.register{value: 1 ether}(modelId);
        ghostIn += 1 ether;
        deposited[op] = 1 ether;
    }

    function _operator(uint256 seed) internal view returns (address) {
        return operators[seed % operators.length];
    }

    function _bonded(address op) internal view returns (bool) {
        IUsageLedger.Status s = ledger.operatorOf(modelId, op).status;
        return s == IUsageLedger.Status.Active || s == IUsageLedger.Status.Exiting;
    }

    function _sign(address op, IUsageLedger.Receipt memory r) internal returns (uint256 idx) {
        bytes32 digest = ledger.receiptDigest(r);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(keyOf[op], digest);
        held.push(Held(r, abi.encodePacked(rr, s, v), digest));
        idx = held.length - 1;
        if (heldOfDigest[digest] == 0) heldOfDigest[digest] = idx + 1;
        heldOf[op].push(idx);
        if (!isHonest[op]) liarHeld.push(idx);
        bySlot[keccak256(abi.encode(op, r.sequence))].push(idx);
    }

    /// @dev A held receipt: with an even `pick`, one of a liar's (where lies are), else any.
    function _pickHeld(uint256 pick) internal view returns (Held memory) {
        if (pick % 2 == 0 && liarHeld.length > 0) return held[liarHeld[(pick / 2) % liarHeld.length]];
        return held[(pick / 2) % held.length];
    }

    function _pickReceiptOf(address op, uint256 pick) internal view returns (uint256) {
        return heldOf[op][pick % heldOf[op].length];
    }

    /// @dev Before time passes, operators that are live report every ended period (liars with their lie) and answer
    ///      every challenge they can (a liar cannot answer for a receipt its tree does not hold).
    function _keepUp() internal {
        for (uint256 i; i < operators.length; ++i) {
            address op = operators[i];
            if (!_bonded(op) || stalls[op]) continue;
            IUsageLedger.Operator memory o = ledger.operatorOf(modelId, op);
            // a liar that stalled past its deadline is no longer live (it is slashable instead)
            while (
                o.nextPeriod <= o.lastPeriod && ledger.periodEnd(o.nextPeriod) <= block.timestamp
                    && block.timestamp < o.reportDeadline
            ) {
                uint32 before = o.nextPeriod;
                _report(op, isHonest[op] ? 0 : lieMode[op]);
                o = ledger.operatorOf(modelId, op);
                if (o.nextPeriod == before) break; // refused (counted in ghostRefused)
            }
        }
        for (uint256 i; i < openChallenges.length;) {
            bytes32 digest = openChallenges[i];
            if (ledger.challengeOf(digest).status != IUsageLedger.ChallengeStatus.Open) {
                openChallenges[i] = openChallenges[openChallenges.length - 1];
                openChallenges.pop();
                continue;
            }
            _answerIfPossible(digest);
            ++i;
        }
    }

    function _report(address op, uint256 mode) internal {
        IUsageLedger.Operator memory o = ledger.operatorOf(modelId, op);
        uint32 period = o.nextPeriod;
        if (ledger.periodEnd(period) > block.timestamp || period > o.lastPeriod) return;
        (uint256 n, bytes32 root, uint256 total) = _buildTree(op, period, mode);
        // casting to 'uint64'/'uint128' is safe: at most a few receipts of at most 2 ETH each
        // forge-lint: disable-next-line(unsafe-typecast)
        IUsageLedger.Report memory rep =
            IUsageLedger.Report(o.nextSequence, uint64(n), uint128(total), root, 0);
        _submit(op, period, rep);
    }

    /// @dev The tree the operator commits to for `period` (see `liarReport` for the modes).
    function _buildTree(address op, uint32 period, uint256 mode)
        internal
        returns (uint256 n, bytes32 root, uint256 total)
    {
        uint256[] storage idx = receiptsIn[op][period];
        n = idx.length;
        if (mode == 1 && n > 0) --n; // leave the last receipt out of the count
        bytes32[] storage hashes = treeHashes[op][period];
        uint256[] storage sums = treeSums[op][period];
        for (uint256 i; i < n; ++i) {
            Held storage h = held[idx[i]];
            if (mode == 2 && i == 0) {
                IUsageLedger.Receipt memory r = h.r;
                r.user = prover; // a made-up, cheaper receipt in the first leaf
                r.price = r.price / 2;
                hashes.push(ledger.receiptDigest(r));
                sums.push(r.price);
            } else {
                hashes.push(h.digest);
                sums.push(h.r.price);
            }
        }
        (root, total) = SumTreeBuilder.root(hashes, sums);
        if (mode == 3 && n > 0) root = keccak256(abi.encode("withheld", op, period));
    }

    function _submit(address op, uint32 period, IUsageLedger.Report memory rep) internal {
        uint256 owed = uint256(rep.total) * shareModel(period) / BPS;
        uint256 tokenBefore = address(token).balance;
        vm.prank(op);
        (bool ok,) = address(ledger).call{value: owed}(
            abi.encodeCall(IUsageLedger.report, (modelId, period, rep.count, rep.total, rep.root))
        );
        if (!ok) {
            // a report of an operator that keeps up is never refused (the liars' lies are in the tree, not the call)
            ++ghostRefused;
            delete treeHashes[op][period];
            delete treeSums[op][period];
            return;
        }
        rep.reportedAt = uint40(block.timestamp);
        reportOf[op][period] = rep;
        ghostIn += owed;
        ghostReportedOwed += owed;
        ++ghostReports;
        _countDelivered(tokenBefore);
    }

    function _answerIfPossible(bytes32 digest) internal {
        Held memory h = held[heldOfDigest[digest] - 1];
        address op = h.r.operator;
        if (!_bonded(op) || block.timestamp >= ledger.challengeOf(digest).deadline) return;
        IUsageLedger.Report memory rep = reportOf[op][h.r.period];
        bytes32[] memory hashes = treeHashes[op][h.r.period];
        uint256 index = h.r.sequence - rep.start;
        // the operator can answer only if its tree holds exactly this receipt at its leaf, under the root it reported
        if (index >= hashes.length || hashes[index] != digest) return;
        (bytes32 root,) = SumTreeBuilder.root(hashes, treeSums[op][h.r.period]);
        if (root != rep.root) return;
        IUsageLedger.SumNode[] memory proof = SumTreeBuilder.proof(hashes, treeSums[op][h.r.period], index);
        vm.prank(op);
        (bool ok,) = address(ledger).call(abi.encodeCall(IUsageLedger.answerChallenge, (h.r, rep, proof)));
        if (ok) {
            ++ghostAnswers;
            --ghostOpenChallenges;
        } else {
            ++ghostRefused; // a tree that holds the receipt under the reported root always answers
        }
    }

    function _exposure(IUsageLedger.Receipt memory r) internal view returns (uint256 bond, uint256 owed) {
        bond = ledger.operatorOf(modelId, r.operator).bond;
        owed = uint256(r.price) * shareModel(r.period) / BPS;
    }

    /// @dev After a successful proof: the modelled split of `bond` (prover first, then the token's penalty, the
    ///      rest burned).
    function _recordSlash(
        IUsageLedger.Lie lie,
        address op,
        uint256 bond,
        uint256 owed,
        bool owedUnknown,
        uint256 tokenBefore
    ) internal {
        uint256 toProver = bond < p.proverReward ? bond : p.proverReward;
        uint256 rest = bond - toProver;
        uint256 penalty = owedUnknown ? rest : owed * p.penaltyBps / BPS;
        uint256 toToken = penalty < rest ? penalty : rest;
        ghostProverRewards += toProver;
        ghostSlashedToToken += toToken;
        ghostBurned += rest - toToken;
        ++ghostSlashes;
        ++ghostSlashesOf[lie];
        if (isHonest[op]) ++ghostHonestRemoved;
        _countDelivered(tokenBefore);
    }

    function _countDelivered(uint256 tokenBefore) internal {
        ghostToReceiver += address(token).balance - tokenBefore;
    }
}
