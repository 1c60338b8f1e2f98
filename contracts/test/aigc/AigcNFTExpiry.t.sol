// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AigcSetup} from "./AigcSetup.sol";
import {IAigcNFT} from "../../src/interfaces/IAigcNFT.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {GasBurner} from "./mocks/MarketMocks.sol";

/// @dev A minter contract that refuses ETH (its refunds must be credited) and can hold ERC-721s.
contract RefusingMinter {
    function mint(IAigcNFT nft, bytes calldata prompt) external payable returns (uint256 tokenId) {
        (tokenId,) = nft.mint{value: msg.value}(prompt);
    }

    function withdrawCredit(IAigcNFT nft, address to) external {
        nft.withdrawCredit(to);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {
        revert("no ETH");
    }
}

/// @notice Mints whose request nobody answers before it expires: the escrow goes back to whoever paid for the
///         request, and the token's content can be requested again.
contract AigcNFTExpiryTest is AigcSetup {
    bytes internal prompt;

    function setUp() public override {
        super.setUp();
        prompt = _prompt(42);
    }

    function _escrow() internal view returns (uint256) {
        IOpmlOracle.Parameters memory p = oracle.parameters();
        return uint256(p.submitterReward) + uint256(CALLBACK_GAS) * p.callbackGasPrice;
    }

    function _expire(uint256 requestId) internal {
        vm.warp(oracle.getRequest(requestId).expiresAt + 1);
    }

    /// @dev The NFT's ETH = credits owed + ETH pulled from the oracle and not matched to a reclaimed request.
    function _assertBooks() internal view {
        assertEq(address(nft).balance, nft.totalCredits() + nft.unattributedOracleCredit(), "NFT books");
    }

    // ---------------------------------------------------------------- issue 12, item 2 (regression)

    /// @notice Issue 12, item 2: an expired mint's escrow goes back to its minter, exactly, and the prompt's content
    ///         can be requested again (and then verifies). Checked against the code before the fix: the oracle
    ///         credited the escrow to the NFT, `oracle.flush(nft)` reverted (the NFT took no ETH), nothing could
    ///         reach it (this test's `reclaimExpired` call failed: no such function) and a second mint of the
    ///         prompt reverted with `AigcNFT_PromptAlreadyMinted`.
    function test_issue12_expiredMint_refundsMinterAndContentRequestedAgain() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        // as the reviewer did: anyone refunds the expired request at the oracle, which credits the NFT
        oracle.refundExpired(requestId);
        assertEq(oracle.creditOf(address(nft)), _escrow());

        uint256 before = minter.balance;
        vm.expectEmit(address(nft));
        emit IAigcNFT.MintRefunded(tokenId, requestId, minter, _escrow(), false);
        vm.prank(stranger);
        assertEq(nft.reclaimExpired(tokenId), _escrow());
        assertEq(minter.balance, before + _escrow(), "the minter got its escrow back");
        assertEq(oracle.creditOf(address(nft)), 0);
        assertEq(address(nft).balance, 0);
        _assertBooks();
        assertEq(nft.getRecord(tokenId).requester, address(0));

        // the content is requested again, answered, and verifies
        uint256 fee = nft.mintPrice() - MINT_FEE;
        vm.prank(minter);
        uint256 again = nft.rerequest{value: fee}(tokenId);
        assertEq(nft.getRecord(tokenId).requestId, again);
        assertEq(nft.getRecord(tokenId).requester, minter);
        assertEq(nft.tokenOfRequest(again), tokenId);
        _submit(again, prompt, true);
        _finalize(again);
        assertTrue(nft.verify(prompt, _honestOutput(prompt), ""));
        assertEq(nft.ownerOf(tokenId), minter);
    }

    // ---------------------------------------------------------------- reclaimExpired

    /// @dev Nobody called the oracle's `refundExpired`: the NFT does it.
    function test_reclaimExpired_expiresAtTheOracleIfNeeded() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        uint256 before = minter.balance;
        nft.reclaimExpired(tokenId);
        assertEq(uint8(oracle.getRequest(requestId).status), uint8(IOpmlOracle.Status.Expired));
        assertEq(minter.balance, before + _escrow());
        _assertBooks();
    }

    function test_reclaimExpired_notExpired_reverts() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        vm.warp(oracle.getRequest(requestId).expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_RequestNotExpired.selector, tokenId, requestId));
        nft.reclaimExpired(tokenId);
    }

    /// @dev An answered request's escrow is the submitter's, whatever time it is.
    function test_reclaimExpired_answered_reverts() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_RequestNotExpired.selector, tokenId, requestId));
        nft.reclaimExpired(tokenId);
    }

    function test_reclaimExpired_twice_reverts() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        nft.reclaimExpired(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_AlreadyRefunded.selector, tokenId, requestId));
        nft.reclaimExpired(tokenId);
    }

    function test_reclaimExpired_unknownToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownToken.selector, 7));
        nft.reclaimExpired(7);
    }

    /// @dev The refund goes to the minter even after the token was sold: the minter paid for the request.
    function test_reclaimExpired_afterTransfer_refundsThePayer() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        vm.prank(minter);
        nft.transferFrom(minter, buyer, tokenId);
        _expire(requestId);
        uint256 before = minter.balance;
        nft.reclaimExpired(tokenId);
        assertEq(minter.balance, before + _escrow());
    }

    /// @dev Two expired mints: the first reclaim pulls both escrows; the second is paid from what was pulled.
    function test_reclaimExpired_twoMints_oneCreditPull() public {
        (uint256 a, uint256 ra) = _mint(minter, prompt);
        (uint256 b, uint256 rb) = _mint(buyer, _prompt(7));
        _expire(rb);
        oracle.refundExpired(ra);
        oracle.refundExpired(rb);
        nft.reclaimExpired(a);
        assertEq(nft.unattributedOracleCredit(), _escrow(), "b's escrow waits");
        _assertBooks();
        uint256 before = buyer.balance;
        nft.reclaimExpired(b);
        assertEq(buyer.balance, before + _escrow());
        assertEq(address(nft).balance, 0);
    }

    /// @dev Anyone may flush the NFT's oracle credit into it: it is booked, and refunds still match exactly.
    function test_reclaimExpired_afterSomeoneFlushed() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        oracle.refundExpired(requestId);
        vm.prank(stranger);
        oracle.flush(address(nft));
        assertEq(nft.unattributedOracleCredit(), _escrow());
        _assertBooks();
        uint256 before = minter.balance;
        nft.reclaimExpired(tokenId);
        assertEq(minter.balance, before + _escrow());
        _assertBooks();
    }

    /// @dev Credit the oracle gives the NFT for another reason (here a model-fee share, because the registry names
    ///      the NFT as the model's revenue receiver) is kept apart: the minter still gets exactly the escrow.
    function test_reclaimExpired_otherOracleCreditKeptApart() public {
        vm.prank(modelOwner);
        registry.setRevenueReceiver(modelId, address(nft), RECEIVER_BPS);
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        uint256 share = MODEL_FEE * RECEIVER_BPS / 10_000;
        _expire(requestId);
        uint256 before = minter.balance;
        nft.reclaimExpired(tokenId);
        assertEq(minter.balance, before + _escrow(), "exactly the escrow");
        assertEq(nft.unattributedOracleCredit(), share, "the fee share is held apart");
        assertEq(address(nft).balance, share);
        _assertBooks();
    }

    /// @dev A minter that refuses ETH is credited and withdraws to an address of its choice.
    function test_reclaimExpired_refusingMinter_credited() public {
        RefusingMinter m = new RefusingMinter();
        uint256 price = nft.mintPrice();
        uint256 tokenId = m.mint{value: price}(nft, prompt);
        uint256 requestId = nft.getRecord(tokenId).requestId;
        _expire(requestId);
        vm.expectEmit(address(nft));
        emit IAigcNFT.MintRefunded(tokenId, requestId, address(m), _escrow(), true);
        nft.reclaimExpired(tokenId);
        assertEq(nft.creditOf(address(m)), _escrow());
        _assertBooks();
        uint256 before = stranger.balance;
        m.withdrawCredit(nft, stranger);
        assertEq(stranger.balance, before + _escrow());
        assertEq(address(nft).balance, 0);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_NothingToWithdraw.selector, address(m)));
        m.withdrawCredit(nft, stranger);
    }

    /// @dev A minter that burns its gas costs the reclaimer at most the push stipend, and is credited.
    function test_reclaimExpired_gasBurningMinter_costBounded() public {
        GasBurner burner = new GasBurner();
        vm.deal(address(burner), 10 ether);
        uint256 price = nft.mintPrice();
        vm.prank(address(burner));
        (uint256 tokenId, uint256 requestId) = nft.mint{value: price}(prompt);
        _expire(requestId);
        uint256 gasBefore = gasleft();
        nft.reclaimExpired{gas: 5_000_000}(tokenId);
        assertLt(gasBefore - gasleft(), 200_000);
        assertEq(nft.creditOf(address(burner)), _escrow());
    }

    function test_receive_fromStranger_reverts() public {
        vm.prank(stranger);
        (bool ok, bytes memory data) = address(nft).call{value: 1}("");
        assertFalse(ok);
        assertEq(data, abi.encodeWithSelector(IAigcNFT.AigcNFT_UnexpectedEth.selector, stranger));
    }

    // ---------------------------------------------------------------- rerequest

    /// @dev `rerequest` reclaims the expired request itself; the new payer is refunded if its request expires too.
    function test_rerequest_reclaimsThenRefundsTheNewPayer() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        uint256 fee = nft.mintPrice() - MINT_FEE;
        uint256 minterBefore = minter.balance;
        vm.prank(stranger);
        uint256 again = nft.rerequest{value: fee}(tokenId);
        assertEq(minter.balance, minterBefore + _escrow(), "old request refunded to the minter");
        assertEq(nft.getRecord(tokenId).requester, stranger);

        _expire(again);
        uint256 strangerBefore = stranger.balance;
        nft.reclaimExpired(tokenId);
        assertEq(stranger.balance, strangerBefore + _escrow(), "new request refunded to its payer");
        _assertBooks();
    }

    function test_rerequest_notExpired_reverts() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        uint256 fee = nft.mintPrice() - MINT_FEE;
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_RequestNotExpired.selector, tokenId, requestId));
        vm.prank(minter);
        nft.rerequest{value: fee}(tokenId);
    }

    function test_rerequest_wrongPayment_reverts() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        uint256 fee = nft.mintPrice() - MINT_FEE;
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_WrongPayment.selector, fee, fee + 1));
        vm.prank(minter);
        nft.rerequest{value: fee + 1}(tokenId);
    }

    function test_rerequest_unknownToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownToken.selector, 7));
        nft.rerequest{value: 1}(7);
    }

    /// @dev The old request's late callback is refused: only the current request fills the token.
    function test_rerequest_oldRequestCallback_refused() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _expire(requestId);
        uint256 fee = nft.mintPrice() - MINT_FEE;
        vm.prank(minter);
        nft.rerequest{value: fee}(tokenId);
        vm.prank(address(oracle));
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownRequest.selector, requestId));
        nft.aiOracleCallback(requestId, _honestOutput(prompt), "");
    }
}
