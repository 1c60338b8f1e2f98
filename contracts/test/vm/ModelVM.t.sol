// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test, console2} from "forge-std/Test.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";

/// @dev Shared setup: the verifier and the vectors written by sim/vm/writeVectors.ts for the tiny model.
contract ModelVMTestBase is Test {
    ModelVMVerifier internal verifier;
    string internal json;
    bytes internal shape;
    bytes32 internal weightsRoot;
    uint256 internal traceLen;
    uint256 internal caseCount;
    uint256 internal stepCount;

    function setUp() public virtual {
        verifier = new ModelVMVerifier();
        json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/vm-vectors.json"));
        shape = vm.parseJsonBytes(json, ".shape");
        weightsRoot = vm.parseJsonBytes32(json, ".weightsRoot");
        traceLen = vm.parseJsonUint(json, ".traceLength");
        caseCount = vm.parseJsonUint(json, ".caseCount");
        stepCount = vm.parseJsonUint(json, ".stepCount");
    }

    function _case(uint256 c, string memory field) internal pure returns (string memory) {
        return string.concat(".cases[", vm.toString(c), "].", field);
    }

    function _step(uint256 c, uint256 s, string memory field) internal pure returns (string memory) {
        return string.concat(".cases[", vm.toString(c), "].steps[", vm.toString(s), "].", field);
    }

    /// @dev A valid step of case 0: (pre-state hash, proof, post-state hash, pc).
    function _validStep(uint256 s) internal view returns (bytes32 pre, bytes memory proof, bytes32 post, uint256 pc) {
        pre = vm.parseJsonBytes32(json, _step(0, s, "preStateHash"));
        proof = vm.parseJsonBytes(json, _step(0, s, "proof"));
        post = vm.parseJsonBytes32(json, _step(0, s, "postStateHash"));
        pc = vm.parseJsonUint(json, _step(0, s, "pc"));
    }
}

contract ModelVM_Vectors_Test is ModelVMTestBase {
    function test_traceLength_matchesVectors() public view {
        assertEq(verifier.traceLength(shape), traceLen);
        assertEq(traceLen, 1032);
    }

    function test_initialStateHash_matchesVectors() public view {
        for (uint256 c; c < caseCount; ++c) {
            bytes memory input = vm.parseJsonBytes(json, _case(c, "input"));
            assertEq(verifier.initialStateHash(shape, input), vm.parseJsonBytes32(json, _case(c, "initialStateHash")));
            uint256[] memory steps = vm.parseJsonUintArray(json, _case(c, "commitmentSteps"));
            bytes32[] memory commitments = vm.parseJsonBytes32Array(json, _case(c, "commitments"));
            assertEq(steps[0], 0);
            assertEq(commitments[0], verifier.initialStateHash(shape, input));
        }
    }

    function test_step_matchesVectors() public view {
        for (uint256 c; c < caseCount; ++c) {
            for (uint256 s; s < stepCount; ++s) {
                bytes32 pre = vm.parseJsonBytes32(json, _step(c, s, "preStateHash"));
                bytes memory proof = vm.parseJsonBytes(json, _step(c, s, "proof"));
                bytes32 post = vm.parseJsonBytes32(json, _step(c, s, "postStateHash"));
                assertEq(verifier.step(weightsRoot, shape, pre, proof), post, vm.parseJsonString(json, _step(c, s, "kind")));
            }
        }
    }

    function test_step_firstAndLastChainToCommitments() public view {
        for (uint256 c; c < caseCount; ++c) {
            bytes32[] memory commitments = vm.parseJsonBytes32Array(json, _case(c, "commitments"));
            // steps[0] is step 0 (commitments[0] -> [1]); the last step is T-1 (commitments[len-2] -> [len-1]).
            assertEq(vm.parseJsonBytes32(json, _step(c, 0, "preStateHash")), commitments[0]);
            assertEq(vm.parseJsonBytes32(json, _step(c, 0, "postStateHash")), commitments[1]);
            uint256 last = stepCount - 1;
            assertEq(vm.parseJsonBytes32(json, _step(c, last, "preStateHash")), commitments[commitments.length - 2]);
            assertEq(vm.parseJsonBytes32(json, _step(c, last, "postStateHash")), commitments[commitments.length - 1]);
            assertEq(commitments[commitments.length - 1], vm.parseJsonBytes32(json, _case(c, "finalStateHash")));
        }
    }

    function test_decodeFinalState_matchesVectors() public view {
        for (uint256 c; c < caseCount; ++c) {
            bytes memory preimage = vm.parseJsonBytes(json, _case(c, "finalStatePreimage"));
            bytes memory output = vm.parseJsonBytes(json, _case(c, "output"));
            (bytes32 stateHash, uint256 pc, bytes32 outputHash) = verifier.decodeFinalState(shape, preimage);
            assertEq(stateHash, vm.parseJsonBytes32(json, _case(c, "finalStateHash")));
            assertEq(pc, traceLen);
            assertEq(outputHash, keccak256(output));
            verifier.validateOutput(shape, output);
        }
    }

    function test_step_gas() public {
        for (uint256 s; s < stepCount; ++s) {
            (bytes32 pre, bytes memory proof,,) = _validStep(s);
            uint256 before = gasleft();
            verifier.step(weightsRoot, shape, pre, proof);
            uint256 used = before - gasleft();
            console2.log(vm.parseJsonString(json, _step(0, s, "kind")), used);
            assertLt(used, 150_000);
        }
    }
}

contract ModelVM_Reverts_Test is ModelVMTestBase {
    function test_step_badPreStateHash_reverts() public {
        (bytes32 pre, bytes memory proof,,) = _validStep(1);
        vm.expectRevert(IModelVM.ModelVM_BadPreState.selector);
        verifier.step(weightsRoot, shape, bytes32(uint256(pre) ^ 1), proof);
    }

    function test_step_tamperedPreimage_reverts() public {
        (bytes32 pre, bytes memory proof,,) = _validStep(1);
        proof[40] = bytes1(uint8(proof[40]) ^ 0x01); // a byte of acc
        vm.expectRevert(IModelVM.ModelVM_BadPreState.selector);
        verifier.step(weightsRoot, shape, pre, proof);
    }

    function test_step_badWeightProof_reverts() public {
        (bytes32 pre, bytes memory proof,, uint256 pc) = _validStep(1);
        proof[96 + 3] = bytes1(uint8(proof[96 + 3]) ^ 0x01); // weight leaf (no output words before the last layer)
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadWeightProof.selector, pc / 8));
        verifier.step(weightsRoot, shape, pre, proof);
    }

    function test_step_wrongWeightsRoot_reverts() public {
        (bytes32 pre, bytes memory proof,, uint256 pc) = _validStep(1);
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadWeightProof.selector, pc / 8));
        verifier.step(keccak256("another model"), shape, pre, proof);
    }

    function test_step_badMemoryProof_reverts() public {
        (bytes32 pre, bytes memory proof,,) = _validStep(1); // step 5 reads input word 5 (memory leaf 0)
        proof[proof.length - 1] = bytes1(uint8(proof[proof.length - 1]) ^ 0x01); // last memory sibling
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadMemoryProof.selector, 0));
        verifier.step(weightsRoot, shape, pre, proof);
    }

    function test_step_truncatedProof_reverts() public {
        (bytes32 pre, bytes memory proof,,) = _validStep(1);
        bytes memory cut = new bytes(proof.length - 1);
        for (uint256 i; i < cut.length; ++i) cut[i] = proof[i];
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_MalformedProof.selector, cut.length, proof.length));
        verifier.step(weightsRoot, shape, pre, cut);
    }

    function test_step_shortProof_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_MalformedProof.selector, 95, 96));
        verifier.step(weightsRoot, shape, bytes32(0), new bytes(95));
    }

    function test_step_pcAtTraceLength_reverts() public {
        (bytes32 pre, bytes memory proof,,) = _validStep(1);
        assembly ("memory-safe") {
            mstore(add(proof, 32), sload(traceLen.slot))
        }
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_StepOutOfRange.selector, traceLen, traceLen));
        verifier.step(weightsRoot, shape, pre, proof);
    }

    function test_validateShape_malformed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(1)));
        verifier.validateShape(hex"0a0008");
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(1)));
        verifier.validateShape(hex"0a00080004ff");
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(3)));
        verifier.validateShape(hex"0a00080000");
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(4)));
        verifier.validateShape(hex"2000080004");
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(5)));
        verifier.validateShape(hex"0affffffffffff");
        bytes memory deep = new bytes(1 + 2 * 66);
        for (uint256 i = 1; i < deep.length; i += 2) deep[i + 1] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadShape.selector, uint8(2)));
        verifier.validateShape(deep);
    }

    function test_validateInput_wrongLength_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 28, 32));
        verifier.validateInput(shape, new bytes(28));
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 36, 32));
        verifier.initialStateHash(shape, new bytes(36));
    }

    function test_validateOutput_wrongLength_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadOutput.selector, 12, 16));
        verifier.validateOutput(shape, new bytes(12));
    }

    function test_decodeFinalState_malformed_reverts() public {
        bytes memory preimage = vm.parseJsonBytes(json, _case(0, "finalStatePreimage"));
        bytes memory cut = new bytes(preimage.length - 4);
        for (uint256 i; i < cut.length; ++i) cut[i] = preimage[i];
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_MalformedProof.selector, cut.length, preimage.length));
        verifier.decodeFinalState(shape, cut);
        assembly ("memory-safe") {
            mstore(add(preimage, 32), add(sload(traceLen.slot), 1))
        }
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_StepOutOfRange.selector, traceLen + 1, traceLen));
        verifier.decodeFinalState(shape, preimage);
    }
}

contract ModelVM_Fuzz_Test is ModelVMTestBase {
    /// @dev Flipping any bit of any byte of a valid proof makes step revert.
    function testFuzz_step_anyTamperedByte_reverts(uint256 which, uint256 index, uint8 flip) public {
        (bytes32 pre, bytes memory proof,,) = _validStep(bound(which, 0, stepCount - 1));
        index = bound(index, 0, proof.length - 1);
        flip = uint8(bound(flip, 1, 255));
        proof[index] = bytes1(uint8(proof[index]) ^ flip);
        vm.expectRevert();
        verifier.step(weightsRoot, shape, pre, proof);
    }

    /// @dev The O(input + depth) initial memory root equals a naive full-tree build.
    function testFuzz_initialStateHash_matchesNaiveTree(bytes32 seed) public view {
        bytes memory input = new bytes(32);
        for (uint256 i; i < 32; ++i) input[i] = seed[i];
        // tiny: memory = 8 + 32 + 20 + 4 = 64 words = 8 leaves, depth 3.
        bytes32[] memory level = new bytes32[](8);
        level[0] = seed;
        for (uint256 n = 8; n > 1; n /= 2) {
            for (uint256 i; i < n / 2; ++i) level[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
        }
        bytes32 expected = keccak256(abi.encode(uint256(0), int256(0), level[0], keccak256("")));
        assertEq(verifier.initialStateHash(shape, input), expected);
    }

    /// @dev Any bytes are either rejected with ModelVM_BadShape or give T = sum n_l (n_{l-1} + 1).
    function testFuzz_traceLength_formula(uint8 shift, uint16 a, uint16 b, uint16 c) public view {
        shift = uint8(bound(shift, 0, 31));
        a = uint16(bound(a, 1, 2000));
        b = uint16(bound(b, 1, 2000));
        c = uint16(bound(c, 1, 2000));
        bytes memory s = abi.encodePacked(shift, a, b, c);
        assertEq(verifier.traceLength(s), uint256(b) * (uint256(a) + 1) + uint256(c) * (uint256(b) + 1));
    }
}
