// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC7641} from "../../../src/interfaces/IERC7641.sol";
import {IRevShareToken} from "../../../src/interfaces/IRevShareToken.sol";
import {ITransferHook} from "./HookRevenueToken.sol";

/// @notice A token holder that is a contract and attacks from every callback it gets: when it receives ETH
///         and when a hook token (`HookRevenueToken`) calls it, it re-enters every state-changing entry
///         point of the RevShareToken (snapshot, claim, claimBatch, burn, absorbSurplus, withdrawCredit,
///         depositRevenueERC20) and records whether each was refused. It can also move RevShareTokens and
///         deposit ETH from inside the callback (both allowed: they touch nothing a payout reads), and
///         refuse ETH altogether. Anyone may make it call the token (`act`): tests and handlers drive it.
contract ReentrantHolder is ITransferHook {
    /// @dev keccak256("ReentrancyGuardReentrantCall()")[:4]
    bytes4 internal constant _REENTRANT_CALL = 0x3ee5aeb5;

    IRevShareToken public immutable token;

    bool public armed = true;
    bool public refuseEth;
    address public hookTransferTo;
    uint256 public hookTransferAmount;
    uint256 public hookEthDeposit;

    /// @notice Re-entrant calls refused with `ReentrancyGuardReentrantCall`.
    uint256 public reentriesRefused;
    /// @notice Re-entrant calls that went through, or were refused for another reason: must stay 0.
    uint256 public reentriesNotRefusedByGuard;
    /// @notice RevShareTokens moved and ETH deposited from inside callbacks (allowed), in total.
    uint256 public hookTransferred;
    uint256 public hookEthDeposited;
    uint256 public callbacks;

    constructor(IRevShareToken token_) {
        token = token_;
    }

    function setArmed(bool armed_) external {
        armed = armed_;
    }

    function setRefuseEth(bool refuse) external {
        refuseEth = refuse;
    }

    /// @notice From inside each callback, transfer `amount` RevShareTokens to `to` (if held) and deposit
    ///         `ethDeposit` wei of ETH revenue (if held).
    function setHookSideEffects(address to, uint256 amount, uint256 ethDeposit) external {
        hookTransferTo = to;
        hookTransferAmount = amount;
        hookEthDeposit = ethDeposit;
    }

    /// @notice Calls the token as this holder; bubbles a revert.
    function act(bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = address(token).call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    function approveToken(address erc20, address spender, uint256 amount) external {
        (bool ok,) = erc20.call(abi.encodeWithSignature("approve(address,uint256)", spender, amount));
        require(ok, "approve failed");
    }

    receive() external payable {
        if (refuseEth) revert("refuses ETH");
        if (armed) _attack();
    }

    function onTokenTransfer(address, address, address, uint256) external {
        if (armed) _attack();
    }

    function _attack() internal {
        armed = false; // one level deep: the calls below must all be refused anyway
        ++callbacks;
        uint256 current = token.currentSnapshotId();
        uint256[] memory ids = new uint256[](1);
        ids[0] = current;
        _reenter(abi.encodeCall(IERC7641.snapshot, ()));
        _reenter(abi.encodeCall(IERC7641.claim, (current)));
        _reenter(abi.encodeCall(IRevShareToken.claimBatch, (ids)));
        _reenter(abi.encodeCall(IERC7641.burn, (1)));
        _reenter(abi.encodeCall(IRevShareToken.absorbSurplus, (address(0))));
        _reenter(abi.encodeCall(IRevShareToken.withdrawCredit, (address(0), address(this))));
        address[] memory revenueTokens = token.revenueTokens();
        for (uint256 i; i < revenueTokens.length; ++i) {
            _reenter(abi.encodeCall(IRevShareToken.depositRevenueERC20, (revenueTokens[i], 1)));
            _reenter(abi.encodeCall(IRevShareToken.withdrawCredit, (revenueTokens[i], address(this))));
        }
        // Allowed from a callback: ERC-20 transfers of the RevShareToken and ETH deposits.
        uint256 amount = hookTransferAmount;
        if (amount != 0 && token.balanceOf(address(this)) >= amount) {
            token.transfer(hookTransferTo, amount);
            hookTransferred += amount;
        }
        uint256 deposit = hookEthDeposit;
        if (deposit != 0 && address(this).balance >= deposit) {
            token.depositRevenue{value: deposit}();
            hookEthDeposited += deposit;
        }
        armed = true;
    }

    function _reenter(bytes memory data) internal {
        (bool ok, bytes memory result) = address(token).call(data);
        if (!ok && result.length == 4 && bytes4(result) == _REENTRANT_CALL) ++reentriesRefused;
        else ++reentriesNotRefusedByGuard;
    }
}
