// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {AigcSetup} from "./AigcSetup.sol";
import {IRoyaltyMarket} from "../../src/interfaces/IRoyaltyMarket.sol";
import {
    PlainNFT,
    OddRoyaltyNFT,
    StubbornSeller,
    HooklessBuyer,
    GasBurner,
    GasHungryReceiver
} from "./mocks/MarketMocks.sol";

contract RoyaltyMarketTest is AigcSetup {
    uint256 internal constant PRICE = 1 ether;
    uint256 internal tokenId;
    IERC721 internal coll;

    function setUp() public override {
        super.setUp();
        (tokenId,) = _mint(minter, _prompt(1));
        coll = IERC721(address(nft));
    }

    function _list(address seller, uint256 id, uint256 price) internal {
        vm.startPrank(seller);
        coll.approve(address(market), id);
        market.list(coll, id, price);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- list

    function test_list_escrowsTokenAndRecordsListing() public {
        vm.prank(minter);
        nft.approve(address(market), tokenId);
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.Listed(address(nft), tokenId, minter, PRICE);
        vm.prank(minter);
        market.list(coll, tokenId, PRICE);
        assertEq(nft.ownerOf(tokenId), address(market));
        IRoyaltyMarket.Listing memory l = market.getListing(coll, tokenId);
        assertEq(l.seller, minter);
        assertEq(l.price, PRICE);
    }

    function test_list_zeroPrice_reverts() public {
        vm.expectRevert(IRoyaltyMarket.RoyaltyMarket_ZeroPrice.selector);
        vm.prank(minter);
        market.list(coll, tokenId, 0);
    }

    function test_list_priceAbove96Bits_reverts() public {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_PriceTooHigh.selector, price));
        vm.prank(minter);
        market.list(coll, tokenId, price);
    }

    function test_list_notOwner_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRoyaltyMarket.RoyaltyMarket_NotTokenOwner.selector, address(nft), tokenId, stranger
            )
        );
        vm.prank(stranger);
        market.list(coll, tokenId, PRICE);
    }

    function test_list_notApproved_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC721Errors.ERC721InsufficientApproval.selector, address(market), tokenId
            )
        );
        vm.prank(minter);
        market.list(coll, tokenId, PRICE);
    }

    // ---------------------------------------------------------------- cancel

    function test_cancel_returnsToken() public {
        _list(minter, tokenId, PRICE);
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.Cancelled(address(nft), tokenId, minter);
        vm.prank(minter);
        market.cancel(coll, tokenId);
        assertEq(nft.ownerOf(tokenId), minter);
        assertEq(market.getListing(coll, tokenId).seller, address(0));
    }

    function test_cancel_notListed_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_NotListed.selector, address(nft), tokenId)
        );
        vm.prank(minter);
        market.cancel(coll, tokenId);
    }

    function test_cancel_notSeller_reverts() public {
        _list(minter, tokenId, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRoyaltyMarket.RoyaltyMarket_NotSeller.selector, address(nft), tokenId, stranger
            )
        );
        vm.prank(stranger);
        market.cancel(coll, tokenId);
    }

    // ---------------------------------------------------------------- buy

    function test_buy_paysRoyaltyToRevShareTokenAndRestToSeller() public {
        _list(minter, tokenId, PRICE);
        uint256 royalty = PRICE * ROYALTY_BPS / 10_000;
        uint256 sellerBefore = minter.balance;
        uint256 tokenBefore = address(token).balance;
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.Sold(address(nft), tokenId, buyer, minter, PRICE, address(token), royalty);
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        assertEq(nft.ownerOf(tokenId), buyer);
        assertEq(address(token).balance - tokenBefore, royalty);
        assertEq(minter.balance - sellerBefore, PRICE - royalty);
        assertEq(address(market).balance, 0);
        assertEq(market.getListing(coll, tokenId).seller, address(0));
    }

    function test_buy_royaltyIsBookedAsRevenue() public {
        _list(minter, tokenId, PRICE);
        uint256 receivedBefore = token.books(address(0)).received;
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        assertEq(token.books(address(0)).received - receivedBefore, PRICE * ROYALTY_BPS / 10_000);
    }

    function test_buy_notListed_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_NotListed.selector, address(nft), tokenId)
        );
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
    }

    function test_buy_twice_reverts() public {
        _list(minter, tokenId, PRICE);
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_NotListed.selector, address(nft), tokenId)
        );
        vm.prank(stranger);
        market.buy{value: PRICE}(coll, tokenId);
    }

    function test_buy_underpayment_reverts() public {
        _list(minter, tokenId, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_WrongPayment.selector, PRICE, PRICE - 1)
        );
        vm.prank(buyer);
        market.buy{value: PRICE - 1}(coll, tokenId);
    }

    function test_buy_overpayment_reverts() public {
        _list(minter, tokenId, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_WrongPayment.selector, PRICE, PRICE + 1)
        );
        vm.prank(buyer);
        market.buy{value: PRICE + 1}(coll, tokenId);
    }

    function test_buy_buyerCannotHoldTokens_reverts() public {
        _list(minter, tokenId, PRICE);
        HooklessBuyer hb = new HooklessBuyer();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(hb)));
        hb.buy{value: PRICE}(market, coll, tokenId);
    }

    function test_buy_sellerRefusesEth_isCredited() public {
        StubbornSeller s = new StubbornSeller(market);
        vm.prank(minter);
        nft.transferFrom(minter, address(s), tokenId);
        s.list(coll, tokenId, PRICE);
        uint256 proceeds = PRICE - PRICE * ROYALTY_BPS / 10_000;
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.PaymentCredited(address(s), proceeds);
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        assertEq(nft.ownerOf(tokenId), buyer);
        assertEq(market.creditOf(address(s)), proceeds);
        assertEq(market.totalCredits(), proceeds);
        assertEq(address(market).balance, proceeds);
    }

    function test_buy_reentrantSeller_isCredited() public {
        StubbornSeller s = new StubbornSeller(market);
        s.setReenter(true);
        vm.prank(minter);
        nft.transferFrom(minter, address(s), tokenId);
        s.list(coll, tokenId, PRICE);
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        assertEq(market.creditOf(address(s)), PRICE - PRICE * ROYALTY_BPS / 10_000);
    }

    function test_buy_collectionWithoutErc2981_paysNoRoyalty() public {
        PlainNFT plain = new PlainNFT();
        plain.mint(minter, 1);
        vm.startPrank(minter);
        plain.approve(address(market), 1);
        market.list(IERC721(address(plain)), 1, PRICE);
        vm.stopPrank();
        uint256 before = minter.balance;
        vm.prank(buyer);
        market.buy{value: PRICE}(IERC721(address(plain)), 1);
        assertEq(minter.balance - before, PRICE);
    }

    function test_buy_royaltyAbovePrice_isCapped() public {
        OddRoyaltyNFT odd = new OddRoyaltyNFT(address(token));
        odd.set(3, false);
        odd.mint(minter, 1);
        (address r, uint256 royalty, uint256 proceeds) = market.royaltySplit(IERC721(address(odd)), 1, PRICE);
        assertEq(r, address(token));
        assertEq(royalty, PRICE);
        assertEq(proceeds, 0);
    }

    function test_buy_royaltyInfoReverts_paysNoRoyalty() public {
        OddRoyaltyNFT odd = new OddRoyaltyNFT(address(token));
        odd.set(1, true);
        (address r, uint256 royalty, uint256 proceeds) = market.royaltySplit(IERC721(address(odd)), 1, PRICE);
        assertEq(r, address(0));
        assertEq(royalty, 0);
        assertEq(proceeds, PRICE);
    }

    function testFuzz_buy_splitsEveryWei(uint256 price) public {
        price = bound(price, 1, 1000 ether);
        _list(minter, tokenId, price);
        (, uint256 royalty, uint256 proceeds) = market.royaltySplit(coll, tokenId, price);
        uint256 sellerBefore = minter.balance;
        uint256 tokenBefore = address(token).balance;
        vm.prank(buyer);
        market.buy{value: price}(coll, tokenId);
        assertEq(royalty, price * ROYALTY_BPS / 10_000);
        assertEq(royalty + proceeds, price);
        assertEq(address(token).balance - tokenBefore, royalty);
        assertEq(minter.balance - sellerBefore, proceeds);
    }

    // ---------------------------------------------------------------- withdraw

    function _creditStubborn() internal returns (StubbornSeller s, uint256 proceeds) {
        s = new StubbornSeller(market);
        vm.prank(minter);
        nft.transferFrom(minter, address(s), tokenId);
        s.list(coll, tokenId, PRICE);
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        proceeds = PRICE - PRICE * ROYALTY_BPS / 10_000;
    }

    function test_withdrawTo_paysCredit() public {
        (StubbornSeller s, uint256 proceeds) = _creditStubborn();
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.Withdrawn(address(s), stranger, proceeds);
        uint256 before = stranger.balance;
        s.withdrawTo(payable(stranger));
        assertEq(stranger.balance - before, proceeds);
        assertEq(market.creditOf(address(s)), 0);
        assertEq(market.totalCredits(), 0);
        assertEq(address(market).balance, 0);
    }

    function test_withdraw_transferFails_reverts() public {
        (StubbornSeller s, uint256 proceeds) = _creditStubborn();
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_TransferFailed.selector, address(s), proceeds)
        );
        s.withdraw();
    }

    function test_withdraw_nothing_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_NothingToWithdraw.selector, stranger)
        );
        vm.prank(stranger);
        market.withdraw();
    }

    // ---------------------------------------------------------------- bounded pushes (issue 12, item 7)

    /// @dev A collection whose whole price is the royalty, paid to `receiver`; token 1 listed by `minter`.
    function _listWithRoyaltyTo(address receiver) internal returns (IERC721 odd) {
        OddRoyaltyNFT c = new OddRoyaltyNFT(receiver);
        c.set(1, false);
        c.mint(minter, 1);
        odd = IERC721(address(c));
        vm.startPrank(minter);
        odd.approve(address(market), 1);
        market.list(odd, 1, PRICE);
        vm.stopPrank();
    }

    /// @notice Issue 12, item 7: a royalty receiver that burns all the gas it is given costs a buyer at most the
    ///         push stipend, and its royalty is credited. Checked against the code before the fix: the market
    ///         forwarded all gas, so this buy used about 64 times the bound asserted here (this test failed).
    function test_issue12_gasBurningRoyaltyReceiver_buyCostBounded() public {
        GasBurner burner = new GasBurner();
        IERC721 odd = _listWithRoyaltyTo(address(burner));
        uint256 gasBefore = gasleft();
        vm.prank(buyer);
        market.buy{value: PRICE, gas: 10_000_000}(odd, 1);
        uint256 used = gasBefore - gasleft();
        assertLt(used, 200_000, "bounded by the stipend");
        assertEq(odd.ownerOf(1), buyer);
        assertEq(market.creditOf(address(burner)), PRICE);
        assertEq(address(market).balance, market.totalCredits());
    }

    /// @notice Issue 12, item 7: the same for a seller that burns its gas (the seller's push is the same code as
    ///         the royalty's, whose test above was checked against the code before the fix).
    function test_issue12_gasBurningSeller_buyCostBounded() public {
        GasBurner burner = new GasBurner();
        vm.prank(minter);
        coll.transferFrom(minter, address(burner), tokenId);
        _list(address(burner), tokenId, PRICE);
        uint256 gasBefore = gasleft();
        vm.prank(buyer);
        market.buy{value: PRICE, gas: 10_000_000}(coll, tokenId);
        uint256 used = gasBefore - gasleft();
        assertLt(used, 250_000, "bounded by the stipend");
        uint256 royalty = PRICE * ROYALTY_BPS / 10_000;
        assertEq(market.creditOf(address(burner)), PRICE - royalty);
    }

    /// @dev The model's RevShareToken books a royalty within the stipend even in its most expensive case: cold
    ///      storage and `pending` at zero (just after a snapshot), so royalties are pushed, never credited.
    function test_buy_royaltyToRevShareToken_fitsStipendColdAfterSnapshot() public {
        vm.warp(block.timestamp + SNAPSHOT_INTERVAL);
        token.snapshot();
        assertEq(token.books(address(0)).pending, 0);
        _list(minter, tokenId, PRICE);
        vm.cool(address(token));
        vm.prank(buyer);
        market.buy{value: PRICE}(coll, tokenId);
        assertEq(market.creditOf(address(token)), 0, "pushed, not credited");
        assertEq(token.books(address(0)).pending, PRICE * ROYALTY_BPS / 10_000);
    }

    /// @dev A receiver that needs more gas than the stipend is credited; anyone's `flush` then pays it in full.
    function test_flush_paysGasHungryReceiver() public {
        GasHungryReceiver hungry = new GasHungryReceiver();
        IERC721 odd = _listWithRoyaltyTo(address(hungry));
        vm.prank(buyer);
        market.buy{value: PRICE}(odd, 1);
        assertEq(market.creditOf(address(hungry)), PRICE);
        vm.expectEmit(address(market));
        emit IRoyaltyMarket.Withdrawn(address(hungry), address(hungry), PRICE);
        vm.prank(stranger);
        assertEq(market.flush(payable(address(hungry))), PRICE);
        assertEq(hungry.received(), PRICE);
        assertEq(market.totalCredits(), 0);
        assertEq(address(market).balance, 0);
    }

    function test_flush_nothing_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_NothingToWithdraw.selector, stranger));
        market.flush(payable(stranger));
    }

    function test_flush_refuser_reverts() public {
        (StubbornSeller s, uint256 proceeds) = _creditStubborn();
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyMarket.RoyaltyMarket_TransferFailed.selector, address(s), proceeds)
        );
        market.flush(payable(address(s)));
    }
}
