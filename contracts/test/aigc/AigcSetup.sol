// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {AigcNFT} from "../../src/aigc/AigcNFT.sol";
import {RoyaltyMarket} from "../../src/aigc/RoyaltyMarket.sol";
import {IAigcNFT} from "../../src/interfaces/IAigcNFT.sol";
import {OpmlOracle} from "../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../src/interfaces/IBisectionGame.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RevShareToken} from "../../src/token/RevShareToken.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {VmTrace} from "./utils/VmTrace.sol";

/// @notice Shared world for the AIGC suites: the real RevShareToken, ModelRegistry, ModelVMVerifier, OpmlOracle
///         (with its BisectionGame), one small model (4 inputs, 3 hidden, 2 outputs: T = 23 steps), an AigcNFT
///         for it and a RoyaltyMarket; helpers that play submitters, challengers and whole games with honest or
///         wrong traces computed by VmTrace.
abstract contract AigcSetup is Test {
    using VmTrace for VmTrace.Model;

    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint48 internal constant SNAPSHOT_INTERVAL = 1 days;
    uint256 internal constant MODEL_FEE = 0.01 ether;
    uint16 internal constant RECEIVER_BPS = 8000;
    uint256 internal constant MINT_FEE = 0.05 ether;
    uint96 internal constant ROYALTY_BPS = 500;
    uint64 internal constant CALLBACK_GAS = 200_000;
    uint64 internal constant MIN_REVEAL = 1;
    uint64 internal constant MAX_REVEAL = 50;
    uint256 internal constant GAS_PRICE_CAP = 1000 gwei;

    RevShareToken internal token;
    ModelRegistry internal registry;
    ModelVMVerifier internal vmVerifier;
    OpmlOracle internal oracle;
    IBisectionGame internal game;
    AigcNFT internal nft;
    RoyaltyMarket internal market;
    uint256 internal modelId;
    VmTrace.Model internal model;

    address internal alice = makeAddr("alice"); // token holder, 60 %
    address internal bob = makeAddr("bob"); // token holder, 40 %
    address internal governor = makeAddr("governor");
    address internal treasury = makeAddr("treasury");
    address internal modelOwner = makeAddr("modelOwner");
    address internal minter = makeAddr("minter");
    address internal buyer = makeAddr("buyer");
    address internal submitter = makeAddr("submitter");
    address internal challenger = makeAddr("challenger");
    address internal stranger = makeAddr("stranger");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        vm.roll(100);
        token = new RevShareToken(_tokenConfig());
        vmVerifier = new ModelVMVerifier();
        registry = new ModelRegistry();
        uint256[] memory widths = new uint256[](3);
        (widths[0], widths[1], widths[2]) = (4, 3, 2);
        VmTrace.Model memory m = VmTrace.model(4, widths);
        _storeModel(m);
        vm.startPrank(modelOwner);
        modelId = registry.register(m.weightsRoot(), m.shape, MODEL_FEE);
        registry.setRevenueReceiver(modelId, address(token), RECEIVER_BPS);
        vm.stopPrank();
        oracle =
            new OpmlOracle(IModelVM(address(vmVerifier)), registry, governor, GAS_PRICE_CAP, _oracleParams());
        game = oracle.GAME();
        nft = _deployNft(false);
        market = new RoyaltyMarket();
        address[6] memory funded = [minter, buyer, submitter, challenger, stranger, alice];
        for (uint256 i; i < funded.length; ++i) {
            vm.deal(funded[i], 1000 ether);
        }
    }

    function _tokenConfig() internal view returns (IRevShareToken.Config memory c) {
        c.name = "OpenLM";
        c.symbol = "OLM";
        c.holders = new address[](2);
        c.amounts = new uint256[](2);
        (c.holders[0], c.amounts[0]) = (alice, SUPPLY * 60 / 100);
        (c.holders[1], c.amounts[1]) = (bob, SUPPLY * 40 / 100);
        c.claimableBps = 8000;
        c.snapshotInterval = SNAPSHOT_INTERVAL;
        c.claimWindow = 2;
        c.unclaimedPolicy = IRevShareToken.UnclaimedPolicy.RollForward;
    }

    function _oracleParams() internal view returns (IOpmlOracle.Parameters memory p) {
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

    function _nftConfig(bool commitReveal) internal view returns (IAigcNFT.Config memory c) {
        c.name = "OpenLM AIGC";
        c.symbol = "OLMAI";
        c.oracle = oracle;
        c.modelId = modelId;
        c.revenueReceiver = payable(address(token));
        c.mintFee = MINT_FEE;
        c.royaltyBps = ROYALTY_BPS;
        c.callbackGasLimit = CALLBACK_GAS;
        c.commitReveal = commitReveal;
        c.minRevealDelay = MIN_REVEAL;
        c.maxRevealDelay = MAX_REVEAL;
    }

    function _deployNft(bool commitReveal) internal returns (AigcNFT) {
        return new AigcNFT(_nftConfig(commitReveal));
    }

    function _storeModel(VmTrace.Model memory m) internal {
        model.shape = m.shape;
        model.shift = m.shift;
        model.widths = m.widths;
        delete model.weights;
        for (uint256 i; i < m.weights.length; ++i) {
            model.weights.push(m.weights[i]);
        }
        model.traceLength = m.traceLength;
        model.memoryWords = m.memoryWords;
        model.weightDepth = m.weightDepth;
        model.memoryDepth = m.memoryDepth;
    }

    // ---------------------------------------------------------------- prompts and traces

    /// @dev A valid model input (4 packed int32 words) derived from `seed`; distinct seeds give distinct prompts.
    function _prompt(uint256 seed) internal pure returns (bytes memory) {
        return abi.encodePacked(
            int32(int256(seed % 201)) - 100,
            int32(int256((seed / 201) % 201)) - 100,
            int32(int256((seed / 40401) % 201)) - 100,
            int32(uint32(seed / 8120601))
        );
    }

    function _trace(bytes memory prompt) internal view returns (VmTrace.Trace memory) {
        return VmTrace.run(model, prompt);
    }

    function _honestOutput(bytes memory prompt) internal view returns (bytes memory) {
        return VmTrace.output(_trace(prompt));
    }

    function _fakeOutput(bytes memory prompt) internal view returns (bytes memory out) {
        (out,) = VmTrace.fakeFinal(model, _trace(prompt), 1);
    }

    // ---------------------------------------------------------------- flows

    function _mint(AigcNFT target, address who, bytes memory prompt)
        internal
        returns (uint256 tokenId, uint256 requestId)
    {
        uint256 price = target.mintPrice();
        vm.prank(who);
        return target.mint{value: price}(prompt);
    }

    function _mint(address who, bytes memory prompt) internal returns (uint256 tokenId, uint256 requestId) {
        return _mint(nft, who, prompt);
    }

    /// @dev Posts the honest result (or a wrong one) for `prompt`'s request.
    function _submit(uint256 requestId, bytes memory prompt, bool honest) internal {
        VmTrace.Trace memory tr = _trace(prompt);
        uint256 bond = oracle.parameters().submitterBond;
        vm.prank(submitter);
        if (honest) {
            oracle.submit{value: bond}(
                requestId, VmTrace.output(tr), VmTrace.preimage(model, tr, model.traceLength)
            );
        } else {
            (bytes memory out, bytes memory pre) = VmTrace.fakeFinal(model, tr, 1);
            oracle.submit{value: bond}(requestId, out, pre);
        }
    }

    /// @dev Challenges the submitted result (claim 0) with the honest claim (or a wrong one, `delta` away from honest).
    function _challenge(uint256 requestId, bytes memory prompt, bool honest, address who)
        internal
        returns (uint256 gameId)
    {
        VmTrace.Trace memory tr = _trace(prompt);
        uint256 bond = oracle.parameters().challengerBond;
        vm.prank(who);
        if (honest) {
            (, gameId) = oracle.challenge{value: bond}(
                requestId, 0, VmTrace.output(tr), VmTrace.preimage(model, tr, model.traceLength)
            );
        } else {
            (bytes memory out, bytes memory pre) = VmTrace.fakeFinal(model, tr, 2);
            (, gameId) = oracle.challenge{value: bond}(requestId, 0, out, pre);
        }
    }

    /// @dev Plays a game to its end through the real BisectionGame and ModelVM: both parties' traces agree with
    ///      the honest trace everywhere but (for the liar) the final state, so every midpoint is agreed, the
    ///      range closes on the last step, and the one-step proof from the honest pre-state decides.
    function _playGame(uint256 gameId, bytes memory prompt) internal {
        _bisectAll(gameId, prompt);
        _stepGame(gameId, prompt);
    }

    /// @dev Every bisection move, stopping when the range is one step.
    function _bisectAll(uint256 gameId, bytes memory prompt) internal {
        VmTrace.Trace memory tr = _trace(prompt);
        IBisectionGame.Game memory g = game.gameOf(gameId);
        while (g.phase == IBisectionGame.Phase.DefenderToBisect) {
            uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
            bytes32 h = VmTrace.stateHash(model, tr, mid);
            vm.prank(g.defender);
            game.bisect(gameId, h);
            vm.prank(g.challenger);
            game.respond(gameId, true);
            g = game.gameOf(gameId);
        }
    }

    /// @dev The one-step proof from the agreed (honest) pre-state; ends the game.
    function _stepGame(uint256 gameId, bytes memory prompt) internal {
        bytes memory proof = VmTrace.stepProof(model, _trace(prompt), game.gameOf(gameId).lo);
        vm.prank(stranger);
        game.step(gameId, proof);
    }

    function _finalize(uint256 requestId) internal {
        vm.warp(oracle.getRequest(requestId).windowEnd + 1);
        oracle.finalize(requestId);
    }
}
