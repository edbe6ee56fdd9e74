// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// SmartWallet is a minimal contract wallet with one owner key. It implements
/// ERC-1271, so sign-in can be tested for wallets whose signatures do not recover to
/// the wallet's own address, and it forwards calls so it can manage an identity.
contract SmartWallet {
    bytes4 internal constant ERC1271_MAGIC = 0x1626ba7e;
    address public immutable owner;

    constructor(address owner_) {
        require(owner_ != address(0), "invalid argument - zero address");
        owner = owner_;
    }

    /// isValidSignature returns the ERC-1271 magic value when the owner signed hash.
    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        if (signature.length != 65) return 0xffffffff;
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(signature, 32))
            s := mload(add(signature, 64))
            v := byte(0, mload(add(signature, 96)))
        }
        if (v < 27) v += 27;
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) return 0xffffffff;
        return ecrecover(hash, v, r, s) == owner ? ERC1271_MAGIC : bytes4(0xffffffff);
    }

    /// execute forwards a call from the owner.
    function execute(address to, uint256 value, bytes calldata data) external returns (bytes memory) {
        require(msg.sender == owner, "only the owner");
        (bool ok, bytes memory out) = to.call{value: value}(data);
        require(ok, "call failed");
        return out;
    }

    receive() external payable {}
}
