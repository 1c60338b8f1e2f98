// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../../src/imo/ImoLaunch.sol";
import {IUniswapV2Pair} from "../../../src/interfaces/uniswap/IUniswapV2Pair.sol";
import {IWETH9} from "../../../src/interfaces/uniswap/IWETH9.sol";
import {IUniswapV2Router02} from "../../uniswap/IUniswapV2Router02.sol";

/// @dev After a listed launch: investors collect their allocations, actors buy and sell on the real pair through
///      the router (slippage limits from the router's quote, deadlines), provide and remove liquidity, claim and
///      burn-redeem; a payer pays revenue; snapshots are taken; anyone harvests, releases vested LP tokens, or
///      donates WETH to the pair. Ghost totals are measured from balance changes.
contract MarketHandler is CommonBase, StdCheats, StdUtils {
    ImoLaunch public immutable launch;
    IRevShareToken public immutable token;
    IUniswapV2Router02 public immutable router;
    IWETH9 public immutable weth;
    IUniswapV2Pair public immutable pair;
    uint256 public immutable modelId;
    address public immutable payer = makeAddr("payer");
    address[] internal _actors;

    uint256 public ghostRevenuePaidIn;
    /// @dev ETH the actors received from the token (claims, burn redemptions, credits withdrawn).
    uint256 public ghostTokenPaidToActors;
    /// @dev ETH the launch received from the token (harvests).
    uint256 public ghostTokenPaidToLaunch;
    uint256 public ghostSwaps;
    uint256 public ghostVolumeEth;
    mapping(bytes4 selector => uint256) public calls;

    constructor(ImoLaunch launch_, uint256 modelId_, IUniswapV2Router02 router_, address[] memory actors_) {
        launch = launch_;
        modelId = modelId_;
        token = launch_.tokenOf(modelId_);
        router = router_;
        weth = launch_.weth();
        pair = IUniswapV2Pair(launch_.poolOf(modelId_).pair);
        _actors = actors_;
        vm.deal(payer, 1_000_000 ether);
    }

    // ------------------------------------------------------------------ trading

    function buy(uint256 actorSeed, uint256 amount, uint256 slippageBps) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1e9, 20 ether);
        uint256 minOut = _quote(amount, address(weth), address(token)) * (10_000 - bound(slippageBps, 0, 500)) / 10_000;
        if (minOut == 0) return;
        vm.prank(actor);
        router.swapExactETHForTokens{value: amount}(minOut, _path(address(weth), address(token)), actor, block.timestamp + 120);
        ghostSwaps += 1;
        ghostVolumeEth += amount;
        ++calls[this.buy.selector];
    }

    function sell(uint256 actorSeed, uint256 fractionBps) external {
        address actor = _actor(actorSeed);
        uint256 amount = token.balanceOf(actor) * bound(fractionBps, 1, 10_000) / 10_000;
        if (amount == 0) return;
        uint256 quoted = _quote(amount, address(token), address(weth));
        if (quoted == 0) return;
        vm.startPrank(actor);
        IERC20(address(token)).approve(address(router), amount);
        router.swapExactTokensForETH(amount, quoted, _path(address(token), address(weth)), actor, block.timestamp + 120);
        vm.stopPrank();
        ghostSwaps += 1;
        ghostVolumeEth += quoted;
        ++calls[this.sell.selector];
    }

    function addLiquidity(uint256 actorSeed, uint256 fractionBps) external {
        address actor = _actor(actorSeed);
        uint256 amount = token.balanceOf(actor) * bound(fractionBps, 1, 5_000) / 10_000;
        (uint256 tokenReserve, uint256 ethReserve) = _reserves();
        uint256 eth = amount * ethReserve / tokenReserve;
        if (amount == 0 || eth == 0 || eth > actor.balance) return;
        vm.startPrank(actor);
        IERC20(address(token)).approve(address(router), amount);
        router.addLiquidityETH{value: eth + eth / 100}(
            address(token), amount, amount * 99 / 100, eth * 99 / 100, actor, block.timestamp + 120
        );
        vm.stopPrank();
        ++calls[this.addLiquidity.selector];
    }

    function removeLiquidity(uint256 actorSeed, uint256 fractionBps) external {
        address actor = _actor(actorSeed);
        uint256 lp = pair.balanceOf(actor) * bound(fractionBps, 1, 10_000) / 10_000;
        if (lp == 0) return;
        vm.startPrank(actor);
        IERC20(address(pair)).approve(address(router), lp);
        router.removeLiquidityETH(address(token), lp, 0, 0, actor, block.timestamp + 120);
        vm.stopPrank();
        ++calls[this.removeLiquidity.selector];
    }

    /// @dev Anyone can give the pair WETH; `sync` makes it part of the reserves.
    function donate(uint256 amount, bool sync) external {
        amount = bound(amount, 1, 1 ether);
        vm.startPrank(payer);
        weth.deposit{value: amount}();
        weth.transfer(address(pair), amount);
        if (sync) pair.sync();
        vm.stopPrank();
        ++calls[this.donate.selector];
    }

    // ------------------------------------------------------------------ revenue

    function collect(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        IImoLaunch.Position memory pos = launch.positionOf(modelId, actor);
        if (pos.deposit == 0 || pos.settled) return;
        uint256 tokenBefore = address(token).balance;
        vm.prank(actor);
        launch.claimAllocation(modelId);
        ghostTokenPaidToLaunch += tokenBefore + _recycledDelta() - address(token).balance;
        ++calls[this.collect.selector];
    }

    function payRevenue(uint256 amount) external {
        amount = bound(amount, 1, 50 ether);
        vm.prank(payer);
        token.depositRevenue{value: amount}();
        ghostRevenuePaidIn += amount;
        ++calls[this.payRevenue.selector];
    }

    function snapshot() external {
        // never back in time: the next snapshot may have been due for a while
        if (block.timestamp < token.nextSnapshotAt()) vm.warp(token.nextSnapshotAt());
        token.snapshot();
        ++calls[this.snapshot.selector];
    }

    /// @dev The first actor from `actorSeed` on that has something to claim claims every open snapshot it can.
    function claim(uint256 actorSeed) external {
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        uint256[] memory ids = new uint256[](window);
        uint256 count;
        address actor;
        for (uint256 k; k < _actors.length && count == 0; ++k) {
            actor = _actor(actorSeed + k);
            for (uint256 id = current > window ? current - window + 1 : 1; id <= current; ++id) {
                if (token.claimableRevenue(actor, id) != 0) ids[count++] = id;
            }
        }
        if (count == 0) return;
        assembly ("memory-safe") {
            mstore(ids, count)
        }
        _tracked(actor);
        vm.prank(actor);
        token.claimBatch(ids);
        _settleTracked(actor);
        ++calls[this.claim.selector];
    }

    function burn(uint256 actorSeed, uint256 fractionBps) external {
        address actor = _actor(actorSeed);
        uint256 amount = token.balanceOf(actor) * bound(fractionBps, 1, 10_000) / 10_000;
        if (amount == 0) return;
        _tracked(actor);
        vm.prank(actor);
        token.burn(amount);
        _settleTracked(actor);
        ++calls[this.burn.selector];
    }

    function harvest() external {
        uint256 tokenBefore = address(token).balance;
        launch.harvest(modelId);
        ghostTokenPaidToLaunch += tokenBefore + _recycledDelta() - address(token).balance;
        ++calls[this.harvest.selector];
    }

    function releaseLiquidity(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, 20 days));
        if (launch.vestedLiquidity(modelId) == launch.poolOf(modelId).lpReleased) return;
        launch.releaseLiquidity(modelId);
        ++calls[this.releaseLiquidity.selector];
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, 1 days));
        ++calls[this.warp.selector];
    }

    // ------------------------------------------------------------------ helpers

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @dev The pair's reserves as (tokens, WETH).
    function _reserves() internal view returns (uint256 tokens, uint256 eth) {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (tokens, eth) = pair.token0() == address(token) ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
    }

    function _quote(uint256 amountIn, address from, address to) internal view returns (uint256) {
        return router.getAmountsOut(amountIn, _path(from, to))[1];
    }

    function _path(address from, address to) internal pure returns (address[] memory path) {
        path = new address[](2);
        (path[0], path[1]) = (from, to);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    // What the token paid an actor during one call: the token's ETH that left, less what the launch recycled
    // into it meanwhile (none: an actor's call never runs the launch).
    uint256 internal _tokenBalanceBefore;
    uint256 internal _recycledBefore;

    function _tracked(address) internal {
        _tokenBalanceBefore = address(token).balance;
    }

    function _settleTracked(address) internal {
        uint256 after_ = address(token).balance;
        if (_tokenBalanceBefore > after_) ghostTokenPaidToActors += _tokenBalanceBefore - after_;
    }

    /// @dev ETH the launch recycled into the token since the last call (it flows back in during a harvest).
    function _recycledDelta() internal returns (uint256 delta) {
        uint256 recycled = launch.revenueBooks(modelId, address(0)).recycled;
        delta = recycled - _recycledBefore;
        _recycledBefore = recycled;
    }
}
