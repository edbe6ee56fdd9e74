// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Owned.sol";
import "./interface/ITREX.sol";

/// ClaimTopicsRegistry lists the claim topics an identity needs to be verified (ERC-3643).
contract ClaimTopicsRegistry is IClaimTopicsRegistry, Owned {
    uint256 private constant MAX_TOPICS = 15;
    uint256[] private _claimTopics;

    function addClaimTopic(uint256 _claimTopic) external override onlyOwner {
        require(_claimTopics.length < MAX_TOPICS, "cannot require more than 15 topics");
        for (uint256 i = 0; i < _claimTopics.length; i++) {
            require(_claimTopics[i] != _claimTopic, "claimTopic already exists");
        }
        _claimTopics.push(_claimTopic);
        emit ClaimTopicAdded(_claimTopic);
    }

    function removeClaimTopic(uint256 _claimTopic) external override onlyOwner {
        for (uint256 i = 0; i < _claimTopics.length; i++) {
            if (_claimTopics[i] == _claimTopic) {
                _claimTopics[i] = _claimTopics[_claimTopics.length - 1];
                _claimTopics.pop();
                emit ClaimTopicRemoved(_claimTopic);
                return;
            }
        }
    }

    function getClaimTopics() external view override returns (uint256[] memory) {
        return _claimTopics;
    }
}
