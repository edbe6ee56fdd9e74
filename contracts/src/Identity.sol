// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import "./interface/IIdentity.sol";
import "./interface/IClaimIssuer.sol";

/// Identity is an ONCHAINID identity: ERC-734 keys with purposes
/// (1 management, 2 action, 3 claim, 4 encryption) and ERC-735 claims.
/// It is deployed directly (no proxy); its ABI matches ONCHAINID 2.2.
contract Identity is IIdentity {
    uint256 internal constant MANAGEMENT = 1;
    uint256 internal constant ACTION = 2;
    uint256 internal constant CLAIM = 3;

    struct Key {
        uint256[] purposes;
        uint256 keyType;
        bytes32 key;
    }

    struct Execution {
        address to;
        uint256 value;
        bytes data;
        bool approved;
        bool executed;
    }

    struct Claim {
        uint256 topic;
        uint256 scheme;
        address issuer;
        bytes signature;
        bytes data;
        string uri;
    }

    uint256 internal _executionNonce;
    mapping(bytes32 => Key) internal _keys;
    mapping(uint256 => bytes32[]) internal _keysByPurpose;
    mapping(uint256 => Execution) internal _executions;
    mapping(bytes32 => Claim) internal _claims;
    mapping(uint256 => bytes32[]) internal _claimsByTopic;

    modifier onlyManager() {
        require(msg.sender == address(this) || keyHasPurpose(keccak256(abi.encode(msg.sender)), MANAGEMENT),
            "Permissions: Sender does not have management key");
        _;
    }

    modifier onlyClaimKey() {
        require(msg.sender == address(this) || keyHasPurpose(keccak256(abi.encode(msg.sender)), CLAIM),
            "Permissions: Sender does not have claim signer key");
        _;
    }

    constructor(address initialManagementKey) {
        require(initialManagementKey != address(0), "invalid argument - zero address");
        bytes32 key = keccak256(abi.encode(initialManagementKey));
        _keys[key].key = key;
        _keys[key].purposes = [MANAGEMENT];
        _keys[key].keyType = 1;
        _keysByPurpose[MANAGEMENT].push(key);
        emit KeyAdded(key, MANAGEMENT, 1);
    }

    function execute(address _to, uint256 _value, bytes memory _data) external payable override returns (uint256 executionId) {
        executionId = _executionNonce;
        _executions[executionId].to = _to;
        _executions[executionId].value = _value;
        _executions[executionId].data = _data;
        _executionNonce++;

        emit ExecutionRequested(executionId, _to, _value, _data);

        bytes32 sender = keccak256(abi.encode(msg.sender));
        if (keyHasPurpose(sender, MANAGEMENT)) {
            approve(executionId, true);
        } else if (_to != address(this) && keyHasPurpose(sender, ACTION)) {
            approve(executionId, true);
        }
    }

    function approve(uint256 _id, bool _approve) public override returns (bool success) {
        require(_id < _executionNonce, "Cannot approve a non-existing execution");
        require(!_executions[_id].executed, "Request already executed");

        bytes32 sender = keccak256(abi.encode(msg.sender));
        if (_executions[_id].to == address(this)) {
            require(keyHasPurpose(sender, MANAGEMENT), "Sender does not have management key");
        } else {
            require(keyHasPurpose(sender, ACTION), "Sender does not have action key");
        }

        emit Approved(_id, _approve);
        if (!_approve) {
            _executions[_id].approved = false;
            return false;
        }

        Execution storage e = _executions[_id];
        e.approved = true;
        (success,) = e.to.call{value: e.value}(e.data);
        if (success) {
            e.executed = true;
            emit Executed(_id, e.to, e.value, e.data);
        } else {
            emit ExecutionFailed(_id, e.to, e.value, e.data);
        }
    }

    function addKey(bytes32 _key, uint256 _purpose, uint256 _keyType) public override onlyManager returns (bool success) {
        if (_keys[_key].key == _key) {
            uint256[] memory purposes = _keys[_key].purposes;
            for (uint256 i = 0; i < purposes.length; i++) {
                require(purposes[i] != _purpose, "Conflict: Key already has purpose");
            }
            _keys[_key].purposes.push(_purpose);
        } else {
            _keys[_key].key = _key;
            _keys[_key].purposes = [_purpose];
            _keys[_key].keyType = _keyType;
        }
        _keysByPurpose[_purpose].push(_key);
        emit KeyAdded(_key, _purpose, _keyType);
        return true;
    }

    function removeKey(bytes32 _key, uint256 _purpose) public override onlyManager returns (bool success) {
        require(_keys[_key].key == _key, "NonExisting: Key isn't registered");
        uint256[] storage purposes = _keys[_key].purposes;
        uint256 i = 0;
        while (purposes[i] != _purpose) {
            i++;
            require(i < purposes.length, "NonExisting: Key doesn't have such purpose");
        }
        purposes[i] = purposes[purposes.length - 1];
        purposes.pop();

        bytes32[] storage byPurpose = _keysByPurpose[_purpose];
        for (uint256 j = 0; j < byPurpose.length; j++) {
            if (byPurpose[j] == _key) {
                byPurpose[j] = byPurpose[byPurpose.length - 1];
                byPurpose.pop();
                break;
            }
        }

        uint256 keyType = _keys[_key].keyType;
        if (purposes.length == 0) {
            delete _keys[_key];
        }
        emit KeyRemoved(_key, _purpose, keyType);
        return true;
    }

    function addClaim(
        uint256 _topic,
        uint256 _scheme,
        address _issuer,
        bytes memory _signature,
        bytes memory _data,
        string memory _uri
    ) public override onlyClaimKey returns (bytes32 claimRequestId) {
        if (_issuer != address(this)) {
            require(IClaimIssuer(_issuer).isClaimValid(IIdentity(address(this)), _topic, _signature, _data), "invalid claim");
        }

        bytes32 claimId = keccak256(abi.encode(_issuer, _topic));
        Claim storage c = _claims[claimId];
        c.topic = _topic;
        c.scheme = _scheme;
        c.signature = _signature;
        c.data = _data;
        c.uri = _uri;

        if (c.issuer != _issuer) {
            _claimsByTopic[_topic].push(claimId);
            c.issuer = _issuer;
            emit ClaimAdded(claimId, _topic, _scheme, _issuer, _signature, _data, _uri);
        } else {
            emit ClaimChanged(claimId, _topic, _scheme, _issuer, _signature, _data, _uri);
        }
        return claimId;
    }

    function removeClaim(bytes32 _claimId) public override onlyClaimKey returns (bool success) {
        Claim memory c = _claims[_claimId];
        require(c.topic != 0, "NonExisting: There is no claim with this ID");

        bytes32[] storage ids = _claimsByTopic[c.topic];
        for (uint256 i = 0; i < ids.length; i++) {
            if (ids[i] == _claimId) {
                ids[i] = ids[ids.length - 1];
                ids.pop();
                break;
            }
        }
        emit ClaimRemoved(_claimId, c.topic, c.scheme, c.issuer, c.signature, c.data, c.uri);
        delete _claims[_claimId];
        return true;
    }

    function getKey(bytes32 _key) external view override returns (uint256[] memory purposes, uint256 keyType, bytes32 key) {
        return (_keys[_key].purposes, _keys[_key].keyType, _keys[_key].key);
    }

    function getKeyPurposes(bytes32 _key) external view override returns (uint256[] memory _purposes) {
        return _keys[_key].purposes;
    }

    function getKeysByPurpose(uint256 _purpose) external view override returns (bytes32[] memory keys) {
        return _keysByPurpose[_purpose];
    }

    function getClaimIdsByTopic(uint256 _topic) external view override returns (bytes32[] memory claimIds) {
        return _claimsByTopic[_topic];
    }

    function getClaim(bytes32 _claimId) public view override returns (
        uint256 topic, uint256 scheme, address issuer, bytes memory signature, bytes memory data, string memory uri)
    {
        Claim storage c = _claims[_claimId];
        return (c.topic, c.scheme, c.issuer, c.signature, c.data, c.uri);
    }

    /// keyHasPurpose treats a management key as holding every purpose, as ONCHAINID does.
    function keyHasPurpose(bytes32 _key, uint256 _purpose) public view override returns (bool result) {
        Key storage k = _keys[_key];
        if (k.key == 0) return false;
        for (uint256 i = 0; i < k.purposes.length; i++) {
            uint256 p = k.purposes[i];
            if (p == MANAGEMENT || p == _purpose) return true;
        }
        return false;
    }

    /// isClaimValid accepts claims this identity issued about another (self-issued claims).
    function isClaimValid(IIdentity subject, uint256 claimTopic, bytes memory sig, bytes memory data)
        public view virtual override returns (bool claimValid)
    {
        address signer = recoverClaimSigner(subject, claimTopic, sig, data);
        return signer != address(0) && keyHasPurpose(keccak256(abi.encode(signer)), CLAIM);
    }

    /// recoverClaimSigner returns the signer of an EIP-191 claim signature, or zero for a
    /// non-canonical signature: length other than 65, v outside {27, 28}, or a high s.
    /// Rejecting those keeps exactly one encoding per signature, so revocation by
    /// signature bytes cannot be bypassed by re-encoding.
    function recoverClaimSigner(IIdentity subject, uint256 claimTopic, bytes memory sig, bytes memory data)
        public pure returns (address)
    {
        if (sig.length != 65) return address(0);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        if (v != 27 && v != 28) return address(0);
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) return address(0);
        bytes32 dataHash = keccak256(abi.encode(subject, claimTopic, data));
        bytes32 prefixed = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", dataHash));
        return ecrecover(prefixed, v, r, s);
    }
}
