// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RevShareTokenSetup} from "../token/RevShareTokenSetup.sol";
import {OpmlOracle} from "../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {RecordingReceiver} from "./mocks/CallbackReceivers.sol";

/// @notice End to end: the model's revenue receiver is a real RevShareToken (the OpenLM config of
///         RevShareTokenSetup: 40/30/20/5 % holders plus a revenue-excluded sale holding 5 %, 80 % claimable).
///         Requests on the real ModelVM (`tiny` vectors) pay fees; one is answered and finalized; `flush(token)`
///         pushes the receiver's credit; the token books it as ETH revenue; after `snapshot()` each holder's
///         `claimableRevenue` is its pro-rata share of the claimable part of the flushed model fees.
contract OracleRevShareE2E_Test is RevShareTokenSetup {
    uint256 internal constant MODEL_FEE = 0.01 ether;
    uint16 internal constant RECEIVER_BPS = 8000;
    uint64 internal constant CALLBACK_GAS = 200_000;
    uint256 internal constant REQUESTS = 3;

    OpmlOracle internal oracle;
    ModelRegistry internal registry;
    RecordingReceiver internal callback;
    uint256 internal modelId;
    string internal json;

    address internal modelOwner = makeAddr("modelOwner");
    address internal user = makeAddr("user");
    address internal submitter = makeAddr("submitter");

    function setUp() public override {
        super.setUp();
        json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/vm-vectors.json"));
        registry = new ModelRegistry();
        vm.startPrank(modelOwner);
        modelId = registry.register(
            vm.parseJsonBytes32(json, ".weightsRoot"), vm.parseJsonBytes(json, ".shape"), MODEL_FEE
        );
        registry.setRevenueReceiver(modelId, address(token), RECEIVER_BPS);
        vm.stopPrank();
        IOpmlOracle.Parameters memory p;
        p.submitterReward = 0.001 ether;
        p.protocolFee = 0.0005 ether;
        p.callbackGasPrice = 1 gwei;
        p.submitterBond = 0.1 ether;
        p.challengerBond = 0.1 ether;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.slashWinnerBps = 5000;
        p.maxCallbackGasLimit = 1_000_000;
        p.requestTimeout = 1 days;
        p.treasury = makeAddr("treasury");
        oracle = new OpmlOracle(IModelVM(address(new ModelVMVerifier())), registry, address(this), 100 gwei, p);
        callback = new RecordingReceiver();
        vm.deal(user, 100 ether);
        vm.deal(submitter, 100 ether);
    }

    function test_e2e_modelFeesFlushedToRevShareToken_claimableProRata() public {
        bytes memory input = vm.parseJsonBytes(json, ".cases[0].input");
        uint256 fee = oracle.estimateFee(modelId, CALLBACK_GAS);
        uint256 firstId;
        for (uint256 i; i < REQUESTS; ++i) {
            vm.prank(user);
            uint256 id = oracle.requestCallback{value: fee}(modelId, input, address(callback), CALLBACK_GAS, "");
            if (i == 0) firstId = id;
        }

        // The real VM's final state for the vector's input is accepted, and the callback gets the output.
        bytes memory output = vm.parseJsonBytes(json, ".cases[0].output");
        vm.prank(submitter);
        oracle.submit{value: 0.1 ether}(firstId, output, vm.parseJsonBytes(json, ".cases[0].finalStatePreimage"));
        assertEq(callback.lastOutput(), output);
        vm.warp(block.timestamp + 1 hours + 1);
        oracle.finalize(firstId);
        assertTrue(oracle.isFinalized(firstId));

        // The receiver's share of every request's model fee was credited to the token, not yet sent.
        uint256 flushed = REQUESTS * (MODEL_FEE * RECEIVER_BPS / 10_000);
        assertEq(oracle.creditOf(address(token)), flushed);
        assertEq(oracle.creditOf(modelOwner), REQUESTS * MODEL_FEE - flushed);
        assertEq(token.books(address(0)).received, 0);

        // flush pushes it as plain ETH; the token books it as revenue.
        vm.expectEmit(address(token));
        emit IRevShareToken.RevenueReceived(address(0), address(oracle), flushed);
        assertEq(oracle.flush(address(token)), flushed);
        assertEq(oracle.creditOf(address(token)), 0);
        IRevShareToken.Books memory b = token.books(address(0));
        assertEq(b.received, flushed);
        assertEq(b.pending, flushed);
        assertEq(address(token).balance, flushed);

        // After the snapshot each eligible holder can claim its pro-rata share of the claimable part.
        uint256 snapshotId = nextSnapshot();
        uint256 pool = flushed * token.claimableBps() / 10_000;
        uint256 eligible = token.eligibleSupplyAt(snapshotId);
        assertEq(eligible, SUPPLY * 95 / 100); // the sale contract is revenue-excluded
        address[4] memory holders = [alice, bob, carol, dave];
        uint256 sum;
        for (uint256 i; i < holders.length; ++i) {
            uint256 expected = pool * token.balanceOf(holders[i]) / eligible;
            assertEq(token.claimableRevenue(holders[i], snapshotId), expected);
            sum += expected;
        }
        assertEq(token.claimableRevenue(sale, snapshotId), 0);
        assertLe(sum, pool);
        assertEq(token.claimableRevenue(alice, snapshotId), pool * 40 / 95);

        // And a claim pays it.
        uint256 before = alice.balance;
        vm.prank(alice);
        token.claim(snapshotId);
        assertEq(alice.balance - before, pool * 40 / 95);
    }
}
