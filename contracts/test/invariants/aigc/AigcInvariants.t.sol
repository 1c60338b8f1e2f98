// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AigcSetup} from "../../aigc/AigcSetup.sol";
import {AigcHandler} from "./AigcHandler.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {console2} from "forge-std/console2.sol";

/// @notice Invariants of AigcNFT + RoyaltyMarket on the real oracle, game, VM and RevShareToken.
///         See PROPERTIES.md.
contract AigcInvariantsTest is AigcSetup {
    AigcHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new AigcHandler(nft, oracle, market, address(token), model);
        vm.deal(address(handler), 0);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = AigcHandler.mint.selector;
        selectors[1] = AigcHandler.submit.selector;
        selectors[2] = AigcHandler.challengeAndPlay.selector;
        selectors[3] = AigcHandler.finalize.selector;
        selectors[4] = AigcHandler.warp.selector;
        selectors[5] = AigcHandler.list.selector;
        selectors[6] = AigcHandler.cancel.selector;
        selectors[7] = AigcHandler.buy.selector;
        selectors[8] = AigcHandler.tamper.selector;
        selectors[9] = AigcHandler.expire.selector;
        selectors[10] = AigcHandler.reclaim.selector;
        selectors[11] = AigcHandler.rerequest.selector;
        selectors[12] = AigcHandler.withdrawNftCredit.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice Every wei paid for mints, re-requests and sales ends with a seller, the royalty receiver, a
    ///         refunded payer, or is still held (the oracle holds request fees; the market holds credits of sellers
    ///         that refuse ETH; the NFT holds pulled oracle credit and refunds it could not push).
    function invariant_everyWeiPaidIsAccounted() public view {
        uint256 paid =
            handler.ghost_mintFeesPaid() + handler.ghost_oracleFeesPaid() + handler.ghost_salesPaid();
        uint256 royaltyReceiver = address(token).balance;
        uint256 sellers = handler.ghost_sellerProceedsReceived();
        uint256 refunded = handler.ghost_refundsPushed() + handler.ghost_nftCreditsWithdrawn();
        uint256 held = address(market).balance + (address(oracle).balance - handler.ghost_bondsPaid())
            + address(nft).balance;
        assertEq(paid, royaltyReceiver + sellers + refunded + held);
    }

    /// @notice Every reclaimed request's payer got exactly its escrow (pushed or credited); the NFT's ETH is its
    ///         credits plus the oracle credit it pulled and has not matched yet, and that plus its credit still at
    ///         the oracle is exactly the escrow of the expired requests nobody reclaimed yet (nothing else credits it
    ///         here).
    function invariant_expiredEscrowGoesToPayer() public view {
        assertEq(
            handler.ghost_refundsPushed() + handler.ghost_refundsCredited(),
            handler.ghost_escrowReclaimed(),
            "payers got their escrow"
        );
        assertEq(address(nft).balance, nft.totalCredits() + nft.unattributedOracleCredit(), "NFT books");
        assertEq(
            nft.totalCredits(), handler.ghost_refundsCredited() - handler.ghost_nftCreditsWithdrawn(), "credits"
        );
        uint256 waiting;
        uint256 n = handler.mintedCount();
        for (uint256 i; i < n; ++i) {
            uint256 requestId = handler.minted(i).requestId;
            if (oracle.getRequest(requestId).status == IOpmlOracle.Status.Expired && !handler.reclaimed(requestId)) {
                waiting += oracle.getRequest(requestId).escrow;
            }
        }
        assertEq(nft.unattributedOracleCredit() + oracle.creditOf(address(nft)), waiting, "unmatched oracle credit");
    }

    /// @notice A payee that burns all the gas it is given costs a buy or a reclaim a bounded amount.
    function invariant_payeeGasBounded() public view {
        assertLt(handler.ghost_maxGasWithBurner(), 300_000, "a payee made a payment expensive");
    }


    /// @notice The revenue receiver got exactly the mint fees plus the ERC-2981 royalties of every sale.
    function invariant_revShareTokenGetsMintFeesAndRoyalties() public view {
        assertEq(address(token).balance, handler.ghost_mintFeesPaid() + handler.ghost_royaltiesReceived());
        assertEq(token.books(address(0)).received, address(token).balance, "all booked as revenue");
    }

    /// @notice Each sale's price is split into royalty + seller proceeds (pushed or credited), nothing else.
    function invariant_salesSplitExactly() public view {
        assertEq(
            handler.ghost_salesPaid(),
            handler.ghost_royaltiesReceived() + handler.ghost_sellerProceedsReceived()
                + handler.ghost_sellerProceedsCredited()
        );
    }

    /// @notice The market's balance is exactly its credits (the proceeds it could not push).
    function invariant_marketSolvent() public view {
        assertEq(address(market).balance, market.totalCredits());
        assertEq(market.totalCredits(), handler.ghost_sellerProceedsCredited());
    }

    /// @notice A token's content changes only through the oracle: it is always the last output the oracle
    ///         delivered for it, with one result per delivery, and no direct write ever succeeded.
    function invariant_contentChangesOnlyThroughOracle() public view {
        assertEq(handler.ghost_tamperSucceeded(), 0);
        uint256 n = handler.mintedCount();
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = handler.minted(i).tokenId;
            assertEq(nft.aigcDataOf(tokenId), handler.expectedContent(tokenId));
            assertEq(nft.getRecord(tokenId).results, handler.expectedResults(tokenId));
        }
    }

    /// @notice `verify` is false before finality; after it, true for the final data and false for any other.
    function invariant_verifyOnlyFinalData() public view {
        uint256 n = handler.mintedCount();
        for (uint256 i; i < n; ++i) {
            AigcHandler.Minted memory m = handler.minted(i);
            bytes memory content = handler.expectedContent(m.tokenId);
            if (!oracle.isFinalized(m.requestId)) {
                assertFalse(nft.verify(m.prompt, m.honest, ""));
                assertFalse(nft.verify(m.prompt, m.wrong, ""));
                assertFalse(nft.verify(m.prompt, m.wrong2, ""));
                assertFalse(nft.isFinal(m.tokenId));
            } else {
                assertTrue(nft.verify(m.prompt, content, ""), "final data verifies");
                bytes32 h = keccak256(content);
                if (h != keccak256(m.honest)) assertFalse(nft.verify(m.prompt, m.honest, ""));
                if (h != keccak256(m.wrong)) assertFalse(nft.verify(m.prompt, m.wrong, ""));
                if (h != keccak256(m.wrong2)) assertFalse(nft.verify(m.prompt, m.wrong2, ""));
                assertFalse(nft.verify(m.prompt, "", ""));
            }
        }
    }

    /// @notice Every minted token has exactly one owner and its id is the prompt's hash.
    function invariant_tokenIdIsPromptHash() public view {
        uint256 n = handler.mintedCount();
        for (uint256 i; i < n; ++i) {
            AigcHandler.Minted memory m = handler.minted(i);
            assertEq(m.tokenId, uint256(keccak256(m.prompt)));
            assertEq(bytes(nft.prompt(m.tokenId)), m.prompt);
            assertTrue(nft.ownerOf(m.tokenId) != address(0));
        }
    }

    /// @dev How many actions did something (not an early return), for reading a run with -vv.
    function afterInvariant() external view {
        string[13] memory names = [
            "mint",
            "submit",
            "challenge",
            "finalize",
            "list",
            "cancel",
            "buy",
            "tamper",
            "expire",
            "reclaim",
            "rerequest",
            "withdrawNftCredit",
            "minted tokens"
        ];
        for (uint256 i; i < 12; ++i) {
            console2.log(names[i], handler.calls(bytes32(bytes(names[i]))));
        }
        console2.log(names[12], handler.mintedCount());
    }
}
