// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {FlashLender, IFlashBorrower} from "./FlashLender.sol";

/// @notice The flash-loan attack on a permissionless snapshot: borrow the lender's tokens, take the
///         snapshot if it can be taken, claim the latest snapshot, repay, all inside one call. Records
///         what happened; the caller reads the ETH and tokens it was paid from its balances.
contract FlashBorrower is IFlashBorrower {
    IRevShareToken public immutable token;
    FlashLender public immutable lender;

    bool public snapshotTaken;
    bool public claimSucceeded;
    uint256 public claimedSnapshotId;
    bytes public claimRevert;

    constructor(IRevShareToken token_, FlashLender lender_) {
        token = token_;
        lender = lender_;
    }

    function attack(uint256 amount) external {
        snapshotTaken = false;
        claimSucceeded = false;
        claimedSnapshotId = 0;
        delete claimRevert;
        lender.flashLoan(IERC20(address(token)), this, amount);
    }

    function onFlashLoan(IERC20, uint256 amount) external {
        require(msg.sender == address(lender), "not the lender");
        try token.snapshot() {
            snapshotTaken = true;
        } catch {}
        uint256 id = token.currentSnapshotId();
        claimedSnapshotId = id;
        if (id != 0) {
            try token.claim(id) {
                claimSucceeded = true;
            } catch (bytes memory reason) {
                claimRevert = reason;
            }
        }
        token.transfer(address(lender), amount);
    }

    receive() external payable {}
}
