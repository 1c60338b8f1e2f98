// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRevShareToken} from "../interfaces/IRevShareToken.sol";
import {IRevShareTokenFactory} from "../interfaces/IRevShareTokenFactory.sol";
import {RevShareToken} from "../token/RevShareToken.sol";

/// @title RevShareTokenFactory
/// @notice See `IRevShareTokenFactory`.
contract RevShareTokenFactory is IRevShareTokenFactory {
    /// @inheritdoc IRevShareTokenFactory
    function deploy(IRevShareToken.Config calldata config) external returns (IRevShareToken token) {
        token = new RevShareToken(config);
        emit TokenDeployed(address(token), msg.sender, config.name, config.symbol);
    }
}
