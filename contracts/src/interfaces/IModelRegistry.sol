// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ModelRegistry: the on-chain record of each model served by the oracle
/// @notice A model has an owner, a commitment to its weights (a Merkle root), an opaque shape descriptor
///         (its encoding is defined by the model VM), a flat fee per inference request, and a revenue
///         receiver (the model's ERC-7641 token once its IMO succeeded) with the receiver's share of each
///         fee in basis points. Registration is permissionless; every update is owner-only and emits an
///         event, except the revenue receiver, which one operator approved by the owner may also set (so a
///         successful IMO can point the model's revenue at its new token in the same transaction).
/// @dev The oracle reads `feeInfo` on every request: fee, receiver, share and an existence flag live in one
///      storage slot (receiver 160 bits | share 16 bits | fee 72 bits | registered 8 bits), so that view
///      costs one SLOAD. The price of that packing is a fee bound of `type(uint72).max` wei (about 4,722 ETH
///      per request), enforced with `ModelRegistry_FeeTooLarge`.
///      Trust note: the owner can repoint the revenue receiver at any time, even after an IMO; investors
///      rely on the owner (or on an owner that is a timelock or a renounced-by-design contract).
interface IModelRegistry {
    /// @notice A model as returned by `getModel`.
    /// @param owner Current owner.
    /// @param pendingOwner Proposed owner that has not yet accepted (zero if none).
    /// @param operator Account the owner approved to set the revenue receiver (zero if none).
    /// @param weightsRoot Merkle root committing to the model's weights.
    /// @param fee Fee per inference request, in wei.
    /// @param revenueReceiver Receiver of `receiverBps` of each fee (zero until the IMO launches).
    /// @param receiverBps Receiver's share of each fee, in basis points (0..10000).
    /// @param shape Opaque shape descriptor (1..MAX_SHAPE_LENGTH bytes).
    struct Model {
        address owner;
        address pendingOwner;
        address operator;
        bytes32 weightsRoot;
        uint256 fee;
        address revenueReceiver;
        uint16 receiverBps;
        bytes shape;
    }

    // ------------------------------------------------------------------ errors

    /// @notice No model has id `modelId`.
    error ModelRegistry_UnknownModel(uint256 modelId);

    /// @notice `caller` is not the owner of `modelId`.
    error ModelRegistry_NotOwner(uint256 modelId, address caller);

    /// @notice `caller` is neither the owner nor the operator of `modelId`.
    error ModelRegistry_NotOwnerOrOperator(uint256 modelId, address caller);

    /// @notice `caller` is not the pending owner of `modelId`.
    error ModelRegistry_NotPendingOwner(uint256 modelId, address caller);

    /// @notice The weights root must be nonzero.
    error ModelRegistry_ZeroWeightsRoot();

    /// @notice The shape descriptor is empty or longer than `max` bytes.
    error ModelRegistry_InvalidShapeLength(uint256 length, uint256 max);

    /// @notice `fee` does not fit the packed fee slot (at most `max` wei).
    error ModelRegistry_FeeTooLarge(uint256 fee, uint256 max);

    /// @notice The receiver's share must be at most 10000 basis points.
    error ModelRegistry_InvalidReceiverBps(uint256 bps);

    /// @notice A nonzero share needs a nonzero receiver.
    error ModelRegistry_ShareWithoutReceiver(uint256 bps);

    /// @notice The proposed owner must differ from the current owner (zero cancels a proposal).
    error ModelRegistry_InvalidNewOwner(address newOwner);

    // ------------------------------------------------------------------ events

    /// @notice Model `modelId` was registered by `owner`.
    event ModelRegistered(
        uint256 indexed modelId, address indexed owner, bytes32 weightsRoot, bytes shape, uint256 fee
    );

    /// @notice The weights commitment and the shape of `modelId` changed (always together).
    event WeightsUpdated(uint256 indexed modelId, bytes32 weightsRoot, bytes shape);

    /// @notice The per-request fee of `modelId` changed.
    event FeeUpdated(uint256 indexed modelId, uint256 fee);

    /// @notice The revenue receiver of `modelId` and its share changed; `by` is the owner or the operator.
    event RevenueReceiverUpdated(
        uint256 indexed modelId, address indexed receiver, uint16 receiverBps, address by
    );

    /// @notice The owner of `modelId` approved `operator` (zero revokes).
    event OperatorSet(uint256 indexed modelId, address indexed operator);

    /// @notice The owner of `modelId` proposed `pendingOwner` (zero cancels a proposal).
    event OwnershipTransferStarted(
        uint256 indexed modelId, address indexed owner, address indexed pendingOwner
    );

    /// @notice Ownership of `modelId` moved; the operator approval and any proposal were cleared.
    event OwnershipTransferred(
        uint256 indexed modelId, address indexed previousOwner, address indexed newOwner
    );

    // ------------------------------------------------------------------ functions

    /// @notice Registers a model owned by the caller, with no revenue receiver yet.
    /// @param weightsRoot Merkle root of the weights (nonzero).
    /// @param shape Opaque shape descriptor (1..MAX_SHAPE_LENGTH bytes).
    /// @param fee Fee per request in wei (at most MAX_FEE).
    /// @return modelId The new id (ids count up from 1).
    function register(bytes32 weightsRoot, bytes calldata shape, uint256 fee)
        external
        returns (uint256 modelId);

    /// @notice Owner: replaces the weights commitment and the shape together.
    function setWeights(uint256 modelId, bytes32 weightsRoot, bytes calldata shape) external;

    /// @notice Owner: sets the fee per request.
    function setFee(uint256 modelId, uint256 fee) external;

    /// @notice Owner or operator: sets the revenue receiver and its share of each fee.
    /// @dev `receiver == address(0)` requires `receiverBps == 0`.
    function setRevenueReceiver(uint256 modelId, address receiver, uint16 receiverBps) external;

    /// @notice Owner: approves `operator` to set the revenue receiver (zero revokes). One operator per model.
    function setOperator(uint256 modelId, address operator) external;

    /// @notice Owner: proposes `newOwner`, who must call `acceptOwnership`. Zero cancels a proposal.
    function transferOwnership(uint256 modelId, address newOwner) external;

    /// @notice Pending owner: accepts ownership. Clears the operator approval (the new owner chooses its own).
    function acceptOwnership(uint256 modelId) external;

    /// @notice Everything the oracle needs to charge a request, read from one storage slot.
    /// @dev Reverts with `ModelRegistry_UnknownModel` for an unregistered id.
    function feeInfo(uint256 modelId)
        external
        view
        returns (uint256 fee, address receiver, uint16 receiverBps);

    /// @notice What the oracle reads on every request, in one call and two storage reads: `feeInfo`'s terms, the
    ///         owner (who gets the rest of the fee) and `weightsNonce`, the number of
    ///         `setWeights` calls (0 after `register`; packed with the owner). A caller that caches what it derived from
    ///         (weightsRoot, shape) re-reads them only when the nonce differs from the one it cached.
    /// @dev Reverts with `ModelRegistry_UnknownModel` for an unregistered id.
    function requestInfo(uint256 modelId)
        external
        view
        returns (uint256 fee, address receiver, uint16 receiverBps, address owner, uint256 weightsNonce);

    /// @notice The whole record of `modelId`.
    function getModel(uint256 modelId) external view returns (Model memory);

    function weightsRoot(uint256 modelId) external view returns (bytes32);
    function shape(uint256 modelId) external view returns (bytes memory);
    function ownerOf(uint256 modelId) external view returns (address);
    function operatorOf(uint256 modelId) external view returns (address);
    function pendingOwnerOf(uint256 modelId) external view returns (address);

    /// @notice Number of models registered (the id of the latest).
    function modelCount() external view returns (uint256);

    /// @notice Whether `modelId` is registered.
    function exists(uint256 modelId) external view returns (bool);

    /// @notice Longest shape descriptor accepted, in bytes.
    function MAX_SHAPE_LENGTH() external view returns (uint256);

    /// @notice Largest fee accepted, in wei (`type(uint72).max`).
    function MAX_FEE() external view returns (uint256);
}
