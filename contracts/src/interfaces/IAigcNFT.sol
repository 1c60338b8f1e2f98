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
///         Fees: `msg.value` must equal `mintPrice()` exactly (overpayment is rejected, so nothing is ever
///         refunded or left in this contract): the mint fee is pushed to the model's RevShareToken as plain ETH
///         (booked as revenue by its `receive`), the oracle fee goes to the oracle with the request. ERC-2981
///         royalties name the same RevShareToken.
///
///         Front-running: with commit-reveal on, a prompt is claimed by `commit(keccak256(abi.encode(prompt,
///         minter, salt)))` then `reveal(prompt, salt)` between `MIN_REVEAL_DELAY` and `MAX_REVEAL_DELAY` blocks
///         later; `mint` reverts. With it off, `mint` works and `commit`/`reveal` revert, so a simulator can
///         measure what front-running costs.
interface IAigcNFT is IERC7007Enumerable, IERC7007Updatable, IAICallbackReceiver {
    /// @notice A token's content record.
    /// @param requestId The oracle request that produces the token's content (nonzero once minted).
    /// @param results How many oracle results (callbacks) this contract has applied to the token.
    /// @param prompt The prompt (the model input bytes).
    /// @param aigcData The current content: the last output the oracle delivered (empty before the first).
    struct AigcRecord {
        uint64 requestId;
        uint32 results;
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

    // ----------------------------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------------------------

    /// @notice A prompt commitment was recorded at `blockNumber`.
    event Committed(bytes32 indexed commitment, address indexed committer, uint256 blockNumber);
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
    // Views
    // ----------------------------------------------------------------------------------------------------

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

    /// @notice The token whose content request `requestId` produces (0 if none).
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
