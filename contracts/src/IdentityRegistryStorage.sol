// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Owned.sol";
import "./interface/ITREX.sol";

/// IdentityRegistryStorage holds the wallet-to-identity entries that bound
/// identity registries read and write (ERC-3643).
contract IdentityRegistryStorage is IIdentityRegistryStorage, Owned {
    uint256 private constant MAX_REGISTRIES = 300;

    struct Entry {
        IIdentity identity;
        uint16 country;
    }

    mapping(address => Entry) private _entries;
    address[] private _registries;

    modifier onlyRegistry() {
        require(_isBound(msg.sender) || msg.sender == owner(), "AgentRole: caller does not have the Agent role");
        _;
    }

    function addIdentityToStorage(address _userAddress, IIdentity _identity, uint16 _country) external override onlyRegistry {
        require(_userAddress != address(0) && address(_identity) != address(0), "invalid argument - zero address");
        require(address(_entries[_userAddress].identity) == address(0), "address stored already");
        _entries[_userAddress] = Entry(_identity, _country);
        emit IdentityStored(_userAddress, _identity);
    }

    function removeIdentityFromStorage(address _userAddress) external override onlyRegistry {
        IIdentity old = _entries[_userAddress].identity;
        require(address(old) != address(0), "address not stored yet");
        delete _entries[_userAddress];
        emit IdentityUnstored(_userAddress, old);
    }

    function modifyStoredInvestorCountry(address _userAddress, uint16 _country) external override onlyRegistry {
        require(address(_entries[_userAddress].identity) != address(0), "address not stored yet");
        _entries[_userAddress].country = _country;
        emit CountryModified(_userAddress, _country);
    }

    function modifyStoredIdentity(address _userAddress, IIdentity _identity) external override onlyRegistry {
        IIdentity old = _entries[_userAddress].identity;
        require(address(old) != address(0), "address not stored yet");
        require(address(_identity) != address(0), "invalid argument - zero address");
        _entries[_userAddress].identity = _identity;
        emit IdentityModified(old, _identity);
    }

    function bindIdentityRegistry(address _identityRegistry) external override onlyOwner {
        require(_identityRegistry != address(0), "invalid argument - zero address");
        require(!_isBound(_identityRegistry), "identity registry already bound");
        require(_registries.length < MAX_REGISTRIES, "cannot bind more than 300 IR to 1 IRS");
        _registries.push(_identityRegistry);
        emit IdentityRegistryBound(_identityRegistry);
    }

    function unbindIdentityRegistry(address _identityRegistry) external override onlyOwner {
        for (uint256 i = 0; i < _registries.length; i++) {
            if (_registries[i] == _identityRegistry) {
                _registries[i] = _registries[_registries.length - 1];
                _registries.pop();
                emit IdentityRegistryUnbound(_identityRegistry);
                return;
            }
        }
        revert("identity registry is not stored");
    }

    function linkedIdentityRegistries() external view override returns (address[] memory) {
        return _registries;
    }

    function storedIdentity(address _userAddress) external view override returns (IIdentity) {
        return _entries[_userAddress].identity;
    }

    function storedInvestorCountry(address _userAddress) external view override returns (uint16) {
        return _entries[_userAddress].country;
    }

    function _isBound(address registry) private view returns (bool) {
        for (uint256 i = 0; i < _registries.length; i++) {
            if (_registries[i] == registry) return true;
        }
        return false;
    }
}
