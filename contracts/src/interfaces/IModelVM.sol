// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The model VM: one step of a fixed-point feed-forward network, checked on-chain
/// @notice The machine is specified in docs/vm-spec.md and implemented twice, bit for bit: here and in
///         sim/vm/. A model is committed by its shape descriptor (bytes) and the Merkle root of its weight
///         words. A run over an input is a trace of `traceLength(shape)` steps; each state hashes to a
///         32-byte commitment. The dispute game bisects two traces down to one step and asks `step` for
///         the honest post-state of the agreed pre-state.
interface IModelVM {
    /// @notice The shape descriptor is malformed.
    /// @param reason 1 = bad length, 2 = too many layers, 3 = a layer width is zero,
    ///               4 = the scale shift is above 31, 5 = the trace or the memory is too large.
    error ModelVM_BadShape(uint8 reason);

    /// @notice The input bytes are not `4 * inputWidth` bytes (packed int32 values).
    error ModelVM_BadInput(uint256 length, uint256 expected);

    /// @notice The output bytes are not `4 * outputWidth` bytes (packed int32 values).
    error ModelVM_BadOutput(uint256 length, uint256 expected);

    /// @notice The pre-state preimage in the proof does not hash to the agreed pre-state commitment.
    error ModelVM_BadPreState();

    /// @notice The weight leaf and its siblings do not lead to the model's weights root.
    /// @param leafIndex Index of the weight leaf (weight word `pc` lives in leaf `pc / 8`).
    error ModelVM_BadWeightProof(uint256 leafIndex);

    /// @notice The memory leaf and its siblings do not lead to the pre-state's memory root.
    /// @param leafIndex Index of the memory leaf (memory word `a` lives in leaf `a / 8`).
    error ModelVM_BadMemoryProof(uint256 leafIndex);

    /// @notice Proof or state preimage bytes of the wrong length for the step they claim.
    error ModelVM_MalformedProof(uint256 length, uint256 expected);

    /// @notice The program counter is outside the trace (`step` needs pc < T, a state needs pc <= T).
    error ModelVM_StepOutOfRange(uint256 pc, uint256 traceLength);

    /// @notice Number of steps T of a run of a model of this shape: sum over layers of n_l * (n_{l-1} + 1).
    function traceLength(bytes calldata shape) external pure returns (uint256);

    /// @notice Commitment of the state before step 0: pc 0, acc 0, memory = input then zeros, no output.
    function initialStateHash(bytes calldata shape, bytes calldata input) external pure returns (bytes32);

    /// @notice Executes step `pc` (read from the pre-state preimage in `proof`) against the committed
    ///         weights and returns the commitment of the post-state.
    /// @param weightsRoot The model's committed weights root.
    /// @param shape The model's shape descriptor.
    /// @param preStateHash The agreed commitment of the state before the step.
    /// @param proof preimage(pre-state) || weight leaf || weight siblings || memory leaf || memory siblings.
    /// @return postStateHash Commitment of the state after the step.
    function step(bytes32 weightsRoot, bytes calldata shape, bytes32 preStateHash, bytes calldata proof)
        external
        pure
        returns (bytes32 postStateHash);

    /// @notice Decodes a state preimage (for the oracle: a final state must have pc == T and
    ///         outputHash == keccak256(output)).
    /// @return stateHash The state's commitment.
    /// @return pc The state's program counter.
    /// @return outputHash keccak256 of the output values written so far (all of them when pc == T).
    function decodeFinalState(bytes calldata shape, bytes calldata statePreimage)
        external
        pure
        returns (bytes32 stateHash, uint256 pc, bytes32 outputHash);

    /// @notice Reverts with ModelVM_BadShape unless `shape` is a valid shape descriptor.
    function validateShape(bytes calldata shape) external pure;

    /// @notice Reverts unless `input` is a valid input for `shape`.
    function validateInput(bytes calldata shape, bytes calldata input) external pure;

    /// @notice Reverts unless `output` is a valid output for `shape`.
    function validateOutput(bytes calldata shape, bytes calldata output) external pure;
}
