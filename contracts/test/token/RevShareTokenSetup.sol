// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";

/// @dev A plain ERC-20 used as an alternative revenue asset in tests.
contract MockRevenueToken is ERC20 {
    constructor() ERC20("Mock USD", "mUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @dev Shared setup for the RevShareToken suites: four holders, a revenue-excluded sale contract,
///      80 % claimable, 90-day snapshots, a claim window of two snapshots rolled forward (OpenLM's rules).
contract RevShareTokenSetup is Test {
    uint256 internal constant SUPPLY = 1_000_000_000 ether;
    uint48 internal constant INTERVAL = 90 days;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");
    address internal sale = makeAddr("sale");
    address internal payer = makeAddr("payer");

    RevShareToken internal token;
    MockRevenueToken internal usd;

    function setUp() public virtual {
        usd = new MockRevenueToken();
        token = new RevShareToken(defaultConfig());
        vm.deal(payer, 1_000_000 ether);
        usd.mint(payer, 1_000_000 ether);
        vm.prank(payer);
        usd.approve(address(token), type(uint256).max);
    }

    function defaultConfig() internal view returns (IRevShareToken.Config memory config) {
        config.name = "OpenLM";
        config.symbol = "OLM";
        config.holders = new address[](5);
        config.amounts = new uint256[](5);
        (config.holders[0], config.amounts[0]) = (alice, SUPPLY * 40 / 100);
        (config.holders[1], config.amounts[1]) = (bob, SUPPLY * 30 / 100);
        (config.holders[2], config.amounts[2]) = (carol, SUPPLY * 20 / 100);
        (config.holders[3], config.amounts[3]) = (dave, SUPPLY * 5 / 100);
        (config.holders[4], config.amounts[4]) = (sale, SUPPLY * 5 / 100);
        config.revenueExcluded = new address[](1);
        config.revenueExcluded[0] = sale;
        config.claimableBps = 8000;
        config.snapshotInterval = INTERVAL;
        config.claimWindow = 2;
        config.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.RollForward;
        config.revenueTokens = new address[](1);
        config.revenueTokens[0] = address(usd);
    }

    function deposit(uint256 amount) internal {
        vm.prank(payer);
        token.depositRevenue{value: amount}();
    }

    function depositUsd(uint256 amount) internal {
        vm.prank(payer);
        token.depositRevenueERC20(address(usd), amount);
    }

    function nextSnapshot() internal returns (uint256) {
        vm.warp(token.nextSnapshotAt());
        return token.snapshot();
    }
}
