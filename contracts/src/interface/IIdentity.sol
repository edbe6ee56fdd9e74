// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./IERC734.sol";
import "./IERC735.sol";

/// An ONCHAINID identity: ERC-734 keys plus ERC-735 claims.
interface IIdentity is IERC734, IERC735 {
    function isClaimValid(IIdentity subject, uint256 claimTopic, bytes calldata sig, bytes calldata data)
        external view returns (bool);
}
