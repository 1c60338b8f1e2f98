// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";
import {ImoLaunch} from "../../../src/imo/ImoLaunch.sol";

/// @dev Actors deposit into two launches (one easy target, one hard), time passes, anyone settles, investors
///      claim or withdraw, the treasury's proceeds are released, dust is swept. Ghost totals record every wei
///      that went in or out, measured from balances, not from return values.
contract RaiseHandler is CommonBase, StdCheats, StdUtils {
    ImoLaunch public immutable launch;
    uint256[] internal _modelIds;
    address[] internal _actors;

    // ghost books, per model id
    mapping(uint256 modelId => uint256) public ghostDeposited;
    mapping(uint256 modelId => uint256) public ghostRefunded;
    mapping(uint256 modelId => uint256) public ghostWithdrawn;
    mapping(uint256 modelId => uint256) public ghostToTreasury;
    mapping(uint256 modelId => uint256) public ghostTokensToInvestors;
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostDepositOf;
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostTimesPaid;
    mapping(bytes4 selector => uint256) public calls;
    uint256 public ghostLeakedOnRepeat;

    constructor(ImoLaunch launch_, uint256[] memory modelIds_, uint256 actorCount) {
        launch = launch_;
        _modelIds = modelIds_;
        for (uint256 i; i < actorCount; ++i) {
            address actor = makeAddr(string(abi.encodePacked("actor", vm.toString(i))));
            _actors.push(actor);
            vm.deal(actor, 10_000 ether);
        }
    }

    // ------------------------------------------------------------------ actions

    function deposit(uint256 actorSeed, uint256 modelSeed, uint256 amount) external {
        uint256 modelId = _model(modelSeed);
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        if (block.timestamp >= l.end) return;
        if (block.timestamp < l.start) vm.warp(l.start);
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, 40 ether);
        vm.prank(actor);
        launch.deposit{value: amount}(modelId);
        ghostDeposited[modelId] += amount;
        ghostDepositOf[modelId][actor] += amount;
        ++calls[this.deposit.selector];
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, 1 days));
        ++calls[this.warp.selector];
    }

    function settle(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        if (block.timestamp < l.end || l.status != IImoLaunch.Status.Raising) return;
        launch.settle(modelId);
        ++calls[this.settle.selector];
    }

    function claim(uint256 actorSeed, uint256 modelSeed, bool onBehalf) external {
        uint256 modelId = _model(modelSeed);
        address actor = _actor(actorSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        IImoLaunch.Position memory pos = launch.positionOf(modelId, actor);
        if (pos.deposit == 0 || pos.settled) return;
        _claim(modelId, actor, onBehalf);
    }

    /// @dev Batch tooling: claims for every actor still unpaid (so dust can be swept mid-run).
    function claimEveryone(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        for (uint256 i; i < _actors.length; ++i) {
            IImoLaunch.Position memory pos = launch.positionOf(modelId, _actors[i]);
            if (pos.deposit == 0 || pos.settled) continue;
            _claim(modelId, _actors[i], true);
        }
    }

    function withdraw(uint256 actorSeed, uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        address actor = _actor(actorSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Failed) return;
        IImoLaunch.Position memory pos = launch.positionOf(modelId, actor);
        if (pos.deposit == 0 || pos.settled) return;
        _withdraw(modelId, actor);
    }

    function releaseProceeds(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        if (launch.releasableProceeds(modelId) == 0) return;
        _release(modelId);
    }

    function sweepDust(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        if (l.status != IImoLaunch.Status.Succeeded || l.dustSwept || l.depositsSettled != l.totalRaised) {
            return;
        }
        _sweep(modelId);
    }

    /// @dev An actor already paid tries every way to be paid again: each must revert and move nothing.
    function tryDoublePay(uint256 actorSeed, uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        address actor = _actor(actorSeed);
        if (!launch.positionOf(modelId, actor).settled) return;
        uint256 before = address(launch).balance;
        vm.prank(actor);
        try launch.claimAllocation(modelId) {
            ++ghostTimesPaid[modelId][actor];
        } catch {}
        try launch.claimFor(modelId, actor) {
            ++ghostTimesPaid[modelId][actor];
        } catch {}
        vm.prank(actor);
        try launch.withdraw(modelId) {
            ++ghostTimesPaid[modelId][actor];
        } catch {}
        ghostLeakedOnRepeat += before - address(launch).balance;
        ++calls[this.tryDoublePay.selector];
    }

    // ------------------------------------------------------------------ finish everything

    /// @dev Drives every launch to its end: settle, everyone claims or withdraws, all proceeds, dust.
    function finishAll() external {
        for (uint256 m; m < _modelIds.length; ++m) {
            uint256 modelId = _modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(modelId);
            if (block.timestamp < l.end) vm.warp(l.end);
            if (l.status == IImoLaunch.Status.Raising) launch.settle(modelId);
            IImoLaunch.Status st = launch.status(modelId);
            for (uint256 i; i < _actors.length; ++i) {
                IImoLaunch.Position memory pos = launch.positionOf(modelId, _actors[i]);
                if (pos.deposit == 0 || pos.settled) continue;
                if (st == IImoLaunch.Status.Succeeded) _claim(modelId, _actors[i], i % 2 == 0);
                else _withdraw(modelId, _actors[i]);
            }
            if (st == IImoLaunch.Status.Succeeded) {
                l = launch.getLaunch(modelId);
                if (block.timestamp < uint256(l.end) + l.vestingDuration) {
                    vm.warp(uint256(l.end) + l.vestingDuration);
                }
                if (launch.releasableProceeds(modelId) != 0) _release(modelId);
                if (!l.dustSwept) _sweep(modelId);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    function _claim(uint256 modelId, address actor, bool onBehalf) internal {
        uint256 ethBefore = actor.balance;
        if (onBehalf) {
            launch.claimFor(modelId, actor);
        } else {
            vm.prank(actor);
            launch.claimAllocation(modelId);
        }
        ghostRefunded[modelId] += actor.balance - ethBefore;
        ghostTokensToInvestors[modelId] = _tokensHeldByActors(modelId);
        ++ghostTimesPaid[modelId][actor];
        ++calls[this.claim.selector];
    }

    function _withdraw(uint256 modelId, address actor) internal {
        uint256 ethBefore = actor.balance;
        vm.prank(actor);
        launch.withdraw(modelId);
        ghostWithdrawn[modelId] += actor.balance - ethBefore;
        ++ghostTimesPaid[modelId][actor];
        ++calls[this.withdraw.selector];
    }

    function _release(uint256 modelId) internal {
        address treasury = launch.getLaunch(modelId).treasury;
        uint256 before = treasury.balance;
        launch.releaseProceeds(modelId);
        ghostToTreasury[modelId] += treasury.balance - before;
        ++calls[this.releaseProceeds.selector];
    }

    function _sweep(uint256 modelId) internal {
        address treasury = launch.getLaunch(modelId).treasury;
        uint256 before = treasury.balance;
        launch.sweepDust(modelId);
        ghostToTreasury[modelId] += treasury.balance - before;
        ++calls[this.sweepDust.selector];
    }

    function _tokensHeldByActors(uint256 modelId) internal view returns (uint256 sum) {
        for (uint256 i; i < _actors.length; ++i) {
            sum += launch.tokenOf(modelId).balanceOf(_actors[i]);
        }
    }

    function _model(uint256 seed) internal view returns (uint256) {
        return _modelIds[seed % _modelIds.length];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function modelIds() external view returns (uint256[] memory) {
        return _modelIds;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }
}
