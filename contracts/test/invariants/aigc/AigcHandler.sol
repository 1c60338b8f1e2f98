// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "forge-std/Test.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AigcNFT} from "../../../src/aigc/AigcNFT.sol";
import {RoyaltyMarket} from "../../../src/aigc/RoyaltyMarket.sol";
import {IRoyaltyMarket} from "../../../src/interfaces/IRoyaltyMarket.sol";
import {OpmlOracle} from "../../../src/oracle/OpmlOracle.sol";
import {IOpmlOracle} from "../../../src/interfaces/IOpmlOracle.sol";
import {IBisectionGame} from "../../../src/interfaces/IBisectionGame.sol";
import {VmTrace} from "../../aigc/utils/VmTrace.sol";

/// @dev An actor that holds NFTs but refuses ETH, so the market must credit its sale proceeds.
contract EthRefusingActor {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {
        revert("no ETH");
    }
}

/// @dev An actor that holds NFTs and burns every unit of gas it is given when paid.
contract GasBurningActor {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {
        while (true) {}
    }
}

/// @notice Actors mint, list, cancel and buy; submitters post honest or wrong results; challengers dispute them
///         and play the real bisection game to its end; anyone finalizes; a tamperer tries to write content
///         directly; requests nobody answers expire, their escrow is reclaimed for whoever paid for them, and
///         their content is requested again. Actors include a contract that refuses ETH and one that burns all
///         the gas it is given. Ghosts: every wei paid and where it went, and each token's expected content.
contract AigcHandler is Test {
    struct Minted {
        uint256 tokenId;
        uint256 requestId;
        bytes prompt;
        bytes honest;
        bytes wrong; // the submitter's lie (delta 1)
        bytes wrong2; // a lying challenger's claim (delta 2)
    }

    AigcNFT internal immutable NFT;
    OpmlOracle internal immutable ORACLE;
    IBisectionGame internal immutable GAME;
    RoyaltyMarket internal immutable MARKET;
    address internal immutable TOKEN;
    VmTrace.Model internal _model;

    address[] public actors;
    Minted[] internal _minted;
    mapping(uint256 tokenId => bool) public isMinted;
    mapping(uint256 tokenId => bytes) public expectedContent;
    mapping(uint256 tokenId => uint256) public expectedResults;
    uint256 internal _nextParty = 1;

    // ghosts of ETH paid and received
    uint256 public ghost_mintFeesPaid;
    uint256 public ghost_oracleFeesPaid;
    uint256 public ghost_bondsPaid;
    uint256 public ghost_salesPaid;
    uint256 public ghost_royaltiesReceived;
    uint256 public ghost_sellerProceedsReceived;
    uint256 public ghost_sellerProceedsCredited;
    uint256 public ghost_tamperSucceeded;
    /// @dev Escrow of reclaimed requests, and what their payers received: pushed, or credited (measured).
    uint256 public ghost_escrowReclaimed;
    uint256 public ghost_refundsPushed;
    uint256 public ghost_refundsCredited;
    /// @dev NFT credits withdrawn (measured at the receiver).
    uint256 public ghost_nftCreditsWithdrawn;
    /// @dev Largest gas a buy or a reclaim cost when the payee was the gas-burning actor.
    uint256 public ghost_maxGasWithBurner;
    /// @dev Requests whose escrow was reclaimed.
    mapping(uint256 requestId => bool) public reclaimed;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        AigcNFT nft,
        OpmlOracle oracle,
        RoyaltyMarket market,
        address revShareToken,
        VmTrace.Model memory model
    ) {
        NFT = nft;
        ORACLE = oracle;
        GAME = oracle.GAME();
        MARKET = market;
        TOKEN = revShareToken;
        _model.shape = model.shape;
        _model.shift = model.shift;
        _model.widths = model.widths;
        for (uint256 i; i < model.weights.length; ++i) {
            _model.weights.push(model.weights[i]);
        }
        _model.traceLength = model.traceLength;
        _model.memoryWords = model.memoryWords;
        _model.weightDepth = model.weightDepth;
        _model.memoryDepth = model.memoryDepth;
        actors.push(makeAddr("actor0"));
        actors.push(makeAddr("actor1"));
        actors.push(makeAddr("actor2"));
        actors.push(address(new EthRefusingActor()));
        actors.push(address(new GasBurningActor()));
        for (uint256 i; i < actors.length; ++i) {
            vm.deal(actors[i], 10_000 ether);
        }
    }

    // ---------------------------------------------------------------- actions

    function mint(uint256 actorSeed, uint256 promptSeed) external {
        address actor = _actor(actorSeed);
        bytes memory prompt = _prompt(bound(promptSeed, 0, 40));
        uint256 tokenId = uint256(keccak256(prompt));
        if (isMinted[tokenId]) return;
        uint256 price = NFT.mintPrice();
        uint256 oracleFee = price - NFT.MINT_FEE();
        vm.prank(actor);
        (, uint256 requestId) = NFT.mint{value: price}(prompt);
        ghost_mintFeesPaid += NFT.MINT_FEE();
        ghost_oracleFeesPaid += oracleFee;
        isMinted[tokenId] = true;
        VmTrace.Trace memory tr = VmTrace.run(_model, prompt);
        (bytes memory wrong,) = VmTrace.fakeFinal(_model, tr, 1);
        (bytes memory wrong2,) = VmTrace.fakeFinal(_model, tr, 2);
        _minted.push(Minted(tokenId, requestId, prompt, VmTrace.output(tr), wrong, wrong2));
        ++calls["mint"];
    }

    function submit(uint256 tokenSeed, bool honest) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isUnsubmitted);
        if (!found) return;
        Minted storage m = _minted[i];
        VmTrace.Trace memory tr = VmTrace.run(_model, m.prompt);
        (bytes memory out, bytes memory pre) = honest
            ? (VmTrace.output(tr), VmTrace.preimage(_model, tr, _model.traceLength))
            : VmTrace.fakeFinal(_model, tr, 1);
        address party = _newParty();
        uint256 bond = ORACLE.parameters().submitterBond;
        vm.prank(party);
        ORACLE.submit{value: bond}(m.requestId, out, pre);
        ghost_bondsPaid += bond;
        _delivered(m.tokenId, out);
        ++calls["submit"];
    }

    /// @dev Challenges the current result with a different claim (honest if the result is wrong, a second lie
    ///      otherwise) and plays the game to its end through the real game and VM.
    function challengeAndPlay(uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isChallengeable);
        if (!found) return;
        Minted storage m = _minted[i];
        VmTrace.Trace memory tr = VmTrace.run(_model, m.prompt);
        bool currentHonest = keccak256(expectedContent[m.tokenId]) == keccak256(m.honest);
        (bytes memory out, bytes memory pre) = currentHonest
            ? VmTrace.fakeFinal(_model, tr, 2)
            : (VmTrace.output(tr), VmTrace.preimage(_model, tr, _model.traceLength));
        if (keccak256(pre) == keccak256(_currentPreimage(tr, m))) return;
        address party = _newParty();
        uint256 bond = ORACLE.parameters().challengerBond;
        vm.prank(party);
        (, uint256 gameId) = ORACLE.challenge{value: bond}(m.requestId, 0, out, pre);
        ghost_bondsPaid += bond;
        _play(gameId, tr);
        ++calls["challenge"];
    }

    function finalize(uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isSubmitted);
        if (!found) return;
        Minted storage m = _minted[i];
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        // Time passes until this result's window is over (closing other windows too).
        if (block.timestamp <= r.windowEnd) vm.warp(r.windowEnd + 1);
        // The leader's output, read before finalization deletes the winning claim's record.
        IOpmlOracle.Claim memory lc = ORACLE.getClaim(m.requestId, r.leader);
        bytes memory leaderOutput =
            lc.kind == IOpmlOracle.ClaimKind.Vouch ? ORACLE.getClaim(m.requestId, lc.parent).output : lc.output;
        ORACLE.finalize(m.requestId);
        // A challenger's claim that won is delivered at finalization (issue 14's claim rule).
        r = ORACLE.getRequest(m.requestId);
        if (r.round == 1) _delivered(m.tokenId, leaderOutput);
        ++calls["finalize"];
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 1 hours));
        vm.roll(block.number + 1);
    }

    function list(uint256 tokenSeed, uint256 price) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isUnlisted);
        if (!found) return;
        Minted storage m = _minted[i];
        address owner = NFT.ownerOf(m.tokenId);
        price = bound(price, 1, 100 ether);
        vm.startPrank(owner);
        NFT.approve(address(MARKET), m.tokenId);
        MARKET.list(IERC721(address(NFT)), m.tokenId, price);
        vm.stopPrank();
        ++calls["list"];
    }

    function cancel(uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isListed);
        if (!found) return;
        Minted storage m = _minted[i];
        address seller = MARKET.getListing(IERC721(address(NFT)), m.tokenId).seller;
        vm.prank(seller);
        MARKET.cancel(IERC721(address(NFT)), m.tokenId);
        ++calls["cancel"];
    }

    function buy(uint256 actorSeed, uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isListed);
        if (!found) return;
        Minted storage m = _minted[i];
        IRoyaltyMarket.Listing memory l = MARKET.getListing(IERC721(address(NFT)), m.tokenId);
        address buyer = _actor(actorSeed);
        if (buyer == l.seller) buyer = actors[(bound(actorSeed, 0, actors.length - 1) + 1) % actors.length];
        uint256 tokenBefore = TOKEN.balance;
        uint256 sellerBefore = l.seller.balance;
        uint256 creditBefore = MARKET.creditOf(l.seller);
        uint256 gasBefore = gasleft();
        vm.prank(buyer);
        MARKET.buy{value: l.price}(IERC721(address(NFT)), m.tokenId);
        if (l.seller == _burner()) _seeBurnerGas(gasBefore - gasleft());
        ghost_salesPaid += l.price;
        ghost_royaltiesReceived += TOKEN.balance - tokenBefore;
        ghost_sellerProceedsReceived += l.seller.balance - sellerBefore;
        ghost_sellerProceedsCredited += MARKET.creditOf(l.seller) - creditBefore;
        ++calls["buy"];
    }

    /// @dev Nobody answers a request: time passes beyond its expiry (closing other windows too).
    function expire(uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isUnsubmitted);
        if (!found) return;
        IOpmlOracle.Request memory r = ORACLE.getRequest(_minted[i].requestId);
        vm.warp(r.expiresAt + 1);
        vm.roll(block.number + 1);
        ++calls["expire"];
    }

    /// @dev Anyone reclaims an expired request's escrow for its payer (sometimes after someone already refunded it
    ///      at the oracle, or flushed the NFT's oracle credit).
    function reclaim(uint256 tokenSeed, uint256 how) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isReclaimable);
        if (!found) return;
        Minted storage m = _minted[i];
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        address payer = NFT.getRecord(m.tokenId).requester;
        if (how % 3 == 1 && r.status == IOpmlOracle.Status.Requested) ORACLE.refundExpired(m.requestId);
        if (how % 3 == 2 && r.status == IOpmlOracle.Status.Requested) {
            ORACLE.refundExpired(m.requestId);
            ORACLE.flush(address(NFT));
        }
        uint256 balanceBefore = payer.balance;
        uint256 creditBefore = NFT.creditOf(payer);
        uint256 gasBefore = gasleft();
        NFT.reclaimExpired(m.tokenId);
        if (payer == _burner()) _seeBurnerGas(gasBefore - gasleft());
        ghost_escrowReclaimed += r.escrow;
        ghost_refundsPushed += payer.balance - balanceBefore;
        ghost_refundsCredited += NFT.creditOf(payer) - creditBefore;
        reclaimed[m.requestId] = true;
        ++calls["reclaim"];
    }

    /// @dev An actor pays the oracle fee to request an expired token's content again.
    function rerequest(uint256 actorSeed, uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        (bool found, uint256 i) = _find(tokenSeed, _isExpired);
        if (!found) return;
        Minted storage m = _minted[i];
        address actor = _actor(actorSeed);
        uint256 fee = NFT.mintPrice() - NFT.MINT_FEE();
        address payer = NFT.getRecord(m.tokenId).requester;
        bool refunds = payer != address(0);
        uint256 escrow = ORACLE.getRequest(m.requestId).escrow;
        uint256 balanceBefore = payer.balance;
        uint256 creditBefore = NFT.creditOf(payer);
        vm.prank(actor);
        uint256 requestId = NFT.rerequest{value: fee}(m.tokenId);
        if (refunds) {
            ghost_escrowReclaimed += escrow;
            // the payer may be the actor itself, who also paid the fee from its balance
            ghost_refundsPushed += payer.balance + (payer == actor ? fee : 0) - balanceBefore;
            ghost_refundsCredited += NFT.creditOf(payer) - creditBefore;
            reclaimed[m.requestId] = true;
        }
        ghost_oracleFeesPaid += fee;
        m.requestId = requestId;
        expectedResults[m.tokenId] = 0;
        delete expectedContent[m.tokenId];
        ++calls["rerequest"];
    }

    /// @dev An actor with an NFT credit (a refund it could not receive) withdraws it to an EOA.
    function withdrawNftCredit(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        uint256 credit = NFT.creditOf(actor);
        if (credit == 0) return;
        address to = actors[0];
        uint256 before = to.balance;
        vm.prank(actor);
        NFT.withdrawCredit(to);
        ghost_nftCreditsWithdrawn += to.balance - before;
        ++calls["withdrawNftCredit"];
    }

    /// @dev Anyone but the oracle tries every way to write a token's content; none may succeed.
    function tamper(uint256 actorSeed, uint256 tokenSeed, bytes calldata data) external {
        if (_minted.length == 0) return;
        Minted storage m = _minted[bound(tokenSeed, 0, _minted.length - 1)];
        address actor = _actor(actorSeed);
        vm.startPrank(actor);
        try NFT.addAigcData(m.tokenId, m.prompt, data, "") {
            ++ghost_tamperSucceeded;
        } catch {}
        try NFT.update(m.prompt, data) {
            ++ghost_tamperSucceeded;
        } catch {}
        try NFT.aiOracleCallback(m.requestId, data, "") {
            ++ghost_tamperSucceeded;
        } catch {}
        vm.stopPrank();
        ++calls["tamper"];
    }

    // ---------------------------------------------------------------- views for the invariants

    function mintedCount() external view returns (uint256) {
        return _minted.length;
    }

    function minted(uint256 i) external view returns (Minted memory) {
        return _minted[i];
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The first minted token from a seeded start that satisfies `pred`.
    function _find(uint256 seed, function(Minted storage) internal view returns (bool) pred)
        internal
        view
        returns (bool found, uint256 index)
    {
        uint256 n = _minted.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 k; k < n; ++k) {
            index = (start + k) % n;
            if (pred(_minted[index])) return (true, index);
        }
    }

    /// @dev Waiting for a result and still answerable.
    function _isUnsubmitted(Minted storage m) internal view returns (bool) {
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        return r.status == IOpmlOracle.Status.Requested && block.timestamp <= r.expiresAt;
    }

    /// @dev Unanswered past its expiry (refunded at the oracle or not).
    function _isExpired(Minted storage m) internal view returns (bool) {
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        return r.status == IOpmlOracle.Status.Expired
            || (r.status == IOpmlOracle.Status.Requested && block.timestamp > r.expiresAt);
    }

    function _isReclaimable(Minted storage m) internal view returns (bool) {
        return _isExpired(m) && NFT.getRecord(m.tokenId).requester != address(0);
    }

    function _burner() internal view returns (address) {
        return actors[actors.length - 1];
    }

    function _seeBurnerGas(uint256 used) internal {
        if (used > ghost_maxGasWithBurner) ghost_maxGasWithBurner = used;
    }

    function _isSubmitted(Minted storage m) internal view returns (bool) {
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        return r.status == IOpmlOracle.Status.Submitted && r.openGames == 0;
    }

    function _isChallengeable(Minted storage m) internal view returns (bool) {
        IOpmlOracle.Request memory r = ORACLE.getRequest(m.requestId);
        // Claim 0 still standing: the handler challenges the submission only.
        return r.status == IOpmlOracle.Status.Submitted && block.timestamp <= r.windowEnd && r.leader == 0;
    }

    function _isListed(Minted storage m) internal view returns (bool) {
        return MARKET.getListing(IERC721(address(NFT)), m.tokenId).seller != address(0);
    }

    function _isUnlisted(Minted storage m) internal view returns (bool) {
        return !_isListed(m);
    }

    function _delivered(uint256 tokenId, bytes memory out) internal {
        expectedContent[tokenId] = out;
        ++expectedResults[tokenId];
    }

    function _currentPreimage(VmTrace.Trace memory tr, Minted storage m)
        internal
        view
        returns (bytes memory pre)
    {
        bytes memory content = expectedContent[m.tokenId];
        if (keccak256(content) == keccak256(m.honest)) {
            return VmTrace.preimage(_model, tr, _model.traceLength);
        }
        int32 delta = keccak256(content) == keccak256(m.wrong) ? int32(1) : int32(2);
        (, pre) = VmTrace.fakeFinal(_model, tr, delta);
    }

    function _play(uint256 gameId, VmTrace.Trace memory tr) internal {
        IBisectionGame.Game memory g = GAME.gameOf(gameId);
        while (g.phase == IBisectionGame.Phase.DefenderToBisect) {
            uint256 mid = uint256(g.lo) + (g.hi - g.lo) / 2;
            vm.prank(g.defender);
            GAME.bisect(gameId, VmTrace.stateHash(_model, tr, mid));
            vm.prank(g.challenger);
            GAME.respond(gameId, true);
            g = GAME.gameOf(gameId);
        }
        GAME.step(gameId, VmTrace.stepProof(_model, tr, g.lo));
    }

    function _newParty() internal returns (address party) {
        party = address(uint160(0xB0D0000 + _nextParty++));
        vm.deal(party, 100 ether);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[bound(seed, 0, actors.length - 1)];
    }

    function _prompt(uint256 seed) internal pure returns (bytes memory) {
        return abi.encodePacked(int32(int256(seed)) - 20, int32(7), int32(-3), int32(int256(seed % 5)));
    }
}
