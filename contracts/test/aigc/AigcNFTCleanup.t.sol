// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AigcSetup} from "./AigcSetup.sol";
import {IAigcNFT} from "../../src/interfaces/IAigcNFT.sol";

/// @notice What the NFT forgets once a request can no longer call back (docs/oracle.md, "What is deleted"): the
///         request-to-token entry after the second (final) callback and after an expired request is settled;
///         `verify` and `isFinal` keep working from the token's own record and the oracle's final record.
contract AigcNFTCleanupTest is AigcSetup {
    /// @dev `_tokenOfRequest` is slot 9 of AigcNFT (`forge inspect AigcNFT storageLayout`).
    uint256 internal constant TOKEN_OF_REQUEST_SLOT = 9;
    bytes internal prompt;

    function setUp() public override {
        super.setUp();
        prompt = _prompt(11);
    }

    function _tokenOfRequest(uint256 requestId) internal view returns (uint256) {
        return uint256(vm.load(address(nft), keccak256(abi.encode(requestId, TOKEN_OF_REQUEST_SLOT))));
    }

    function test_aiOracleCallback_finalUpdate_forgetsTheRequest() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, false);
        assertEq(_tokenOfRequest(requestId), tokenId);
        _playGame(_challenge(requestId, prompt, true, challenger), prompt);
        _finalize(requestId); // the second callback delivers the honest output
        assertEq(_tokenOfRequest(requestId), 0, "nothing can call back for this request any more");
        assertTrue(nft.verify(prompt, _honestOutput(prompt), ""));
        assertTrue(nft.isFinal(tokenId));
        // A third callback (the oracle never makes one) finds no token.
        bytes memory out = _honestOutput(prompt);
        vm.prank(address(oracle));
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownRequest.selector, requestId));
        nft.aiOracleCallback(requestId, out, "");
    }

    function test_aiOracleCallback_undisputedFinal_verifiesAfterOracleCleared() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        // The oracle deleted the request's working state; its final record still answers verify.
        assertEq(oracle.getRequest(requestId).escrow, 0);
        assertTrue(nft.verify(prompt, _honestOutput(prompt), ""));
        assertTrue(nft.isFinal(tokenId));
        assertFalse(nft.verify(prompt, _fakeOutput(prompt), ""));
    }

    function test_reclaimExpired_forgetsTheRequest() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        assertEq(_tokenOfRequest(requestId), tokenId);
        vm.warp(oracle.getRequest(requestId).expiresAt + 1);
        uint256 refund = nft.reclaimExpired(tokenId);
        assertGt(refund, 0, "the escrow the oracle kept on its expired record");
        assertEq(_tokenOfRequest(requestId), 0);
        bytes memory out = _honestOutput(prompt);
        vm.prank(address(oracle));
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownRequest.selector, requestId));
        nft.aiOracleCallback(requestId, out, "");
    }
}
