// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IImoLaunch} from "../../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {ImoLaunch} from "../../../src/imo/ImoLaunch.sol";
import {BlacklistERC20, LaunchInvestor, MintableERC20} from "../../imo/mocks/LaunchActors.sol";

/// @dev Actors deposit into two launches (one easy target, one hard), time passes, anyone settles, investors
///      claim or withdraw, the treasury's proceeds are released, dust is swept. Revenue (ETH, a plain ERC-20
///      and a blacklisting ERC-20) arrives at both tokens at any time, snapshots are taken and harvested.
///      Actors: six EOAs; a late collector that collects only once two snapshots have passed since settlement;
///      an investor contract that refuses ETH and one that burns every unit of gas it is given (their payments
///      are credited and withdrawn to a sink); investors who collect when a snapshot has fallen due and nobody
///      has taken it yet. Ghost totals record every wei that went in or out, measured from balances (and
///      credits), not from return values.
contract RaiseHandler is CommonBase, StdCheats, StdUtils {
    address internal constant ETH = address(0);
    /// @dev Snapshots after settlement before the late collector collects.
    uint256 internal constant LATE_SNAPSHOTS = 2;

    ImoLaunch public immutable launch;
    MintableERC20 public immutable usd;
    BlacklistERC20 public immutable blk;
    address public immutable late;
    address public immutable refuser;
    address public immutable burner;
    address public immutable creditSink;
    address internal immutable _payer;
    uint256[] internal _modelIds;
    address[] internal _actors;
    address[] internal _assets;

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

    // ghost revenue books
    /// @dev Revenue of each asset paid or credited to the investors of a launch (measured).
    mapping(uint256 modelId => mapping(address asset => uint256)) public ghostRevenueToInvestors;
    /// @dev Credits added and withdrawn per asset (measured from `creditOf` and the sink's balance).
    mapping(address asset => uint256) public ghostCredited;
    mapping(address asset => uint256) public ghostCreditWithdrawn;
    /// @dev Per snapshot of a launch's token: its ETH pool and eligible supply, recorded while it is open
    ///      (whoever took it: the handler, or the launch inside a collection).
    mapping(uint256 modelId => mapping(uint256 snapshotId => uint256)) internal _poolAt;
    mapping(uint256 modelId => mapping(uint256 snapshotId => uint256)) internal _eligibleAt;
    mapping(uint256 modelId => uint256) internal _recordedThrough;
    /// @dev Whether the launch claimed the snapshot (seen while it was open).
    mapping(uint256 modelId => mapping(uint256 snapshotId => bool)) public ghostHarvested;
    /// @dev What an investor received in ETH revenue with its allocation, and what a holder of its tokens since
    ///      settlement would have claimed from the same (harvested) snapshots; how many snapshots that was.
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostRevenueEthOf;
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostShadowEthOf;
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostShadowSnapshotsOf;
    mapping(uint256 modelId => mapping(address actor => bool)) public ghostCollected;
    /// @dev Collections made after a snapshot fell due and before anyone took it (the launch takes it first).
    uint256 public ghostCollectionsAtDueTime;
    /// @dev For an investor that collected at a due time: the id of the snapshot that was due, and the last
    ///      snapshot its holder's shadow counted (which must include the due one).
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostDueSnapshotOf;
    mapping(uint256 modelId => mapping(address actor => uint256)) public ghostShadowThroughOf;
    /// @dev Largest gas a `claimFor` of the gas-burning investor cost its caller.
    uint256 public ghostMaxBurnerClaimGas;
    /// @dev Collections that brought ETH revenue (all investors; the late collector alone), to see a run's reach.
    uint256 public ghostCollectionsWithRevenue;
    uint256 public ghostLateCollectionsWithRevenue;

    constructor(
        ImoLaunch launch_,
        uint256[] memory modelIds_,
        uint256 actorCount,
        MintableERC20 usd_,
        BlacklistERC20 blk_
    ) {
        launch = launch_;
        usd = usd_;
        blk = blk_;
        _modelIds = modelIds_;
        _assets.push(ETH);
        _assets.push(address(usd_));
        _assets.push(address(blk_));
        for (uint256 i; i < actorCount; ++i) {
            address actor = makeAddr(string(abi.encodePacked("actor", vm.toString(i))));
            _actors.push(actor);
            vm.deal(actor, 10_000 ether);
        }
        late = makeAddr("lateCollector");
        vm.deal(late, 10_000 ether);
        _actors.push(late);
        refuser = address(new LaunchInvestor(launch_, LaunchInvestor.Mode.Refuse));
        burner = address(new LaunchInvestor(launch_, LaunchInvestor.Mode.BurnGas));
        vm.deal(refuser, 10_000 ether);
        vm.deal(burner, 10_000 ether);
        _actors.push(refuser);
        _actors.push(burner);
        creditSink = makeAddr("creditSink");
        _payer = makeAddr("revenuePayer");
        vm.deal(_payer, 1_000_000 ether);
    }

    // ------------------------------------------------------------------ raise actions

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

    /// @dev Time moves to the window's end if needed, and anyone settles.
    function settle(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        IImoLaunch.Launch memory l = launch.getLaunch(modelId);
        if (l.status != IImoLaunch.Status.Raising) return;
        if (block.timestamp < l.end) vm.warp(l.end);
        launch.settle(modelId);
        _seeHarvests(modelId);
        ++calls[this.settle.selector];
    }

    /// @dev Any investor but the late collector, which waits (see `collectLate`).
    function claim(uint256 actorSeed, uint256 modelSeed, bool onBehalf) external {
        uint256 modelId = _model(modelSeed);
        address actor = _actor(actorSeed);
        if (actor == late) return;
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        IImoLaunch.Position memory pos = launch.positionOf(modelId, actor);
        if (pos.deposit == 0 || pos.settled) return;
        _claim(modelId, actor, onBehalf);
    }

    /// @dev The late collector collects only once `LATE_SNAPSHOTS` snapshots have passed since settlement.
    function collectLate(uint256 modelSeed, bool onBehalf) external {
        uint256 modelId = _model(modelSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        IImoLaunch.Position memory pos = launch.positionOf(modelId, late);
        if (pos.deposit == 0 || pos.settled) return;
        uint256 settledAt = launch.harvestCursor(modelId).settledAtSnapshot;
        if (launch.tokenOf(modelId).currentSnapshotId() < settledAt + LATE_SNAPSHOTS) return;
        _claim(modelId, late, onBehalf);
        ++calls[this.collectLate.selector];
    }

    /// @dev An investor collects once the token's next snapshot has fallen due, before anyone took it: its
    ///      tokens still count for the launch in that snapshot, and it must be paid its share of it.
    function collectAtDueTime(uint256 actorSeed, uint256 modelSeed, bool onBehalf) external {
        uint256 modelId = _model(modelSeed);
        address actor = _actor(actorSeed);
        if (actor == late) return;
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        IImoLaunch.Position memory pos = launch.positionOf(modelId, actor);
        if (pos.deposit == 0 || pos.settled) return;
        IRevShareToken token = launch.tokenOf(modelId);
        if (block.timestamp < token.nextSnapshotAt()) vm.warp(token.nextSnapshotAt());
        ghostDueSnapshotOf[modelId][actor] = token.currentSnapshotId() + 1;
        _claim(modelId, actor, onBehalf);
        ++ghostCollectionsAtDueTime;
        ++calls[this.collectAtDueTime.selector];
    }

    /// @dev Batch tooling: claims for every actor still unpaid but the late collector (so dust can be swept
    ///      mid-run once it collected).
    function claimEveryone(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        if (launch.status(modelId) != IImoLaunch.Status.Succeeded) return;
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == late) continue;
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

    // ------------------------------------------------------------------ revenue actions

    /// @dev Revenue arrives at a launch's token in ETH, the plain ERC-20 or the blacklisting one.
    function payRevenue(uint256 modelSeed, uint256 assetSeed, uint256 amount) external {
        IRevShareToken token = launch.tokenOf(_model(modelSeed));
        address asset = _assets[assetSeed % _assets.length];
        amount = bound(amount, 1, 20 ether);
        if (asset == ETH) {
            vm.prank(_payer);
            token.depositRevenue{value: amount}();
        } else {
            if (blk.blocked(_payer) || blk.blocked(address(token))) return;
            MintableERC20(asset).mint(_payer, amount);
            vm.startPrank(_payer);
            IERC20(asset).approve(address(token), amount);
            token.depositRevenueERC20(asset, amount);
            vm.stopPrank();
        }
        ++calls[this.payRevenue.selector];
    }

    /// @dev Time moves to the token's next snapshot (at most a day away) and anyone takes it; a diligent keeper
    ///      may harvest at once.
    function snapshot(uint256 modelSeed, bool harvestNow) external {
        uint256 modelId = _model(modelSeed);
        IRevShareToken token = launch.tokenOf(modelId);
        if (block.timestamp < token.nextSnapshotAt()) vm.warp(token.nextSnapshotAt());
        token.snapshot();
        _recordSnapshots(modelId);
        if (harvestNow) launch.harvest(modelId);
        _seeHarvests(modelId);
        ++calls[this.snapshot.selector];
    }

    function harvest(uint256 modelSeed) external {
        uint256 modelId = _model(modelSeed);
        launch.harvest(modelId);
        _seeHarvests(modelId);
        ++calls[this.harvest.selector];
    }

    /// @dev The blacklisting token blocks or unblocks the launch or an actor.
    function toggleBlacklist(uint256 who) external {
        address account = who % 3 == 0 ? address(launch) : _actor(who);
        blk.setBlocked(account, !blk.blocked(account));
        ++calls[this.toggleBlacklist.selector];
    }

    /// @dev An actor withdraws its credit in some asset to the sink (harvesting both launches first when the
    ///      launch has not yet pulled what the tokens owe it of that asset, as a user would).
    function withdrawCredit(uint256 actorSeed, uint256 assetSeed) external {
        address actor = _actor(actorSeed);
        address asset = _assets[assetSeed % _assets.length];
        if (launch.creditOf(actor, asset) == 0) return;
        if (asset == address(blk) && (blk.blocked(address(launch)) || blk.blocked(creditSink))) return;
        if (asset != ETH && IERC20(asset).balanceOf(address(launch)) < launch.creditOf(actor, asset)) {
            for (uint256 m; m < _modelIds.length; ++m) {
                launch.harvest(_modelIds[m]);
                _seeHarvests(_modelIds[m]);
            }
        }
        _withdrawCredit(actor, asset);
    }

    // ------------------------------------------------------------------ finish everything

    /// @dev Drives every launch to its end: settle, everyone claims or withdraws (the late collector after its
    ///      snapshots), all proceeds, dust, every credit withdrawn; the blacklist is lifted first.
    function finishAll() external {
        blk.setBlocked(address(launch), false);
        for (uint256 i; i < _actors.length; ++i) {
            blk.setBlocked(_actors[i], false);
        }
        for (uint256 m; m < _modelIds.length; ++m) {
            uint256 modelId = _modelIds[m];
            IImoLaunch.Launch memory l = launch.getLaunch(modelId);
            if (block.timestamp < l.end) vm.warp(l.end);
            if (l.status == IImoLaunch.Status.Raising) launch.settle(modelId);
            _seeHarvests(modelId);
            IImoLaunch.Status st = launch.status(modelId);
            for (uint256 i; i < _actors.length; ++i) {
                IImoLaunch.Position memory pos = launch.positionOf(modelId, _actors[i]);
                if (pos.deposit == 0 || pos.settled || _actors[i] == late) continue;
                if (st == IImoLaunch.Status.Succeeded) _claim(modelId, _actors[i], i % 2 == 0);
                else _withdraw(modelId, _actors[i]);
            }
            IImoLaunch.Position memory latePos = launch.positionOf(modelId, late);
            if (latePos.deposit != 0 && !latePos.settled) {
                if (st == IImoLaunch.Status.Succeeded) {
                    // the late collector waits for two more snapshots with revenue, harvested by a keeper
                    IRevShareToken token = launch.tokenOf(modelId);
                    for (uint256 k; k < LATE_SNAPSHOTS; ++k) {
                        vm.prank(_payer);
                        token.depositRevenue{value: 1 ether + k}();
                        if (block.timestamp < token.nextSnapshotAt()) vm.warp(token.nextSnapshotAt());
                        token.snapshot();
                        _recordSnapshots(modelId);
                        launch.harvest(modelId);
                        _seeHarvests(modelId);
                    }
                    _claim(modelId, late, false);
                } else {
                    _withdraw(modelId, late);
                }
            }
            if (st == IImoLaunch.Status.Succeeded) {
                l = launch.getLaunch(modelId);
                if (block.timestamp < uint256(l.end) + l.vestingDuration) {
                    vm.warp(uint256(l.end) + l.vestingDuration);
                }
                if (launch.releasableProceeds(modelId) != 0) _release(modelId);
                if (!l.dustSwept) _sweep(modelId);
            }
            // pulls what the token owes the launch and retries any recycling the blacklist refused
            launch.harvest(modelId);
        }
        for (uint256 i; i < _actors.length; ++i) {
            for (uint256 a; a < _assets.length; ++a) {
                if (launch.creditOf(_actors[i], _assets[a]) != 0) _withdrawCredit(_actors[i], _assets[a]);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    function _claim(uint256 modelId, address actor, bool onBehalf) internal {
        IRevShareToken token = launch.tokenOf(modelId);
        if (actor == burner) {
            // A keeper's chores first (the due snapshot, the harvest), which any collection would otherwise do:
            // the gas measured below is then what paying this payee costs the caller.
            if (block.timestamp >= token.nextSnapshotAt()) token.snapshot();
            _recordSnapshots(modelId);
            launch.harvest(modelId);
            _seeHarvests(modelId);
        }
        (, uint256 refund,) = launch.previewAllocation(modelId, actor);
        uint256[] memory before = _holdings(actor);
        uint256[] memory creditsBefore = _creditsOf(actor);
        uint256 tokensBefore = token.balanceOf(actor);
        uint256 gasBefore = gasleft();
        if (onBehalf) {
            launch.claimFor(modelId, actor);
        } else {
            vm.prank(actor);
            launch.claimAllocation(modelId);
        }
        if (actor == burner) {
            uint256 used = gasBefore - gasleft();
            if (used > ghostMaxBurnerClaimGas) ghostMaxBurnerClaimGas = used;
        }
        _recordSnapshots(modelId);
        _seeHarvests(modelId);
        uint256[] memory gained = _gains(actor, before, creditsBefore);
        ghostRefunded[modelId] += refund;
        uint256 revenueEth = gained[0] - refund;
        ghostRevenueToInvestors[modelId][ETH] += revenueEth;
        for (uint256 a = 1; a < _assets.length; ++a) {
            ghostRevenueToInvestors[modelId][_assets[a]] += gained[a];
        }
        _recordShadow(modelId, actor, token.balanceOf(actor) - tokensBefore, revenueEth);
        ghostTokensToInvestors[modelId] = _tokensHeldByActors(modelId);
        ++ghostTimesPaid[modelId][actor];
        ++calls[this.claim.selector];
    }

    /// @dev What a holder of `tokens` since settlement would have claimed in ETH, floor(pool * tokens /
    ///      eligibleSupply) per snapshot, from every snapshot since settlement that was harvested or is still
    ///      open (a collection must harvest those first, and take first the one that is due: it counts the
    ///      tokens still at the launch then; a token that cannot pay the launch an asset credits it, so it
    ///      excuses nothing). Snapshots that closed unharvested lapsed for every holder alike.
    function _recordShadow(uint256 modelId, address actor, uint256 tokens, uint256 revenueEth) internal {
        IRevShareToken token = launch.tokenOf(modelId);
        uint256 current = token.currentSnapshotId();
        // snapshots at or after this one are still open
        uint256 firstOpen = current + 1 - (current < token.claimWindow() ? current : token.claimWindow());
        uint256 shadow;
        uint256 counted;
        for (uint256 id = launch.harvestCursor(modelId).settledAtSnapshot + 1; id <= current; ++id) {
            if (!ghostHarvested[modelId][id] && id < firstOpen) continue;
            shadow += _poolAt[modelId][id] * tokens / _eligibleAt[modelId][id];
            ++counted;
        }
        if (revenueEth != 0) ++ghostCollectionsWithRevenue;
        if (actor == late && revenueEth != 0) ++ghostLateCollectionsWithRevenue;
        ghostRevenueEthOf[modelId][actor] = revenueEth;
        ghostShadowEthOf[modelId][actor] = shadow;
        ghostShadowSnapshotsOf[modelId][actor] = counted;
        ghostShadowThroughOf[modelId][actor] = current;
        ghostCollected[modelId][actor] = true;
    }

    /// @dev Records the ETH pool and eligible supply of every snapshot taken since the last call, while open.
    function _recordSnapshots(uint256 modelId) internal {
        IRevShareToken token = launch.tokenOf(modelId);
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        uint256 first = _recordedThrough[modelId] + 1;
        if (first + window <= current) first = current - window + 1;
        for (uint256 id = first; id <= current; ++id) {
            (_poolAt[modelId][id],) = token.snapshotPool(id, ETH);
            _eligibleAt[modelId][id] = token.eligibleSupplyAt(id);
        }
        _recordedThrough[modelId] = current;
    }

    /// @dev Marks the open snapshots the launch has claimed (the claim bitmap is read while they are open).
    function _seeHarvests(uint256 modelId) internal {
        IRevShareToken token = launch.tokenOf(modelId);
        uint256 current = token.currentSnapshotId();
        uint256 window = token.claimWindow();
        for (uint256 id = current >= window ? current - window + 1 : 1; id <= current; ++id) {
            if (token.hasClaimed(address(launch), id)) ghostHarvested[modelId][id] = true;
        }
    }

    function _withdraw(uint256 modelId, address actor) internal {
        uint256[] memory before = _holdings(actor);
        uint256[] memory creditsBefore = _creditsOf(actor);
        vm.prank(actor);
        launch.withdraw(modelId);
        ghostWithdrawn[modelId] += _gains(actor, before, creditsBefore)[0];
        ++ghostTimesPaid[modelId][actor];
        ++calls[this.withdraw.selector];
    }

    function _withdrawCredit(address actor, address asset) internal {
        uint256 before = asset == ETH ? creditSink.balance : IERC20(asset).balanceOf(creditSink);
        uint256 creditBefore = launch.creditOf(actor, asset);
        vm.prank(actor);
        launch.withdrawCredit(asset, creditSink);
        uint256 received = (asset == ETH ? creditSink.balance : IERC20(asset).balanceOf(creditSink)) - before;
        ghostCreditWithdrawn[asset] += received;
        require(creditBefore == received, "credit withdrawn in full");
        ++calls[this.withdrawCredit.selector];
    }

    /// @dev What `actor` holds of each asset, credits at the launch included.
    function _holdings(address actor) internal view returns (uint256[] memory held) {
        held = new uint256[](_assets.length);
        held[0] = actor.balance + launch.creditOf(actor, ETH);
        for (uint256 a = 1; a < _assets.length; ++a) {
            held[a] = IERC20(_assets[a]).balanceOf(actor) + launch.creditOf(actor, _assets[a]);
        }
    }

    function _creditsOf(address actor) internal view returns (uint256[] memory credits) {
        credits = new uint256[](_assets.length);
        for (uint256 a; a < _assets.length; ++a) {
            credits[a] = launch.creditOf(actor, _assets[a]);
        }
    }

    /// @dev Gains since `before` (holdings) per asset; the part of them that is a new credit is added to the
    ///      credited ghosts.
    function _gains(address actor, uint256[] memory before, uint256[] memory creditsBefore)
        internal
        returns (uint256[] memory gained)
    {
        uint256[] memory after_ = _holdings(actor);
        uint256[] memory credits = _creditsOf(actor);
        gained = new uint256[](_assets.length);
        for (uint256 a; a < _assets.length; ++a) {
            gained[a] = after_[a] - before[a];
            ghostCredited[_assets[a]] += credits[a] - creditsBefore[a];
        }
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
        _seeHarvests(modelId);
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

    function assets() external view returns (address[] memory) {
        return _assets;
    }
}
