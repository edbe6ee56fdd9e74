// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Owned.sol";
import "./interface/ITREX.sol";

/// IdentityRegistry maps wallets to identities through its storage and decides
/// whether a wallet is verified: for every required topic, its identity holds a
/// claim from an issuer trusted for that topic which the issuer still finds valid.
contract IdentityRegistry is IIdentityRegistry, Owned {
    IIdentityRegistryStorage private _storage;
    IClaimTopicsRegistry private _topics;
    ITrustedIssuersRegistry private _issuers;

    constructor(ITrustedIssuersRegistry issuers_, IClaimTopicsRegistry topics_, IIdentityRegistryStorage storage_) {
        require(address(issuers_) != address(0) && address(topics_) != address(0) && address(storage_) != address(0),
            "invalid argument - zero address");
        _issuers = issuers_;
        _topics = topics_;
        _storage = storage_;
        emit ClaimTopicsRegistrySet(address(topics_));
        emit IdentityStorageSet(address(storage_));
        emit TrustedIssuersRegistrySet(address(issuers_));
    }

    function registerIdentity(address _userAddress, IIdentity _identity, uint16 _country) public override onlyAgent {
        _storage.addIdentityToStorage(_userAddress, _identity, _country);
        emit IdentityRegistered(_userAddress, _identity);
    }

    function deleteIdentity(address _userAddress) external override onlyAgent {
        IIdentity old = identity(_userAddress);
        _storage.removeIdentityFromStorage(_userAddress);
        emit IdentityRemoved(_userAddress, old);
    }

    function updateCountry(address _userAddress, uint16 _country) external override onlyAgent {
        _storage.modifyStoredInvestorCountry(_userAddress, _country);
        emit CountryUpdated(_userAddress, _country);
    }

    function updateIdentity(address _userAddress, IIdentity _identity) external override onlyAgent {
        IIdentity old = identity(_userAddress);
        _storage.modifyStoredIdentity(_userAddress, _identity);
        emit IdentityUpdated(old, _identity);
    }

    function contains(address _userAddress) external view override returns (bool) {
        return address(identity(_userAddress)) != address(0);
    }

    function isVerified(address _userAddress) external view override returns (bool) {
        IIdentity id = identity(_userAddress);
        if (address(id) == address(0)) return false;
        uint256[] memory required = _topics.getClaimTopics();
        for (uint256 t = 0; t < required.length; t++) {
            if (!_hasValidClaim(id, required[t])) return false;
        }
        return true;
    }

    function identity(address _userAddress) public view override returns (IIdentity) {
        return _storage.storedIdentity(_userAddress);
    }

    function investorCountry(address _userAddress) external view override returns (uint16) {
        return _storage.storedInvestorCountry(_userAddress);
    }

    function identityStorage() external view override returns (IIdentityRegistryStorage) {
        return _storage;
    }

    function issuersRegistry() external view override returns (ITrustedIssuersRegistry) {
        return _issuers;
    }

    function topicsRegistry() external view override returns (IClaimTopicsRegistry) {
        return _topics;
    }

    function _hasValidClaim(IIdentity id, uint256 topic) private view returns (bool) {
        IClaimIssuer[] memory trusted = _issuers.getTrustedIssuersForClaimTopic(topic);
        for (uint256 i = 0; i < trusted.length; i++) {
            bytes32 claimId = keccak256(abi.encode(address(trusted[i]), topic));
            (uint256 foundTopic,, address issuer, bytes memory sig, bytes memory data,) = id.getClaim(claimId);
            if (foundTopic != topic) continue;
            try IClaimIssuer(issuer).isClaimValid(id, topic, sig, data) returns (bool valid) {
                if (valid) return true;
            } catch {}
        }
        return false;
    }
}
