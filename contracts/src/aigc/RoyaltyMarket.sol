// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRoyaltyMarket} from "../interfaces/IRoyaltyMarket.sol";

/// @title RoyaltyMarket
/// @notice Fixed-price escrow marketplace paying ERC-2981 royalties. See IRoyaltyMarket.
contract RoyaltyMarket is IRoyaltyMarket, ReentrancyGuardTransient {
    /// @inheritdoc IRoyaltyMarket
    /// @dev Enough for a plain account, a proxy wallet, or a RevShareToken booking revenue in `receive` (about
    ///      25,000 gas with a cold slot); a receiver that burns it costs a buy at most this much per push.
    uint256 public constant ETH_PUSH_GAS = 50_000;

    mapping(IERC721 nft => mapping(uint256 tokenId => Listing)) internal _listings;
    mapping(address account => uint256) internal _credits;
    uint256 internal _totalCredits;

    /// @inheritdoc IRoyaltyMarket
    function list(IERC721 nft, uint256 tokenId, uint256 price) external nonReentrant {
        if (price == 0) revert RoyaltyMarket_ZeroPrice();
        if (price > type(uint96).max) revert RoyaltyMarket_PriceTooHigh(price);
        if (nft.ownerOf(tokenId) != msg.sender) {
            revert RoyaltyMarket_NotTokenOwner(address(nft), tokenId, msg.sender);
        }
        // forge-lint: disable-next-line(unsafe-typecast) bounded just above
        _listings[nft][tokenId] = Listing({seller: msg.sender, price: uint96(price)});
        emit Listed(address(nft), tokenId, msg.sender, price);
        nft.transferFrom(msg.sender, address(this), tokenId);
    }

    /// @inheritdoc IRoyaltyMarket
    function cancel(IERC721 nft, uint256 tokenId) external nonReentrant {
        address seller = _listings[nft][tokenId].seller;
        if (seller == address(0)) revert RoyaltyMarket_NotListed(address(nft), tokenId);
        if (seller != msg.sender) revert RoyaltyMarket_NotSeller(address(nft), tokenId, msg.sender);
        delete _listings[nft][tokenId];
        emit Cancelled(address(nft), tokenId, seller);
        nft.transferFrom(address(this), seller, tokenId);
    }

    /// @inheritdoc IRoyaltyMarket
    function buy(IERC721 nft, uint256 tokenId) external payable nonReentrant {
        Listing memory l = _listings[nft][tokenId];
        if (l.seller == address(0)) revert RoyaltyMarket_NotListed(address(nft), tokenId);
        // INVARIANT: exact payment, so every wei paid ends with the royalty receiver or the seller.
        if (msg.value != l.price) revert RoyaltyMarket_WrongPayment(l.price, msg.value);
        delete _listings[nft][tokenId];
        (address receiver, uint256 royalty, uint256 proceeds) = _split(nft, tokenId, l.price);
        emit Sold(address(nft), tokenId, msg.sender, l.seller, l.price, receiver, royalty);
        nft.safeTransferFrom(address(this), msg.sender, tokenId);
        _pay(receiver, royalty);
        _pay(l.seller, proceeds);
    }

    /// @inheritdoc IRoyaltyMarket
    function withdraw() external nonReentrant returns (uint256) {
        return _withdraw(payable(msg.sender));
    }

    /// @inheritdoc IRoyaltyMarket
    function withdrawTo(address payable to) external nonReentrant returns (uint256) {
        return _withdraw(to);
    }

    /// @inheritdoc IRoyaltyMarket
    function flush(address payable account) external nonReentrant returns (uint256 amount) {
        amount = _credits[account];
        if (amount == 0) revert RoyaltyMarket_NothingToWithdraw(account);
        _credits[account] = 0;
        _totalCredits -= amount;
        emit Withdrawn(account, account, amount);
        (bool ok,) = account.call{value: amount}("");
        if (!ok) revert RoyaltyMarket_TransferFailed(account, amount);
    }

    /// @inheritdoc IRoyaltyMarket
    function getListing(IERC721 nft, uint256 tokenId) external view returns (Listing memory) {
        return _listings[nft][tokenId];
    }

    /// @inheritdoc IRoyaltyMarket
    function royaltySplit(IERC721 nft, uint256 tokenId, uint256 price)
        external
        view
        returns (address receiver, uint256 royalty, uint256 sellerProceeds)
    {
        return _split(nft, tokenId, price);
    }

    /// @inheritdoc IRoyaltyMarket
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc IRoyaltyMarket
    function totalCredits() external view returns (uint256) {
        return _totalCredits;
    }

    /// @dev ERC-2981 royalty, capped at the price; none if unsupported, reverting, or without a receiver.
    function _split(IERC721 nft, uint256 tokenId, uint256 price)
        internal
        view
        returns (address receiver, uint256 royalty, uint256 proceeds)
    {
        if (ERC165Checker.supportsInterface(address(nft), type(IERC2981).interfaceId)) {
            try IERC2981(address(nft)).royaltyInfo(tokenId, price) returns (address r, uint256 amount) {
                if (r != address(0)) (receiver, royalty) = (r, amount > price ? price : amount);
            } catch {}
        }
        proceeds = price - royalty;
    }

    /// @dev Pushes ETH with a bounded stipend; on failure credits it, so a receiver can never block a sale or
    ///      make it cost more than the stipend.
    function _pay(address to, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        // SAFETY: bounded gas, and no return data is copied, so a receiver can neither burn the buyer's gas
        //         nor return-bomb it.
        assembly ("memory-safe") {
            ok := call(ETH_PUSH_GAS, to, amount, 0, 0, 0, 0)
        }
        if (!ok) {
            _credits[to] += amount;
            _totalCredits += amount;
            emit PaymentCredited(to, amount);
        }
    }

    function _withdraw(address payable to) internal returns (uint256 amount) {
        amount = _credits[msg.sender];
        if (amount == 0) revert RoyaltyMarket_NothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        _totalCredits -= amount;
        emit Withdrawn(msg.sender, to, amount);
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert RoyaltyMarket_TransferFailed(to, amount);
    }
}
