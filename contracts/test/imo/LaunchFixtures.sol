// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IImoLaunch} from "../../src/interfaces/IImoLaunch.sol";
import {IRevShareToken} from "../../src/interfaces/IRevShareToken.sol";

/// @dev Launch parameters the tests share.
library LaunchFixtures {
    /// @dev Who receives a launch's allocations and proceeds.
    struct Parties {
        address liquidity;
        address contributors;
        address team;
        address treasury;
    }

    /// @dev The OpenLM-like default launch: half the supply on sale, 30 % to liquidity (revenue-excluded), 10 % each
    ///      to contributors and team, 80 % of the model's revenue to the token, 80 % of that claimable every 90 days
    ///      over a window of 2 snapshots, unclaimed revenue rolled forward; no minimum deposit, no vesting, no pool.
    function openLm(uint256 modelId, uint256 totalSupply, uint256 target, uint48 start, uint48 end, Parties memory to)
        internal
        pure
        returns (IImoLaunch.LaunchParams memory p)
    {
        p.modelId = modelId;
        p.name = "OpenLM";
        p.symbol = "OLM";
        p.totalSupply = totalSupply;
        p.publicSaleBps = 5000;
        p.liquidity = IImoLaunch.Allocation(to.liquidity, 3000);
        p.contributors = IImoLaunch.Allocation(to.contributors, 1000);
        p.team = IImoLaunch.Allocation(to.team, 1000);
        p.excludeLiquidity = true;
        p.target = target;
        p.start = start;
        p.end = end;
        p.treasury = to.treasury;
        p.revenueShareBps = 8000;
        p.token = IImoLaunch.TokenParams({
            claimableBps: 8000,
            snapshotInterval: 90 days,
            claimWindow: 2,
            unclaimedPolicy: IRevShareToken.UnclaimedPolicy.RollForward,
            revenueTokens: new address[](0)
        });
    }
}
