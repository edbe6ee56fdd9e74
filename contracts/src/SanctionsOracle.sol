// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./Owned.sol";

/// SanctionsOracle has the external interface of Chainalysis' on-chain sanctions
/// oracle (SanctionsList), so that the dev chain and the tests can stand in for it:
/// screening reads isSanctioned the same way on both. Only the owner edits the list,
/// as on the original; the agents Owned also offers play no part here.
contract SanctionsOracle is Owned {
    mapping(address => bool) private _sanctioned;

    event SanctionedAddress(address indexed addr);
    event NonSanctionedAddress(address indexed addr);
    event SanctionedAddressesAdded(address[] addrs);
    event SanctionedAddressesRemoved(address[] addrs);

    /// name differs from the original's on purpose: a test oracle must not pass for
    /// Chainalysis' own in an explorer or a log.
    function name() external pure returns (string memory) {
        return "idconnect test sanctions oracle";
    }

    function addToSanctionsList(address[] memory newSanctions) external onlyOwner {
        for (uint256 i = 0; i < newSanctions.length; i++) {
            _sanctioned[newSanctions[i]] = true;
        }
        emit SanctionedAddressesAdded(newSanctions);
    }

    function removeFromSanctionsList(address[] memory removeSanctions) external onlyOwner {
        for (uint256 i = 0; i < removeSanctions.length; i++) {
            _sanctioned[removeSanctions[i]] = false;
        }
        emit SanctionedAddressesRemoved(removeSanctions);
    }

    function isSanctioned(address addr) public view returns (bool) {
        return _sanctioned[addr];
    }

    /// isSanctionedVerbose is isSanctioned that also leaves the answer in a log.
    function isSanctionedVerbose(address addr) external returns (bool) {
        if (isSanctioned(addr)) {
            emit SanctionedAddress(addr);
            return true;
        }
        emit NonSanctionedAddress(addr);
        return false;
    }
}
