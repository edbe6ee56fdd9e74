// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// Owned is a minimal Ownable (same ABI for owner/transferOwnership) with agents,
/// as ERC-3643 registries use them: the owner manages agents, agents write entries.
abstract contract Owned {
    address private _owner;
    mapping(address => bool) private _agents;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event AgentAdded(address indexed _agent);
    event AgentRemoved(address indexed _agent);

    constructor() {
        _owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        require(msg.sender == _owner, "Ownable: caller is not the owner");
        _;
    }

    modifier onlyAgent() {
        require(msg.sender == _owner || _agents[msg.sender], "AgentRole: caller does not have the Agent role");
        _;
    }

    function owner() public view returns (address) {
        return _owner;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        emit OwnershipTransferred(_owner, newOwner);
        _owner = newOwner;
    }

    function addAgent(address _agent) external onlyOwner {
        require(!_agents[_agent], "AgentRole: agent already exists");
        _agents[_agent] = true;
        emit AgentAdded(_agent);
    }

    function removeAgent(address _agent) external onlyOwner {
        require(_agents[_agent], "AgentRole: agent does not exist");
        _agents[_agent] = false;
        emit AgentRemoved(_agent);
    }

    function isAgent(address _agent) public view returns (bool) {
        return _agents[_agent];
    }
}
