// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./IIdentity.sol";

/// A claim issuer: an identity whose purpose-3 keys sign claims, and which can revoke them.
interface IClaimIssuer is IIdentity {
    event ClaimRevoked(bytes indexed signature);

    function revokeClaim(bytes32 _claimId, address _identity) external returns (bool);
    function revokeClaimBySignature(bytes calldata signature) external;
    function isClaimRevoked(bytes calldata _sig) external view returns (bool);
}
