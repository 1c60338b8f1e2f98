// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OracleTestBase} from "./OracleTestBase.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";

/// @notice Expiry of unanswered requests: `requestTimeout`, `refundExpired`, the sweep in `finalizeBatch`.
contract OpmlOracle_Expiry_Test is OracleTestBase {
    uint256 internal constant TIMEOUT = 1 days;
    uint256 internal requestId;
    uint256 internal requestedAt;

    function setUp() public override {
        super.setUp();
        requestedAt = block.timestamp;
        requestId = _request();
    }

    function _expire() internal {
        vm.warp(requestedAt + TIMEOUT + 1);
    }

    function _submitReverts(uint256 id, bytes memory err) internal {
        bytes memory out = _output(input, NO_FAULT);
        bytes memory fin = _preimage(input, NO_FAULT, T);
        vm.expectRevert(err);
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(id, out, fin);
    }

    function test_requestCallback_recordsRequesterAndExpiry() public view {
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.requester, user);
        assertEq(r.expiresAt, requestedAt + TIMEOUT);
        assertEq(uint8(r.status), uint8(IOpmlOracle.Status.Requested));
        assertEq(r.submitter, address(0));
        assertEq(r.windowEnd, 0);
    }

    function test_refundExpired_creditsEscrowToRequester() public {
        uint256 escrow = oracle.getRequest(requestId).escrow;
        uint256 creditBefore = oracle.creditOf(user);
        uint256 balanceBefore = address(oracle).balance;
        _expire();
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.RequestExpired(requestId, user, escrow);
        vm.prank(anyone);
        oracle.refundExpired(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(uint8(r.status), uint8(IOpmlOracle.Status.Expired));
        assertEq(r.requester, user);
        assertFalse(oracle.isFinalized(requestId));
        assertEq(oracle.creditOf(user), creditBefore + escrow);
        assertEq(address(oracle).balance, balanceBefore);
        vm.prank(user);
        assertEq(oracle.withdraw(), creditBefore + escrow);
    }

    function test_refundExpired_atExpiry_reverts() public {
        vm.warp(requestedAt + TIMEOUT);
        vm.expectRevert(
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotExpired.selector, requestId, requestedAt + TIMEOUT)
        );
        oracle.refundExpired(requestId);
    }

    function test_refundExpired_twice_reverts() public {
        _expire();
        oracle.refundExpired(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotRefundable.selector, requestId, IOpmlOracle.Status.Expired
            )
        );
        oracle.refundExpired(requestId);
    }

    function test_refundExpired_submitted_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _expire();
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotRefundable.selector, requestId, IOpmlOracle.Status.Submitted
            )
        );
        oracle.refundExpired(requestId);
    }

    function test_refundExpired_finalized_reverts() public {
        _submit(requestId, submitter, NO_FAULT);
        _expire();
        oracle.finalize(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotRefundable.selector, requestId, IOpmlOracle.Status.Finalized
            )
        );
        oracle.refundExpired(requestId);
    }

    function test_refundExpired_unknownRequest_reverts() public {
        _expire();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_UnknownRequest.selector, 777));
        oracle.refundExpired(777);
    }

    function test_submit_atExpiry_succeeds() public {
        vm.warp(requestedAt + TIMEOUT);
        _submit(requestId, submitter, NO_FAULT);
        assertEq(uint8(oracle.getRequest(requestId).status), uint8(IOpmlOracle.Status.Submitted));
    }

    function test_submit_afterExpiry_reverts() public {
        _expire();
        _submitReverts(
            requestId,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_RequestExpired.selector, requestId, requestedAt + TIMEOUT)
        );
    }

    function test_submit_afterRefund_reverts() public {
        _expire();
        oracle.refundExpired(requestId);
        _submitReverts(
            requestId,
            abi.encodeWithSelector(IOpmlOracle.OpmlOracle_RequestExpired.selector, requestId, requestedAt + TIMEOUT)
        );
    }

    function test_challenge_expired_reverts() public {
        _expire();
        oracle.refundExpired(requestId);
        _challengeReverts(
            requestId,
            challenger,
            NO_FAULT,
            abi.encodeWithSelector(
                IOpmlOracle.OpmlOracle_NotChallengeable.selector, requestId, IOpmlOracle.Status.Expired
            )
        );
    }

    function test_finalize_expired_reverts() public {
        _expire();
        vm.expectRevert(abi.encodeWithSelector(IOpmlOracle.OpmlOracle_NotReady.selector, requestId));
        oracle.finalize(requestId);
    }

    function test_finalizeBatch_refundsExpiredFinalizesReadySkipsTheRest() public {
        uint256 answered = _request();
        _submit(answered, submitter, NO_FAULT);
        _expire();
        uint256 fresh = _request(); // requested now: expires a day later
        uint256 escrow = oracle.getRequest(requestId).escrow;
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (requestId, answered, fresh, 777);
        vm.expectEmit(address(oracle));
        emit IOpmlOracle.RequestExpired(requestId, user, escrow);
        assertEq(oracle.finalizeBatch(ids), 2);
        assertEq(uint8(oracle.getRequest(requestId).status), uint8(IOpmlOracle.Status.Expired));
        assertTrue(oracle.isFinalized(answered));
        assertEq(uint8(oracle.getRequest(fresh).status), uint8(IOpmlOracle.Status.Requested));
    }

    function test_requestTimeout_changeDoesNotTouchPendingRequests() public {
        IOpmlOracle.Parameters memory p = _defaultParams();
        p.requestTimeout = 60;
        vm.prank(governor);
        oracle.setParameters(p);
        assertEq(oracle.getRequest(requestId).expiresAt, requestedAt + TIMEOUT);
        uint256 later = _request();
        assertEq(oracle.getRequest(later).expiresAt, block.timestamp + 60);
    }

    function test_setParameters_requestTimeoutOutOfBounds_reverts() public {
        uint32[2] memory bad = [uint32(59), uint32(30 days + 1)];
        for (uint256 i; i < bad.length; ++i) {
            IOpmlOracle.Parameters memory p = _defaultParams();
            p.requestTimeout = bad[i];
            vm.expectRevert(
                abi.encodeWithSelector(
                    IOpmlOracle.OpmlOracle_InvalidParameter.selector, bytes32("requestTimeout")
                )
            );
            vm.prank(governor);
            oracle.setParameters(p);
        }
    }

    /// @dev Whatever the gas limit and overpayment, an expired request gives the requester back exactly the
    ///      escrow, and the contract then holds only credits and accrued fees.
    function testFuzz_refundExpired_returnsExactlyTheEscrow(uint64 gasLimit, uint96 overpay) public {
        gasLimit = uint64(bound(gasLimit, 0, 2_000_000));
        overpay = uint96(bound(overpay, 0, 10 ether));
        uint256 fee = oracle.estimateFee(modelId, gasLimit);
        vm.prank(anyone);
        uint256 id = oracle.requestCallback{value: fee + overpay}(modelId, input, address(0), gasLimit, "");
        uint256 escrow = oracle.getRequest(id).escrow;
        uint256 creditBefore = oracle.creditOf(anyone);
        vm.warp(block.timestamp + TIMEOUT + 1);
        oracle.refundExpired(id);
        assertEq(oracle.creditOf(anyone), creditBefore + escrow);
    }
}
