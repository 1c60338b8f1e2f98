// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The hook an account registers with `HookRevenueToken` (ERC-777's tokensToSend/tokensReceived in one).
interface ITransferHook {
    /// @notice Called on the sender before the balances move and on the recipient after they moved.
    function onTokenTransfer(address token, address from, address to, uint256 amount) external;
}

/// @notice An ERC-20 revenue asset that calls the sender and the recipient on every transfer, ERC-777 style:
///         accounts opt in with `registerHook` (as ERC-777 implementers register with ERC-1820). A holder's
///         hook runs in the middle of the RevShareToken's payout, so it can try to re-enter it.
contract HookRevenueToken is ERC20 {
    mapping(address account => bool) public hasHook;

    constructor() ERC20("Hook Revenue Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function registerHook() external {
        hasHook[msg.sender] = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        bool isTransfer = from != address(0) && to != address(0);
        if (isTransfer && hasHook[from]) ITransferHook(from).onTokenTransfer(address(this), from, to, value);
        super._update(from, to, value);
        if (isTransfer && hasHook[to]) ITransferHook(to).onTokenTransfer(address(this), from, to, value);
    }
}
