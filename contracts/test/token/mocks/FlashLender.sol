// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice What a `FlashLender` calls back while the loan is out.
interface IFlashBorrower {
    function onFlashLoan(IERC20 token, uint256 amount) external;
}

/// @notice A lending pool that is an ordinary holder of the RevShareToken and lends any part of its
///         balance for the length of one call, fee-free (ERC-3156 in spirit): the borrower must have
///         returned it when its callback returns. It can receive ETH, so it claims its own revenue.
contract FlashLender {
    error FlashLender_NotRepaid(uint256 before, uint256 afterwards);

    function flashLoan(IERC20 token, IFlashBorrower receiver, uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        token.transfer(address(receiver), amount);
        receiver.onFlashLoan(token, amount);
        uint256 afterwards = token.balanceOf(address(this));
        if (afterwards < before) revert FlashLender_NotRepaid(before, afterwards);
    }

    receive() external payable {}
}
