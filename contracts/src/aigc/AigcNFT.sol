// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAigcNFT} from "../interfaces/IAigcNFT.sol";
import {IERC7007, IERC7007Enumerable, IERC7007Updatable} from "../interfaces/IERC7007.sol";
import {IAICallbackReceiver} from "../interfaces/IAICallbackReceiver.sol";
import {IOpmlOracle} from "../interfaces/IOpmlOracle.sol";

/// @title AigcNFT
/// @notice ERC-7007 (with the Enumerable and Updatable extensions) and ERC-2981 collection of one model's
///         outputs, filled by the opML oracle. See IAigcNFT for the rules.
contract AigcNFT is IAigcNFT, ERC721, ERC2981, ReentrancyGuardTransient {
    /// @inheritdoc IAigcNFT
    uint256 public constant ETH_PUSH_GAS = 50_000;

    /// @inheritdoc IAigcNFT
    IOpmlOracle public immutable ORACLE;
    /// @inheritdoc IAigcNFT
    uint256 public immutable MODEL_ID;
    /// @inheritdoc IAigcNFT
    address payable public immutable REVENUE_RECEIVER;
    /// @inheritdoc IAigcNFT
    uint256 public immutable MINT_FEE;
    /// @inheritdoc IAigcNFT
    uint64 public immutable CALLBACK_GAS_LIMIT;
    /// @inheritdoc IAigcNFT
    bool public immutable COMMIT_REVEAL;
    /// @inheritdoc IAigcNFT
    uint64 public immutable MIN_REVEAL_DELAY;
    /// @inheritdoc IAigcNFT
    uint64 public immutable MAX_REVEAL_DELAY;

    mapping(uint256 tokenId => AigcRecord) internal _records;
    mapping(uint256 requestId => uint256 tokenId) internal _tokenOfRequest;
    mapping(bytes32 commitment => uint256 blockNumber) internal _commitBlock;
    mapping(address account => uint256) internal _credits;
    uint256 internal _totalCredits;
    /// @dev ETH pulled from the oracle, and the part of it matched to reclaimed requests (refunded to payers).
    uint256 internal _oracleWithdrawn;
    uint256 internal _refundsRecognized;

    constructor(Config memory config) ERC721(config.name, config.symbol) {
        if (address(config.oracle) == address(0)) revert AigcNFT_InvalidParameter("oracle");
        if (config.revenueReceiver == address(0)) revert AigcNFT_InvalidParameter("revenueReceiver");
        if (config.royaltyBps > _feeDenominator()) revert AigcNFT_InvalidParameter("royaltyBps");
        if (config.commitReveal) {
            // SAFETY: a reveal in the commit's own block would let a front-runner commit and reveal at once.
            if (config.minRevealDelay == 0) revert AigcNFT_InvalidParameter("minRevealDelay");
            if (config.maxRevealDelay < config.minRevealDelay) {
                revert AigcNFT_InvalidParameter("maxRevealDelay");
            }
        }
        ORACLE = config.oracle;
        MODEL_ID = config.modelId;
        REVENUE_RECEIVER = config.revenueReceiver;
        MINT_FEE = config.mintFee;
        CALLBACK_GAS_LIMIT = config.callbackGasLimit;
        COMMIT_REVEAL = config.commitReveal;
        MIN_REVEAL_DELAY = config.minRevealDelay;
        MAX_REVEAL_DELAY = config.maxRevealDelay;
        _setDefaultRoyalty(config.revenueReceiver, config.royaltyBps);
    }

    // ----------------------------------------------------------------------------------------------------
    // Minting
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IAigcNFT
    function mint(bytes calldata prompt_) external payable returns (uint256 tokenId_, uint256 requestId) {
        // INVARIANT: with commit-reveal on, a prompt can only be claimed by the account that committed to it.
        if (COMMIT_REVEAL) revert AigcNFT_CommitRevealRequired();
        return _mintPrompt(prompt_);
    }

    /// @inheritdoc IAigcNFT
    function commit(bytes32 commitment) external {
        if (!COMMIT_REVEAL) revert AigcNFT_CommitRevealDisabled();
        uint256 committedAt = _commitBlock[commitment];
        // SAFETY: a pending commitment cannot be refreshed, so nobody can push its reveal window back.
        if (committedAt != 0 && block.number <= committedAt + MAX_REVEAL_DELAY) {
            revert AigcNFT_AlreadyCommitted(commitment);
        }
        _commitBlock[commitment] = block.number;
        emit Committed(commitment, msg.sender, block.number);
    }

    /// @inheritdoc IAigcNFT
    function reveal(bytes calldata prompt_, bytes32 salt)
        external
        payable
        returns (uint256 tokenId_, uint256 requestId)
    {
        if (!COMMIT_REVEAL) revert AigcNFT_CommitRevealDisabled();
        bytes32 commitment = keccak256(abi.encode(prompt_, msg.sender, salt));
        uint256 committedAt = _commitBlock[commitment];
        if (committedAt == 0) revert AigcNFT_UnknownCommitment(commitment);
        // INVARIANT: a reveal lands in a later block than its commit, so the prompt was hidden when claimed.
        if (block.number < committedAt + MIN_REVEAL_DELAY) {
            revert AigcNFT_RevealTooEarly(commitment, committedAt + MIN_REVEAL_DELAY);
        }
        if (block.number > committedAt + MAX_REVEAL_DELAY) {
            revert AigcNFT_RevealTooLate(commitment, committedAt + MAX_REVEAL_DELAY);
        }
        delete _commitBlock[commitment];
        return _mintPrompt(prompt_);
    }

    /// @dev Claims the prompt's token for the caller, requests its content, routes the fees.
    function _mintPrompt(bytes calldata prompt_) internal returns (uint256 tokenId_, uint256 requestId) {
        tokenId_ = uint256(keccak256(prompt_));
        AigcRecord storage r = _records[tokenId_];
        // INVARIANT: a prompt mints once (and distinct prompts have distinct ids: keccak256).
        if (r.requestId != 0) revert AigcNFT_PromptAlreadyMinted(tokenId_);
        uint256 oracleFee = ORACLE.estimateFee(MODEL_ID, CALLBACK_GAS_LIMIT);
        uint256 mintFee = MINT_FEE;
        // INVARIANT: exact payment; every wei paid goes to the revenue receiver or the oracle, none stays here.
        if (msg.value != mintFee + oracleFee) revert AigcNFT_WrongPayment(mintFee + oracleFee, msg.value);

        // The oracle is trusted (immutable) and makes no callback during a request; it validates the prompt.
        requestId = ORACLE.requestCallback{value: oracleFee}(
            MODEL_ID, prompt_, address(this), CALLBACK_GAS_LIMIT, ""
        );
        r.requestId = SafeCast.toUint64(requestId);
        r.requester = msg.sender;
        r.prompt = prompt_;
        _tokenOfRequest[requestId] = tokenId_;
        emit MintRequested(tokenId_, msg.sender, requestId, prompt_, mintFee, oracleFee);

        if (mintFee != 0) {
            // A plain ETH transfer: the RevShareToken books it as revenue in `receive`.
            (bool ok,) = REVENUE_RECEIVER.call{value: mintFee}("");
            if (!ok) revert AigcNFT_FeeTransferFailed(REVENUE_RECEIVER, mintFee);
        }
        _safeMint(msg.sender, tokenId_);
    }

    // ----------------------------------------------------------------------------------------------------
    // Expired requests
    // ----------------------------------------------------------------------------------------------------

    /// @notice This contract's oracle credit, pulled by `reclaimExpired` and `rerequest` (or pushed by anyone's
    ///         `ORACLE.flush(this)`): booked here, whoever triggered it.
    receive() external payable {
        // SAFETY: only the oracle pays this contract; anything else would be unbooked.
        if (msg.sender != address(ORACLE)) revert AigcNFT_UnexpectedEth(msg.sender);
        _oracleWithdrawn += msg.value;
        emit OracleCreditPulled(msg.value);
    }

    /// @inheritdoc IAigcNFT
    function reclaimExpired(uint256 tokenId_) external nonReentrant returns (uint256 refund) {
        AigcRecord storage r = _record(tokenId_);
        uint256 requestId = r.requestId;
        address requester;
        (refund, requester) = _settleExpired(tokenId_, r, requestId);
        _payRefund(tokenId_, requestId, requester, refund);
    }

    /// @inheritdoc IAigcNFT
    function rerequest(uint256 tokenId_) external payable nonReentrant returns (uint256 requestId) {
        AigcRecord storage r = _record(tokenId_);
        uint256 oldRequestId = r.requestId;
        uint256 refund;
        address requester;
        // A refunded request is an expired one (nothing else is refunded); any other must have expired now.
        if (r.requester != address(0)) (refund, requester) = _settleExpired(tokenId_, r, oldRequestId);
        uint256 oracleFee = ORACLE.estimateFee(MODEL_ID, CALLBACK_GAS_LIMIT);
        // INVARIANT: exact payment; the mint fee was paid once, at the mint.
        if (msg.value != oracleFee) revert AigcNFT_WrongPayment(oracleFee, msg.value);
        bytes memory prompt_ = r.prompt;
        requestId = ORACLE.requestCallback{value: oracleFee}(MODEL_ID, prompt_, address(this), CALLBACK_GAS_LIMIT, "");
        r.requestId = SafeCast.toUint64(requestId);
        r.results = 0;
        r.requester = msg.sender;
        _tokenOfRequest[requestId] = tokenId_;
        emit ContentRerequested(tokenId_, msg.sender, requestId, oracleFee);
        if (requester != address(0)) _payRefund(tokenId_, oldRequestId, requester, refund);
    }

    /// @inheritdoc IAigcNFT
    function withdrawCredit(address to) external nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender];
        if (amount == 0) revert AigcNFT_NothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        _totalCredits -= amount;
        emit CreditWithdrawn(msg.sender, to, amount);
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert AigcNFT_TransferFailed(to, amount);
    }

    /// @dev Ends the token's expired request `requestId` on our side: expires it at the oracle if nobody did,
    ///      pulls our oracle credit, and books the refund of its escrow to its requester (paid by the caller).
    function _settleExpired(uint256 tokenId_, AigcRecord storage r, uint256 requestId)
        internal
        returns (uint256 refund, address requester)
    {
        requester = r.requester;
        // INVARIANT: a request's escrow is refunded once.
        if (requester == address(0)) revert AigcNFT_AlreadyRefunded(tokenId_, requestId);
        IOpmlOracle.Request memory q = ORACLE.getRequest(requestId);
        if (q.status == IOpmlOracle.Status.Requested && block.timestamp > q.expiresAt) {
            ORACLE.refundExpired(requestId);
        } else if (q.status != IOpmlOracle.Status.Expired) {
            // INVARIANT: only an unanswered, expired request is refunded; an answered one's escrow is the submitter's.
            revert AigcNFT_RequestNotExpired(tokenId_, requestId);
        }
        refund = q.escrow;
        r.requester = address(0);
        // An expired request never calls back: its id no longer needs to find the token.
        delete _tokenOfRequest[requestId];
        // `receive` books what arrives
        if (ORACLE.creditOf(address(this)) != 0) ORACLE.withdraw();
        uint256 available = _oracleWithdrawn - _refundsRecognized;
        // INVARIANT: the oracle credited this escrow to us when the request expired, and we pulled every credit,
        //            so it is among what was pulled and not yet matched; a minter is never paid anything else.
        if (available < refund) revert AigcNFT_RefundNotCovered(requestId, refund, available);
        _refundsRecognized += refund;
    }

    /// @dev Pushes a refund with a bounded stipend; credits it if the push fails.
    function _payRefund(uint256 tokenId_, uint256 requestId, address requester, uint256 refund) internal {
        bool ok = true;
        if (refund != 0) {
            // SAFETY: bounded gas and no return data copied: a requester can neither block nor bomb the caller.
            assembly ("memory-safe") {
                ok := call(ETH_PUSH_GAS, requester, refund, 0, 0, 0, 0)
            }
            if (!ok) {
                _credits[requester] += refund;
                _totalCredits += refund;
            }
        }
        emit MintRefunded(tokenId_, requestId, requester, refund, !ok);
    }

    // ----------------------------------------------------------------------------------------------------
    // Oracle results
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IAICallbackReceiver
    function aiOracleCallback(uint256 requestId, bytes calldata output, bytes calldata) external {
        // INVARIANT: a token's content changes only through the oracle's results.
        if (msg.sender != address(ORACLE)) revert AigcNFT_NotOracle(msg.sender);
        uint256 tokenId_ = _tokenOfRequest[requestId];
        AigcRecord storage r = _records[tokenId_];
        // SAFETY: anyone can make the oracle call back here; only our own requests are accepted.
        if (requestId == 0 || r.requestId != requestId) revert AigcNFT_UnknownRequest(requestId);
        uint32 results = r.results;
        r.results = results + 1;
        r.aigcData = output;
        // The oracle calls back at most twice (the second time at finalization, with a different result): after
        // the second call nothing maps this request again.
        if (results != 0) delete _tokenOfRequest[requestId];
        if (results == 0) {
            emit AigcData(tokenId_, r.prompt, output, abi.encode(requestId));
        } else {
            emit Update(tokenId_, r.prompt, output);
        }
    }

    /// @inheritdoc IERC7007
    /// @dev Always reverts: content is added only by the oracle's callback (`aiOracleCallback`).
    function addAigcData(uint256, bytes calldata, bytes calldata, bytes calldata) external pure {
        revert AigcNFT_ContentSetByOracleOnly();
    }

    /// @inheritdoc IERC7007Updatable
    /// @dev Always reverts: content is updated only by the oracle's callback (`aiOracleCallback`).
    function update(bytes calldata, bytes calldata) external pure {
        revert AigcNFT_ContentSetByOracleOnly();
    }

    // ----------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------

    /// @inheritdoc IERC7007
    function verify(bytes calldata prompt_, bytes calldata aigcData, bytes calldata proof)
        external
        view
        returns (bool success)
    {
        AigcRecord storage r = _records[uint256(keccak256(prompt_))];
        uint256 requestId = r.requestId;
        if (requestId == 0 || r.results == 0) return false;
        if (proof.length != 0 && keccak256(proof) != keccak256(abi.encode(requestId))) return false;
        return _isFinal(r, requestId) && keccak256(aigcData) == keccak256(r.aigcData);
    }

    /// @inheritdoc IAigcNFT
    function isFinal(uint256 tokenId_) external view returns (bool) {
        AigcRecord storage r = _records[tokenId_];
        uint256 requestId = r.requestId;
        return requestId != 0 && r.results != 0 && _isFinal(r, requestId);
    }

    /// @dev Final at the oracle, and every result the oracle produced reached us (one callback per round), so
    ///      the stored data is the final output. A callback that failed leaves this false (never a stale true).
    function _isFinal(AigcRecord storage r, uint256 requestId) internal view returns (bool) {
        if (!ORACLE.isFinalized(requestId)) return false;
        return uint256(r.results) == uint256(ORACLE.getRequest(requestId).round) + 1;
    }

    /// @inheritdoc IERC7007Enumerable
    /// @dev Deterministic: `uint256(keccak256(prompt))`, whether or not it was minted.
    function tokenId(bytes calldata prompt_) external pure returns (uint256) {
        return uint256(keccak256(prompt_));
    }

    /// @inheritdoc IERC7007Enumerable
    function prompt(uint256 tokenId_) external view returns (string memory) {
        return string(_record(tokenId_).prompt);
    }

    /// @inheritdoc IAigcNFT
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc IAigcNFT
    function totalCredits() external view returns (uint256) {
        return _totalCredits;
    }

    /// @inheritdoc IAigcNFT
    function unattributedOracleCredit() external view returns (uint256) {
        return _oracleWithdrawn - _refundsRecognized;
    }

    /// @inheritdoc IAigcNFT
    function mintPrice() external view returns (uint256) {
        return MINT_FEE + ORACLE.estimateFee(MODEL_ID, CALLBACK_GAS_LIMIT);
    }

    /// @inheritdoc IAigcNFT
    function computeCommitment(bytes calldata prompt_, address minter, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(prompt_, minter, salt));
    }

    /// @inheritdoc IAigcNFT
    function commitBlock(bytes32 commitment) external view returns (uint256) {
        return _commitBlock[commitment];
    }

    /// @inheritdoc IAigcNFT
    function getRecord(uint256 tokenId_) external view returns (AigcRecord memory) {
        return _record(tokenId_);
    }

    /// @inheritdoc IAigcNFT
    function aigcDataOf(uint256 tokenId_) external view returns (bytes memory) {
        return _record(tokenId_).aigcData;
    }

    /// @inheritdoc IAigcNFT
    function tokenOfRequest(uint256 requestId) external view returns (uint256) {
        return _tokenOfRequest[requestId];
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, ERC2981, IERC165)
        returns (bool)
    {
        return interfaceId == type(IERC7007).interfaceId
            || interfaceId == type(IERC7007Enumerable).interfaceId
            || interfaceId == type(IERC7007Updatable).interfaceId || ERC721.supportsInterface(interfaceId)
            || ERC2981.supportsInterface(interfaceId);
    }

    function _record(uint256 tokenId_) internal view returns (AigcRecord storage r) {
        r = _records[tokenId_];
        if (r.requestId == 0) revert AigcNFT_UnknownToken(tokenId_);
    }
}
