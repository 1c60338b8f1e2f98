// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UsageLedger} from "../../src/usage/UsageLedger.sol";
import {IUsageLedger} from "../../src/interfaces/IUsageLedger.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {UsageLedgerSetup} from "./UsageLedgerSetup.sol";
import {RevertingReceiver, GasBurningReceiver, ReentrantReceiver} from "./mocks/Receivers.sol";

/// @notice Lifecycle of the ledger: parameters, terms, registration, reports and revenue, exits, missed reports.
contract UsageLedger_Test is UsageLedgerSetup {
    // ---------------------------------------------------------------- constructor

    function test_constructor_setsParametersAndGenesis() public view {
        IUsageLedger.Parameters memory p = ledger.parameters();
        assertEq(p.periodLength, PERIOD);
        assertEq(p.reportWindow, REPORT_WINDOW);
        assertEq(p.challengeWindow, CHALLENGE_WINDOW);
        assertEq(p.answerWindow, ANSWER_WINDOW);
        assertEq(p.unbondingDelay, UNBONDING);
        assertEq(p.minBond, MIN_BOND);
        assertEq(p.challengeBond, CHALLENGE_BOND);
        assertEq(p.proverReward, PROVER_REWARD);
        assertEq(p.penaltyBps, PENALTY_BPS);
        assertEq(p.revenueGasLimit, REVENUE_GAS);
        assertEq(ledger.GENESIS(), 1_700_000_000);
        assertEq(address(ledger.REGISTRY()), address(registry));
    }

    function test_constructor_unbondingNotLongerThanChallengeAndAnswer_reverts() public {
        IUsageLedger.Parameters memory p = defaultParameters();
        p.unbondingDelay = CHALLENGE_WINDOW + ANSWER_WINDOW;
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidParameter.selector, "unbondingDelay")
        );
        new UsageLedger(registry, p);
        p.unbondingDelay += 1;
        new UsageLedger(registry, p);
    }

    function test_constructor_invalidParameters_revert() public {
        IUsageLedger.Parameters memory p = defaultParameters();
        p.periodLength = 59;
        _expectInvalid(p, "periodLength");
        p = defaultParameters();
        p.reportWindow = 0;
        _expectInvalid(p, "reportWindow");
        p = defaultParameters();
        p.challengeWindow = 91 days;
        _expectInvalid(p, "challengeWindow");
        p = defaultParameters();
        p.answerWindow = 30;
        _expectInvalid(p, "answerWindow");
        p = defaultParameters();
        p.minBond = PROVER_REWARD - 1;
        _expectInvalid(p, "minBond");
        p = defaultParameters();
        p.penaltyBps = 9999;
        _expectInvalid(p, "penaltyBps");
        p = defaultParameters();
        p.revenueGasLimit = 9999;
        _expectInvalid(p, "revenueGasLimit");
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidParameter.selector, "registry")
        );
        new UsageLedger(IModelRegistry(address(0)), defaultParameters());
    }

    function _expectInvalid(IUsageLedger.Parameters memory p, string memory name) internal {
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidParameter.selector, name));
        new UsageLedger(registry, p);
    }

    function test_periods_followTheClock() public {
        assertEq(ledger.currentPeriod(), 0);
        assertEq(ledger.periodEnd(0), 1_700_000_000 + PERIOD);
        vm.warp(1_700_000_000 + PERIOD - 1);
        assertEq(ledger.currentPeriod(), 0);
        vm.warp(1_700_000_000 + PERIOD);
        assertEq(ledger.currentPeriod(), 1);
    }

    // ---------------------------------------------------------------- terms

    function test_setTerms_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_NotModelOwner.selector, modelId, user)
        );
        vm.prank(user);
        ledger.setTerms(modelId, 100, 0);
    }

    function test_setTerms_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 99));
        ledger.setTerms(99, 100, 0);
    }

    function test_setTerms_shareAbove10000_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidShare.selector, 10_001));
        vm.prank(modelOwner);
        ledger.setTerms(modelId, 10_001, 0);
    }

    function test_setTerms_followsRegistryOwnership() public {
        address next = makeAddr("nextOwner");
        vm.prank(modelOwner);
        registry.transferOwnership(modelId, next);
        vm.prank(next);
        registry.acceptOwnership(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_NotModelOwner.selector, modelId, modelOwner)
        );
        vm.prank(modelOwner);
        ledger.setTerms(modelId, 100, 0);
        vm.prank(next);
        ledger.setTerms(modelId, 100, 0);
    }

    function test_setTerms_changeAppliesFromNextPeriod() public {
        useDayLongReportWindow();
        vm.warp(block.timestamp + 5 * PERIOD);
        uint32 current = ledger.currentPeriod();
        vm.expectEmit(address(ledger));
        emit IUsageLedger.TermsSet(modelId, 5000, 2 ether, current + 1);
        vm.prank(modelOwner);
        ledger.setTerms(modelId, 5000, 2 ether);
        assertEq(ledger.shareAt(modelId, current), SHARE_BPS, "the running period keeps its share");
        assertEq(ledger.shareAt(modelId, current + 1), 5000);
        assertEq(ledger.termsOf(modelId).minBond, 2 ether);

        // the running period is reported at the old share, the next at the new one
        reportAs(operator, current, 1, 100 ether, keccak256("root"));
        assertEq(tokenReceived(), 20 ether);
        reportAs(operator, current + 1, 1, 100 ether, keccak256("root"));
        assertEq(tokenReceived(), 20 ether + 50 ether);
    }

    function test_setTerms_firstCallAppliesToCurrentPeriod() public {
        vm.prank(modelOwner);
        uint256 other = registry.register(keccak256("w2"), hex"01", 0);
        vm.warp(block.timestamp + 3 * PERIOD);
        vm.prank(modelOwner);
        ledger.setTerms(other, 1234, 0);
        assertEq(ledger.shareAt(other, 3), 1234);
        assertEq(ledger.shareAt(other, 2), 0);
    }

    // ---------------------------------------------------------------- registration

    function test_register_termsNotSet_reverts() public {
        vm.prank(modelOwner);
        uint256 other = registry.register(keccak256("w2"), hex"01", 0);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_TermsNotSet.selector, other));
        vm.prank(user);
        ledger.register{value: BOND}(other);
    }

    function test_register_bondBelowLedgerMinimum_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_BondTooSmall.selector, MIN_BOND - 1, MIN_BOND)
        );
        vm.prank(user);
        ledger.register{value: MIN_BOND - 1}(modelId);
    }

    function test_register_bondBelowModelMinimum_reverts() public {
        vm.prank(modelOwner);
        ledger.setTerms(modelId, SHARE_BPS, 5 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_BondTooSmall.selector, 1 ether, 5 ether)
        );
        vm.prank(user);
        ledger.register{value: 1 ether}(modelId);
    }

    function test_register_twice_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_AlreadyRegistered.selector,
                modelId,
                operator,
                IUsageLedger.Status.Active
            )
        );
        vm.prank(operator);
        ledger.register{value: BOND}(modelId);
    }

    function test_register_setsOperatorState() public view {
        IUsageLedger.Operator memory o = ledger.operatorOf(modelId, operator);
        assertEq(uint8(o.status), uint8(IUsageLedger.Status.Active));
        assertEq(o.bond, BOND);
        assertEq(o.nextSequence, 0);
        assertEq(o.firstPeriod, 0);
        assertEq(o.nextPeriod, 0);
        assertEq(o.lastPeriod, type(uint32).max);
        assertEq(o.reportDeadline, ledger.periodEnd(0) + REPORT_WINDOW);
        assertEq(ledger.books().bonded, BOND);
        assertBooks();
    }

    function test_addBond_addsToBond() public {
        vm.prank(operator);
        ledger.addBond{value: 2 ether}(modelId);
        assertEq(ledger.operatorOf(modelId, operator).bond, 3 ether);
        assertEq(ledger.books().bonded, 3 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_NotBonded.selector, modelId, user, IUsageLedger.Status.None
            )
        );
        vm.prank(user);
        ledger.addBond{value: 1}(modelId);
    }

    // ---------------------------------------------------------------- reports

    function test_report_paysShareToToken() public {
        IUsageLedger.Receipt[] memory rs = receiptsOf(0, 0, 5, 1 ether);
        uint256 total = 5 ether + 10;
        vm.warp(ledger.periodEnd(0));
        vm.expectEmit(address(ledger));
        emit IUsageLedger.RevenuePaid(modelId, address(token), owedOn(total), false);
        IUsageLedger.Report memory rep = reportHonest(0, rs);
        assertEq(rep.total, total);
        assertEq(tokenReceived(), owedOn(total), "the token booked its share, to the wei");
        assertEq(address(token).balance, owedOn(total));
        IUsageLedger.Operator memory o = ledger.operatorOf(modelId, operator);
        assertEq(o.nextSequence, 5);
        assertEq(o.nextPeriod, 1);
        assertEq(o.lastReportAt, block.timestamp);
        assertEq(ledger.reportHashOf(modelId, operator, 0), keccak256(abi.encode(rep)));
        IUsageLedger.Books memory b = ledger.books();
        assertEq(b.revenueReported, owedOn(total));
        assertEq(b.revenueDelivered, owedOn(total));
        assertBooks();
    }

    function test_report_roundsShareDown() public {
        reportAs(operator, 0, 1, 9, keccak256("r"));
        assertEq(tokenReceived(), 1, "floor(9 * 2000 / 10000) = 1");
    }

    function test_report_wrongPayment_reverts() public {
        vm.warp(ledger.periodEnd(0));
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_WrongPayment.selector, 2 ether, 2 ether - 1)
        );
        vm.prank(operator);
        ledger.report{value: 2 ether - 1}(modelId, 0, 3, 10 ether, keccak256("r"));
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_WrongPayment.selector, 2 ether, 2 ether + 1)
        );
        vm.prank(operator);
        ledger.report{value: 2 ether + 1}(modelId, 0, 3, 10 ether, keccak256("r"));
    }

    function test_report_periodNotEnded_reverts() public {
        vm.warp(ledger.periodEnd(0) - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_PeriodNotEnded.selector, 0, ledger.periodEnd(0))
        );
        vm.prank(operator);
        ledger.report(modelId, 0, 0, 0, bytes32(0));
    }

    function test_report_samePeriodTwice_reverts() public {
        reportAs(operator, 0, 1, 1 ether, keccak256("r"));
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_PeriodAlreadyReported.selector, 0, 1));
        vm.prank(operator);
        ledger.report{value: owedOn(1 ether)}(modelId, 0, 1, 1 ether, keccak256("r2"));
    }

    function test_report_outOfOrder_reverts() public {
        useDayLongReportWindow();
        // period 2 reported after period 0 declares period 1 empty; going back is refused
        reportAs(operator, 0, 0, 0, bytes32(0));
        vm.warp(ledger.periodEnd(2));
        vm.prank(operator);
        ledger.report(modelId, 2, 0, 0, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_PeriodAlreadyReported.selector, 1, 3));
        vm.prank(operator);
        ledger.report(modelId, 1, 0, 0, bytes32(0));
    }

    function test_report_skipsPeriodsAsEmpty() public {
        useDayLongReportWindow();
        vm.warp(ledger.periodEnd(2));
        vm.expectEmit(address(ledger));
        emit IUsageLedger.Reported(
            modelId, operator, 2, 0, 0, 4, 4 ether, keccak256("r"), uint40(block.timestamp), owedOn(4 ether)
        );
        reportAs(operator, 2, 4, 4 ether, keccak256("r"));
        assertEq(ledger.reportHashOf(modelId, operator, 0), bytes32(0));
        assertEq(ledger.reportHashOf(modelId, operator, 1), bytes32(0));
        assertEq(ledger.operatorOf(modelId, operator).nextPeriod, 3);
    }

    function test_report_emptyWithTotalOrRoot_reverts() public {
        vm.warp(ledger.periodEnd(0));
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidEmptyReport.selector, 1, bytes32(0))
        );
        vm.prank(operator);
        ledger.report(modelId, 0, 0, 1, bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_InvalidEmptyReport.selector, 0, keccak256("r"))
        );
        vm.prank(operator);
        ledger.report(modelId, 0, 0, 0, keccak256("r"));
    }

    function test_report_emptyStoresNoHash() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        assertEq(ledger.reportHashOf(modelId, operator, 0), bytes32(0));
        assertEq(ledger.operatorOf(modelId, operator).nextPeriod, 1);
        assertEq(tokenReceived(), 0);
    }

    function test_report_overdue_reverts() public {
        uint256 deadline = ledger.periodEnd(0) + REPORT_WINDOW;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportOverdue.selector, 0, deadline));
        vm.prank(operator);
        ledger.report(modelId, 0, 0, 0, bytes32(0));
        // skipping to a later period does not help: the first unreported period's deadline applies
        vm.warp(ledger.periodEnd(1));
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportOverdue.selector, 0, deadline));
        vm.prank(operator);
        ledger.report(modelId, 1, 0, 0, bytes32(0));
    }

    function test_report_skipBeyondTheFirstDeadline_impossibleWithAShortWindow() public {
        // with a report window shorter than a period, every period gets a report of its own
        vm.warp(ledger.periodEnd(1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_ReportOverdue.selector, 0, ledger.periodEnd(0) + REPORT_WINDOW
            )
        );
        vm.prank(operator);
        ledger.report(modelId, 1, 0, 0, bytes32(0));
    }

    function test_report_notOperator_reverts() public {
        vm.warp(ledger.periodEnd(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_NotBonded.selector, modelId, user, IUsageLedger.Status.None
            )
        );
        vm.prank(user);
        ledger.report(modelId, 0, 0, 0, bytes32(0));
    }

    function test_report_sequenceOverflow_reverts() public {
        reportAs(operator, 0, type(uint64).max - 1, 0, keccak256("r"));
        vm.warp(ledger.periodEnd(1));
        vm.expectRevert(IUsageLedger.UsageLedger_SequenceOverflow.selector);
        vm.prank(operator);
        ledger.report(modelId, 1, 2, 0, keccak256("r"));
    }

    // ---------------------------------------------------------------- revenue receivers

    function test_report_noReceiver_escrowsThenFlushes() public {
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(0), 0);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.RevenueEscrowed(modelId, address(0), owedOn(10 ether));
        reportAs(operator, 0, 2, 10 ether, keccak256("r"));
        assertEq(ledger.escrowOf(modelId), owedOn(10 ether));
        assertBooks();
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_NoReceiver.selector, modelId));
        ledger.flushRevenue(modelId);

        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(token), 7000);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.RevenuePaid(modelId, address(token), owedOn(10 ether), true);
        vm.prank(keeper);
        ledger.flushRevenue(modelId);
        assertEq(tokenReceived(), owedOn(10 ether));
        assertEq(ledger.escrowOf(modelId), 0);
        assertBooks();
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_NothingToFlush.selector, modelId));
        ledger.flushRevenue(modelId);
    }

    function test_report_revertingReceiver_escrows() public {
        RevertingReceiver bad = new RevertingReceiver();
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(bad), 7000);
        reportAs(operator, 0, 2, 10 ether, keccak256("r"));
        assertEq(ledger.escrowOf(modelId), owedOn(10 ether), "a refusing receiver blocks nothing");
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_TransferFailed.selector, address(bad), owedOn(10 ether)
            )
        );
        ledger.flushRevenue(modelId);
        assertBooks();
    }

    function test_report_gasBurningReceiver_escrowsWithinItsGasLimit() public {
        GasBurningReceiver burner = new GasBurningReceiver();
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(burner), 7000);
        vm.warp(ledger.periodEnd(0));
        vm.prank(operator);
        uint256 before = gasleft();
        ledger.report{value: owedOn(10 ether)}(modelId, 0, 2, 10 ether, keccak256("r"));
        uint256 used = before - gasleft();
        assertEq(ledger.escrowOf(modelId), owedOn(10 ether));
        assertLt(used, uint256(REVENUE_GAS) + 150_000, "the receiver burns at most its gas limit");
        assertBooks();
    }

    function test_report_notEnoughGasForThePush_reverts() public {
        vm.warp(ledger.periodEnd(0));
        vm.prank(operator);
        // enough for everything before the push, not for the receiver's whole limit and the reserve
        (bool ok, bytes memory ret) = address(ledger).call{value: owedOn(10 ether), gas: 150_000}(
            abi.encodeCall(IUsageLedger.report, (modelId, 0, 2, 10 ether, keccak256("r")))
        );
        assertFalse(ok);
        assertEq(bytes4(ret), IUsageLedger.UsageLedger_NotEnoughGas.selector);
        assertEq(ledger.escrowOf(modelId), 0, "a starved push is refused, never turned into an escrow");
    }

    function test_report_reentrantReceiver_cannotReenter() public {
        ReentrantReceiver attacker = new ReentrantReceiver();
        attacker.setTarget(ledger, modelId);
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(attacker), 7000);
        reportAs(operator, 0, 2, 10 ether, keccak256("r"));
        assertEq(attacker.attempts(), 4);
        assertEq(attacker.reentered(), 0, "every re-entry was refused");
        assertEq(attacker.lastError(), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(address(attacker).balance, owedOn(10 ether), "the payment itself went through");
        assertBooks();
    }

    // ---------------------------------------------------------------- missed reports

    function test_slashOverdue_beforeDeadline_reverts() public {
        uint256 deadline = ledger.periodEnd(0) + REPORT_WINDOW;
        vm.warp(deadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportNotOverdue.selector, 0, deadline)
        );
        ledger.slashOverdue(modelId, operator);
    }

    function test_slashOverdue_paysKeeperAndTheRestToToken() public {
        vm.warp(ledger.periodEnd(0) + REPORT_WINDOW);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.OperatorSlashed(
            modelId,
            operator,
            IUsageLedger.Lie.MissedReport,
            keeper,
            bytes32(0),
            BOND,
            BOND - PROVER_REWARD,
            PROVER_REWARD,
            0
        );
        vm.prank(keeper);
        ledger.slashOverdue(modelId, operator);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
        assertEq(tokenReceived(), BOND - PROVER_REWARD);
        assertEq(ledger.creditOf(keeper), PROVER_REWARD);
        assertBooks();

        uint256 before = keeper.balance;
        vm.prank(keeper);
        ledger.withdraw();
        assertEq(keeper.balance - before, PROVER_REWARD);
        assertEq(address(ledger).balance, 0, "nothing left after a missed-report slash and the withdrawal");
        assertBooks();
    }

    function test_slashOverdue_laterPeriodAfterOnTimeReports() public {
        reportAs(operator, 0, 0, 0, bytes32(0));
        reportAs(operator, 1, 0, 0, bytes32(0));
        uint256 deadline = ledger.periodEnd(2) + REPORT_WINDOW;
        assertEq(ledger.operatorOf(modelId, operator).reportDeadline, deadline);
        vm.warp(deadline);
        ledger.slashOverdue(modelId, operator);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    function test_register_afterRemoval_reverts() public {
        vm.warp(ledger.periodEnd(0) + REPORT_WINDOW);
        ledger.slashOverdue(modelId, operator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_AlreadyRegistered.selector,
                modelId,
                operator,
                IUsageLedger.Status.Removed
            )
        );
        vm.prank(operator);
        ledger.register{value: BOND}(modelId);
    }

    // ---------------------------------------------------------------- exits

    function test_requestExit_notActive_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_NotActive.selector, modelId, user, IUsageLedger.Status.None
            )
        );
        vm.prank(user);
        ledger.requestExit(modelId);
    }

    function test_exit_fullLifecycle() public {
        vm.warp(block.timestamp + PERIOD + 10);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.ExitRequested(modelId, operator, 1);
        vm.prank(operator);
        ledger.requestExit(modelId);

        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportsOutstanding.selector, 0, 1));
        vm.prank(operator);
        ledger.withdrawBond(modelId);

        reportAs(operator, 0, 2, 1 ether, keccak256("r"));
        reportAs(operator, 1, 0, 0, bytes32(0));
        uint256 releaseAt = block.timestamp + UNBONDING;
        assertEq(
            ledger.operatorOf(modelId, operator).reportDeadline, 0, "no report due after the last period"
        );
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_ReportNotOverdue.selector, 2, 0));
        ledger.slashOverdue(modelId, operator);

        vm.warp(releaseAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_UnbondingNotOver.selector, releaseAt));
        vm.prank(operator);
        ledger.withdrawBond(modelId);

        vm.warp(releaseAt);
        uint256 before = operator.balance;
        vm.expectEmit(address(ledger));
        emit IUsageLedger.BondWithdrawn(modelId, operator, BOND);
        vm.prank(operator);
        ledger.withdrawBond(modelId);
        assertEq(operator.balance - before, BOND);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Exited));
        assertEq(ledger.books().bonded, 0);
        assertBooks();

        vm.expectRevert(
            abi.encodeWithSelector(
                IUsageLedger.UsageLedger_NotExiting.selector, modelId, operator, IUsageLedger.Status.Exited
            )
        );
        vm.prank(operator);
        ledger.withdrawBond(modelId);
    }

    function test_exit_reportAfterLastPeriod_reverts() public {
        vm.prank(operator);
        ledger.requestExit(modelId);
        vm.warp(ledger.periodEnd(1));
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_PeriodAfterExit.selector, 1, 0));
        vm.prank(operator);
        ledger.report(modelId, 1, 0, 0, bytes32(0));
    }

    function test_exit_stillSlashableForMissedLastReport() public {
        vm.prank(operator);
        ledger.requestExit(modelId);
        vm.warp(ledger.periodEnd(0) + REPORT_WINDOW);
        ledger.slashOverdue(modelId, operator);
        assertEq(uint8(ledger.operatorOf(modelId, operator).status), uint8(IUsageLedger.Status.Removed));
    }

    // ---------------------------------------------------------------- credits

    function test_withdraw_nothing_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageLedger_NothingToWithdraw.selector, user));
        vm.prank(user);
        ledger.withdraw();
    }
}
