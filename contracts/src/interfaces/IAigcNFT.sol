// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC7007Enumerable, IERC7007Updatable} from "./IERC7007.sol";
import {IAICallbackReceiver} from "./IAICallbackReceiver.sol";
import {IOpmlOracle} from "./IOpmlOracle.sol";

/// @title IAigcNFT
/// @notice One ERC-7007 collection per model: a user pays the mint fee plus the oracle fee, the token
///         `uint256(keccak256(prompt))` is minted to the user at once (the prompt is claimed at request time),
///         and the opML oracle's callbacks fill its content: the first result through `addAigcData` (event
///         `AigcData`), a result that a successful challenge replaces through `update` (event `Update`).
///
///         Content: only the oracle's callback (`aiOracleCallback`) changes a token's content; the external
///         `addAigcData` and `update` of ERC-7007 always revert (`AigcNFT_ContentSetByOracleOnly`).
///
///         Verification: `verify(prompt, aigcData, proof)` is true iff the token of `prompt` exists, the oracle
///         has finalized its request, every result the oracle produced for it reached this contract (callbacks
///         seen == the request's round + 1; otherwise the stored data could be stale and `verify` stays false),
///         and `aigcData` equals the stored content. `proof` is empty or `abi.encode(requestId)`; any other
///         `proof` gives false. The `proof` in `AigcData` events is `abi.encode(requestId)`.
///
///         Fees: `msg.value` must equal `mintPrice()` exactly (overpayment is rejected): the mint fee is pushed to
///         the model's RevShareToken as plain ETH (booked as revenue by its `receive`), the oracle fee goes to the
///         oracle with the request. ERC-2981 royalties name the same RevShareToken.
///
///         Expired requests: a request nobody answers before the oracle's `expiresAt` can no longer be answered,
///         and the oracle credits its escrow (submitter reward + callback gas payment) back to its requester,
///         this contract. `reclaimExpired(tokenId)` (anyone) settles that: it expires the request at the oracle
///         if nobody did, pulls this contract's oracle credit (`ORACLE.withdraw`; the only ETH this contract
///         accepts) and pays exactly the request's escrow to whoever paid for the request (the minter, or the
///         payer of a `rerequest`): pushed with the `ETH_PUSH_GAS` stipend, credited if the push fails
///         (`withdrawCredit`). The token stays with its owner and its prompt stays claimed: anyone may
///         `rerequest(tokenId)` its content for the oracle fee alone (the mint fee was paid once).
///         Books, to the wei: this contract's ETH = credits owed + `unattributedOracleCredit()` (ETH pulled from
///         the oracle not matched to a reclaimed request yet: escrows of expired requests nobody reclaimed, or any
///         other credit the oracle gave this contract, e.g. a model fee share if a registry named it a receiver;
///         it is never paid to a minter).
///
///         Front-running: with commit-reveal on, a prompt is claimed by `commit(keccak256(abi.encode(prompt,
///         minter, salt)))` then `reveal(prompt, salt)` between `MIN_REVEAL_DELAY` and `MAX_REVEAL_DELAY` blocks
///         later; `mint` reverts. With it off, `mint` works and `commit`/`reveal` revert, so a simulator can
///         measure what front-running costs.
interface IAigcNFT is IERC7007Enumerable, IERC7007Updatable, IAICallbackReceiver {
    /// @notice A token's content record.
    /// @param requestId The oracle request that produces the token's content (nonzero once minted; a
    ///        `rerequest` replaces it).
    /// @param results How many oracle results (callbacks) this contract has applied for that request.
    /// @param requester Who paid for that request and is refunded its escrow if it expires; zero once refunded.
    /// @param prompt The prompt (the model input bytes).
    /// @param aigcData The current content: the last output the oracle delivered (empty before the first).
    struct AigcRecord {
        uint64 requestId;
        uint32 results;
        address requester;
        bytes prompt;
        bytes aigcData;
    }

    /// @notice Constructor arguments.
    /// @param name ERC-721 name.
    /// @param symbol ERC-721 symbol.
    /// @param oracle The opML oracle.
    /// @param modelId The model this collection mints from.
    /// @param revenueReceiver The model's RevShareToken: receives mint fees and ERC-2981 royalties.
    /// @param mintFee Wei per mint, on top of the oracle fee.
    /// @param royaltyBps ERC-2981 royalty in basis points (at most 10,000).
    /// @param callbackGasLimit Gas bought for each oracle callback.
    /// @param commitReveal Whether prompts must be claimed by commit-reveal.
    /// @param minRevealDelay Blocks after a commit before its reveal (at least 1 when commit-reveal is on).
    /// @param maxRevealDelay Blocks after a commit until its reveal expires (at least `minRevealDelay`).
    struct Config {
        string name;
        string symbol;
        IOpmlOracle oracle;
        uint256 modelId;
        address payable revenueReceiver;
        uint256 mintFee;
        uint96 royaltyBps;
        uint64 callbackGasLimit;
        bool commitReveal;
        uint64 minRevealDelay;
        uint64 maxRevealDelay;
    }

    // ----------------------------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------------------------

    /// @notice A constructor argument is out of bounds.
    error AigcNFT_InvalidParameter(bytes32 name);
    /// @notice Only the oracle may deliver results.
    error AigcNFT_NotOracle(address caller);
    /// @notice The oracle called back for a request this contract did not make.
    error AigcNFT_UnknownRequest(uint256 requestId);
    /// @notice The prompt's token already exists (a prompt mints once).
    error AigcNFT_PromptAlreadyMinted(uint256 tokenId);
    /// @notice `msg.value` is not exactly `mintPrice()`.
    error AigcNFT_WrongPayment(uint256 required, uint256 sent);
    /// @notice Commit-reveal is on: claim the prompt with `commit` then `reveal`.
    error AigcNFT_CommitRevealRequired();
    /// @notice Commit-reveal is off: use `mint`.
    error AigcNFT_CommitRevealDisabled();
    /// @notice The commitment is already pending (and not expired).
    error AigcNFT_AlreadyCommitted(bytes32 commitment);
    /// @notice No pending commitment matches (prompt, caller, salt).
    error AigcNFT_UnknownCommitment(bytes32 commitment);
    /// @notice The reveal came before `MIN_REVEAL_DELAY` blocks had passed since the commit.
    error AigcNFT_RevealTooEarly(bytes32 commitment, uint256 earliestBlock);
    /// @notice The reveal came after `MAX_REVEAL_DELAY` blocks since the commit: commit again.
    error AigcNFT_RevealTooLate(bytes32 commitment, uint256 latestBlock);
    /// @notice Pushing the mint fee to the revenue receiver failed.
    error AigcNFT_FeeTransferFailed(address to, uint256 amount);
    /// @notice `addAigcData` and `update` are not callable: content comes only from oracle callbacks.
    error AigcNFT_ContentSetByOracleOnly();
    /// @notice No token with this id.
    error AigcNFT_UnknownToken(uint256 tokenId);
    /// @notice The token's request `requestId` has not expired (it was answered, or its time is not up): its
    ///         escrow is the submitter's, or may still be.
    error AigcNFT_RequestNotExpired(uint256 tokenId, uint256 requestId);
    /// @notice The escrow of the token's expired request `requestId` was already refunded.
    error AigcNFT_AlreadyRefunded(uint256 tokenId, uint256 requestId);
    /// @notice Only the oracle sends ETH to this contract (pulled credits); `sender` is not it.
    error AigcNFT_UnexpectedEth(address sender);
    /// @notice The oracle paid this contract less than the escrow it credited for an expired request.
    error AigcNFT_RefundNotCovered(uint256 requestId, uint256 refund, uint256 available);
    /// @notice `account` has no credit to withdraw.
    error AigcNFT_NothingToWithdraw(address account);
    /// @notice Sending `amount` wei to `to` failed.
    error AigcNFT_TransferFailed(address to, uint256 amount);

    // ----------------------------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------------------------

    /// @notice A prompt commitment was recorded at `blockNumber`.
    event Committed(bytes32 indexed commitment, address indexed committer, uint256 blockNumber);
    /// @notice The escrow (`refund` wei) of the token's expired request `requestId` went back to `requester`,
    ///         who paid for it (`credited`: the push failed and it was credited instead).
    event MintRefunded(
        uint256 indexed tokenId, uint256 indexed requestId, address indexed requester, uint256 refund, bool credited
    );
    /// @notice `payer` requested the content of `tokenId` again as `requestId` (its previous request expired).
    event ContentRerequested(uint256 indexed tokenId, address indexed payer, uint256 indexed requestId, uint256 oracleFee);
    /// @notice `amount` wei of this contract's oracle credit arrived (pulled here, or flushed by anyone).
    event OracleCreditPulled(uint256 amount);
    /// @notice `account`'s credit of `amount` wei was paid to `to`.
    event CreditWithdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice Token `tokenId` was minted to `minter` and its inference requested as `requestId`.
    event MintRequested(
        uint256 indexed tokenId,
        address indexed minter,
        uint256 indexed requestId,
        bytes prompt,
        uint256 mintFee,
        uint256 oracleFee
    );

    // ----------------------------------------------------------------------------------------------------
    // Minting
    // ----------------------------------------------------------------------------------------------------

    /// @notice Mints the token of `prompt` to the caller and requests its content from the oracle. `prompt`
    ///         must be a valid model input (docs: VM input encoding; the oracle rejects others).
    ///         `msg.value` must equal `mintPrice()`. Reverts with `AigcNFT_CommitRevealRequired` when commit-reveal
    ///         is on.
    /// @return tokenId `uint256(keccak256(prompt))`.
    /// @return requestId The oracle request id.
    function mint(bytes calldata prompt) external payable returns (uint256 tokenId, uint256 requestId);

    /// @notice Records `commitment = computeCommitment(prompt, msg.sender, salt)` at the current block.
    ///         An expired commitment may be recorded again.
    function commit(bytes32 commitment) external;

    /// @notice Mints like `mint`, for a prompt the caller committed to between `MIN_REVEAL_DELAY` and
    ///         `MAX_REVEAL_DELAY` blocks ago. Consumes the commitment.
    function reveal(bytes calldata prompt, bytes32 salt)
        external
        payable
        returns (uint256 tokenId, uint256 requestId);

    // ----------------------------------------------------------------------------------------------------
    // Expired requests
    // ----------------------------------------------------------------------------------------------------

    /// @notice Refunds the escrow of the token's expired request to whoever paid for it (see the notice).
    ///         Permissionless. Calls the oracle's `refundExpired` first if nobody has.
    /// @return refund The escrow refunded (pushed or credited).
    function reclaimExpired(uint256 tokenId) external returns (uint256 refund);

    /// @notice Requests the content of `tokenId` again once its request expired, with `msg.value` exactly the
    ///         oracle fee (`mintPrice() - MINT_FEE`); reclaims the old request's escrow first if nobody has. The
    ///         caller pays, and is refunded if this request expires too. Permissionless.
    /// @return requestId The new oracle request.
    function rerequest(uint256 tokenId) external payable returns (uint256 requestId);

    /// @notice Pays the caller's whole credit (refunds it could not receive) to `to`.
    function withdrawCredit(address to) external returns (uint256 amount);

    // ----------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------

    /// @notice Credit of `account` (refunds that could not be pushed).
    function creditOf(address account) external view returns (uint256);

    /// @notice Sum of all credits.
    function totalCredits() external view returns (uint256);

    /// @notice ETH pulled from the oracle and not matched to a reclaimed request (see the notice).
    function unattributedOracleCredit() external view returns (uint256);

    /// @notice Gas forwarded with a refund push; a push that fails is credited.
    function ETH_PUSH_GAS() external view returns (uint256);

    /// @notice What a mint costs now: `MINT_FEE + oracle.estimateFee(MODEL_ID, CALLBACK_GAS_LIMIT)`.
    function mintPrice() external view returns (uint256);

    /// @notice `keccak256(abi.encode(prompt, minter, salt))`.
    function computeCommitment(bytes calldata prompt, address minter, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice Block of a pending commitment (0 if none).
    function commitBlock(bytes32 commitment) external view returns (uint256);

    /// @notice The content record of `tokenId` (reverts for an unknown token).
    function getRecord(uint256 tokenId) external view returns (AigcRecord memory);

    /// @notice The current content of `tokenId` (empty before the first result; reverts for an unknown token).
    function aigcDataOf(uint256 tokenId) external view returns (bytes memory);

    /// @notice The token whose content request `requestId` produces: 0 if none, and 0 again once the request can no
    ///         longer call back (after its second, final callback, or once its expiry was settled by
    ///         `reclaimExpired`/`rerequest`), when the entry is deleted (docs/oracle.md, "What is deleted").
    function tokenOfRequest(uint256 requestId) external view returns (uint256);

    /// @notice Whether the token's content is final and up to date (`verify` of its stored data).
    function isFinal(uint256 tokenId) external view returns (bool);

    function ORACLE() external view returns (IOpmlOracle);
    function MODEL_ID() external view returns (uint256);
    function REVENUE_RECEIVER() external view returns (address payable);
    function MINT_FEE() external view returns (uint256);
    function CALLBACK_GAS_LIMIT() external view returns (uint64);
    function COMMIT_REVEAL() external view returns (bool);
    function MIN_REVEAL_DELAY() external view returns (uint64);
    function MAX_REVEAL_DELAY() external view returns (uint64);
}
