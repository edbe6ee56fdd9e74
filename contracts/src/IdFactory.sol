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
        require(_wallet != address(0), "invalid argument - zero address");
        require(bytes(_salt).length != 0, "invalid argument - empty string");
        string memory oidSalt = string.concat("OID", _salt);
        require(!_saltTaken[oidSalt], "salt already taken");
        require(_userIdentity[_wallet] == address(0), "wallet already linked to an identity");

        bytes memory code = abi.encodePacked(type(Identity).creationCode, abi.encode(_wallet));
        bytes32 salt = keccak256(abi.encodePacked(oidSalt));
        address identity;
        assembly {
            identity := create2(0, add(code, 0x20), mload(code), salt)
        }
        require(identity != address(0) && identity.code.length != 0, "deployment failed");
        emit Deployed(identity);

        _saltTaken[oidSalt] = true;
        _userIdentity[_wallet] = identity;
        _wallets[identity].push(_wallet);
        emit WalletLinked(_wallet, identity);
        return identity;
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
