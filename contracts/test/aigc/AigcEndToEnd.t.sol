// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AigcSetup} from "./AigcSetup.sol";
import {IERC7007, IERC7007Updatable} from "../../src/interfaces/IERC7007.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";

/// @notice The whole spine on the real contracts (RevShareToken, ModelRegistry, ModelVMVerifier, OpmlOracle,
///         BisectionGame, AigcNFT, RoyaltyMarket): mint → wrong result set optimistically → a challenger wins
///         the bisection game → finality with `update` → `verify` → resale royalty → holders' claimable revenue.
contract AigcEndToEndTest is AigcSetup {
    function test_endToEnd_challengedMintResaleAndClaim() public {
        bytes memory prompt = _prompt(2024);
        bytes memory honest = _honestOutput(prompt);
        bytes memory wrong = _fakeOutput(prompt);

        // 1. Mint: the token is the minter's at once; the mint fee is revenue, the oracle holds the rest.
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        assertEq(nft.ownerOf(tokenId), minter);
        assertEq(address(token).balance, MINT_FEE);
        uint256 receiverCredit = oracle.creditOf(address(token));
        assertEq(receiverCredit, MODEL_FEE * RECEIVER_BPS / 10_000, "model fee share credited to the token");

        // 2. A lying submitter's result lands optimistically through the callback (addAigcData).
        vm.expectEmit(address(nft));
        emit IERC7007.AigcData(tokenId, prompt, wrong, abi.encode(requestId));
        _submit(requestId, prompt, false);
        assertEq(nft.aigcDataOf(tokenId), wrong);
        assertFalse(nft.verify(prompt, wrong, ""), "not final");

        // 3. An honest challenger plays the real bisection game down to one VM step and wins: its claim leads.
        uint256 gameId = _challenge(requestId, prompt, true, challenger);
        _bisectAll(gameId, prompt);
        _stepGame(gameId, prompt);
        assertEq(uint8(game.gameOf(gameId).phase), uint8(IBisectionGame.Phase.ChallengerWon));
        assertEq(oracle.getRequest(requestId).leader, 1);
        assertEq(oracle.getClaim(requestId, 1).owner, challenger);
        assertFalse(nft.verify(prompt, honest, ""), "not final while the window is open");

        // 4. Finality delivers the corrected data (update); verify is true for it only.
        vm.expectEmit(address(nft));
        emit IERC7007Updatable.Update(tokenId, prompt, honest);
        _finalize(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        assertEq(r.round, 1);
        assertEq(r.leader, 1);
        // The winner's bond was paid with the reward: its claim record is deleted.
        assertEq(oracle.getClaim(requestId, r.leader).owner, address(0));
        assertEq(nft.aigcDataOf(tokenId), honest);
        assertTrue(oracle.isFinalized(requestId));
        assertTrue(nft.verify(prompt, honest, ""));
        assertTrue(nft.verify(prompt, honest, abi.encode(requestId)));
        assertFalse(nft.verify(prompt, wrong, ""));
        assertTrue(nft.isFinal(tokenId));

        // 5. Resale through the market: the royalty goes to the RevShareToken.
        uint256 price = 2 ether;
        vm.startPrank(minter);
        nft.approve(address(market), tokenId);
        market.list(IERC721(address(nft)), tokenId, price);
        vm.stopPrank();
        vm.prank(buyer);
        market.buy{value: price}(IERC721(address(nft)), tokenId);
        uint256 royalty = price * ROYALTY_BPS / 10_000;
        assertEq(nft.ownerOf(tokenId), buyer);
        assertEq(address(token).balance, MINT_FEE + royalty);

        // The oracle's model-fee credit for the token is pushed to it as revenue too.
        oracle.flush(address(token));
        uint256 revenue = MINT_FEE + royalty + receiverCredit;
        assertEq(address(token).balance, revenue);
        assertEq(token.books(address(0)).received, revenue);

        // 6. Next snapshot: holders can claim their share (80 % claimable, alice 60 %, bob 40 %).
        vm.warp(token.nextSnapshotAt());
        uint256 snapshotId = token.snapshot();
        uint256 aliceShare = token.claimableRevenue(alice, snapshotId);
        uint256 bobShare = token.claimableRevenue(bob, snapshotId);
        assertApproxEqAbs(aliceShare, revenue * 8000 / 10_000 * 60 / 100, 1);
        assertApproxEqAbs(bobShare, revenue * 8000 / 10_000 * 40 / 100, 1);
        assertGt(aliceShare, royalty * 8000 / 10_000 * 60 / 100, "royalty is part of it");

        uint256 before = alice.balance;
        vm.prank(alice);
        token.claim(snapshotId);
        assertEq(alice.balance - before, aliceShare);
    }
}
