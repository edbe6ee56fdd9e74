// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./interface/IClaimIssuer.sol";

/// ClaimRenewal renews a claim in one transaction: through the issuer identity's
/// execute it adds the new claim to the subject, where the same claim id
/// (keccak256(abi.encode(issuer, topic))) replaces the old claim, and it revokes the
/// old signature on the issuer. ONCHAINID's execute does not revert when the call it
/// makes fails, so the checks after each step are what make the pair all or nothing.
///
/// The issuer gives this contract its MANAGEMENT (1) and ACTION (2) purposes; only a
/// MANAGEMENT key of that issuer may call it, so it grants nobody more than they
/// already hold. It keeps no state.
contract ClaimRenewal {
    uint256 private constant MANAGEMENT = 1;
    uint256 private constant ECDSA = 1;

    function renew(
        IClaimIssuer issuer,
        IIdentity subject,
        uint256 topic,
        bytes memory signature,
        bytes memory data,
        string memory uri,
        bytes memory oldSignature
    ) external {
        require(issuer.keyHasPurpose(keccak256(abi.encode(msg.sender)), MANAGEMENT),
            "ClaimRenewal: sender is not a management key of the issuer");
        issuer.execute(address(subject), 0,
            abi.encodeCall(IERC735.addClaim, (topic, ECDSA, address(issuer), signature, data, uri)));
        (,, address storedIssuer, bytes memory stored,,) = subject.getClaim(keccak256(abi.encode(address(issuer), topic)));
        require(storedIssuer == address(issuer) && keccak256(stored) == keccak256(signature),
            "ClaimRenewal: the subject did not take the new claim");
        issuer.revokeClaimBySignature(oldSignature);
        require(issuer.isClaimRevoked(oldSignature), "ClaimRenewal: the old signature is not revoked");
    }
}
