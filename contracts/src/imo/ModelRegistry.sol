// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelRegistry} from "../interfaces/IModelRegistry.sol";

/// @title ModelRegistry
/// @notice See `IModelRegistry`.
contract ModelRegistry is IModelRegistry {
    /// @dev The slot the oracle reads on every request: 160 + 16 + 72 + 8 = 256 bits.
    struct FeeSlot {
        address receiver;
        uint16 receiverBps;
        uint72 fee;
        bool registered;
    }

    struct ModelRecord {
        FeeSlot fees;
        // one slot: the owner and the count of `setWeights` calls (read together by `requestInfo`)
        address owner;
        uint96 weightsNonce;
        address pendingOwner;
        address operator;
        bytes32 weightsRoot;
        bytes shape;
    }

    uint256 internal constant _BPS = 10_000;

    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_SHAPE_LENGTH = 4096;

    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_FEE = type(uint72).max;

    uint256 internal _modelCount;

    mapping(uint256 modelId => ModelRecord) internal _models;

    // ------------------------------------------------------------------ modifiers

    modifier onlyOwner(uint256 modelId) {
        address owner = _models[modelId].owner;
        // SAFETY: unregistered ids have no owner; say so rather than "not owner".
        if (owner == address(0)) revert ModelRegistry_UnknownModel(modelId);
        if (owner != msg.sender) revert ModelRegistry_NotOwner(modelId, msg.sender);
        _;
    }

    // ------------------------------------------------------------------ mutations

    /// @inheritdoc IModelRegistry
    function register(bytes32 weightsRoot_, bytes calldata shape_, uint256 fee)
        external
        returns (uint256 modelId)
    {
        _checkWeights(weightsRoot_, shape_);
        _checkFee(fee);
        modelId = ++_modelCount;
        ModelRecord storage m = _models[modelId];
        // casting to 'uint72' is safe because _checkFee bounded it by MAX_FEE = type(uint72).max
        // forge-lint: disable-next-line(unsafe-typecast)
        m.fees = FeeSlot({receiver: address(0), receiverBps: 0, fee: uint72(fee), registered: true});
        m.owner = msg.sender;
        m.weightsRoot = weightsRoot_;
        m.shape = shape_;
        emit ModelRegistered(modelId, msg.sender, weightsRoot_, shape_, fee);
    }

    /// @inheritdoc IModelRegistry
    function setWeights(uint256 modelId, bytes32 weightsRoot_, bytes calldata shape_)
        external
        onlyOwner(modelId)
    {
        _checkWeights(weightsRoot_, shape_);
        ModelRecord storage m = _models[modelId];
        m.weightsRoot = weightsRoot_;
        m.shape = shape_;
        // INVARIANT: every change of (weightsRoot, shape) changes the nonce, so a cache keyed by it is never stale.
        m.weightsNonce += 1;
        emit WeightsUpdated(modelId, weightsRoot_, shape_);
    }

    /// @inheritdoc IModelRegistry
    function setFee(uint256 modelId, uint256 fee) external onlyOwner(modelId) {
        _checkFee(fee);
        // casting to 'uint72' is safe because _checkFee bounded it by MAX_FEE = type(uint72).max
        // forge-lint: disable-next-line(unsafe-typecast)
        _models[modelId].fees.fee = uint72(fee);
        emit FeeUpdated(modelId, fee);
    }

    /// @inheritdoc IModelRegistry
    function setRevenueReceiver(uint256 modelId, address receiver, uint16 receiverBps) external {
        ModelRecord storage m = _models[modelId];
        address owner = m.owner;
        if (owner == address(0)) revert ModelRegistry_UnknownModel(modelId);
        // SAFETY: only the owner, or the one operator it approved (an IMO launch), may redirect revenue.
        if (msg.sender != owner && msg.sender != m.operator) {
            revert ModelRegistry_NotOwnerOrOperator(modelId, msg.sender);
        }
        // INVARIANT: the receiver's share is a fraction of the fee.
        if (receiverBps > _BPS) revert ModelRegistry_InvalidReceiverBps(receiverBps);
        // INVARIANT: a share is never routed to the zero address.
        if (receiver == address(0) && receiverBps != 0) {
            revert ModelRegistry_ShareWithoutReceiver(receiverBps);
        }
        FeeSlot storage f = m.fees;
        f.receiver = receiver;
        f.receiverBps = receiverBps;
        emit RevenueReceiverUpdated(modelId, receiver, receiverBps, msg.sender);
    }

    /// @inheritdoc IModelRegistry
    function setOperator(uint256 modelId, address operator) external onlyOwner(modelId) {
        _models[modelId].operator = operator;
        emit OperatorSet(modelId, operator);
    }

    /// @inheritdoc IModelRegistry
    function transferOwnership(uint256 modelId, address newOwner) external onlyOwner(modelId) {
        // SAFETY: proposing oneself would be a no-op that hides a pending proposal's cancellation.
        if (newOwner == msg.sender) revert ModelRegistry_InvalidNewOwner(newOwner);
        _models[modelId].pendingOwner = newOwner;
        emit OwnershipTransferStarted(modelId, msg.sender, newOwner);
    }

    /// @inheritdoc IModelRegistry
    function acceptOwnership(uint256 modelId) external {
        ModelRecord storage m = _models[modelId];
        if (m.owner == address(0)) revert ModelRegistry_UnknownModel(modelId);
        // SAFETY: two-step transfer; only the proposed account can take ownership (never the zero address).
        if (msg.sender != m.pendingOwner) revert ModelRegistry_NotPendingOwner(modelId, msg.sender);
        address previous = m.owner;
        m.owner = msg.sender;
        m.pendingOwner = address(0);
        if (m.operator != address(0)) {
            m.operator = address(0);
            emit OperatorSet(modelId, address(0));
        }
        emit OwnershipTransferred(modelId, previous, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IModelRegistry
    function feeInfo(uint256 modelId)
        external
        view
        returns (uint256 fee, address receiver, uint16 receiverBps)
    {
        FeeSlot memory f = _models[modelId].fees;
        if (!f.registered) revert ModelRegistry_UnknownModel(modelId);
        return (f.fee, f.receiver, f.receiverBps);
    }

    /// @inheritdoc IModelRegistry
    function requestInfo(uint256 modelId)
        external
        view
        returns (uint256 fee, address receiver, uint16 receiverBps, address owner, uint256 weightsNonce)
    {
        ModelRecord storage m = _models[modelId];
        FeeSlot memory f = m.fees;
        if (!f.registered) revert ModelRegistry_UnknownModel(modelId);
        return (f.fee, f.receiver, f.receiverBps, m.owner, m.weightsNonce);
    }

    /// @inheritdoc IModelRegistry
    function getModel(uint256 modelId) external view returns (Model memory) {
        ModelRecord storage m = _record(modelId);
        FeeSlot memory f = m.fees;
        return Model({
            owner: m.owner,
            pendingOwner: m.pendingOwner,
            operator: m.operator,
            weightsRoot: m.weightsRoot,
            fee: f.fee,
            revenueReceiver: f.receiver,
            receiverBps: f.receiverBps,
            shape: m.shape
        });
    }

    /// @inheritdoc IModelRegistry
    function weightsRoot(uint256 modelId) external view returns (bytes32) {
        return _record(modelId).weightsRoot;
    }

    /// @inheritdoc IModelRegistry
    function shape(uint256 modelId) external view returns (bytes memory) {
        return _record(modelId).shape;
    }

    /// @inheritdoc IModelRegistry
    function ownerOf(uint256 modelId) external view returns (address) {
        return _record(modelId).owner;
    }

    /// @inheritdoc IModelRegistry
    function operatorOf(uint256 modelId) external view returns (address) {
        return _record(modelId).operator;
    }

    /// @inheritdoc IModelRegistry
    function pendingOwnerOf(uint256 modelId) external view returns (address) {
        return _record(modelId).pendingOwner;
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function exists(uint256 modelId) external view returns (bool) {
        return _models[modelId].owner != address(0);
    }

    // ------------------------------------------------------------------ internals

    function _record(uint256 modelId) internal view returns (ModelRecord storage m) {
        m = _models[modelId];
        if (m.owner == address(0)) revert ModelRegistry_UnknownModel(modelId);
    }

    function _checkWeights(bytes32 weightsRoot_, bytes calldata shape_) internal pure {
        // INVARIANT: every registered model commits to some weights.
        if (weightsRoot_ == bytes32(0)) revert ModelRegistry_ZeroWeightsRoot();
        // INVARIANT: shapes are bounded so reading one never costs unbounded gas.
        if (shape_.length == 0 || shape_.length > MAX_SHAPE_LENGTH) {
            revert ModelRegistry_InvalidShapeLength(shape_.length, MAX_SHAPE_LENGTH);
        }
    }

    function _checkFee(uint256 fee) internal pure {
        // INVARIANT: the fee fits its 72 bits of the packed fee slot.
        if (fee > MAX_FEE) revert ModelRegistry_FeeTooLarge(fee, MAX_FEE);
    }
}
