// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAICallbackReceiver} from "../../../src/interfaces/IAICallbackReceiver.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";

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

/// @notice On the second callback of a request (the final result), re-enters the oracle: tries to finalize the
///         request again and to release a bond, and records what happened.
contract ReentrantReceiver is IAICallbackReceiver {
    IOpmlOracle public immutable ORACLE;
    uint256 public releaseClaim;
    uint256 public calls;
    bool public finalizeReverted;
    bool public releaseSucceeded;

    constructor(IOpmlOracle oracle) {
        ORACLE = oracle;
    }

    function setReleaseClaim(uint256 claimIndex) external {
        releaseClaim = claimIndex;
    }

    function aiOracleCallback(uint256 requestId, bytes calldata, bytes calldata) external {
        if (++calls < 2) return;
        try ORACLE.finalize(requestId) {}
        catch {
            finalizeReverted = true;
        }
        try ORACLE.releaseBond(requestId, releaseClaim) {
            releaseSucceeded = true;
        } catch {}
    }
}
