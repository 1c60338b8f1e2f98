// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AigcSetup} from "./AigcSetup.sol";
import {VmTrace} from "./utils/VmTrace.sol";

/// @notice The test twin of the VM agrees with the real ModelVMVerifier, so the AIGC suites play real games.
contract VmTraceTest is AigcSetup {
    function test_vmTrace_initialStateMatchesVerifier() public view {
        bytes memory prompt = _prompt(12345);
        VmTrace.Trace memory tr = _trace(prompt);
        assertEq(VmTrace.stateHash(model, tr, 0), vmVerifier.initialStateHash(model.shape, prompt));
        assertEq(vmVerifier.traceLength(model.shape), 23);
    }

    function testFuzz_vmTrace_everyStepMatchesVerifier(uint256 seed) public view {
        bytes memory prompt = _prompt(seed);
        VmTrace.Trace memory tr = _trace(prompt);
        bytes32 root = registry.weightsRoot(modelId);
        for (uint256 i; i < model.traceLength; ++i) {
            bytes32 post = vmVerifier.step(
                root, model.shape, VmTrace.stateHash(model, tr, i), VmTrace.stepProof(model, tr, i)
            );
            assertEq(post, VmTrace.stateHash(model, tr, i + 1), "step");
        }
        (bytes32 h, uint256 pc, bytes32 outHash) =
            vmVerifier.decodeFinalState(model.shape, VmTrace.preimage(model, tr, model.traceLength));
        assertEq(h, VmTrace.stateHash(model, tr, model.traceLength));
        assertEq(pc, model.traceLength);
        assertEq(outHash, keccak256(VmTrace.output(tr)));
    }
}
