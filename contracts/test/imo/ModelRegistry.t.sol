// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";

/// @dev Shared setup: one registry, one model (id 1) owned by `owner`.
contract ModelRegistry_TestInit is Test {
    ModelRegistry internal registry;

    address internal owner = makeAddr("owner");
    address internal stranger = makeAddr("stranger");
    address internal operator = makeAddr("operator");
    address internal token = makeAddr("token");

    bytes32 internal constant ROOT = keccak256("weights-v1");
    bytes internal constant SHAPE = hex"01020304";
    uint256 internal constant FEE = 0.01 ether;
    uint256 internal modelId;

    function setUp() public virtual {
        registry = new ModelRegistry();
        vm.prank(owner);
        modelId = registry.register(ROOT, SHAPE, FEE);
    }
}

contract ModelRegistry_Register_Test is ModelRegistry_TestInit {
    function test_register_succeeds() public view {
        assertEq(modelId, 1);
        assertEq(registry.modelCount(), 1);
        assertEq(registry.ownerOf(modelId), owner);
        assertEq(registry.weightsRoot(modelId), ROOT);
        assertEq(registry.shape(modelId), SHAPE);
        assertTrue(registry.exists(modelId));
        (uint256 fee, address receiver, uint16 bps) = registry.feeInfo(modelId);
        assertEq(fee, FEE);
        assertEq(receiver, address(0));
        assertEq(bps, 0);
    }

    function test_register_incrementsIds_succeeds() public {
        vm.prank(stranger);
        uint256 second = registry.register(ROOT, SHAPE, 0);
        assertEq(second, 2);
        assertEq(registry.modelCount(), 2);
        assertEq(registry.ownerOf(second), stranger);
    }

    function test_register_emitsEvent() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelRegistered(2, stranger, ROOT, SHAPE, FEE);
        vm.prank(stranger);
        registry.register(ROOT, SHAPE, FEE);
    }

    function test_register_zeroRoot_reverts() public {
        vm.expectRevert(IModelRegistry.ModelRegistry_ZeroWeightsRoot.selector);
        registry.register(bytes32(0), SHAPE, FEE);
    }

    function test_register_emptyShape_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_InvalidShapeLength.selector, 0, 4096)
        );
        registry.register(ROOT, "", FEE);
    }

    function test_register_shapeTooLong_reverts() public {
        bytes memory longShape = new bytes(4097);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_InvalidShapeLength.selector, 4097, 4096)
        );
        registry.register(ROOT, longShape, FEE);
    }

    function test_register_maxShape_succeeds() public {
        bytes memory maxShape = new bytes(4096);
        maxShape[4095] = 0x07;
        uint256 id = registry.register(ROOT, maxShape, FEE);
        assertEq(registry.shape(id), maxShape);
    }

    function test_register_feeTooLarge_reverts() public {
        uint256 tooMuch = uint256(type(uint72).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_FeeTooLarge.selector, tooMuch, type(uint72).max
            )
        );
        registry.register(ROOT, SHAPE, tooMuch);
    }

    function testFuzz_register_storesEverything(address who, bytes32 root, uint256 fee, uint256 shapeLen)
        public
    {
        vm.assume(who != address(0));
        root = root == bytes32(0) ? bytes32(uint256(1)) : root;
        fee = bound(fee, 0, registry.MAX_FEE());
        shapeLen = bound(shapeLen, 1, 256);
        bytes memory s = new bytes(shapeLen);
        s[0] = 0xaa;
        vm.prank(who);
        uint256 id = registry.register(root, s, fee);
        IModelRegistry.Model memory m = registry.getModel(id);
        assertEq(m.owner, who);
        assertEq(m.weightsRoot, root);
        assertEq(m.fee, fee);
        assertEq(m.shape, s);
        (uint256 f,,) = registry.feeInfo(id);
        assertEq(f, fee);
    }
}

contract ModelRegistry_SetWeights_Test is ModelRegistry_TestInit {
    function test_setWeights_succeeds() public {
        bytes32 root2 = keccak256("weights-v2");
        bytes memory shape2 = hex"0506";
        vm.expectEmit(address(registry));
        emit IModelRegistry.WeightsUpdated(modelId, root2, shape2);
        vm.prank(owner);
        registry.setWeights(modelId, root2, shape2);
        assertEq(registry.weightsRoot(modelId), root2);
        assertEq(registry.shape(modelId), shape2);
    }

    function test_setWeights_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        registry.setWeights(modelId, ROOT, SHAPE);
    }

    function test_setWeights_operator_reverts() public {
        vm.prank(owner);
        registry.setOperator(modelId, operator);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, operator)
        );
        vm.prank(operator);
        registry.setWeights(modelId, ROOT, SHAPE);
    }

    function test_setWeights_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 7));
        registry.setWeights(7, ROOT, SHAPE);
    }

    function test_setWeights_zeroRoot_reverts() public {
        vm.expectRevert(IModelRegistry.ModelRegistry_ZeroWeightsRoot.selector);
        vm.prank(owner);
        registry.setWeights(modelId, bytes32(0), SHAPE);
    }

    function test_setWeights_emptyShape_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_InvalidShapeLength.selector, 0, 4096)
        );
        vm.prank(owner);
        registry.setWeights(modelId, ROOT, "");
    }
}

contract ModelRegistry_SetFee_Test is ModelRegistry_TestInit {
    function test_setFee_succeeds() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.FeeUpdated(modelId, 5 ether);
        vm.prank(owner);
        registry.setFee(modelId, 5 ether);
        (uint256 fee,,) = registry.feeInfo(modelId);
        assertEq(fee, 5 ether);
    }

    function test_setFee_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        registry.setFee(modelId, 1);
    }

    function test_setFee_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 0));
        registry.setFee(0, 1);
    }

    function test_setFee_tooLarge_reverts() public {
        uint256 tooMuch = uint256(type(uint72).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_FeeTooLarge.selector, tooMuch, type(uint72).max
            )
        );
        vm.prank(owner);
        registry.setFee(modelId, tooMuch);
    }

    function testFuzz_setFee_keepsReceiverAndShare(uint256 fee, uint16 bps) public {
        fee = bound(fee, 0, registry.MAX_FEE());
        bps = uint16(bound(bps, 0, 10_000));
        vm.startPrank(owner);
        registry.setRevenueReceiver(modelId, token, bps);
        registry.setFee(modelId, fee);
        vm.stopPrank();
        (uint256 f, address r, uint16 b) = registry.feeInfo(modelId);
        assertEq(f, fee);
        assertEq(r, token);
        assertEq(b, bps);
    }
}

contract ModelRegistry_SetRevenueReceiver_Test is ModelRegistry_TestInit {
    function test_setRevenueReceiver_owner_succeeds() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.RevenueReceiverUpdated(modelId, token, 8000, owner);
        vm.prank(owner);
        registry.setRevenueReceiver(modelId, token, 8000);
        (uint256 fee, address r, uint16 b) = registry.feeInfo(modelId);
        assertEq(fee, FEE);
        assertEq(r, token);
        assertEq(b, 8000);
    }

    function test_setRevenueReceiver_operator_succeeds() public {
        vm.prank(owner);
        registry.setOperator(modelId, operator);
        vm.expectEmit(address(registry));
        emit IModelRegistry.RevenueReceiverUpdated(modelId, token, 10_000, operator);
        vm.prank(operator);
        registry.setRevenueReceiver(modelId, token, 10_000);
        (, address r, uint16 b) = registry.feeInfo(modelId);
        assertEq(r, token);
        assertEq(b, 10_000);
    }

    function test_setRevenueReceiver_clearToZero_succeeds() public {
        vm.startPrank(owner);
        registry.setRevenueReceiver(modelId, token, 100);
        registry.setRevenueReceiver(modelId, address(0), 0);
        vm.stopPrank();
        (, address r, uint16 b) = registry.feeInfo(modelId);
        assertEq(r, address(0));
        assertEq(b, 0);
    }

    function test_setRevenueReceiver_stranger_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_NotOwnerOrOperator.selector, modelId, stranger
            )
        );
        vm.prank(stranger);
        registry.setRevenueReceiver(modelId, token, 1);
    }

    function test_setRevenueReceiver_revokedOperator_reverts() public {
        vm.startPrank(owner);
        registry.setOperator(modelId, operator);
        registry.setOperator(modelId, address(0));
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_NotOwnerOrOperator.selector, modelId, operator
            )
        );
        vm.prank(operator);
        registry.setRevenueReceiver(modelId, token, 1);
    }

    function test_setRevenueReceiver_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 2));
        registry.setRevenueReceiver(2, token, 1);
    }

    function test_setRevenueReceiver_bpsTooLarge_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_InvalidReceiverBps.selector, 10_001)
        );
        vm.prank(owner);
        registry.setRevenueReceiver(modelId, token, 10_001);
    }

    function test_setRevenueReceiver_shareWithoutReceiver_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_ShareWithoutReceiver.selector, 5));
        vm.prank(owner);
        registry.setRevenueReceiver(modelId, address(0), 5);
    }

    function testFuzz_setRevenueReceiver_packsWithoutClobbering(uint256 fee, address receiver, uint16 bps)
        public
    {
        vm.assume(receiver != address(0));
        fee = bound(fee, 0, registry.MAX_FEE());
        bps = uint16(bound(bps, 0, 10_000));
        vm.startPrank(owner);
        registry.setFee(modelId, fee);
        registry.setRevenueReceiver(modelId, receiver, bps);
        vm.stopPrank();
        IModelRegistry.Model memory m = registry.getModel(modelId);
        assertEq(m.fee, fee);
        assertEq(m.revenueReceiver, receiver);
        assertEq(m.receiverBps, bps);
        assertEq(m.owner, owner);
    }
}

contract ModelRegistry_Operator_Test is ModelRegistry_TestInit {
    function test_setOperator_succeeds() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.OperatorSet(modelId, operator);
        vm.prank(owner);
        registry.setOperator(modelId, operator);
        assertEq(registry.operatorOf(modelId), operator);
    }

    function test_setOperator_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        registry.setOperator(modelId, stranger);
    }

    function test_setOperator_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 9));
        registry.setOperator(9, operator);
    }
}

contract ModelRegistry_Ownership_Test is ModelRegistry_TestInit {
    address internal newOwner = makeAddr("newOwner");

    function test_transferOwnership_succeeds() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.OwnershipTransferStarted(modelId, owner, newOwner);
        vm.prank(owner);
        registry.transferOwnership(modelId, newOwner);
        assertEq(registry.pendingOwnerOf(modelId), newOwner);
        assertEq(registry.ownerOf(modelId), owner);
    }

    function test_transferOwnership_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        registry.transferOwnership(modelId, stranger);
    }

    function test_transferOwnership_toSelf_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_InvalidNewOwner.selector, owner));
        vm.prank(owner);
        registry.transferOwnership(modelId, owner);
    }

    function test_transferOwnership_cancel_succeeds() public {
        vm.startPrank(owner);
        registry.transferOwnership(modelId, newOwner);
        registry.transferOwnership(modelId, address(0));
        vm.stopPrank();
        assertEq(registry.pendingOwnerOf(modelId), address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotPendingOwner.selector, modelId, newOwner)
        );
        vm.prank(newOwner);
        registry.acceptOwnership(modelId);
    }

    function test_acceptOwnership_succeeds_clearsOperator() public {
        vm.startPrank(owner);
        registry.setOperator(modelId, operator);
        registry.transferOwnership(modelId, newOwner);
        vm.stopPrank();

        vm.expectEmit(address(registry));
        emit IModelRegistry.OperatorSet(modelId, address(0));
        vm.expectEmit(address(registry));
        emit IModelRegistry.OwnershipTransferred(modelId, owner, newOwner);
        vm.prank(newOwner);
        registry.acceptOwnership(modelId);

        assertEq(registry.ownerOf(modelId), newOwner);
        assertEq(registry.pendingOwnerOf(modelId), address(0));
        assertEq(registry.operatorOf(modelId), address(0));

        // the old owner lost its rights, the new owner has them
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotOwner.selector, modelId, owner)
        );
        vm.prank(owner);
        registry.setFee(modelId, 1);
        vm.prank(newOwner);
        registry.setFee(modelId, 1);
    }

    function test_acceptOwnership_notPending_reverts() public {
        vm.prank(owner);
        registry.transferOwnership(modelId, newOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistry_NotPendingOwner.selector, modelId, stranger)
        );
        vm.prank(stranger);
        registry.acceptOwnership(modelId);
    }

    function test_acceptOwnership_noProposalZeroCaller_reverts() public {
        // the pending owner is zero by default; the zero address can never accept
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistry_NotPendingOwner.selector, modelId, address(this)
            )
        );
        registry.acceptOwnership(modelId);
    }

    function test_acceptOwnership_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 3));
        registry.acceptOwnership(3);
    }
}

contract ModelRegistry_Views_Test is ModelRegistry_TestInit {
    function test_views_unknownModel_revert() public {
        bytes memory err = abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 42);
        vm.expectRevert(err);
        registry.feeInfo(42);
        vm.expectRevert(err);
        registry.getModel(42);
        vm.expectRevert(err);
        registry.weightsRoot(42);
        vm.expectRevert(err);
        registry.shape(42);
        vm.expectRevert(err);
        registry.ownerOf(42);
        vm.expectRevert(err);
        registry.operatorOf(42);
        vm.expectRevert(err);
        registry.pendingOwnerOf(42);
        assertFalse(registry.exists(42));
    }

    function test_getModel_succeeds() public {
        vm.startPrank(owner);
        registry.setOperator(modelId, operator);
        registry.setRevenueReceiver(modelId, token, 2500);
        vm.stopPrank();
        IModelRegistry.Model memory m = registry.getModel(modelId);
        assertEq(m.owner, owner);
        assertEq(m.pendingOwner, address(0));
        assertEq(m.operator, operator);
        assertEq(m.weightsRoot, ROOT);
        assertEq(m.fee, FEE);
        assertEq(m.revenueReceiver, token);
        assertEq(m.receiverBps, 2500);
        assertEq(m.shape, SHAPE);
    }

    function test_feeInfo_readsOneSlot() public {
        vm.prank(owner);
        registry.setRevenueReceiver(modelId, token, 2500);
        vm.record();
        registry.feeInfo(modelId);
        (bytes32[] memory reads,) = vm.accesses(address(registry));
        assertEq(reads.length, 1);
    }
}

contract ModelRegistry_RequestInfo_Test is ModelRegistry_TestInit {
    function _nonce() internal view returns (uint256 nonce) {
        (,,,, nonce) = registry.requestInfo(modelId);
    }

    function test_requestInfo_matchesFeeInfoAndOwner_succeeds() public {
        vm.prank(owner);
        registry.setRevenueReceiver(modelId, token, 8000);
        (uint256 fee, address receiver, uint16 bps, address modelOwner, uint256 nonce) =
            registry.requestInfo(modelId);
        (uint256 fee2, address receiver2, uint16 bps2) = registry.feeInfo(modelId);
        assertEq(fee, fee2);
        assertEq(receiver, receiver2);
        assertEq(bps, bps2);
        assertEq(modelOwner, registry.ownerOf(modelId));
        assertEq(nonce, 0);
    }

    function test_requestInfo_setWeights_incrementsNonce() public {
        vm.startPrank(owner);
        registry.setWeights(modelId, keccak256("weights-v2"), hex"0506");
        assertEq(_nonce(), 1);
        // Even the same pair again counts: the nonce says "re-read", never "unchanged" wrongly.
        registry.setWeights(modelId, ROOT, SHAPE);
        assertEq(_nonce(), 2);
        registry.setFee(modelId, 1 ether);
        registry.setRevenueReceiver(modelId, token, 5000);
        vm.stopPrank();
        assertEq(_nonce(), 2);
    }

    function test_requestInfo_ownershipTransfer_keepsNonce() public {
        vm.prank(owner);
        registry.setWeights(modelId, keccak256("weights-v2"), hex"0506");
        vm.prank(owner);
        registry.transferOwnership(modelId, stranger);
        vm.prank(stranger);
        registry.acceptOwnership(modelId);
        (,,, address modelOwner, uint256 nonce) = registry.requestInfo(modelId);
        assertEq(modelOwner, stranger);
        assertEq(nonce, 1);
    }

    function test_requestInfo_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistry_UnknownModel.selector, 5));
        registry.requestInfo(5);
    }
}
