// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRevShareToken} from "../interfaces/IRevShareToken.sol";
import {IRevShareTokenFactory} from "../interfaces/IRevShareTokenFactory.sol";
import {RevShareToken} from "../token/RevShareToken.sol";

/// @title RevShareTokenFactory
/// @notice See `IRevShareTokenFactory`.
contract RevShareTokenFactory is IRevShareTokenFactory {
    /// @inheritdoc IRevShareTokenFactory
    uint256 public deployments;

    /// @inheritdoc IRevShareTokenFactory
    function deploy(IRevShareToken.Config calldata config) external returns (IRevShareToken token) {
        // A failed creation reverts this whole call, counter included, so the counter follows the nonce.
        ++deployments;
        token = new RevShareToken(config);
        emit TokenDeployed(address(token), msg.sender, config.name, config.symbol);
    }

    /// @inheritdoc IRevShareTokenFactory
    function nextToken() external view returns (address) {
        // A contract's nonce starts at 1 (EIP-161) and each CREATE it makes adds one.
        return _createAddress(address(this), deployments + 1);
    }

    /// @dev CREATE address: the last 20 bytes of keccak256(rlp([deployer, nonce])); the RLP of a 20-byte address
    ///      is 0x94 followed by it, and of a nonce n >= 1 either the byte n (n < 0x80) or 0x80 + its length
    ///      followed by its big-endian bytes.
    function _createAddress(address deployer, uint256 nonce) internal pure returns (address) {
        bytes memory encodedNonce;
        if (nonce < 0x80) encodedNonce = abi.encodePacked(uint8(nonce));
        else if (nonce <= type(uint8).max) encodedNonce = abi.encodePacked(uint8(0x81), uint8(nonce));
        else if (nonce <= type(uint16).max) encodedNonce = abi.encodePacked(uint8(0x82), uint16(nonce));
        else if (nonce <= type(uint24).max) encodedNonce = abi.encodePacked(uint8(0x83), uint24(nonce));
        else if (nonce <= type(uint32).max) encodedNonce = abi.encodePacked(uint8(0x84), uint32(nonce));
        else revert RevShareTokenFactory_NonceTooLarge(nonce);
        // list header: 0xc0 + payload length (21 bytes of address + the nonce's encoding)
        bytes memory rlp = abi.encodePacked(uint8(0xc0 + 21 + encodedNonce.length), uint8(0x94), deployer, encodedNonce);
        return address(uint160(uint256(keccak256(rlp))));
    }
}
