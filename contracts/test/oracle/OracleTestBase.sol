// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {OpmlOracle} from "../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {MockModelVM, ToyVM} from "./mocks/MockModelVM.sol";
import {RecordingReceiver} from "./mocks/CallbackReceivers.sol";

/// @notice Shared setup for the oracle suites: a real ModelRegistry, the toy MockModelVM, one model, actors,
///         and helpers that compute honest or faulty traces of the toy VM and play whole games.
abstract contract OracleTestBase is Test {
    uint256 internal constant NO_FAULT = type(uint256).max;
    uint256 internal constant T = 32;
    bytes32 internal constant WEIGHTS = keccak256("weights");
    uint256 internal constant MODEL_FEE = 0.01 ether;
    uint16 internal constant RECEIVER_BPS = 8000;
    uint256 internal constant GAS_PRICE_CAP = 1000 gwei;
    uint64 internal constant CALLBACK_GAS = 500_000;

    OpmlOracle internal oracle;
    IBisectionGame internal game;
    ModelRegistry internal registry;
    MockModelVM internal mockVm;
    RecordingReceiver internal receiverContract;
    uint256 internal modelId;

    address internal governor = makeAddr("governor");
    address internal treasury = makeAddr("treasury");
    address internal modelOwner = makeAddr("modelOwner");
    address internal revenueReceiver = makeAddr("revShareToken");
    address internal user = makeAddr("user");
    address internal submitter = makeAddr("submitter");
    address internal challenger = makeAddr("challenger");
    address internal challenger2 = makeAddr("challenger2");
    address internal anyone = makeAddr("anyone");

    bytes internal input = hex"0102030405060708";
    bytes internal callbackData = abi.encode("mint", uint256(7));

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        mockVm = new MockModelVM();
        registry = new ModelRegistry();
        vm.startPrank(modelOwner);
        modelId = registry.register(WEIGHTS, ToyVM.shape(T), MODEL_FEE);
        registry.setRevenueReceiver(modelId, revenueReceiver, RECEIVER_BPS);
        vm.stopPrank();
        oracle =
            new OpmlOracle(IModelVM(address(mockVm)), registry, governor, GAS_PRICE_CAP, _defaultParams());
        game = oracle.GAME();
        receiverContract = new RecordingReceiver();
        address[6] memory funded = [user, submitter, challenger, challenger2, anyone, governor];
        for (uint256 i; i < funded.length; ++i) {
            vm.deal(funded[i], 1000 ether);
        }
    }

    function _defaultParams() internal view returns (IOpmlOracle.Parameters memory p) {
        p.submitterReward = 0.001 ether;
        p.protocolFee = 0.0005 ether;
        p.callbackGasPrice = 10 gwei;
        p.submitterBond = 0.1 ether;
        p.challengerBond = 0.05 ether;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.slashWinnerBps = 5000;
        p.slashToTreasury = false;
        p.maxCallbackGasLimit = 2_000_000;
        p.requestTimeout = 1 days;
        p.treasury = treasury;
    }

    // ---------------------------------------------------------------- toy VM traces

    /// @dev acc at state i of a trace that follows the honest one until `faultAt`, where it is perturbed.
    function _acc(bytes memory in_, uint256 faultAt, uint256 i) internal pure returns (bytes32 acc) {
        acc = ToyVM.initialChain(ToyVM.shape(T), in_);
        for (uint256 j = 0; j < i; ++j) {
            acc = keccak256(abi.encode(acc, WEIGHTS));
            if (j + 1 == faultAt) acc = keccak256(abi.encode(acc, "fault"));
        }
    }

    function _preimage(bytes memory in_, uint256 faultAt, uint256 i) internal pure returns (bytes memory) {
        return ToyVM.preimage(i, T, _acc(in_, faultAt, i));
    }

    function _stateHash(bytes memory in_, uint256 faultAt, uint256 i) internal pure returns (bytes32) {
        return ToyVM.stateHash(i, T, _acc(in_, faultAt, i));
    }

    function _output(bytes memory in_, uint256 faultAt) internal pure returns (bytes memory) {
        return abi.encodePacked(_acc(in_, faultAt, T));
    }

    // ---------------------------------------------------------------- flows

    function _fee() internal view returns (uint256) {
        return oracle.estimateFee(modelId, CALLBACK_GAS);
    }

    function _request() internal returns (uint256 requestId) {
        uint256 fee = _fee();
        vm.prank(user);
        requestId = oracle.requestCallback{value: fee}(
            modelId, input, address(receiverContract), CALLBACK_GAS, callbackData
        );
    }

    function _submit(uint256 requestId, address who, uint256 faultAt) internal {
        uint256 bond = oracle.parameters().submitterBond;
        vm.prank(who);
        oracle.submit{value: bond}(requestId, _output(input, faultAt), _preimage(input, faultAt, T));
    }

    /// @dev Challenges claim 0 (the submission) with `who`'s trace; returns the game.
    function _challenge(uint256 requestId, address who, uint256 faultAt) internal returns (uint256 gameId) {
        (, gameId) = _challengeClaim(requestId, 0, who, faultAt);
    }

    /// @dev Challenges claim `target` with `who`'s trace (the final state of the trace faulty at `faultAt`).
    function _challengeClaim(uint256 requestId, uint256 target, address who, uint256 faultAt)
        internal
        returns (uint256 claimIndex, uint256 gameId)
    {
        uint256 bond = oracle.parameters().challengerBond;
        bytes memory out = _output(input, faultAt);
        bytes memory fin = _preimage(input, faultAt, T);
        vm.prank(who);
        (claimIndex, gameId) = oracle.challenge{value: bond}(requestId, target, out, fin);
    }

    /// @dev `who` posts a bonded copy of claim `claimIndex`.
    function _vouch(uint256 requestId, uint256 claimIndex, address who) internal returns (uint256 newIndex) {
        uint256 bond = oracle.parameters().challengerBond;
        vm.prank(who);
        newIndex = oracle.vouch{value: bond}(requestId, claimIndex);
    }

    /// @dev `challenge` of claim 0 expected to revert with `err` (arguments computed before `expectRevert`).
    function _challengeReverts(uint256 requestId, address who, uint256 faultAt, bytes memory err) internal {
        _challengeClaimReverts(requestId, 0, who, faultAt, err);
    }

    function _challengeClaimReverts(
        uint256 requestId,
        uint256 target,
        address who,
        uint256 faultAt,
        bytes memory err
    ) internal {
        uint256 bond = oracle.parameters().challengerBond;
        bytes memory out = _output(input, faultAt);
        bytes memory fin = _preimage(input, faultAt, T);
        vm.expectRevert(err);
        vm.prank(who);
        oracle.challenge{value: bond}(requestId, target, out, fin);
    }

    /// @dev Plays every bisection move: the defender posts its trace's hash, the challenger agrees iff its own
    ///      trace has the same hash there. Stops in the step phase.
    function _bisectAll(uint256 gameId, uint256 defenderFault, uint256 challengerFault) internal {
        IBisectionGame.Game memory g = game.gameOf(gameId);
        while (g.phase == IBisectionGame.Phase.DefenderToBisect) {
            uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
            bytes32 h = _stateHash(input, defenderFault, mid);
            vm.prank(g.defender);
            game.bisect(gameId, h);
            vm.prank(g.challenger);
            game.respond(gameId, h == _stateHash(input, challengerFault, mid));
            g = game.gameOf(gameId);
        }
    }

    /// @dev Proof for the step phase: the preimage of the agreed pre-state.
    function _stepProof(uint256 gameId, uint256 faultA, uint256 faultB) internal view returns (bytes memory) {
        IBisectionGame.Game memory g = game.gameOf(gameId);
        bytes memory a = _preimage(input, faultA, g.lo);
        return ToyVM.hashPreimage(a) == g.loHash ? a : _preimage(input, faultB, g.lo);
    }

    function _playToEnd(uint256 gameId, uint256 defenderFault, uint256 challengerFault) internal {
        _bisectAll(gameId, defenderFault, challengerFault);
        bytes memory proof = _stepProof(gameId, defenderFault, challengerFault);
        vm.prank(anyone);
        game.step(gameId, proof);
    }
}
