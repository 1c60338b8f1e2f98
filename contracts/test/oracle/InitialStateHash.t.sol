// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {OpmlOracleHarness} from "./harness/OpmlOracleHarness.sol";

/// @notice The oracle computes a request's initial state hash itself (docs/vm-spec.md: pc 0, acc 0, memory root
///         of input-then-zeros, outputHash = keccak256("")), with n_0 and the memory depth cached per model.
///         These tests check that it equals the reference `ModelVM.initialStateHash` on the vectors and on fuzzed
///         shapes and inputs, rejects exactly the inputs the reference rejects with the same error, and that the
///         per-model cache follows `ModelRegistry.setWeights`.
contract InitialStateHash_Test is Test {
    ModelVMVerifier internal verifier;
    OpmlOracleHarness internal oracle;
    ModelRegistry internal registry;
    string internal tinyJson;
    string internal disputeJson;
    uint256 internal modelId;

    function setUp() public {
        tinyJson = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/vm-vectors.json"));
        disputeJson = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/dispute-2p16.json"));
        verifier = new ModelVMVerifier();
        registry = new ModelRegistry();
        modelId = registry.register(
            vm.parseJsonBytes32(tinyJson, ".weightsRoot"), vm.parseJsonBytes(tinyJson, ".shape"), 0
        );
        IOpmlOracle.Parameters memory p;
        p.submitterBond = 1 gwei;
        p.challengerBond = 1 gwei;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.requestTimeout = 1 days;
        p.treasury = makeAddr("treasury");
        oracle = new OpmlOracleHarness(IModelVM(address(verifier)), registry, address(this), 0, p);
    }

    // ---------------------------------------------------------------- vectors

    function test_initialStateHash_tinyVectors_matchReference() public view {
        bytes memory shape = vm.parseJsonBytes(tinyJson, ".shape");
        uint256 caseCount = vm.parseJsonUint(tinyJson, ".caseCount");
        for (uint256 c; c < caseCount; ++c) {
            string memory key = string.concat(".cases[", vm.toString(c), "]");
            bytes memory input = vm.parseJsonBytes(tinyJson, string.concat(key, ".input"));
            bytes32 expected = vm.parseJsonBytes32(tinyJson, string.concat(key, ".initialStateHash"));
            assertEq(oracle.initialStateHashOf(shape, input), expected);
            assertEq(verifier.initialStateHash(shape, input), expected);
        }
    }

    /// @dev 255 input words: 1,020 bytes, so the last leaf is partly padding.
    function test_initialStateHash_disputeVector_matchesReference() public view {
        bytes memory shape = vm.parseJsonBytes(disputeJson, ".shape");
        bytes memory input = vm.parseJsonBytes(disputeJson, ".input");
        bytes32 expected = vm.parseJsonBytes32(disputeJson, ".initialStateHash");
        assertEq(oracle.initialStateHashOf(shape, input), expected);
        assertEq(verifier.initialStateHash(shape, input), expected);
    }

    function test_requestCallback_storesReferenceInitialState() public {
        bytes memory input = vm.parseJsonBytes(tinyJson, ".cases[1].input");
        uint256 id = oracle.requestCallback(modelId, input, address(0), 0, "");
        assertEq(oracle.getRequest(id).initialStateHash, vm.parseJsonBytes32(tinyJson, ".cases[1].initialStateHash"));
    }

    // ---------------------------------------------------------------- the per-model cache

    function test_requestCallback_setWeights_refreshesLayout() public {
        oracle.requestCallback(modelId, vm.parseJsonBytes(tinyJson, ".cases[0].input"), address(0), 0, "");
        registry.setWeights(
            modelId, vm.parseJsonBytes32(disputeJson, ".weightsRoot"), vm.parseJsonBytes(disputeJson, ".shape")
        );
        // The tiny model's 8-word input no longer fits: n_0 is 255 now.
        bytes memory tinyInput = vm.parseJsonBytes(tinyJson, ".cases[0].input");
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 32, 1020));
        oracle.requestCallback(modelId, tinyInput, address(0), 0, "");
        uint256 id = oracle.requestCallback(modelId, vm.parseJsonBytes(disputeJson, ".input"), address(0), 0, "");
        IOpmlOracle.Request memory r = oracle.getRequest(id);
        assertEq(r.initialStateHash, vm.parseJsonBytes32(disputeJson, ".initialStateHash"));
        assertEq(r.modelVersion, 2);
        // Back to the first pair: its version is found again, and so is its layout.
        registry.setWeights(modelId, vm.parseJsonBytes32(tinyJson, ".weightsRoot"), vm.parseJsonBytes(tinyJson, ".shape"));
        id = oracle.requestCallback(modelId, tinyInput, address(0), 0, "");
        r = oracle.getRequest(id);
        assertEq(r.modelVersion, 1);
        assertEq(r.initialStateHash, vm.parseJsonBytes32(tinyJson, ".cases[0].initialStateHash"));
    }

    function test_requestCallback_badInputLength_revertsWithTheVmsError() public {
        bytes memory input = new bytes(31);
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 31, 32));
        oracle.requestCallback(modelId, input, address(0), 0, "");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev A valid shape of 1..4 layers with widths in 1..maxWidth, derived from `seed`.
    function _shape(uint256 seed, uint256 maxWidth) internal pure returns (bytes memory shape) {
        uint256 layers = 1 + seed % 4;
        shape = abi.encodePacked(uint8(seed >> 8) % 32);
        for (uint256 l; l <= layers; ++l) {
            uint256 w = 1 + uint256(keccak256(abi.encode(seed, l))) % maxWidth;
            shape = bytes.concat(shape, bytes2(uint16(w)));
        }
    }

    function _bytes(uint256 seed, uint256 length) internal pure returns (bytes memory b) {
        b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = bytes1(uint8(uint256(keccak256(abi.encode(seed, i / 32))) >> (8 * (i % 32))));
        }
    }

    function testFuzz_initialStateHash_matchesReference(uint256 seed, uint256 maxWidth) public view {
        maxWidth = bound(maxWidth, 1, 300);
        bytes memory shape = _shape(seed, maxWidth);
        uint256 n0 = (uint256(uint8(shape[1])) << 8) | uint256(uint8(shape[2]));
        bytes memory input = _bytes(seed, 4 * n0);
        assertEq(oracle.initialStateHashOf(shape, input), verifier.initialStateHash(shape, input));
    }

    function testFuzz_initialStateHash_wrongLength_bothRevertAlike(uint256 seed, uint256 length) public view {
        bytes memory shape = _shape(seed, 40);
        uint256 n0 = (uint256(uint8(shape[1])) << 8) | uint256(uint8(shape[2]));
        length = bound(length, 0, 200);
        vm.assume(length != 4 * n0);
        bytes memory input = _bytes(seed, length);
        bytes memory expected = abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, length, 4 * n0);
        try oracle.initialStateHashOf(shape, input) returns (bytes32) {
            revert("oracle accepted");
        } catch (bytes memory err) {
            assertEq(err, expected);
        }
        try verifier.initialStateHash(shape, input) returns (bytes32) {
            revert("reference accepted");
        } catch (bytes memory err) {
            assertEq(err, expected);
        }
    }
}
