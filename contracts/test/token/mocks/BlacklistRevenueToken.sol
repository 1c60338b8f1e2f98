// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An ERC-20 revenue asset whose issuer can blacklist accounts and pause every transfer, as
///         regulated stablecoins do: a transfer from or to a blacklisted account, or any transfer while
///         paused, reverts.
contract BlacklistRevenueToken is ERC20 {
    error BlacklistRevenueToken_Blacklisted(address account);
    error BlacklistRevenueToken_Paused();

    mapping(address account => bool) public isBlacklisted;
    bool public paused;

    constructor() ERC20("Blacklisting Revenue Token", "BLK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlacklisted(address account, bool blacklisted) external {
        isBlacklisted[account] = blacklisted;
    }

    function setPaused(bool paused_) external {
        paused = paused_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (paused) revert BlacklistRevenueToken_Paused();
        if (isBlacklisted[from]) revert BlacklistRevenueToken_Blacklisted(from);
        if (isBlacklisted[to]) revert BlacklistRevenueToken_Blacklisted(to);
        super._update(from, to, value);
    }
}
