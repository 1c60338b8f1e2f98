// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IRoyaltyMarket} from "../../../src/interfaces/IRoyaltyMarket.sol";

/// @dev An ERC-721 without ERC-2981.
contract PlainNFT is ERC721 {
    constructor() ERC721("Plain", "PLN") {}

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }
}

/// @dev An ERC-2981 collection whose royalty is set by the test: a multiple of the price, or a revert.
contract OddRoyaltyNFT is ERC721, IERC2981 {
    address public receiver;
    uint256 public multiplier;
    bool public reverts;

    constructor(address receiver_) ERC721("Odd", "ODD") {
        receiver = receiver_;
    }

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }

    function set(uint256 multiplier_, bool reverts_) external {
        (multiplier, reverts) = (multiplier_, reverts_);
    }

    function royaltyInfo(uint256, uint256 price) external view returns (address, uint256) {
        require(!reverts, "royalty");
        return (receiver, price * multiplier);
    }

    function supportsInterface(bytes4 id) public view override(ERC721, IERC165) returns (bool) {
        return id == type(IERC2981).interfaceId || super.supportsInterface(id);
    }
}

/// @dev A seller that refuses ETH (or re-enters the market when paid), so the market must credit it.
contract StubbornSeller {
    IRoyaltyMarket internal immutable _market;
    bool public reenter;

    constructor(IRoyaltyMarket market_) {
        _market = market_;
    }

    function setReenter(bool on) external {
        reenter = on;
    }

    function list(IERC721 nft, uint256 id, uint256 price) external {
        nft.approve(address(_market), id);
        _market.list(nft, id, price);
    }

    function withdrawTo(address payable to) external {
        _market.withdrawTo(to);
    }

    function withdraw() external {
        _market.withdraw();
    }

    receive() external payable {
        if (reenter) {
            _market.buy(IERC721(address(0)), 0);
        }
        revert("no ETH");
    }
}

/// @dev A buyer contract that cannot hold ERC-721 tokens (no onERC721Received).
contract HooklessBuyer {
    function buy(IRoyaltyMarket market, IERC721 nft, uint256 id) external payable {
        market.buy{value: msg.value}(nft, id);
    }
}

/// @dev A payee (royalty receiver, seller or minter) that burns every unit of gas it is given when paid.
contract GasBurner {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {
        while (true) {}
    }
}

/// @dev A payee that accepts ETH but needs more gas than a push's stipend to book it (it writes two fresh slots
///      and more): pushes to it are credited, and anyone's `flush` pays it with all the gas it needs.
contract GasHungryReceiver {
    uint256 public received;
    mapping(uint256 slot => uint256) internal _scratch;

    receive() external payable {
        for (uint256 i; i < 4; ++i) {
            _scratch[received + i] = msg.value;
        }
        received += msg.value;
    }
}
