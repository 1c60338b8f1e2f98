// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";

/// @title Replays the ERC-7641 arithmetic vectors against the real token
/// @notice The vectors (contracts/test/vectors/erc7641-vectors.json) come from an independent BigInt model,
///         contracts/test/vectors/generate-erc7641-vectors.mjs, whose header documents the JSON shape.
///         Every expected number of every case is asserted here.
contract RevShareTokenVectorsTest is Test {
    /// @dev The data of a `RevenueSplit` event.
    struct SplitData {
        uint256 revenue;
        uint256 toClaimable;
        uint256 toRedeemPool;
        uint256 expiredSnapshotId;
        uint256 expiredUnclaimed;
        bool rolledForward;
    }

    uint48 internal constant _SNAPSHOT_INTERVAL = 1 days;
    address internal constant _ETH = address(0);

    RevShareToken internal _token;
    address internal _depositor;

    function setUp() public {
        _depositor = makeAddr("depositor");
    }

    function test_vectors_replayEveryCase() public {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/erc7641-vectors.json"));
        assertEq(_u(json, ".version"), 2, "vector format version");
        uint256 n;
        while (_has(json, _path(".cases", n))) {
            _replayCase(json, _path(".cases", n));
            ++n;
        }
        assertGe(n, 10, "expected at least 10 cases");
    }

    // ================================================================== replay

    function _replayCase(string memory json, string memory c) internal {
        string memory name = _s(json, string.concat(c, ".name"));
        _deploy(json, c);
        uint256 p;
        while (_has(json, _path(string.concat(c, ".periods"), p))) {
            string memory period = _path(string.concat(c, ".periods"), p);
            _runPeriod(json, name, period);
            ++p;
        }
        _checkFinalBooks(json, name, string.concat(c, ".finalBooks"));
    }

    function _deploy(string memory json, string memory c) internal {
        uint256 count;
        while (_has(json, _path(string.concat(c, ".holders"), count))) ++count;
        address[] memory holders = new address[](count);
        uint256[] memory amounts = new uint256[](count);
        uint256 excludedCount;
        for (uint256 i; i < count; ++i) {
            string memory h = _path(string.concat(c, ".holders"), i);
            holders[i] = _label(_s(json, string.concat(h, ".label")));
            amounts[i] = _u(json, string.concat(h, ".balance"));
            if (_b(json, string.concat(h, ".excluded"))) ++excludedCount;
        }
        address[] memory excluded = new address[](excludedCount);
        excludedCount = 0;
        for (uint256 i; i < count; ++i) {
            if (_b(json, string.concat(_path(string.concat(c, ".holders"), i), ".excluded"))) {
                excluded[excludedCount++] = holders[i];
            }
        }
        string memory policy = _s(json, string.concat(c, ".config.unclaimedPolicy"));
        _token = new RevShareToken(
            IRevShareToken.Config({
                name: "Vector Token",
                symbol: "VEC",
                holders: holders,
                amounts: amounts,
                revenueExcluded: excluded,
                claimableBps: uint16(_u(json, string.concat(c, ".config.claimableBps"))),
                snapshotInterval: _SNAPSHOT_INTERVAL,
                claimWindow: uint8(_u(json, string.concat(c, ".config.claimWindow"))),
                unclaimedPolicy: keccak256(bytes(policy)) == keccak256("RollForward")
                    ? IRevShareToken.UnclaimedPolicy.RollForward
                    : IRevShareToken.UnclaimedPolicy.ToRedeemPool,
                revenueTokens: new address[](0)
            })
        );
    }

    function _runPeriod(string memory json, string memory name, string memory period) internal {
        uint256 revenue = _u(json, string.concat(period, ".revenue"));
        if (revenue != 0) {
            vm.deal(_depositor, revenue);
            vm.prank(_depositor);
            _token.depositRevenue{value: revenue}();
        }
        _runActions(json, name, string.concat(period, ".actions"));
        // The due time: from now on, balance changes count for the next snapshot.
        vm.warp(_token.nextSnapshotAt());
        _runActions(json, name, string.concat(period, ".dueActions"));
        vm.recordLogs();
        uint256 id = _token.snapshot();
        _checkSnapshot(json, name, string.concat(period, ".expected"), id, vm.getRecordedLogs());
    }

    function _runActions(string memory json, string memory name, string memory list) internal {
        uint256 a;
        while (_has(json, _path(list, a))) {
            _runAction(json, name, _path(list, a));
            ++a;
        }
    }

    function _runAction(string memory json, string memory name, string memory action) internal {
        bytes32 kind = keccak256(bytes(_s(json, string.concat(action, ".type"))));
        if (kind == keccak256("transfer")) {
            address from = _label(_s(json, string.concat(action, ".from")));
            address to = _label(_s(json, string.concat(action, ".to")));
            vm.prank(from);
            _token.transfer(to, _u(json, string.concat(action, ".amount")));
        } else if (kind == keccak256("burn")) {
            address holder = _label(_s(json, string.concat(action, ".holder")));
            uint256 amount = _u(json, string.concat(action, ".amount"));
            uint256 before = holder.balance;
            uint256 quoted = _token.redeemableOnBurn(amount);
            vm.prank(holder);
            _token.burn(amount);
            uint256 expected = _u(json, string.concat(action, ".expectedRedeemed"));
            assertEq(holder.balance - before, expected, string.concat(name, ": burn redeemed"));
            // The quote ignores who burns: an excluded holder is quoted a share but redeems nothing.
            if (!_token.isRevenueExcluded(holder)) assertEq(quoted, expected, string.concat(name, ": burn quote"));
        } else if (kind == keccak256("claim")) {
            address holder = _label(_s(json, string.concat(action, ".holder")));
            uint256 snapshotId = _u(json, string.concat(action, ".snapshotId"));
            uint256 expected = _u(json, string.concat(action, ".expectedPaid"));
            assertEq(_token.claimableRevenue(holder, snapshotId), expected, string.concat(name, ": claimable before"));
            uint256 before = holder.balance;
            vm.prank(holder);
            _token.claim(snapshotId);
            assertEq(holder.balance - before, expected, string.concat(name, ": claim paid"));
            assertTrue(_token.hasClaimed(holder, snapshotId), string.concat(name, ": hasClaimed"));
        } else {
            revert(string.concat(name, ": unknown action"));
        }
    }

    function _checkSnapshot(string memory json, string memory name, string memory e, uint256 id, Vm.Log[] memory logs) internal view {
        assertEq(id, _u(json, string.concat(e, ".snapshotId")), string.concat(name, ": snapshotId"));
        _checkSplitEvent(json, name, e, id, logs);
        (uint256 pool, uint256 claimedFromPool) = _token.snapshotPool(id, _ETH);
        assertEq(pool, _u(json, string.concat(e, ".pool")), string.concat(name, ": pool"));
        assertEq(claimedFromPool, 0, string.concat(name, ": fresh pool claimed"));
        assertEq(
            _token.eligibleSupply(), _u(json, string.concat(e, ".eligibleSupply")), string.concat(name, ": eligible")
        );
        assertEq(
            _token.eligibleSupplyAt(id),
            _u(json, string.concat(e, ".eligibleSupplyAt")),
            string.concat(name, ": eligibleAt")
        );
        assertEq(_token.totalSupply(), _u(json, string.concat(e, ".totalSupply")), string.concat(name, ": supply"));
        IRevShareToken.Books memory b = _token.books(_ETH);
        assertEq(b.openClaimable, _u(json, string.concat(e, ".openClaimable")), string.concat(name, ": open"));
        assertEq(b.redeemPool, _u(json, string.concat(e, ".redeemPool")), string.concat(name, ": redeemPool"));
        assertEq(b.pending, _u(json, string.concat(e, ".pending")), string.concat(name, ": pending after snapshot"));

        uint256 k;
        while (_has(json, _path(string.concat(e, ".claimable"), k))) {
            string memory entry = _path(string.concat(e, ".claimable"), k);
            address holder = _label(_s(json, string.concat(entry, ".holder")));
            uint256 snapshotId = _u(json, string.concat(entry, ".snapshotId"));
            assertEq(
                _token.claimableRevenue(holder, snapshotId),
                _u(json, string.concat(entry, ".amount")),
                string.concat(name, ": claimableRevenue ", entry)
            );
            ++k;
        }
        k = 0;
        while (_has(json, _path(string.concat(e, ".redeemableOnBurn"), k))) {
            string memory quote = _path(string.concat(e, ".redeemableOnBurn"), k);
            assertEq(
                _token.redeemableOnBurn(_u(json, string.concat(quote, ".amount"))),
                _u(json, string.concat(quote, ".redeemable")),
                string.concat(name, ": redeemableOnBurn ", quote)
            );
            ++k;
        }
    }

    function _checkSplitEvent(string memory json, string memory name, string memory e, uint256 id, Vm.Log[] memory logs) internal view {
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(_token) || log.topics[0] != IRevShareToken.RevenueSplit.selector) continue;
            if (address(uint160(uint256(log.topics[2]))) != _ETH) continue;
            found = true;
            assertEq(uint256(log.topics[1]), id, string.concat(name, ": split id"));
            _checkSplitData(json, name, e, abi.decode(log.data, (SplitData)));
        }
        assertTrue(found, string.concat(name, ": no RevenueSplit event"));
    }

    function _checkSplitData(string memory json, string memory name, string memory e, SplitData memory d)
        internal
        pure
    {
        assertEq(d.revenue, _u(json, string.concat(e, ".revenue")), string.concat(name, ": revenue"));
        assertEq(d.toClaimable, _u(json, string.concat(e, ".toClaimable")), string.concat(name, ": toClaimable"));
        assertEq(d.toRedeemPool, _u(json, string.concat(e, ".toRedeemPool")), string.concat(name, ": toRedeemPool"));
        assertEq(
            d.expiredSnapshotId, _u(json, string.concat(e, ".expiredSnapshotId")), string.concat(name, ": expiredId")
        );
        assertEq(
            d.expiredUnclaimed,
            _u(json, string.concat(e, ".expiredUnclaimed")),
            string.concat(name, ": expiredUnclaimed")
        );
        assertEq(d.rolledForward, _b(json, string.concat(e, ".rolledForward")), string.concat(name, ": rolledForward"));
    }

    function _checkFinalBooks(string memory json, string memory name, string memory f) internal view {
        IRevShareToken.Books memory b = _token.books(_ETH);
        assertEq(b.received, _u(json, string.concat(f, ".received")), string.concat(name, ": received"));
        assertEq(b.pending, _u(json, string.concat(f, ".pending")), string.concat(name, ": pending"));
        assertEq(b.openClaimable, _u(json, string.concat(f, ".openClaimable")), string.concat(name, ": open"));
        assertEq(b.redeemPool, _u(json, string.concat(f, ".redeemPool")), string.concat(name, ": redeemPool"));
        assertEq(b.claimed, _u(json, string.concat(f, ".claimed")), string.concat(name, ": claimed"));
        assertEq(b.redeemed, _u(json, string.concat(f, ".redeemed")), string.concat(name, ": redeemed"));
        assertEq(address(_token).balance, _token.bookedBalance(_ETH), string.concat(name, ": held == booked"));
    }

    // ================================================================== helpers

    // Each cheatcode call copies the whole JSON into fresh memory, which Solidity never frees; with
    // thousands of reads that exhausts the EVM memory limit. Reads that return a word give the memory
    // back by restoring the free-memory pointer (the result is on the stack).

    function _u(string memory json, string memory key) internal pure returns (uint256 value) {
        uint256 free = _freePointer();
        value = vm.parseJsonUint(json, key);
        _restoreFreePointer(free);
    }

    function _b(string memory json, string memory key) internal pure returns (bool value) {
        uint256 free = _freePointer();
        value = vm.parseJsonBool(json, key);
        _restoreFreePointer(free);
    }

    function _has(string memory json, string memory key) internal view returns (bool exists) {
        uint256 free = _freePointer();
        exists = vm.keyExistsJson(json, key);
        _restoreFreePointer(free);
    }

    /// @dev Strings are few (labels, action types); they keep their memory.
    function _s(string memory json, string memory key) internal pure returns (string memory) {
        return vm.parseJsonString(json, key);
    }

    function _freePointer() private pure returns (uint256 free) {
        assembly ("memory-safe") {
            free := mload(0x40)
        }
    }

    function _restoreFreePointer(uint256 free) private pure {
        assembly ("memory-safe") {
            mstore(0x40, free)
        }
    }

    function _path(string memory array, uint256 index) internal pure returns (string memory) {
        return string.concat(array, "[", vm.toString(index), "]");
    }

    /// @dev Same label, same address, in every case (a fresh token per case keeps them independent).
    function _label(string memory label) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked("erc7641-vector-holder:", label)))));
    }
}
