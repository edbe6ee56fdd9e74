// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Identity.sol";
import "./interface/IClaimIssuer.sol";

/// ClaimIssuer is an identity whose purpose-3 keys sign claims. It revokes claims by
/// signature and, unlike ONCHAINID 2.2.1, accepts only canonical signatures
/// (low s, v in {27, 28}), so a revoked claim cannot be revived by re-encoding it.
contract ClaimIssuer is Identity, IClaimIssuer {
    mapping(bytes => bool) public revokedClaims;

    constructor(address initialManagementKey) Identity(initialManagementKey) {}

    function revokeClaimBySignature(bytes calldata signature) external override onlyManager {
        require(!revokedClaims[signature], "Conflict: Claim already revoked");
        revokedClaims[signature] = true;
        emit ClaimRevoked(signature);
    }

    function revokeClaim(bytes32 _claimId, address _identity) external override onlyManager returns (bool) {
        (,,, bytes memory sig,,) = Identity(_identity).getClaim(_claimId);
        require(!revokedClaims[sig], "Conflict: Claim already revoked");
        revokedClaims[sig] = true;
        emit ClaimRevoked(sig);
        return true;
    }

    function isClaimValid(IIdentity subject, uint256 claimTopic, bytes memory sig, bytes memory data)
        public view override(Identity, IIdentity) returns (bool claimValid)
    {
        return Identity.isClaimValid(subject, claimTopic, sig, data) && !isClaimRevoked(sig);
    }

    function isClaimRevoked(bytes memory _sig) public view override returns (bool) {
        return revokedClaims[_sig];
    }
}
