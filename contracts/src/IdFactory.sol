// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Identity.sol";
import "./Owned.sol";
import "./interface/IIdFactory.sol";

/// IdFactory deploys identities with CREATE2 and keeps the wallet-to-identity index,
/// with the same ABI and salt rule ("OID" + salt) as ONCHAINID 2.2's IdFactory.
contract IdFactory is IIdFactory, Owned {
    uint256 private constant MAX_WALLETS = 101;

    mapping(string => bool) private _saltTaken;
    mapping(address => address) private _userIdentity;
    mapping(address => address[]) private _wallets;

    function createIdentity(address _wallet, string memory _salt) external override onlyOwner returns (address) {
        address identity = _deploy(_wallet, _salt, _wallet);
        _link(_wallet, identity);
        return identity;
    }

    /// createIdentityWithClaimKeys is createIdentity with CLAIM (purpose 3) keys added
    /// at birth, such as a claim issuer that may then add its claims itself. It is not
    /// part of ONCHAINID 2.2's IdFactory. The identity is born managed by this factory,
    /// which adds the wallet as MANAGEMENT key and the claim keys, then removes itself.
    function createIdentityWithClaimKeys(address _wallet, string memory _salt, bytes32[] calldata _claimKeys)
        external onlyOwner returns (address)
    {
        Identity identity = Identity(_deploy(_wallet, _salt, address(this)));
        identity.addKey(keccak256(abi.encode(_wallet)), 1, 1);
        for (uint256 i = 0; i < _claimKeys.length; i++) {
            identity.addKey(_claimKeys[i], 3, 1);
        }
        identity.removeKey(keccak256(abi.encode(address(this))), 1);
        _link(_wallet, address(identity));
        return address(identity);
    }

    function _deploy(address _wallet, string memory _salt, address _manager) private returns (address identity) {
        require(_wallet != address(0), "invalid argument - zero address");
        require(bytes(_salt).length != 0, "invalid argument - empty string");
        string memory oidSalt = string.concat("OID", _salt);
        require(!_saltTaken[oidSalt], "salt already taken");
        require(_userIdentity[_wallet] == address(0), "wallet already linked to an identity");

        bytes memory code = abi.encodePacked(type(Identity).creationCode, abi.encode(_manager));
        bytes32 salt = keccak256(abi.encodePacked(oidSalt));
        assembly {
            identity := create2(0, add(code, 0x20), mload(code), salt)
        }
        require(identity != address(0) && identity.code.length != 0, "deployment failed");
        emit Deployed(identity);
        _saltTaken[oidSalt] = true;
    }

    function _link(address _wallet, address _identity) private {
        _userIdentity[_wallet] = _identity;
        _wallets[_identity].push(_wallet);
        emit WalletLinked(_wallet, _identity);
    }

    function linkWallet(address _newWallet) external override {
        require(_newWallet != address(0), "invalid argument - zero address");
        address identity = _userIdentity[msg.sender];
        require(identity != address(0), "wallet not linked to an identity contract");
        require(_userIdentity[_newWallet] == address(0), "new wallet already linked");
        require(_wallets[identity].length < MAX_WALLETS, "max amount of wallets per ID exceeded");
        _userIdentity[_newWallet] = identity;
        _wallets[identity].push(_newWallet);
        emit WalletLinked(_newWallet, identity);
    }

    function unlinkWallet(address _oldWallet) external override {
        require(_oldWallet != address(0), "invalid argument - zero address");
        require(_oldWallet != msg.sender, "cannot be called on sender address");
        address identity = _userIdentity[_oldWallet];
        require(identity != address(0) && _userIdentity[msg.sender] == identity, "only a linked wallet can unlink");
        delete _userIdentity[_oldWallet];
        address[] storage wallets = _wallets[identity];
        for (uint256 i = 0; i < wallets.length; i++) {
            if (wallets[i] == _oldWallet) {
                wallets[i] = wallets[wallets.length - 1];
                wallets.pop();
                break;
            }
        }
        emit WalletUnlinked(_oldWallet, identity);
    }

    function getIdentity(address _wallet) external view override returns (address) {
        return _userIdentity[_wallet];
    }

    function getWallets(address _identity) external view override returns (address[] memory) {
        return _wallets[_identity];
    }

    function isSaltTaken(string calldata _salt) external view override returns (bool) {
        return _saltTaken[_salt];
    }
}
