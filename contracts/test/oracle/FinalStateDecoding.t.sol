// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {ModelVMVerifier} from "../../src/vm/ModelVMVerifier.sol";
import {ModelRegistry} from "../../src/imo/ModelRegistry.sol";
import {OpmlOracleHarness} from "./harness/OpmlOracleHarness.sol";

/// @notice The oracle decodes final states itself (docs/vm-spec.md layout, T and n_L cached per model version).
///         These tests check that it accepts exactly what the reference `ModelVM.decodeFinalState` accepts with
///         pc = T and outputHash = keccak256(output), with the same commitment, on the `tiny` vectors and on
///         fuzzed malformed inputs; and that every rejection is one of the oracle's named errors.
contract FinalStateDecoding_Test is Test {
    uint256 internal constant VERSION = 1;

    ModelVMVerifier internal verifier;
    OpmlOracleHarness internal oracle;
    string internal json;
    bytes internal shape;
    uint256 internal traceLen;
    uint256 internal caseCount;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/vectors/vm-vectors.json"));
        shape = vm.parseJsonBytes(json, ".shape");
        traceLen = vm.parseJsonUint(json, ".traceLength");
        caseCount = vm.parseJsonUint(json, ".caseCount");
        verifier = new ModelVMVerifier();
        ModelRegistry registry = new ModelRegistry();
        uint256 modelId = registry.register(vm.parseJsonBytes32(json, ".weightsRoot"), shape, 0);
        IOpmlOracle.Parameters memory p;
        p.submitterBond = 1 gwei;
        p.challengerBond = 1 gwei;
        p.challengeWindow = 1 hours;
        p.responseDeadline = 10 minutes;
        p.requestTimeout = 1 days;
        p.treasury = makeAddr("treasury");
        oracle = new OpmlOracleHarness(IModelVM(address(verifier)), registry, address(this), 0, p);
        // The first request records the model version (T and n_L derived from the shape).
        oracle.requestCallback(modelId, _case(0, "input"), address(0), 0, "");
    }

    // ---------------------------------------------------------------- vectors

    function test_checkFinalState_cachesTraceLengthAndOutputWidth() public view {
        assertEq(oracle.getRequest(1).traceLength, traceLen);
        assertEq(oracle.outputWidthOf(VERSION), 4); // tiny: 8-32-20-4
    }

    function test_checkFinalState_vectors_acceptWithTheVectorsCommitment() public view {
        for (uint256 c; c < caseCount; ++c) {
            bytes memory output = _case(c, "output");
            bytes memory fin = _case(c, "finalStatePreimage");
            (bool ok, bytes32 h) = _agree(output, fin);
            assertTrue(ok);
            assertEq(h, vm.parseJsonBytes32(json, string.concat(".cases[", vm.toString(c), "].finalStateHash")));
        }
    }

    function test_checkFinalState_vectors_otherCasesOutput_bothReject() public view {
        (bool ok,) = _agree(_case(0, "output"), _case(1, "finalStatePreimage"));
        assertFalse(ok);
        (ok,) = _agree(_case(1, "output"), _case(0, "finalStatePreimage"));
        assertFalse(ok);
    }

    /// @dev Intermediate states from the vectors' step proofs (every prefix length a state could have): the
    ///      reference decodes some of them (pc < T), the oracle must reject them all, as must the reference
    ///      together with the pc = T rule.
    function test_checkFinalState_vectors_intermediateStates_bothReject() public view {
        uint256 stepCount = vm.parseJsonUint(json, ".stepCount");
        for (uint256 c; c < caseCount; ++c) {
            bytes memory output = _case(c, "output");
            for (uint256 s; s < stepCount; ++s) {
                bytes memory proof = vm.parseJsonBytes(
                    json, string.concat(".cases[", vm.toString(c), "].steps[", vm.toString(s), "].proof")
                );
                for (uint256 k; k <= 4; ++k) {
                    (bool ok,) = _agree(output, _prefix(proof, 96 + 4 * k));
                    assertFalse(ok);
                }
                (bool whole,) = _agree(output, proof);
                assertFalse(whole);
            }
        }
    }

    // ---------------------------------------------------------------- fuzzed malformed inputs

    /// @dev A valid (output, final state) pair mutated one way or another: same accept/reject as the reference,
    ///      and the same commitment when both accept.
    function testFuzz_checkFinalState_mutated_sameAcceptRejectAsReference(
        uint256 caseSeed,
        uint8 kind,
        uint256 a,
        uint256 b
    ) public view {
        uint256 c = caseSeed % caseCount;
        bytes memory output = _case(c, "output");
        bytes memory fin = _case(c, "finalStatePreimage");
        kind = uint8(bound(kind, 0, 8));
        if (kind == 0) {
            fin = _prefix(fin, bound(a, 0, fin.length - 1)); // truncated
        } else if (kind == 1) {
            fin = bytes.concat(fin, _filler(b, bound(a, 1, 64))); // extended
        } else if (kind == 2) {
            uint256 i = bound(a, 0, fin.length - 1); // one byte changed: pc, acc, memoryRoot or out
            fin[i] = bytes1(uint8(fin[i]) ^ (uint8(b) | 1));
        } else if (kind == 3) {
            uint256[5] memory pcs = [traceLen - 1, traceLen + 1, 0, b, traceLen];
            _setWord(fin, 0, pcs[a % 5]);
        } else if (kind == 4) {
            uint256 i = bound(a, 0, output.length - 1); // output differs from out
            output[i] = bytes1(uint8(output[i]) ^ (uint8(b) | 1));
        } else if (kind == 5) {
            output = a % 2 == 0 ? _prefix(output, b % output.length) : bytes.concat(output, _filler(b, 4));
        } else if (kind == 6) {
            fin = _filler(b, bound(a, 0, 200)); // arbitrary bytes, sometimes with pc = T
            if (fin.length >= 32 && a % 2 == 0) _setWord(fin, 0, traceLen);
        } else if (kind == 7) {
            // out and output both replaced by the same words: a well-formed (wrong) claim both accept
            bytes memory words = _filler(b, output.length);
            output = words;
            fin = bytes.concat(_prefix(fin, 96), words);
        } else {
            // acc and memoryRoot arbitrary: well-formed, both accept, commitments must match
            _setWord(fin, 32, a);
            _setWord(fin, 64, b);
        }
        _agree(output, fin);
    }

    /// @dev Arbitrary bytes for both: the same accept/reject (almost always reject).
    function testFuzz_checkFinalState_arbitrary_sameAcceptRejectAsReference(
        bytes calldata output,
        bytes calldata fin
    ) public view {
        _agree(output, fin);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Runs both decoders and asserts they agree; returns whether they accepted and the commitment.
    function _agree(bytes memory output, bytes memory fin) internal view returns (bool ok, bytes32 h) {
        (bool refOk, bytes32 refHash) = _reference(output, fin);
        bytes32 oracleHash;
        try oracle.checkFinalState(VERSION, output, fin) returns (bytes32 stateHash) {
            ok = true;
            oracleHash = stateHash;
        } catch (bytes memory err) {
            bytes4 sel = bytes4(err);
            assertTrue(
                sel == IOpmlOracle.OpmlOracle_MalformedFinalState.selector
                    || sel == IOpmlOracle.OpmlOracle_NotFinalState.selector
                    || sel == IOpmlOracle.OpmlOracle_OutputMismatch.selector,
                "not a named oracle error"
            );
        }
        assertEq(ok, refOk, "accept/reject differs from ModelVM.decodeFinalState");
        if (ok) assertEq(oracleHash, refHash, "commitment differs");
        h = oracleHash;
    }

    /// @dev The reference: decodeFinalState accepts, with pc = T and outputHash = keccak256(output).
    function _reference(bytes memory output, bytes memory fin) internal view returns (bool, bytes32) {
        try verifier.decodeFinalState(shape, fin) returns (bytes32 stateHash, uint256 pc, bytes32 outputHash) {
            return (pc == traceLen && outputHash == keccak256(output), stateHash);
        } catch {
            return (false, bytes32(0));
        }
    }

    function _case(uint256 c, string memory key) internal view returns (bytes memory) {
        return vm.parseJsonBytes(json, string.concat(".cases[", vm.toString(c), "].", key));
    }

    function _prefix(bytes memory data, uint256 n) internal pure returns (bytes memory p) {
        if (n > data.length) n = data.length;
        p = new bytes(n);
        for (uint256 i; i < n; ++i) {
            p[i] = data[i];
        }
    }

    function _filler(uint256 seed, uint256 n) internal pure returns (bytes memory f) {
        f = new bytes(n);
        for (uint256 i; i < n; ++i) {
            f[i] = keccak256(abi.encode(seed, i))[0];
        }
    }

    function _setWord(bytes memory data, uint256 offset, uint256 value) internal pure {
        assembly ("memory-safe") {
            mstore(add(add(data, 0x20), offset), value)
        }
    }
}
