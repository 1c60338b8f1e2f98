// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {UsageLedger} from "../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {SumTreeBuilder} from "./utils/SumTreeBuilder.sol";

/// @dev Shared setup of the UsageLedger suites: one model whose revenue receiver is a real RevShareToken,
///      the token's share 20 %, hourly periods, a 1 ETH operator bond, a 3x penalty; one operator with a key.
contract UsageLedgerSetup is Test {
    uint32 internal constant PERIOD = 1 hours;
    uint32 internal constant REPORT_WINDOW = 30 minutes;
    uint32 internal constant CHALLENGE_WINDOW = 2 hours;
    uint32 internal constant ANSWER_WINDOW = 30 minutes;
    uint32 internal constant UNBONDING = 3 hours;
    uint96 internal constant MIN_BOND = 0.1 ether;
    uint96 internal constant CHALLENGE_BOND = 0.001 ether;
    uint96 internal constant PROVER_REWARD = 0.01 ether;
    uint32 internal constant PENALTY_BPS = 30_000;
    uint32 internal constant REVENUE_GAS = 100_000;
    uint16 internal constant SHARE_BPS = 2000;
    uint256 internal constant BOND = 1 ether;

    ModelRegistry internal registry;
    RevShareToken internal token;
    UsageLedger internal ledger;
    uint256 internal modelId;

    address internal modelOwner = makeAddr("modelOwner");
    address internal operator;
    uint256 internal operatorKey;
    address internal user = makeAddr("user");
    address internal prover = makeAddr("prover");
    address internal keeper = makeAddr("keeper");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        registry = new ModelRegistry();
        token = new RevShareToken(tokenConfig());
        vm.startPrank(modelOwner);
        modelId = registry.register(keccak256("weights"), hex"01", 0.01 ether);
        registry.setRevenueReceiver(modelId, address(token), 7000);
        vm.stopPrank();
        ledger = new UsageLedger(registry, defaultParameters());
        vm.prank(modelOwner);
        ledger.setTerms(modelId, SHARE_BPS, 0);
        (operator, operatorKey) = makeAddrAndKey("operator");
        vm.deal(operator, 1000 ether);
        vm.deal(user, 1000 ether);
        vm.deal(prover, 1000 ether);
        vm.deal(keeper, 1000 ether);
        vm.prank(operator);
        ledger.register{value: BOND}(modelId);
    }

    /// @dev Replaces the ledger with one whose report window is a day (24 periods), so a report may declare the
    ///      periods it skips empty; the operator registers again there.
    function useDayLongReportWindow() internal {
        IUsageLedger.Parameters memory p = defaultParameters();
        p.reportWindow = 1 days;
        p.unbondingDelay = 1 days;
        ledger = new UsageLedger(registry, p);
        vm.prank(modelOwner);
        ledger.setTerms(modelId, SHARE_BPS, 0);
        vm.prank(operator);
        ledger.register{value: BOND}(modelId);
    }

    function defaultParameters() internal pure returns (IUsageLedger.Parameters memory p) {
        p.periodLength = PERIOD;
        p.reportWindow = REPORT_WINDOW;
        p.challengeWindow = CHALLENGE_WINDOW;
        p.answerWindow = ANSWER_WINDOW;
        p.unbondingDelay = UNBONDING;
        p.minBond = MIN_BOND;
        p.challengeBond = CHALLENGE_BOND;
        p.proverReward = PROVER_REWARD;
        p.penaltyBps = PENALTY_BPS;
        p.revenueGasLimit = REVENUE_GAS;
    }

    function tokenConfig() internal returns (IRevShareToken.Config memory config) {
        config.name = "OpenLM";
        config.symbol = "OLM";
        config.holders = new address[](1);
        config.amounts = new uint256[](1);
        (config.holders[0], config.amounts[0]) = (makeAddr("holder"), 1e9 ether);
        config.revenueExcluded = new address[](0);
        config.claimableBps = 8000;
        config.snapshotInterval = 1 days;
        config.claimWindow = 2;
        config.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.RollForward;
        config.revenueTokens = new address[](0);
    }

    // ---------------------------------------------------------------- receipts

    function receiptOf(uint64 sequence, uint128 price, uint32 period)
        internal
        view
        returns (IUsageLedger.Receipt memory)
    {
        return IUsageLedger.Receipt(modelId, operator, user, sequence, price, period);
    }

    /// @dev The receipt's EIP-712 digest, computed here from the standard's definition (no call to the ledger,
    ///      so it can sit between `vm.prank`/`vm.expectRevert` and the call they are for).
    function digestOf(IUsageLedger.Receipt memory r) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("UsageLedger"),
                keccak256("1"),
                block.chainid,
                address(ledger)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Receipt(uint256 modelId,address operator,address user,uint64 sequence,uint128 price,uint32 period)"
                ),
                r.modelId,
                r.operator,
                r.user,
                r.sequence,
                r.price,
                r.period
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function sign(uint256 key, IUsageLedger.Receipt memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, digestOf(r));
        return abi.encodePacked(rr, s, v);
    }

    function signed(IUsageLedger.Receipt memory r) internal view returns (bytes memory) {
        return sign(operatorKey, r);
    }

    /// @dev `count` receipts of `period` from `start`, priced `basePrice + i`.
    function receiptsOf(uint32 period, uint64 start, uint256 count, uint128 basePrice)
        internal
        view
        returns (IUsageLedger.Receipt[] memory rs)
    {
        rs = new IUsageLedger.Receipt[](count);
        for (uint256 i; i < count; ++i) {
            // casting to 'uint64'/'uint128' is safe: test counts and prices are small
            // forge-lint: disable-next-line(unsafe-typecast)
            rs[i] = receiptOf(start + uint64(i), basePrice + uint128(i), period);
        }
    }

    // ---------------------------------------------------------------- trees and reports

    function leavesOf(IUsageLedger.Receipt[] memory rs)
        internal
        view
        returns (bytes32[] memory hashes, uint256[] memory sums)
    {
        hashes = new bytes32[](rs.length);
        sums = new uint256[](rs.length);
        for (uint256 i; i < rs.length; ++i) {
            hashes[i] = digestOf(rs[i]);
            sums[i] = rs[i].price;
        }
    }

    function proofOf(IUsageLedger.Receipt[] memory rs, uint256 index)
        internal
        view
        returns (IUsageLedger.SumNode[] memory)
    {
        (bytes32[] memory hashes, uint256[] memory sums) = leavesOf(rs);
        return SumTreeBuilder.proof(hashes, sums, index);
    }

    function owedOn(uint256 total) internal pure returns (uint256) {
        return total * SHARE_BPS / 10_000;
    }

    /// @dev Reports `rs` honestly as `period` (warping to its end if needed); returns the report.
    function reportHonest(uint32 period, IUsageLedger.Receipt[] memory rs)
        internal
        returns (IUsageLedger.Report memory rep)
    {
        (bytes32[] memory hashes, uint256[] memory sums) = leavesOf(rs);
        (bytes32 root, uint256 total) = SumTreeBuilder.root(hashes, sums);
        // casting to 'uint128'/'uint64' is safe: test totals and counts are small
        // forge-lint: disable-next-line(unsafe-typecast)
        return reportAs(operator, period, uint64(rs.length), uint128(total), root);
    }

    function reportAs(address who, uint32 period, uint64 count, uint128 total, bytes32 root)
        internal
        returns (IUsageLedger.Report memory rep)
    {
        uint256 endsAt = ledger.periodEnd(period);
        if (block.timestamp < endsAt) vm.warp(endsAt);
        uint64 start = ledger.operatorOf(modelId, who).nextSequence;
        uint256 owed = uint256(total) * ledger.shareAt(modelId, period) / 10_000;
        vm.prank(who);
        ledger.report{value: owed}(modelId, period, count, total, root);
        rep = IUsageLedger.Report(start, count, total, root, uint40(block.timestamp));
    }

    function noReport() internal pure returns (IUsageLedger.Report memory rep) {}

    /// @dev ETH revenue the token booked so far.
    function tokenReceived() internal view returns (uint256) {
        return token.books(address(0)).received;
    }

    /// @dev The ledger holds exactly its books.
    function assertBooks() internal view {
        IUsageLedger.Books memory b = ledger.books();
        assertEq(
            address(ledger).balance,
            b.bonded + b.challengeBonds + b.escrowed + b.credits + b.burned,
            "ledger balance = bonds + challenge bonds + escrow + credits + burned"
        );
        assertEq(
            b.revenueReported + b.slashedToTokens,
            b.revenueDelivered + b.escrowed,
            "revenue in = delivered + escrowed"
        );
    }
}
