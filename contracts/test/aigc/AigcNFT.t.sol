// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "forge-std/Vm.sol";
import {AigcSetup} from "./AigcSetup.sol";
import {AigcNFT} from "../../src/aigc/AigcNFT.sol";
import {IAigcNFT} from "../../src/interfaces/IAigcNFT.sol";
import {IERC7007, IERC7007Enumerable, IERC7007Updatable} from "../../src/interfaces/IERC7007.sol";
import {IOpmlOracle} from "../../src/interfaces/IOpmlOracle.sol";
import {IModelVM} from "../../src/interfaces/IModelVM.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

contract EthRejecter {
    receive() external payable {
        revert("no");
    }
}

contract AigcNFTTest is AigcSetup {
    bytes internal prompt;

    function setUp() public override {
        super.setUp();
        prompt = _prompt(42);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_setsConfig() public view {
        assertEq(address(nft.ORACLE()), address(oracle));
        assertEq(nft.MODEL_ID(), modelId);
        assertEq(nft.REVENUE_RECEIVER(), address(token));
        assertEq(nft.MINT_FEE(), MINT_FEE);
        assertEq(nft.CALLBACK_GAS_LIMIT(), CALLBACK_GAS);
        assertFalse(nft.COMMIT_REVEAL());
        assertEq(nft.MIN_REVEAL_DELAY(), MIN_REVEAL);
        assertEq(nft.MAX_REVEAL_DELAY(), MAX_REVEAL);
        assertEq(nft.name(), "OpenLM AIGC");
        assertEq(nft.symbol(), "OLMAI");
    }

    function test_constructor_zeroOracle_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        c.oracle = IOpmlOracle(address(0));
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_InvalidParameter.selector, bytes32("oracle")));
        new AigcNFT(c);
    }

    function test_constructor_zeroRevenueReceiver_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        c.revenueReceiver = payable(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_InvalidParameter.selector, bytes32("revenueReceiver"))
        );
        new AigcNFT(c);
    }

    function test_constructor_royaltyAboveDenominator_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        c.royaltyBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_InvalidParameter.selector, bytes32("royaltyBps"))
        );
        new AigcNFT(c);
    }

    function test_constructor_commitRevealZeroMinDelay_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(true);
        c.minRevealDelay = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_InvalidParameter.selector, bytes32("minRevealDelay"))
        );
        new AigcNFT(c);
    }

    function test_constructor_commitRevealMaxBelowMin_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(true);
        c.minRevealDelay = 5;
        c.maxRevealDelay = 4;
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_InvalidParameter.selector, bytes32("maxRevealDelay"))
        );
        new AigcNFT(c);
    }

    function test_constructor_commitRevealOffIgnoresDelays() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        (c.minRevealDelay, c.maxRevealDelay) = (0, 0);
        assertFalse(new AigcNFT(c).COMMIT_REVEAL());
    }

    // ---------------------------------------------------------------- ERC-165

    function test_supportsInterface_standardIds() public view {
        assertEq(type(IERC7007).interfaceId, bytes4(0x702c55a6));
        assertEq(type(IERC7007Enumerable).interfaceId, bytes4(0xfa1a557a));
        assertEq(type(IERC7007Updatable).interfaceId, bytes4(0x3f37dce2));
        assertTrue(nft.supportsInterface(0x702c55a6));
        assertTrue(nft.supportsInterface(0xfa1a557a));
        assertTrue(nft.supportsInterface(0x3f37dce2));
        assertTrue(nft.supportsInterface(type(IERC721).interfaceId));
        assertTrue(nft.supportsInterface(type(IERC2981).interfaceId));
        assertTrue(nft.supportsInterface(type(IERC165).interfaceId));
        assertFalse(nft.supportsInterface(0xffffffff));
    }

    // ---------------------------------------------------------------- mint

    function test_mint_mintsToCallerAndRequestsInference() public {
        uint256 expectedId = uint256(keccak256(prompt));
        uint256 oracleFee = oracle.estimateFee(modelId, CALLBACK_GAS);
        uint256 nextRequest = oracle.nextRequestId();
        vm.expectEmit(address(nft));
        emit IAigcNFT.MintRequested(expectedId, minter, nextRequest, prompt, MINT_FEE, oracleFee);
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        assertEq(tokenId, expectedId);
        assertEq(requestId, nextRequest);
        assertEq(nft.ownerOf(tokenId), minter);
        assertEq(nft.tokenOfRequest(requestId), tokenId);
        IAigcNFT.AigcRecord memory r = nft.getRecord(tokenId);
        assertEq(r.requestId, requestId);
        assertEq(r.results, 0);
        assertEq(r.requester, minter);
        assertEq(r.prompt, prompt);
        assertEq(r.aigcData.length, 0);
        IOpmlOracle.Request memory req = oracle.getRequest(requestId);
        assertEq(req.callbackContract, address(nft));
        assertEq(req.gasLimit, CALLBACK_GAS);
    }

    function test_mint_routesFees() public {
        uint256 tokenBefore = address(token).balance;
        uint256 oracleBefore = address(oracle).balance;
        uint256 oracleFee = oracle.estimateFee(modelId, CALLBACK_GAS);
        _mint(minter, prompt);
        assertEq(address(token).balance - tokenBefore, MINT_FEE, "mint fee to RevShareToken");
        assertEq(token.books(address(0)).received, MINT_FEE, "booked as revenue");
        assertEq(address(oracle).balance - oracleBefore, oracleFee, "oracle fee to oracle");
        assertEq(address(nft).balance, 0, "nothing held");
    }

    function test_mint_zeroMintFee_paysOnlyOracle() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        c.mintFee = 0;
        AigcNFT free = new AigcNFT(c);
        assertEq(free.mintPrice(), oracle.estimateFee(modelId, CALLBACK_GAS));
        _mint(free, minter, prompt);
        assertEq(address(token).balance, 0);
    }

    function test_mint_promptTwice_reverts() public {
        (uint256 tokenId,) = _mint(minter, prompt);
        uint256 price = nft.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_PromptAlreadyMinted.selector, tokenId));
        vm.prank(stranger);
        nft.mint{value: price}(prompt);
    }

    function test_mint_underpayment_reverts() public {
        uint256 price = nft.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_WrongPayment.selector, price, price - 1));
        vm.prank(minter);
        nft.mint{value: price - 1}(prompt);
    }

    function test_mint_overpayment_reverts() public {
        uint256 price = nft.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_WrongPayment.selector, price, price + 1));
        vm.prank(minter);
        nft.mint{value: price + 1}(prompt);
    }

    function test_mint_invalidPrompt_reverts() public {
        uint256 price = nft.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IModelVM.ModelVM_BadInput.selector, 3, 16));
        vm.prank(minter);
        nft.mint{value: price}(hex"010203");
    }

    function test_mint_commitRevealOn_reverts() public {
        AigcNFT cr = _deployNft(true);
        uint256 price = cr.mintPrice();
        vm.expectRevert(IAigcNFT.AigcNFT_CommitRevealRequired.selector);
        vm.prank(minter);
        cr.mint{value: price}(prompt);
    }

    function test_mint_revenueReceiverRejects_reverts() public {
        IAigcNFT.Config memory c = _nftConfig(false);
        address rejecter = address(new EthRejecter());
        c.revenueReceiver = payable(rejecter);
        AigcNFT bad = new AigcNFT(c);
        uint256 price = bad.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_FeeTransferFailed.selector, rejecter, MINT_FEE)
        );
        vm.prank(minter);
        bad.mint{value: price}(prompt);
    }

    function test_mint_toContractWithoutReceiverHook_reverts() public {
        address rejecter = address(new EthRejecter());
        vm.deal(rejecter, 1 ether);
        uint256 price = nft.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(bytes4(keccak256("ERC721InvalidReceiver(address)")), rejecter));
        vm.prank(rejecter);
        nft.mint{value: price}(prompt);
    }

    function testFuzz_mint_tokenIdIsPromptHash(uint256 seed) public {
        bytes memory p = _prompt(seed);
        (uint256 tokenId,) = _mint(minter, p);
        assertEq(tokenId, uint256(keccak256(p)));
        assertEq(nft.tokenId(p), tokenId);
        assertEq(bytes(nft.prompt(tokenId)), p);
    }

    function testFuzz_mint_distinctPromptsMintDistinctTokens(uint256 a, uint256 b) public {
        a = bound(a, 0, type(uint64).max);
        b = bound(b, 0, type(uint64).max);
        vm.assume(a != b);
        (uint256 ta, uint256 ra) = _mint(minter, _prompt(a));
        (uint256 tb, uint256 rb) = _mint(buyer, _prompt(b));
        assertTrue(ta != tb);
        assertTrue(ra != rb);
        assertEq(nft.ownerOf(ta), minter);
        assertEq(nft.ownerOf(tb), buyer);
    }

    // ---------------------------------------------------------------- oracle callbacks

    function test_callback_firstResult_addsAigcData() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        bytes memory out = _honestOutput(prompt);
        vm.expectEmit(address(nft));
        emit IERC7007.AigcData(tokenId, prompt, out, abi.encode(requestId));
        _submit(requestId, prompt, true);
        assertEq(nft.aigcDataOf(tokenId), out);
        assertEq(nft.getRecord(tokenId).results, 1);
    }

    function test_callback_replacedResult_updates() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, false);
        assertEq(nft.aigcDataOf(tokenId), _fakeOutput(prompt));
        uint256 gameId = _challenge(requestId, prompt, true, challenger);
        bytes memory out = _honestOutput(prompt);
        _playGame(gameId, prompt);
        // The oracle delivers the corrected output when the request finalizes (issue 14's claim rule).
        vm.expectEmit(address(nft));
        emit IERC7007Updatable.Update(tokenId, prompt, out);
        _finalize(requestId);
        assertEq(nft.aigcDataOf(tokenId), out);
        assertEq(nft.getRecord(tokenId).results, 2);
    }

    function test_callback_failedChallenge_keepsContent() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        uint256 gameId = _challenge(requestId, prompt, false, challenger);
        _playGame(gameId, prompt);
        assertEq(nft.aigcDataOf(tokenId), _honestOutput(prompt));
        assertEq(nft.getRecord(tokenId).results, 1);
    }

    function test_callback_notOracle_reverts() public {
        (, uint256 requestId) = _mint(minter, prompt);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_NotOracle.selector, stranger));
        vm.prank(stranger);
        nft.aiOracleCallback(requestId, hex"0000000000000000", "");
    }

    function test_callback_unknownRequest_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownRequest.selector, 99));
        vm.prank(address(oracle));
        nft.aiOracleCallback(99, hex"0000000000000000", "");
    }

    function test_callback_requestIdZero_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownRequest.selector, 0));
        vm.prank(address(oracle));
        nft.aiOracleCallback(0, hex"0000000000000000", "");
    }

    /// @dev Anyone can make the oracle call the NFT back; a foreign request must not touch any token.
    function test_callback_foreignRequestThroughOracle_changesNothing() public {
        (uint256 tokenId, uint256 myRequest) = _mint(minter, prompt);
        uint256 fee = oracle.estimateFee(modelId, CALLBACK_GAS);
        vm.prank(stranger);
        uint256 foreign = oracle.requestCallback{value: fee}(modelId, prompt, address(nft), CALLBACK_GAS, "");
        vm.recordLogs();
        _submit(foreign, prompt, false);
        assertFalse(_lastCallbackSucceeded(), "callback reverted");
        assertEq(nft.getRecord(tokenId).results, 0);
        assertEq(nft.aigcDataOf(tokenId).length, 0);
        _submit(myRequest, prompt, true);
        assertEq(nft.aigcDataOf(tokenId), _honestOutput(prompt));
    }

    function test_addAigcData_reverts() public {
        (uint256 tokenId,) = _mint(minter, prompt);
        vm.expectRevert(IAigcNFT.AigcNFT_ContentSetByOracleOnly.selector);
        vm.prank(minter);
        nft.addAigcData(tokenId, prompt, hex"01", "");
    }

    function test_update_reverts() public {
        _mint(minter, prompt);
        vm.expectRevert(IAigcNFT.AigcNFT_ContentSetByOracleOnly.selector);
        vm.prank(address(oracle));
        nft.update(prompt, hex"01");
    }

    // ---------------------------------------------------------------- verify

    function test_verify_unknownPrompt_false() public view {
        assertFalse(nft.verify(prompt, _honestOutput(prompt), ""));
    }

    function test_verify_beforeResult_false() public {
        _mint(minter, prompt);
        assertFalse(nft.verify(prompt, "", ""));
        assertFalse(nft.verify(prompt, _honestOutput(prompt), ""));
    }

    function test_verify_beforeFinality_false() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        assertFalse(nft.verify(prompt, _honestOutput(prompt), ""));
        assertFalse(nft.isFinal(tokenId));
    }

    function test_verify_afterFinality_trueForFinalData() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        assertTrue(nft.verify(prompt, _honestOutput(prompt), ""));
        assertTrue(nft.verify(prompt, _honestOutput(prompt), abi.encode(requestId)));
        assertTrue(nft.isFinal(tokenId));
    }

    function test_verify_afterFinality_falseForOtherData() public {
        (, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        assertFalse(nft.verify(prompt, _fakeOutput(prompt), ""));
        assertFalse(nft.verify(prompt, "", ""));
    }

    function test_verify_wrongProof_false() public {
        (, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        assertFalse(nft.verify(prompt, _honestOutput(prompt), abi.encode(requestId + 1)));
        assertFalse(nft.verify(prompt, _honestOutput(prompt), hex"01"));
    }

    function test_verify_afterSuccessfulChallenge_onlyCorrectedData() public {
        (, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, false);
        _playGame(_challenge(requestId, prompt, true, challenger), prompt);
        assertFalse(nft.verify(prompt, _honestOutput(prompt), ""), "new window open");
        _finalize(requestId);
        assertTrue(nft.verify(prompt, _honestOutput(prompt), ""));
        assertFalse(nft.verify(prompt, _fakeOutput(prompt), ""));
    }

    /// @dev If a callback was lost (the oracle is in a later round than the results we saw), stay false.
    function test_verify_missedCallback_false() public {
        (uint256 tokenId, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        IOpmlOracle.Request memory r = oracle.getRequest(requestId);
        r.round = 1;
        vm.mockCall(address(oracle), abi.encodeCall(IOpmlOracle.getRequest, (requestId)), abi.encode(r));
        assertFalse(nft.verify(prompt, _honestOutput(prompt), ""));
        assertFalse(nft.isFinal(tokenId));
    }

    function testFuzz_verify_otherData_false(bytes memory data) public {
        bytes memory honest = _honestOutput(prompt);
        vm.assume(keccak256(data) != keccak256(honest));
        (, uint256 requestId) = _mint(minter, prompt);
        _submit(requestId, prompt, true);
        _finalize(requestId);
        assertFalse(nft.verify(prompt, data, ""));
        assertTrue(nft.verify(prompt, honest, ""));
    }

    // ---------------------------------------------------------------- views

    function test_prompt_unknownToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownToken.selector, 7));
        nft.prompt(7);
    }

    function test_getRecord_unknownToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownToken.selector, 7));
        nft.getRecord(7);
    }

    function test_aigcDataOf_unknownToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownToken.selector, 7));
        nft.aigcDataOf(7);
    }

    function test_isFinal_unknownToken_false() public view {
        assertFalse(nft.isFinal(7));
    }

    function test_tokenId_unmintedPromptIsHash() public view {
        assertEq(nft.tokenId(prompt), uint256(keccak256(prompt)));
    }

    function test_mintPrice_isMintFeePlusOracleFee() public view {
        assertEq(nft.mintPrice(), MINT_FEE + oracle.estimateFee(modelId, CALLBACK_GAS));
    }

    function test_royaltyInfo_paysRevShareToken() public {
        (uint256 tokenId,) = _mint(minter, prompt);
        (address receiver, uint256 amount) = nft.royaltyInfo(tokenId, 1 ether);
        assertEq(receiver, address(token));
        assertEq(amount, 1 ether * ROYALTY_BPS / 10_000);
    }

    function test_computeCommitment_matchesSpec() public view {
        assertEq(
            nft.computeCommitment(prompt, minter, bytes32("s")),
            keccak256(abi.encode(prompt, minter, bytes32("s")))
        );
    }

    // ---------------------------------------------------------------- helpers

    function _lastCallbackSucceeded() internal returns (bool ok) {
        bytes32 topic = IOpmlOracle.AICallbackResult.selector;
        VmLog[] memory logs = _logs();
        for (uint256 i = logs.length; i > 0; --i) {
            if (logs[i - 1].topics[0] == topic) {
                (,,,, ok) = abi.decode(logs[i - 1].data, (uint32, bytes, bytes32, uint256, bool));
                return ok;
            }
        }
        revert("no AICallbackResult");
    }

    struct VmLog {
        bytes32[] topics;
        bytes data;
    }

    function _logs() internal returns (VmLog[] memory out) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        out = new VmLog[](logs.length);
        for (uint256 i; i < logs.length; ++i) {
            out[i] = VmLog(logs[i].topics, logs[i].data);
        }
    }
}

contract AigcNFTCommitRevealTest is AigcSetup {
    AigcNFT internal cr;
    bytes internal prompt;
    bytes32 internal constant SALT = bytes32("salt");

    function setUp() public override {
        super.setUp();
        cr = _deployNft(true);
        prompt = _prompt(7);
    }

    function _commitment(address who) internal view returns (bytes32) {
        return keccak256(abi.encode(prompt, who, SALT));
    }

    function _reveal(address who) internal returns (uint256 tokenId, uint256 requestId) {
        uint256 price = cr.mintPrice();
        vm.prank(who);
        return cr.reveal{value: price}(prompt, SALT);
    }

    function test_commit_recordsBlock() public {
        bytes32 c = _commitment(minter);
        vm.expectEmit(address(cr));
        emit IAigcNFT.Committed(c, minter, block.number);
        vm.prank(minter);
        cr.commit(c);
        assertEq(cr.commitBlock(c), block.number);
    }

    function test_commit_disabled_reverts() public {
        vm.expectRevert(IAigcNFT.AigcNFT_CommitRevealDisabled.selector);
        nft.commit(bytes32("x"));
    }

    function test_commit_pending_reverts() public {
        bytes32 c = _commitment(minter);
        vm.prank(minter);
        cr.commit(c);
        vm.roll(block.number + MAX_REVEAL);
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_AlreadyCommitted.selector, c));
        vm.prank(stranger);
        cr.commit(c);
    }

    function test_commit_expired_canCommitAgain() public {
        bytes32 c = _commitment(minter);
        vm.prank(minter);
        cr.commit(c);
        vm.roll(block.number + MAX_REVEAL + 1);
        vm.prank(minter);
        cr.commit(c);
        assertEq(cr.commitBlock(c), block.number);
    }

    function test_reveal_mintsAndConsumesCommitment() public {
        bytes32 c = _commitment(minter);
        vm.prank(minter);
        cr.commit(c);
        vm.roll(block.number + MIN_REVEAL);
        (uint256 tokenId, uint256 requestId) = _reveal(minter);
        assertEq(tokenId, uint256(keccak256(prompt)));
        assertEq(cr.ownerOf(tokenId), minter);
        assertEq(cr.tokenOfRequest(requestId), tokenId);
        assertEq(cr.commitBlock(c), 0);
        assertEq(address(token).balance, MINT_FEE);
    }

    function test_reveal_sameBlock_reverts() public {
        bytes32 c = _commitment(minter);
        vm.prank(minter);
        cr.commit(c);
        uint256 price = cr.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_RevealTooEarly.selector, c, block.number + MIN_REVEAL)
        );
        vm.prank(minter);
        cr.reveal{value: price}(prompt, SALT);
    }

    function test_reveal_afterMaxDelay_reverts() public {
        bytes32 c = _commitment(minter);
        uint256 committedAt = block.number;
        vm.prank(minter);
        cr.commit(c);
        vm.roll(committedAt + MAX_REVEAL + 1);
        uint256 price = cr.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_RevealTooLate.selector, c, committedAt + MAX_REVEAL)
        );
        vm.prank(minter);
        cr.reveal{value: price}(prompt, SALT);
    }

    /// @dev A front-runner who copies the revealed prompt has no commitment of its own: its reveal fails.
    function test_reveal_frontRunnerWithoutCommitment_reverts() public {
        vm.prank(minter);
        cr.commit(_commitment(minter));
        vm.roll(block.number + MIN_REVEAL);
        uint256 price = cr.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownCommitment.selector, _commitment(stranger))
        );
        vm.prank(stranger);
        cr.reveal{value: price}(prompt, SALT);
        _reveal(minter);
    }

    function test_reveal_twice_reverts() public {
        vm.prank(minter);
        cr.commit(_commitment(minter));
        vm.roll(block.number + MIN_REVEAL);
        _reveal(minter);
        uint256 price = cr.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_UnknownCommitment.selector, _commitment(minter))
        );
        vm.prank(minter);
        cr.reveal{value: price}(prompt, SALT);
    }

    /// @dev Two honest committers of the same prompt: the first reveal wins, the second finds it minted.
    function test_reveal_promptAlreadyMinted_reverts() public {
        vm.prank(minter);
        cr.commit(_commitment(minter));
        vm.prank(stranger);
        cr.commit(_commitment(stranger));
        vm.roll(block.number + MIN_REVEAL);
        (uint256 tokenId,) = _reveal(minter);
        uint256 price = cr.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_PromptAlreadyMinted.selector, tokenId));
        vm.prank(stranger);
        cr.reveal{value: price}(prompt, SALT);
    }

    function test_reveal_wrongPayment_reverts() public {
        vm.prank(minter);
        cr.commit(_commitment(minter));
        vm.roll(block.number + MIN_REVEAL);
        uint256 price = cr.mintPrice();
        vm.expectRevert(abi.encodeWithSelector(IAigcNFT.AigcNFT_WrongPayment.selector, price, 0));
        vm.prank(minter);
        cr.reveal(prompt, SALT);
    }

    function test_reveal_disabled_reverts() public {
        vm.expectRevert(IAigcNFT.AigcNFT_CommitRevealDisabled.selector);
        nft.reveal(prompt, SALT);
    }

    function testFuzz_reveal_withinWindow_mints(uint256 delay) public {
        delay = bound(delay, MIN_REVEAL, MAX_REVEAL);
        vm.prank(minter);
        cr.commit(_commitment(minter));
        vm.roll(block.number + delay);
        (uint256 tokenId,) = _reveal(minter);
        assertEq(cr.ownerOf(tokenId), minter);
    }

    function testFuzz_reveal_outsideWindow_reverts(uint256 delay) public {
        delay = bound(delay, MAX_REVEAL + 1, MAX_REVEAL + 10_000);
        bytes32 c = _commitment(minter);
        uint256 committedAt = block.number;
        vm.prank(minter);
        cr.commit(c);
        vm.roll(committedAt + delay);
        uint256 price = cr.mintPrice();
        vm.expectRevert(
            abi.encodeWithSelector(IAigcNFT.AigcNFT_RevealTooLate.selector, c, committedAt + MAX_REVEAL)
        );
        vm.prank(minter);
        cr.reveal{value: price}(prompt, SALT);
    }
}
