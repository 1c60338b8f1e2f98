// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../../src/interfaces/IModelVM.sol";
import {ModelRegistry} from "../../../src/imo/ModelRegistry.sol";
import {MockModelVM, ToyVM} from "../../oracle/mocks/MockModelVM.sol";
import {OracleHandler} from "./OracleHandler.sol";
import {IBisectionGame} from "../../../src/interfaces/IBisectionGame.sol";

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

    /// @dev The contract's balance is exactly: credits + accrued protocol fees + burned + the escrow of every
    ///      request neither finalized nor expired + the bond every claim still holds (a bond leaves once: with the
    ///      reward, slashed, or released). An expired request's escrow is in its requester's credit.
    function invariant_booksBalance() public view {
        uint256 books = oracle.protocolFeesAccrued() + oracle.burned();
        for (uint256 i; i < handler.accountCount(); ++i) {
            books += oracle.creditOf(handler.accounts(i));
        }
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            if (r.status == IOpmlOracle.Status.Requested || r.status == IOpmlOracle.Status.Submitted) {
                books += r.escrow;
            }
            for (uint256 k; k < r.claimCount; ++k) {
                books += oracle.getClaim(id, k).bond;
            }
        }
        assertEq(address(oracle).balance, books);
    }

    /// @dev Every defeat burned exactly the slashed share of the defeated claim's bond, and nothing else burns.
    function invariant_burnedIsTheSlashedShareOfEveryDefeat() public view {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        uint256 expected;
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            uint256 n = oracle.getRequest(id).claimCount;
            for (uint256 k; k < n; ++k) {
                if (!oracle.getClaim(id, k).defeated) continue;
                uint256 bond = k == 0 ? p.submitterBond : p.challengerBond;
                expected += bond - bond * p.slashWinnerBps / 10_000;
            }
        }
        assertEq(oracle.burned(), expected);
    }

    /// @dev An honest party that plays never loses a claim: none of its claims (nor the submission, when it
    ///      submitted) is ever defeated.
    function invariant_honestClaimsNeverDefeated() public view {
        address honest = handler.honest();
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            uint256 n = oracle.getRequest(id).claimCount;
            for (uint256 k; k < n; ++k) {
                IOpmlOracle.Claim memory c = oracle.getClaim(id, k);
                if (c.owner == honest) assertFalse(c.defeated, "an honest claim was defeated");
            }
        }
    }

    /// @dev The bound: no request stays unfinalized past submitTime + W + (2·⌈log2 T⌉ + 1)·D once time has passed
    ///      it (the live honest party times out every overdue game and finalizes), and no unanswered request
    ///      stays unrefunded past its expiry; every final result is the true one, won by the honest party's first
    ///      claim or an earlier claim with the true final state.
    function invariant_finalWithinTheBoundAndTrue() public view {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        uint256 g = oracle.GAME().maxDuration(handler.T(), p.responseDeadline);
        bytes32 truth = handler.honestFinalHash();
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            if (r.status == IOpmlOracle.Status.Submitted) {
                assertLe(block.timestamp, handler.submittedAt(id) + p.challengeWindow + g, "past the bound");
            } else if (r.status == IOpmlOracle.Status.Requested) {
                assertLe(block.timestamp, r.expiresAt, "unrefunded past expiry");
            } else if (r.status == IOpmlOracle.Status.Finalized) {
                assertEq(r.finalStateHash, truth, "finalized wrong");
                assertLe(r.leader, handler.honestFirstClaim(id), "won by a claim after the honest one");
            }
        }
    }

    /// @dev Every game started by its request's window end, whoever posted it and whenever it was tried (the
    ///      coalition also tries late claims): the first half of the bound.
    function invariant_gamesStartWithinTheWindow() public view {
        for (uint256 i; i < handler.gameCount(); ++i) {
            uint256 gid = handler.gameIds(i);
            uint256 requestId = handler.gameRequestOf(gid);
            assertLe(handler.gameStartedAt(gid), oracle.getRequest(requestId).windowEnd);
        }
    }

    /// @dev A leader always exists: the undefeated claim with the smallest index (every claim before it is
    ///      defeated), because only games defeat claims, each at most one, and there are fewer games than claims.
    function invariant_leaderIsTheEarliestUndefeatedClaim() public view {
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            if (r.claimCount == 0) continue;
            assertLt(r.leader, r.claimCount);
            assertFalse(oracle.getClaim(id, r.leader).defeated);
            for (uint256 k; k < r.leader; ++k) {
                assertTrue(oracle.getClaim(id, k).defeated);
            }
        }
    }

    /// @dev No escrow is held past its request's expiry: an unanswered request can always be refunded once
    ///      `expiresAt` has passed, and an unanswered or expired one holds no result and no bond.
    function invariant_expiredHoldsNothing() public view {
        for (uint256 i; i < handler.requestCount(); ++i) {
            IOpmlOracle.Request memory r = oracle.getRequest(handler.requestIds(i));
            if (r.status == IOpmlOracle.Status.Expired || r.status == IOpmlOracle.Status.Requested) {
                assertEq(r.submitter, address(0));
                assertEq(r.bond, 0);
                assertEq(r.claimCount, 0);
                assertEq(r.resultStateHash, bytes32(0));
                assertEq(r.requester, handler.user());
                assertGt(r.expiresAt, 0);
            }
        }
    }

    /// @dev Storage layout (`forge inspect OpmlOracle storageLayout` / `BisectionGame`): `_requests` is slot 7,
    ///      `_claims` slot 9, `_games` slot 1 of the game contract.
    uint256 internal constant REQUESTS_SLOT = 7;
    uint256 internal constant CLAIMS_SLOT = 9;
    uint256 internal constant GAMES_SLOT = 1;

    /// @dev What an ended request, claim or game no longer needs is gone from storage (docs/oracle.md, "What is
    ///      deleted"): a final request's slot 0, slot 1 (unless it holds the replaced final state) and callback
    ///      data; an expired one's slot 1 and callback data; the record of every claim of a final request whose
    ///      bond left without a defeat (the winner, the released); an ended game's parties and hashes.
    function invariant_endedRecordsAreDeleted() public view {
        address o = address(oracle);
        for (uint256 i; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            IOpmlOracle.Request memory r = oracle.getRequest(id);
            uint256 slot = uint256(keccak256(abi.encode(id, REQUESTS_SLOT)));
            if (r.status == IOpmlOracle.Status.Finalized) {
                assertEq(vm.load(o, bytes32(slot)), bytes32(0), "final: slot 0 deleted");
                bytes32 slot1 = r.round == 1 ? r.finalStateHash : bytes32(0);
                assertEq(vm.load(o, bytes32(slot + 1)), slot1, "final: slot 1 deleted or the replaced final state");
                assertEq(vm.load(o, bytes32(slot + 4)), bytes32(0), "final: callback data deleted");
                for (uint256 k = 1; k < r.claimCount; ++k) {
                    IOpmlOracle.Claim memory c = oracle.getClaim(id, k);
                    if (c.defeated || c.bond != 0) continue;
                    uint256 cs = uint256(keccak256(abi.encode(k, keccak256(abi.encode(id, CLAIMS_SLOT)))));
                    assertEq(vm.load(o, bytes32(cs)), bytes32(0), "claim whose bond left: record deleted");
                    assertEq(vm.load(o, bytes32(cs + 1)), bytes32(0), "claim whose bond left: state deleted");
                }
            } else if (r.status == IOpmlOracle.Status.Expired) {
                assertEq(vm.load(o, bytes32(slot + 1)), bytes32(0), "expired: slot 1 deleted");
                assertEq(vm.load(o, bytes32(slot + 4)), bytes32(0), "expired: callback data deleted");
            }
        }
        address gameAddress = address(handler.game());
        for (uint256 i; i < handler.gameCount(); ++i) {
            uint256 gid = handler.gameIds(i);
            IBisectionGame.Phase phase = handler.game().gameOf(gid).phase;
            if (phase != IBisectionGame.Phase.DefenderWon && phase != IBisectionGame.Phase.ChallengerWon) continue;
            uint256 gs = uint256(keccak256(abi.encode(gid, GAMES_SLOT)));
            for (uint256 k = 1; k <= 5; ++k) {
                assertEq(vm.load(gameAddress, bytes32(gs + k)), bytes32(0), "ended game: parties and hashes deleted");
            }
            assertEq(oracle.getGameClaims(gid).requestId, 0, "settled game: its claims record deleted");
        }
    }

    /// @dev Shows what runs reach (printed with -vv).
    function afterInvariant() public view {
        uint256 expired;
        uint256 finalized;
        uint256 replaced;
        uint256 claims;
        for (uint256 i; i < handler.requestCount(); ++i) {
            IOpmlOracle.Request memory r = oracle.getRequest(handler.requestIds(i));
            if (r.status == IOpmlOracle.Status.Expired) ++expired;
            if (r.status == IOpmlOracle.Status.Finalized) ++finalized;
            if (r.leader != 0) ++replaced;
            claims += r.claimCount;
        }
        console2.log("requests", handler.requestCount(), "games", handler.gameCount());
        console2.log("finalized", finalized, "won by a claim other than the submission", replaced);
        console2.log("claims", claims, "expired", expired);
        console2.log(
            "self-challenges",
            handler.ghostSelfChallenges(),
            "last-second claims",
            handler.ghostLastSecondClaims()
        );
        console2.log("void games abandoned by the honest party", handler.ghostVoidAbandoned());
        console2.log("claims refused one second after the window", handler.ghostLateClaimsRefused());
    }
}
