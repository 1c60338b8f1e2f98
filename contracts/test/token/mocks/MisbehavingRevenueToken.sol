// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An ERC-20 revenue asset whose `transfer` can be switched to misbehave in the ways a broken or
///         malicious token does: return false, or burn all the gas it is given.
///         `transferFrom` (deposits) always behaves.
contract MisbehavingRevenueToken is ERC20 {
    enum Mode {
        Normal,
        ReturnFalse,
        BurnAllGas
    }

    Mode public mode;

    constructor() ERC20("Misbehaving Revenue Token", "BAD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        Mode m = mode;
        if (m == Mode.ReturnFalse) return false;
        if (m == Mode.BurnAllGas) {
            while (true) {}
        }
        return super.transfer(to, value);
    }
}
