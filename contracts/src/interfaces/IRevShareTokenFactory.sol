// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRevShareToken} from "./IRevShareToken.sol";

/// @title RevShareTokenFactory: deploys RevShareToken instances
/// @notice Exists only to keep `ImoLaunch` under the 24,576-byte code size limit: the RevShareToken
///         creation code (about 22 KB) lives here instead of inside the launch contract.
///         Permissionless: a token deployed here is an ordinary RevShareToken owned by nobody.
///         Tokens are deployed with CREATE, so the next token's address follows from this contract's nonce
///         (`nextToken`): a launch that must name addresses derived from its token before the token exists (the
///         CREATE2 address of its trading pair, to exclude it from revenue at construction) reads it first.
interface IRevShareTokenFactory {
    /// @notice This contract's nonce is beyond what `nextToken` computes (it never is in practice: 2^32 deployments).
    error RevShareTokenFactory_NonceTooLarge(uint256 nonce);

    /// @notice `token` was deployed for `deployer` with `config`'s name and symbol.
    event TokenDeployed(address indexed token, address indexed deployer, string name, string symbol);

    /// @notice Deploys `new RevShareToken(config)`. Reverts with the token's own errors.
    function deploy(IRevShareToken.Config calldata config) external returns (IRevShareToken token);

    /// @notice The address the next `deploy` will give its token (valid until some other `deploy` runs first).
    function nextToken() external view returns (address);

    /// @notice How many tokens this factory has deployed (its nonce is this plus one).
    function deployments() external view returns (uint256);
}
