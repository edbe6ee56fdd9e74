// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package claimtopicsregistry

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ClaimTopicsRegistryMetaData contains all meta data concerning the ClaimTopicsRegistry contract.
var ClaimTopicsRegistryMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"claimTopic\",\"type\":\"uint256\"}],\"name\":\"ClaimTopicAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"claimTopic\",\"type\":\"uint256\"}],\"name\":\"ClaimTopicRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"addAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_claimTopic\",\"type\":\"uint256\"}],\"name\":\"addClaimTopic\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getClaimTopics\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"isAgent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"removeAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_claimTopic\",\"type\":\"uint256\"}],\"name\":\"removeClaimTopic\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "ClaimTopicsRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36107cd8061005a5f395ff3fe608060405234801561000f575f5ffd5b5060043610610085575f3560e01c806397a6278e1161005857806397a6278e1461010b578063c7b225511461011e578063df09d60414610131578063f2fde38b14610146575f5ffd5b806308297846146100895780631ffbb0641461009e57806384e79842146100de5780638da5cb5b146100f1575b5f5ffd5b61009c6100973660046106b8565b610159565b005b6100c96100ac3660046106cf565b6001600160a01b03165f9081526001602052604090205460ff1690565b60405190151581526020015b60405180910390f35b61009c6100ec3660046106cf565b610261565b5f546040516001600160a01b0390911681526020016100d5565b61009c6101193660046106cf565b610340565b61009c61012c3660046106b8565b610418565b61013961057b565b6040516100d591906106fc565b61009c6101543660046106cf565b6105d1565b5f546001600160a01b0316331461018b5760405162461bcd60e51b81526004016101829061073e565b60405180910390fd5b5f5b60025481101561025d5781600282815481106101ab576101ab610773565b905f5260205f2001540361025557600280546101c990600190610787565b815481106101d9576101d9610773565b905f5260205f200154600282815481106101f5576101f5610773565b5f918252602090912001556002805480610211576102116107ac565b600190038181905f5260205f20015f90559055817f0b1381093c776453c1bbe54fd68be1b235c65db61d099cb50d194b2991e0eec560405160405180910390a25050565b60010161018d565b5050565b5f546001600160a01b0316331461028a5760405162461bcd60e51b81526004016101829061073e565b6001600160a01b0381165f9081526001602052604090205460ff16156102f25760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420616c726561647920657869737473006044820152606401610182565b6001600160a01b0381165f818152600160208190526040808320805460ff1916909217909155517ff68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec59190a250565b5f546001600160a01b031633146103695760405162461bcd60e51b81526004016101829061073e565b6001600160a01b0381165f9081526001602052604090205460ff166103d05760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420646f6573206e6f74206578697374006044820152606401610182565b6001600160a01b0381165f81815260016020526040808220805460ff19169055517fed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b9190a250565b5f546001600160a01b031633146104415760405162461bcd60e51b81526004016101829061073e565b600254600f1161049e5760405162461bcd60e51b815260206004820152602260248201527f63616e6e6f742072657175697265206d6f7265207468616e20313520746f7069604482015261637360f01b6064820152608401610182565b5f5b60025481101561051c5781600282815481106104be576104be610773565b905f5260205f200154036105145760405162461bcd60e51b815260206004820152601960248201527f636c61696d546f70696320616c726561647920657869737473000000000000006044820152606401610182565b6001016104a0565b50600280546001810182555f9182527f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace0182905560405182917f01c928b7f7ade2949e92366aa9454dbef3a416b731cf6ec786ba9595bbd814d691a250565b606060028054806020026020016040519081016040528092919081815260200182805480156105c757602002820191905f5260205f20905b8154815260200190600101908083116105b3575b5050505050905090565b5f546001600160a01b031633146105fa5760405162461bcd60e51b81526004016101829061073e565b6001600160a01b03811661065f5760405162461bcd60e51b815260206004820152602660248201527f4f776e61626c653a206e6577206f776e657220697320746865207a65726f206160448201526564647265737360d01b6064820152608401610182565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b5f602082840312156106c8575f5ffd5b5035919050565b5f602082840312156106df575f5ffd5b81356001600160a01b03811681146106f5575f5ffd5b9392505050565b602080825282518282018190525f918401906040840190835b81811015610733578351835260209384019390920191600101610715565b509095945050505050565b6020808252818101527f4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572604082015260600190565b634e487b7160e01b5f52603260045260245ffd5b818103818111156107a657634e487b7160e01b5f52601160045260245ffd5b92915050565b634e487b7160e01b5f52603160045260245ffdfea164736f6c634300081c000a",
}

// ClaimTopicsRegistry is an auto generated Go binding around an Ethereum contract.
type ClaimTopicsRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ClaimTopicsRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewClaimTopicsRegistry creates a new instance of ClaimTopicsRegistry.
func NewClaimTopicsRegistry() *ClaimTopicsRegistry {
	parsed, err := ClaimTopicsRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ClaimTopicsRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ClaimTopicsRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAgent(address _agent) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) PackAddAgent(agent common.Address) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("addAgent", agent)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addAgent(address _agent) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackAddAgent(agent common.Address) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("addAgent", agent)
}

// PackAddClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc7b22551.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addClaimTopic(uint256 _claimTopic) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) PackAddClaimTopic(claimTopic *big.Int) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("addClaimTopic", claimTopic)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc7b22551.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addClaimTopic(uint256 _claimTopic) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackAddClaimTopic(claimTopic *big.Int) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("addClaimTopic", claimTopic)
}

// PackGetClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf09d604.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getClaimTopics() view returns(uint256[])
func (claimTopicsRegistry *ClaimTopicsRegistry) PackGetClaimTopics() []byte {
	enc, err := claimTopicsRegistry.abi.Pack("getClaimTopics")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf09d604.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getClaimTopics() view returns(uint256[])
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackGetClaimTopics() ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("getClaimTopics")
}

// UnpackGetClaimTopics is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdf09d604.
//
// Solidity: function getClaimTopics() view returns(uint256[])
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackGetClaimTopics(data []byte) ([]*big.Int, error) {
	out, err := claimTopicsRegistry.abi.Unpack("getClaimTopics", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (claimTopicsRegistry *ClaimTopicsRegistry) PackIsAgent(agent common.Address) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("isAgent", agent)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackIsAgent(agent common.Address) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("isAgent", agent)
}

// UnpackIsAgent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ffbb064.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackIsAgent(data []byte) (bool, error) {
	out, err := claimTopicsRegistry.abi.Unpack("isAgent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (claimTopicsRegistry *ClaimTopicsRegistry) PackOwner() []byte {
	enc, err := claimTopicsRegistry.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackOwner() ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := claimTopicsRegistry.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97a6278e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeAgent(address _agent) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) PackRemoveAgent(agent common.Address) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("removeAgent", agent)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97a6278e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeAgent(address _agent) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackRemoveAgent(agent common.Address) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("removeAgent", agent)
}

// PackRemoveClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08297846.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeClaimTopic(uint256 _claimTopic) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) PackRemoveClaimTopic(claimTopic *big.Int) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("removeClaimTopic", claimTopic)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08297846.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeClaimTopic(uint256 _claimTopic) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackRemoveClaimTopic(claimTopic *big.Int) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("removeClaimTopic", claimTopic)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := claimTopicsRegistry.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (claimTopicsRegistry *ClaimTopicsRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return claimTopicsRegistry.abi.Pack("transferOwnership", newOwner)
}

// ClaimTopicsRegistryAgentAdded represents a AgentAdded event raised by the ClaimTopicsRegistry contract.
type ClaimTopicsRegistryAgentAdded struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const ClaimTopicsRegistryAgentAddedEventName = "AgentAdded"

// ContractEventName returns the user-defined event name.
func (ClaimTopicsRegistryAgentAdded) ContractEventName() string {
	return ClaimTopicsRegistryAgentAddedEventName
}

// UnpackAgentAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentAdded(address indexed _agent)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackAgentAddedEvent(log *types.Log) (*ClaimTopicsRegistryAgentAdded, error) {
	event := "AgentAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimTopicsRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimTopicsRegistryAgentAdded)
	if len(log.Data) > 0 {
		if err := claimTopicsRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimTopicsRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ClaimTopicsRegistryAgentRemoved represents a AgentRemoved event raised by the ClaimTopicsRegistry contract.
type ClaimTopicsRegistryAgentRemoved struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const ClaimTopicsRegistryAgentRemovedEventName = "AgentRemoved"

// ContractEventName returns the user-defined event name.
func (ClaimTopicsRegistryAgentRemoved) ContractEventName() string {
	return ClaimTopicsRegistryAgentRemovedEventName
}

// UnpackAgentRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentRemoved(address indexed _agent)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackAgentRemovedEvent(log *types.Log) (*ClaimTopicsRegistryAgentRemoved, error) {
	event := "AgentRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimTopicsRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimTopicsRegistryAgentRemoved)
	if len(log.Data) > 0 {
		if err := claimTopicsRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimTopicsRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ClaimTopicsRegistryClaimTopicAdded represents a ClaimTopicAdded event raised by the ClaimTopicsRegistry contract.
type ClaimTopicsRegistryClaimTopicAdded struct {
	ClaimTopic *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const ClaimTopicsRegistryClaimTopicAddedEventName = "ClaimTopicAdded"

// ContractEventName returns the user-defined event name.
func (ClaimTopicsRegistryClaimTopicAdded) ContractEventName() string {
	return ClaimTopicsRegistryClaimTopicAddedEventName
}

// UnpackClaimTopicAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimTopicAdded(uint256 indexed claimTopic)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackClaimTopicAddedEvent(log *types.Log) (*ClaimTopicsRegistryClaimTopicAdded, error) {
	event := "ClaimTopicAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimTopicsRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimTopicsRegistryClaimTopicAdded)
	if len(log.Data) > 0 {
		if err := claimTopicsRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimTopicsRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ClaimTopicsRegistryClaimTopicRemoved represents a ClaimTopicRemoved event raised by the ClaimTopicsRegistry contract.
type ClaimTopicsRegistryClaimTopicRemoved struct {
	ClaimTopic *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const ClaimTopicsRegistryClaimTopicRemovedEventName = "ClaimTopicRemoved"

// ContractEventName returns the user-defined event name.
func (ClaimTopicsRegistryClaimTopicRemoved) ContractEventName() string {
	return ClaimTopicsRegistryClaimTopicRemovedEventName
}

// UnpackClaimTopicRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimTopicRemoved(uint256 indexed claimTopic)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackClaimTopicRemovedEvent(log *types.Log) (*ClaimTopicsRegistryClaimTopicRemoved, error) {
	event := "ClaimTopicRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimTopicsRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimTopicsRegistryClaimTopicRemoved)
	if len(log.Data) > 0 {
		if err := claimTopicsRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimTopicsRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ClaimTopicsRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the ClaimTopicsRegistry contract.
type ClaimTopicsRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const ClaimTopicsRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (ClaimTopicsRegistryOwnershipTransferred) ContractEventName() string {
	return ClaimTopicsRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (claimTopicsRegistry *ClaimTopicsRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*ClaimTopicsRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimTopicsRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimTopicsRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := claimTopicsRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimTopicsRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}
