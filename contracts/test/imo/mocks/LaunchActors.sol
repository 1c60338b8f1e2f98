// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";

/// @dev A plain ERC-20 with open minting: a revenue asset besides ETH.
contract MintableERC20 is ERC20 {
    constructor(string memory symbol_) ERC20(symbol_, symbol_) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @dev An ERC-20 that refuses every transfer to or from a blacklisted account (a paused or sanctioning token).
contract BlacklistERC20 is ERC20 {
    mapping(address account => bool) public blocked;

    error BlacklistERC20_Blocked(address account);

    constructor() ERC20("Blacklist", "BLK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool on) external {
        blocked[account] = on;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert BlacklistERC20_Blocked(from);
        if (blocked[to]) revert BlacklistERC20_Blocked(to);
        super._update(from, to, value);
    }
}

/// @dev An investor contract: deposits, and refuses ETH or burns every unit of gas it is given when paid.
contract LaunchInvestor {
    enum Mode {
        Accept,
        Refuse,
        BurnGas
    }

    IImoLaunch internal immutable _launch;
    Mode public mode;

    constructor(IImoLaunch launch_, Mode mode_) {
        _launch = launch_;
        mode = mode_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function deposit(uint256 modelId) external payable {
        _launch.deposit{value: msg.value}(modelId);
    }

    function withdrawCredit(address asset, address to) external returns (uint256) {
        return _launch.withdrawCredit(asset, to);
    }

    receive() external payable {
        if (mode == Mode.Refuse) revert("no ETH");
        if (mode == Mode.BurnGas) {
            while (true) {}
        }
    }
}
