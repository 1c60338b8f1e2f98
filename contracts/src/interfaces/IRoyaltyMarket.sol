// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title IRoyaltyMarket
/// @notice A small fixed-price ERC-721 marketplace that pays ERC-2981 royalties, so resales of AIGC NFTs pay the
///         model's RevShareToken for real.
///
///         Custody: `list` moves the token into the market (escrow), so a listing never goes stale; `cancel` and
///         `buy` move it out. Payment: `buy` takes exactly the price; the royalty (`royaltyInfo(tokenId, price)`
///         of ERC-2981, capped at the price; zero if the collection does not support ERC-2981) goes to the
///         royalty receiver, the rest to the seller. Both are pushed as plain ETH with a bounded gas stipend
///         (`ETH_PUSH_GAS`); a push that fails (a receiver that refuses ETH or needs more gas) is credited to a
///         pull balance (`withdraw`, `withdrawTo`, or anyone's `flush` to the account itself with all the gas it
///         needs), so a receiver can neither block a buy nor make it expensive.
///
///         Books: the market's ETH balance always equals the sum of credits (`totalCredits`).
interface IRoyaltyMarket {
    /// @notice An active listing (`seller` zero when none).
    struct Listing {
        address seller;
        uint96 price;
    }

    /// @notice Prices are nonzero.
    error RoyaltyMarket_ZeroPrice();
    /// @notice Prices fit 96 bits.
    error RoyaltyMarket_PriceTooHigh(uint256 price);
    /// @notice Only the token's owner may list it.
    error RoyaltyMarket_NotTokenOwner(address nft, uint256 tokenId, address caller);
    /// @notice No active listing for the token.
    error RoyaltyMarket_NotListed(address nft, uint256 tokenId);
    /// @notice Only the seller may cancel.
    error RoyaltyMarket_NotSeller(address nft, uint256 tokenId, address caller);
    /// @notice `msg.value` is not exactly the price.
    error RoyaltyMarket_WrongPayment(uint256 price, uint256 sent);
    /// @notice No credit to withdraw.
    error RoyaltyMarket_NothingToWithdraw(address account);
    /// @notice The ETH transfer of a withdrawal failed.
    error RoyaltyMarket_TransferFailed(address to, uint256 amount);

    /// @notice `seller` listed `tokenId` of `nft` at `price`; the market holds the token.
    event Listed(address indexed nft, uint256 indexed tokenId, address indexed seller, uint256 price);
    /// @notice The listing was cancelled and the token returned to `seller`.
    event Cancelled(address indexed nft, uint256 indexed tokenId, address indexed seller);
    /// @notice `buyer` bought the token for `price`: `royalty` to `royaltyReceiver`, the rest to `seller`.
    event Sold(
        address indexed nft,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        uint256 price,
        address royaltyReceiver,
        uint256 royalty
    );
    /// @notice A push of `amount` to `account` failed and was credited to its pull balance.
    event PaymentCredited(address indexed account, uint256 amount);
    /// @notice `account`'s credit of `amount` was paid to `to`.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);

    /// @notice Lists `tokenId` of `nft` at `price` (wei); the caller must own it and have approved the market.
    function list(IERC721 nft, uint256 tokenId, uint256 price) external;

    /// @notice Cancels the caller's listing and returns the token.
    function cancel(IERC721 nft, uint256 tokenId) external;

    /// @notice Buys a listed token with `msg.value == price`; the token goes to the caller (safe transfer).
    function buy(IERC721 nft, uint256 tokenId) external payable;

    /// @notice Pays the caller's whole credit to the caller.
    function withdraw() external returns (uint256 amount);

    /// @notice Pays the caller's whole credit to `to` (for accounts that cannot receive ETH themselves).
    function withdrawTo(address payable to) external returns (uint256 amount);

    /// @notice Pays `account`'s whole credit to `account` itself, forwarding all gas. Permissionless: for
    ///         receivers that take ETH but cannot call `withdraw` (a RevShareToken receiving royalties).
    function flush(address payable account) external returns (uint256 amount);

    /// @notice Gas forwarded with each push to a royalty receiver or a seller.
    function ETH_PUSH_GAS() external view returns (uint256);

    /// @notice The active listing of a token (seller zero if none).
    function getListing(IERC721 nft, uint256 tokenId) external view returns (Listing memory);

    /// @notice What `buy` would pay to the royalty receiver and the seller at `price`.
    function royaltySplit(IERC721 nft, uint256 tokenId, uint256 price)
        external
        view
        returns (address receiver, uint256 royalty, uint256 sellerProceeds);

    /// @notice Pull credit of `account`.
    function creditOf(address account) external view returns (uint256);

    /// @notice Sum of all credits (equals the market's ETH balance).
    function totalCredits() external view returns (uint256);
}
