// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// The identity factory, ABI-compatible with ONCHAINID 2.2's IdFactory for the user-identity part.
interface IIdFactory {
    event Deployed(address indexed _addr);
    event WalletLinked(address indexed wallet, address indexed identity);
    event WalletUnlinked(address indexed wallet, address indexed identity);

    function createIdentity(address _wallet, string memory _salt) external returns (address);
    function linkWallet(address _newWallet) external;
    function unlinkWallet(address _oldWallet) external;
    function getIdentity(address _wallet) external view returns (address);
    function getWallets(address _identity) external view returns (address[] memory);
    function isSaltTaken(string calldata _salt) external view returns (bool);
}
