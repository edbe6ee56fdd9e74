// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Owned.sol";
import "./interface/ITREX.sol";

/// TrustedIssuersRegistry records which claim issuers are trusted for which topics (ERC-3643).
contract TrustedIssuersRegistry is ITrustedIssuersRegistry, Owned {
    uint256 private constant MAX_ISSUERS = 50;
    uint256 private constant MAX_TOPICS = 15;

    IClaimIssuer[] private _trustedIssuers;
    mapping(address => uint256[]) private _issuerTopics;
    mapping(uint256 => IClaimIssuer[]) private _issuersByTopic;

    function addTrustedIssuer(IClaimIssuer _issuer, uint256[] calldata _claimTopics) external override onlyOwner {
        require(address(_issuer) != address(0), "invalid argument - zero address");
        require(_issuerTopics[address(_issuer)].length == 0, "trusted Issuer already exists");
        require(_claimTopics.length > 0, "trusted claim topics cannot be empty");
        require(_claimTopics.length <= MAX_TOPICS, "cannot have more than 15 claim topics");
        require(_trustedIssuers.length < MAX_ISSUERS, "cannot have more than 50 trusted issuers");
        _trustedIssuers.push(_issuer);
        _setTopics(_issuer, _claimTopics);
        emit TrustedIssuerAdded(_issuer, _claimTopics);
    }

    function removeTrustedIssuer(IClaimIssuer _issuer) external override onlyOwner {
        require(_issuerTopics[address(_issuer)].length != 0, "NOT a trusted issuer");
        _clearTopics(_issuer);
        _removeFrom(_trustedIssuers, _issuer);
        emit TrustedIssuerRemoved(_issuer);
    }

    function updateIssuerClaimTopics(IClaimIssuer _issuer, uint256[] calldata _claimTopics) external override onlyOwner {
        require(_issuerTopics[address(_issuer)].length != 0, "NOT a trusted issuer");
        require(_claimTopics.length > 0, "claim topics cannot be empty");
        require(_claimTopics.length <= MAX_TOPICS, "cannot have more than 15 claim topics");
        _clearTopics(_issuer);
        _setTopics(_issuer, _claimTopics);
        emit ClaimTopicsUpdated(_issuer, _claimTopics);
    }

    function getTrustedIssuers() external view override returns (IClaimIssuer[] memory) {
        return _trustedIssuers;
    }

    function getTrustedIssuersForClaimTopic(uint256 claimTopic) external view override returns (IClaimIssuer[] memory) {
        return _issuersByTopic[claimTopic];
    }

    function isTrustedIssuer(address _issuer) external view override returns (bool) {
        return _issuerTopics[_issuer].length != 0;
    }

    function getTrustedIssuerClaimTopics(IClaimIssuer _issuer) external view override returns (uint256[] memory) {
        require(_issuerTopics[address(_issuer)].length != 0, "trusted Issuer doesn't exist");
        return _issuerTopics[address(_issuer)];
    }

    function hasClaimTopic(address _issuer, uint256 _claimTopic) external view override returns (bool) {
        uint256[] storage topics = _issuerTopics[_issuer];
        for (uint256 i = 0; i < topics.length; i++) {
            if (topics[i] == _claimTopic) return true;
        }
        return false;
    }

    function _setTopics(IClaimIssuer _issuer, uint256[] calldata _claimTopics) private {
        _issuerTopics[address(_issuer)] = _claimTopics;
        for (uint256 i = 0; i < _claimTopics.length; i++) {
            _issuersByTopic[_claimTopics[i]].push(_issuer);
        }
    }

    function _clearTopics(IClaimIssuer _issuer) private {
        uint256[] storage topics = _issuerTopics[address(_issuer)];
        for (uint256 i = 0; i < topics.length; i++) {
            _removeFrom(_issuersByTopic[topics[i]], _issuer);
        }
        delete _issuerTopics[address(_issuer)];
    }

    function _removeFrom(IClaimIssuer[] storage list, IClaimIssuer _issuer) private {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == _issuer) {
                list[i] = list[list.length - 1];
                list.pop();
                return;
            }
        }
    }
}
