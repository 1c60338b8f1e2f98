// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IAICallbackReceiver
/// @notice What a contract implements to receive results from the opML oracle (ORA's callback shape).
interface IAICallbackReceiver {
    /// @notice Called when a result is submitted (optimistically, before it is final) and again each time
    ///         a successful challenge replaces it. Runs with exactly the gas limit the requester paid for.
    ///         A revert here is recorded in `AICallbackResult.callbackSucceeded` and changes nothing else.
    /// @param requestId The oracle's request id.
    /// @param output The model output (the current, not yet final, result).
    /// @param callbackData The bytes the requester passed to `requestCallback`.
    function aiOracleCallback(uint256 requestId, bytes calldata output, bytes calldata callbackData) external;
}
