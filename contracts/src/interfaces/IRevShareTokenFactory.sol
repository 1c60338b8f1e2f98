// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRevShareToken} from "./IRevShareToken.sol";

/// @title RevShareTokenFactory: deploys RevShareToken instances
/// @notice Exists only to keep `ImoLaunch` under the 24,576-byte code size limit: the RevShareToken
///         creation code (about 22 KB) lives here instead of inside the launch contract.
///         Permissionless: a token deployed here is an ordinary RevShareToken owned by nobody.
interface IRevShareTokenFactory {
    /// @notice `token` was deployed for `deployer` with `config`'s name and symbol.
    event TokenDeployed(address indexed token, address indexed deployer, string name, string symbol);

    /// @notice Deploys `new RevShareToken(config)`. Reverts with the token's own errors.
    function deploy(IRevShareToken.Config calldata config) external returns (IRevShareToken token);
}
