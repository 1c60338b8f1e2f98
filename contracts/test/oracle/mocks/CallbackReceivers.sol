// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAICallbackReceiver} from "../../../src/interfaces/IAICallbackReceiver.sol";

/// @notice Records every callback.
contract RecordingReceiver is IAICallbackReceiver {
    uint256 public calls;
    uint256 public lastRequestId;
    bytes public lastOutput;
    bytes public lastCallbackData;
    uint256 public lastGasLeft;

    function aiOracleCallback(uint256 requestId, bytes calldata output, bytes calldata callbackData)
        external
    {
        lastGasLeft = gasleft();
        ++calls;
        lastRequestId = requestId;
        lastOutput = output;
        lastCallbackData = callbackData;
    }
}

/// @notice Does nothing (for gas measurements: the callback's own gas is near zero).
contract NoopReceiver is IAICallbackReceiver {
    function aiOracleCallback(uint256, bytes calldata, bytes calldata) external {}
}

/// @notice Always reverts.
contract RevertingReceiver is IAICallbackReceiver {
    error RevertingReceiver_No();

    function aiOracleCallback(uint256, bytes calldata, bytes calldata) external pure {
        revert RevertingReceiver_No();
    }
}

/// @notice Burns all the gas it is given.
contract GasBurnerReceiver is IAICallbackReceiver {
    function aiOracleCallback(uint256, bytes calldata, bytes calldata) external pure {
        while (true) {}
    }
}

/// @notice Rejects ETH (a withdraw to it fails; the credit stays).
contract EthRejecter {
    receive() external payable {
        revert();
    }
}
