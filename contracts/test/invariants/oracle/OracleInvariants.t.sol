// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../../src/interfaces/IModelVM.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {MockModelVM, ToyVM} from "../../oracle/mocks/MockModelVM.sol";
import {OracleHandler} from "./OracleHandler.sol";

/// @notice Oracle invariants; see PROPERTIES.md in this folder.
contract OracleInvariants_Test is Test {
    OpmlOracle internal oracle;
    OracleHandler internal handler;
    address internal treasury = makeAddr("treasury");
    address internal receiver = makeAddr("revShareToken");
    address internal modelOwner = makeAddr("modelOwner");

    function setUp() public {
        vm.warp(1_700_000_000);
        ModelRegistry registry = new ModelRegistry();
        vm.startPrank(modelOwner);
        uint256 modelId = registry.register(keccak256("weights"), ToyVM.shape(16), 0.01 ether);
        registry.setRevenueReceiver(modelId, receiver, 7000);
        vm.stopPrank();
        IOpmlOracle.Parameters memory p;
        p.submitterReward = 0.001 ether;
        p.protocolFee = 0.0005 ether;
        p.callbackGasPrice = 1 gwei;
        p.submitterBond = 0.1 ether;
        p.challengerBond = 0.05 ether;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.slashWinnerBps = 5000;
        p.maxCallbackGasLimit = 1_000_000;
        p.requestTimeout = 90 minutes;
        p.treasury = treasury;
        oracle = new OpmlOracle(IModelVM(address(new MockModelVM())), registry, address(this), 100 gwei, p);
        address[] memory extra = new address[](3);
        (extra[0], extra[1], extra[2]) = (treasury, receiver, modelOwner);
        handler = new OracleHandler(oracle, modelId, extra);
        targetContract(address(handler));
    }

    /// @dev Every wei that came in either left through a withdrawal or is still in the contract.
    function invariant_ethInEqualsOutPlusBalance() public view {
        assertEq(address(oracle).balance, handler.ghostIn() - handler.ghostOut());
    }

    /// @dev The contract's balance is exactly: credits + accrued protocol fees + burned + escrow and bonds of
    ///      requests neither finalized nor expired + bonds of unsettled challenges. (An expired request's escrow
    ///      is in its requester's credit.)
    function invariant_booksBalance() public view {
        uint256 books = oracle.protocolFeesAccrued() + oracle.burned();
        for (uint256 i; i < handler.accountCount(); ++i) {
            books += oracle.creditOf(handler.accounts(i));
        }
        for (uint256 i; i < handler.requestCount(); ++i) {
            IOpmlOracle.Request memory r = oracle.getRequest(handler.requestIds(i));
            if (r.status == IOpmlOracle.Status.Requested || r.status == IOpmlOracle.Status.Submitted) {
                books += r.escrow + r.bond;
            }
        }
        for (uint256 i; i < handler.gameCount(); ++i) {
            IOpmlOracle.Challenge memory c = oracle.getChallenge(handler.gameIds(i));
            if (!c.settled) books += c.bond;
        }
        assertEq(address(oracle).balance, books);
    }

    /// @dev An honest party that plays never loses a game.
    function invariant_honestNeverLoses() public view {
        assertEq(handler.ghostHonestLosses(), 0);
    }

    /// @dev With a live honest challenger, no request ever finalizes with a wrong result.
    function invariant_neverFinalizesWrong() public view {
        bytes32 honestHash = handler.honestFinalHash();
        for (uint256 i; i < handler.requestCount(); ++i) {
            IOpmlOracle.Request memory r = oracle.getRequest(handler.requestIds(i));
            if (r.status == IOpmlOracle.Status.Finalized) assertEq(r.resultStateHash, honestHash);
        }
    }

    /// @dev No escrow is held past its request's expiry: an unanswered request can always be refunded once
    ///      `expiresAt` has passed, and an expired one holds nothing (no result, no bond).
    function invariant_expiredHoldsNothing() public view {
        for (uint256 i; i < handler.requestCount(); ++i) {
            IOpmlOracle.Request memory r = oracle.getRequest(handler.requestIds(i));
            if (r.status == IOpmlOracle.Status.Expired || r.status == IOpmlOracle.Status.Requested) {
                assertEq(r.submitter, address(0));
                assertEq(r.bond, 0);
                assertEq(r.resultStateHash, bytes32(0));
                assertEq(r.requester, handler.user());
                assertGt(r.expiresAt, 0);
            }
        }
    }

    /// @dev Shows that runs reach disputes and expiries (printed with -vv).
    function afterInvariant() public view {
        console2.log("requests", handler.requestCount(), "games", handler.gameCount());
        uint256 expired;
        for (uint256 i; i < handler.requestCount(); ++i) {
            if (oracle.getRequest(handler.requestIds(i)).status == IOpmlOracle.Status.Expired) ++expired;
        }
        console2.log("expired", expired, "of which by refundExpired", handler.ghostExpired());
    }
}
