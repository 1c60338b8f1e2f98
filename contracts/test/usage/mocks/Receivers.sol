// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUsageLedger} from "../../../src/interfaces/IUsageLedger.sol";

/// @notice A revenue receiver that refuses every payment.
contract RevertingReceiver {
    error Refused();

    function depositRevenue() external payable {
        revert Refused();
    }

    receive() external payable {
        revert Refused();
    }
}

/// @notice A revenue receiver that burns all the gas it is given.
contract GasBurningReceiver {
    function depositRevenue() external payable {
        while (true) {}
    }
}

/// @notice A revenue receiver that takes the payment but first tries to re-enter the ledger (withdraw a credit,
///         report again, flush, slash): every attempt is recorded, and the payment goes through only if all of
///         them failed (so a successful re-entry would show as an escrow, never as a paid revenue).
contract ReentrantReceiver {
    IUsageLedger public ledger;
    uint256 public modelId;
    uint256 public attempts;
    uint256 public reentered;
    bytes4 public lastError;

    function setTarget(IUsageLedger ledger_, uint256 modelId_) external {
        ledger = ledger_;
        modelId = modelId_;
    }

    function depositRevenue() external payable {
        if (address(ledger) == address(0)) return;
        bytes[4] memory calls = [
            abi.encodeCall(IUsageLedger.withdraw, ()),
            abi.encodeCall(IUsageLedger.flushRevenue, (modelId)),
            abi.encodeCall(IUsageLedger.report, (modelId, 0, 0, 0, bytes32(0))),
            abi.encodeCall(IUsageLedger.slashOverdue, (modelId, address(this)))
        ];
        uint256 ok;
        bytes4 err;
        for (uint256 i; i < calls.length; ++i) {
            (bool success, bytes memory ret) = address(ledger).call(calls[i]);
            if (success) ++ok;
            else if (ret.length >= 4) err = bytes4(ret);
        }
        attempts += calls.length;
        reentered += ok;
        lastError = err;
    }
}
