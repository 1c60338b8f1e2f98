// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {UsageLedger} from "../../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../../src/interfaces/IUsageLedger.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {RevShareToken} from "../../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {UsageHandler} from "./UsageHandler.sol";

/// @notice Usage-ledger invariants; see PROPERTIES.md in this folder.
contract UsageLedgerInvariants_Test is Test {
    UsageLedger internal ledger;
    RevShareToken internal token;
    UsageHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address owner = makeAddr("modelOwner");
        ModelRegistry registry = new ModelRegistry();
        IRevShareToken.Config memory c;
        c.name = "OpenLM";
        c.symbol = "OLM";
        c.holders = new address[](1);
        c.amounts = new uint256[](1);
        (c.holders[0], c.amounts[0]) = (owner, 1e9 ether);
        c.claimableBps = 8000;
        c.snapshotInterval = 1 days;
        c.claimWindow = 2;
        token = new RevShareToken(c);
        vm.startPrank(owner);
        uint256 modelId = registry.register(keccak256("weights"), hex"01", 0);
        registry.setRevenueReceiver(modelId, address(token), 7000);
        vm.stopPrank();
        ledger = new UsageLedger(
            registry,
            IUsageLedger.Parameters({
                periodLength: 1 hours,
                reportWindow: 30 minutes,
                challengeWindow: 2 hours,
                answerWindow: 30 minutes,
                unbondingDelay: 3 hours,
                minBond: 0.1 ether,
                challengeBond: 0.001 ether,
                proverReward: 0.01 ether,
                penaltyBps: 30_000,
                revenueGasLimit: 100_000
            })
        );
        vm.prank(owner);
        ledger.setTerms(modelId, 2000, 0);
        handler = new UsageHandler(ledger, registry, token, modelId, owner);
        targetContract(address(handler));
    }

    /// @dev What the ledger holds is exactly its books.
    function invariant_balanceEqualsBooks() public view {
        IUsageLedger.Books memory b = ledger.books();
        assertEq(address(ledger).balance, b.bonded + b.challengeBonds + b.escrowed + b.credits + b.burned);
    }

    /// @dev Every wei that came in left (withdrawn or delivered to the token) or is still here.
    function invariant_inEqualsOutPlusBalance() public view {
        assertEq(
            address(ledger).balance, handler.ghostIn() - handler.ghostWithdrawn() - handler.ghostToReceiver()
        );
    }

    /// @dev Revenue owed to the model (reports and slashes) = delivered + escrowed, and delivered is what the token
    ///      received (nothing else pays it here).
    function invariant_revenueDeliveredOrEscrowed() public view {
        IUsageLedger.Books memory b = ledger.books();
        assertEq(b.revenueReported + b.slashedToTokens, b.revenueDelivered + b.escrowed);
        assertEq(b.revenueDelivered, handler.ghostToReceiver());
        assertEq(token.books(address(0)).received, handler.ghostToReceiver());
        assertEq(b.escrowed, ledger.escrowOf(handler.modelId()));
    }

    /// @dev Each report paid exactly floor(total · share(period) / 10000), the share from the handler's own schedule.
    function invariant_reportPaymentsExact() public view {
        assertEq(ledger.books().revenueReported, handler.ghostReportedOwed());
    }

    /// @dev Every slash split its bond as modelled: prover first, then the token's penalty, the rest burned.
    function invariant_slashSplitsExact() public view {
        IUsageLedger.Books memory b = ledger.books();
        assertEq(b.slashedToTokens, handler.ghostSlashedToToken());
        assertEq(b.burned, handler.ghostBurned());
    }

    /// @dev Honest operators are never slashed, never refused a report or an answer, never overdue, and keep their
    ///      whole bond until they withdraw it.
    function invariant_honestNeverSlashable() public view {
        assertEq(handler.ghostHonestRemoved(), 0, "an honest operator was slashed");
        assertEq(handler.ghostRefused(), 0, "a live report or a genuine answer was refused");
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address op = handler.operators(i);
            if (!handler.isHonest(op)) continue;
            IUsageLedger.Operator memory o = ledger.operatorOf(handler.modelId(), op);
            assertTrue(o.status != IUsageLedger.Status.Removed, "honest operator removed");
            if (o.status == IUsageLedger.Status.Active || o.status == IUsageLedger.Status.Exiting) {
                assertEq(o.bond, handler.deposited(op), "honest bond intact");
                assertTrue(
                    o.reportDeadline == 0 || block.timestamp < o.reportDeadline, "honest operator overdue"
                );
            }
        }
    }

    /// @dev Bonds, challenge bonds and credits in the books are the sums over operators, open challenges, accounts.
    function invariant_booksMatchTheirParts() public view {
        IUsageLedger.Books memory b = ledger.books();
        uint256 bonded;
        for (uint256 i; i < handler.operatorCount(); ++i) {
            bonded += ledger.operatorOf(handler.modelId(), handler.operators(i)).bond;
        }
        assertEq(b.bonded, bonded, "bonded");
        assertEq(
            b.challengeBonds,
            handler.openChallengeCount() * ledger.parameters().challengeBond,
            "challenge bonds"
        );
        uint256 credits;
        for (uint256 i; i < handler.accountCount(); ++i) {
            credits += ledger.creditOf(handler.accounts(i));
        }
        assertEq(b.credits, credits, "credits");
    }

    /// @dev Only operators that lied (or missed a report) are removed; a removed operator holds no bond.
    function invariant_onlyLiarsRemoved() public view {
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address op = handler.operators(i);
            IUsageLedger.Operator memory o = ledger.operatorOf(handler.modelId(), op);
            if (o.status == IUsageLedger.Status.Removed || o.status == IUsageLedger.Status.Exited) {
                assertEq(o.bond, 0);
            }
            if (o.status == IUsageLedger.Status.Removed) assertFalse(handler.isHonest(op));
        }
    }

    /// @dev The handler's paths, scripted: every kind of lie is proven through them at least once, the books stay
    ///      exact, and an honest operator exits with its whole bond. (The random runs reach them too, less often:
    ///      an unanswered challenge needs five actions in order, which the `ci` profile's depth finds.)
    function test_handler_reachesEveryKindOfLie() public {
        // operators 0 and 2 are honest; liar 1 withholds its tree, liar 3 leaves its last receipt out of the count
        handler.serve(0, 1, 2);
        handler.serve(1, 2, 3);
        handler.serve(3, 3, 3);
        handler.advance(70 minutes); // period 0 reported by everyone
        handler.challenge(_pick(handler.operators(1), 1));
        handler.challenge(_pick(handler.operators(0), 0)); // the honest operator answers at once
        handler.proveOutOfRange(_pick(handler.operators(3), 2));
        handler.advance(35 minutes);
        handler.slashUnanswered(0);
        // liar 4 withholds its tree too but also signs a second receipt for a used sequence; liar 5 puts a cheaper
        // made-up receipt in its first leaf
        handler.registerOperator(false);
        handler.registerOperator(false);
        handler.serve(4, 4, 2);
        handler.liarEquivocate(4, 0);
        handler.proveEquivocation(_pick(handler.operators(4), 0), 0);
        handler.serve(5, 5, 1);
        handler.registerOperator(false); // liar 6 will stop reporting
        handler.toggleStall(6);
        handler.advance(60 minutes);
        handler.provePriceAboveTotal(_pick(handler.operators(5), 0));
        handler.slashOverdue(6);
        // the honest operator 0 exits and takes its whole bond back
        handler.requestExit(0);
        handler.advance(90 minutes);
        handler.advance(90 minutes);
        handler.advance(90 minutes);
        handler.withdrawBond(0);

        assertEq(handler.ghostSlashesOf(IUsageLedger.Lie.OutOfRange), 1, "out of range");
        assertEq(handler.ghostSlashesOf(IUsageLedger.Lie.Unanswered), 1, "unanswered");
        assertEq(handler.ghostSlashesOf(IUsageLedger.Lie.Equivocation), 1, "equivocation");
        assertEq(handler.ghostSlashesOf(IUsageLedger.Lie.PriceAboveTotal), 1, "price above total");
        assertEq(handler.ghostSlashesOf(IUsageLedger.Lie.MissedReport), 1, "missed report");
        assertGe(handler.ghostAnswers(), 1, "an honest answer");
        assertEq(handler.ghostBondsWithdrawn(), 1, "an honest exit");
        invariant_balanceEqualsBooks();
        invariant_inEqualsOutPlusBalance();
        invariant_revenueDeliveredOrEscrowed();
        invariant_reportPaymentsExact();
        invariant_slashSplitsExact();
        invariant_honestNeverSlashable();
        invariant_booksMatchTheirParts();
        invariant_onlyLiarsRemoved();
    }

    /// @dev The handler's odd `pick` for the receipt of `op` with `sequence`.
    function _pick(address op, uint64 sequence) internal view returns (uint256) {
        for (uint256 i; i < handler.heldCount(); ++i) {
            (address o, uint64 q) = handler.heldAt(i);
            if (o == op && q == sequence) return 2 * i + 1;
        }
        revert("no such receipt");
    }
}
