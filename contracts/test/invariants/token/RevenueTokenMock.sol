// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A plain OpenZeppelin ERC-20 with open minting, used as an ERC-20 revenue asset in tests.
contract RevenueTokenMock is ERC20 {
    constructor() ERC20("Revenue Token Mock", "RTM") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
