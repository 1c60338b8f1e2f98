// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title ERC-7007: Verifiable AI-Generated Content Token
/// @notice Required interface of an ERC-7007 compliant contract, as the final standard defines it.
///         Note: the ERC-165 identifier for this interface is 0x702c55a6.
interface IERC7007 is IERC165, IERC721 {
    /// @notice Emitted when `tokenId` token's AIGC data is added.
    event AigcData(uint256 indexed tokenId, bytes indexed prompt, bytes indexed aigcData, bytes proof);

    /// @notice Add AIGC data to token at `tokenId` given `prompt`, `aigcData`, and `proof`.
    function addAigcData(
        uint256 tokenId,
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof
    ) external;

    /// @notice Verify the `prompt`, `aigcData`, and `proof`.
    function verify(bytes calldata prompt, bytes calldata aigcData, bytes calldata proof)
        external
        view
        returns (bool success);
}

/// @title ERC-7007 optional enumeration extension
/// @notice Publishes the mapping between `tokenId` and `prompt`.
///         Note: the ERC-165 identifier for this interface is 0xfa1a557a.
interface IERC7007Enumerable is IERC7007 {
    /// @notice Returns the token ID given `prompt`.
    function tokenId(bytes calldata prompt) external view returns (uint256);

    /// @notice Returns the prompt given `tokenId`.
    function prompt(uint256 tokenId) external view returns (string calldata);
}

/// @title ERC-7007 optional updatable extension
/// @notice Lets a token's `aigcData` change in the case of opML, where it may change over the challenge period.
///         Note: the ERC-165 identifier for this interface is 0x3f37dce2.
interface IERC7007Updatable is IERC7007 {
    /// @notice Update the `aigcData` of `prompt`.
    function update(bytes calldata prompt, bytes calldata aigcData) external;

    /// @notice Emitted when `tokenId` token is updated.
    event Update(uint256 indexed tokenId, bytes indexed prompt, bytes indexed aigcData);
}
