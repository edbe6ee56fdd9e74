// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package sanctionsoracle

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

// SanctionsOracleMetaData contains all meta data concerning the SanctionsOracle contract.
var SanctionsOracleMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"NonSanctionedAddress\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"SanctionedAddress\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"addrs\",\"type\":\"address[]\"}],\"name\":\"SanctionedAddressesAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"addrs\",\"type\":\"address[]\"}],\"name\":\"SanctionedAddressesRemoved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"addAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"newSanctions\",\"type\":\"address[]\"}],\"name\":\"addToSanctionsList\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"isAgent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"isSanctioned\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"isSanctionedVerbose\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"removeAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"removeSanctions\",\"type\":\"address[]\"}],\"name\":\"removeFromSanctionsList\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SanctionsOracle",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36108798061005a5f395ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c8063a2a6bbd811610063578063a2a6bbd814610164578063b972dfcc14610177578063df592f7d1461018a578063ef782431146101b5578063f2fde38b146101c8575f5ffd5b806306fdde031461009f5780631ffbb064146100e757806384e79842146101225780638da5cb5b1461013757806397a6278e14610151575b5f5ffd5b604080518082018252601f81527f6964636f6e6e65637420746573742073616e6374696f6e73206f7261636c6500602082015290516100de9190610689565b60405180910390f35b6101126100f53660046106d9565b6001600160a01b03165f9081526001602052604090205460ff1690565b60405190151581526020016100de565b6101356101303660046106d9565b6101db565b005b5f546040516001600160a01b0390911681526020016100de565b61013561015f3660046106d9565b6102c3565b6101126101723660046106d9565b61039b565b61013561018536600461070d565b610430565b6101126101983660046106d9565b6001600160a01b03165f9081526002602052604090205460ff1690565b6101356101c336600461070d565b6104ef565b6101356101d63660046106d9565b6105a2565b5f546001600160a01b0316331461020d5760405162461bcd60e51b8152600401610204906107d8565b60405180910390fd5b6001600160a01b0381165f9081526001602052604090205460ff16156102755760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420616c726561647920657869737473006044820152606401610204565b6001600160a01b0381165f818152600160208190526040808320805460ff1916909217909155517ff68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec59190a250565b5f546001600160a01b031633146102ec5760405162461bcd60e51b8152600401610204906107d8565b6001600160a01b0381165f9081526001602052604090205460ff166103535760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420646f6573206e6f74206578697374006044820152606401610204565b6001600160a01b0381165f81815260016020526040808220805460ff19169055517fed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b9190a250565b6001600160a01b0381165f9081526002602052604081205460ff16156103f6576040516001600160a01b038316907f8027911123971054d93579ebea046c8461473fa4d2e510b9b49eed3bed3270e0905f90a2506001919050565b6040516001600160a01b038316907fd595018321fcb8c2bcbf5bfe4b27d74bea505825f7d195abe8517f94a065539c905f90a2505f919050565b5f546001600160a01b031633146104595760405162461bcd60e51b8152600401610204906107d8565b5f5b81518110156104b457600160025f84848151811061047b5761047b61080d565b6020908102919091018101516001600160a01b031682528101919091526040015f20805460ff191691151591909117905560010161045b565b507f2596d7dd6966c5673f9c06ddb0564c4f0e6d8d206ea075b83ad9ddd71a4fb927816040516104e49190610821565b60405180910390a150565b5f546001600160a01b031633146105185760405162461bcd60e51b8152600401610204906107d8565b5f5b8151811015610572575f60025f8484815181106105395761053961080d565b6020908102919091018101516001600160a01b031682528101919091526040015f20805460ff191691151591909117905560010161051a565b507f32aab684eee99db715515d1a9987a8fe33bb6341b0e35e60db7eab48a08f9a3a816040516104e49190610821565b5f546001600160a01b031633146105cb5760405162461bcd60e51b8152600401610204906107d8565b6001600160a01b0381166106305760405162461bcd60e51b815260206004820152602660248201527f4f776e61626c653a206e6577206f776e657220697320746865207a65726f206160448201526564647265737360d01b6064820152608401610204565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80356001600160a01b03811681146106d4575f5ffd5b919050565b5f602082840312156106e9575f5ffd5b6106f2826106be565b9392505050565b634e487b7160e01b5f52604160045260245ffd5b5f6020828403121561071d575f5ffd5b813567ffffffffffffffff811115610733575f5ffd5b8201601f81018413610743575f5ffd5b803567ffffffffffffffff81111561075d5761075d6106f9565b8060051b604051601f19603f830116810181811067ffffffffffffffff8211171561078a5761078a6106f9565b6040529182526020818401810192908101878411156107a7575f5ffd5b6020850194505b838510156107cd576107bf856106be565b8152602094850194016107ae565b509695505050505050565b6020808252818101527f4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572604082015260600190565b634e487b7160e01b5f52603260045260245ffd5b602080825282518282018190525f918401906040840190835b818110156108615783516001600160a01b031683526020938401939092019160010161083a565b50909594505050505056fea164736f6c634300081c000a",
}

// SanctionsOracle is an auto generated Go binding around an Ethereum contract.
type SanctionsOracle struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SanctionsOracle) GetABI() abi.ABI {
	return c.abi
}

// NewSanctionsOracle creates a new instance of SanctionsOracle.
func NewSanctionsOracle() *SanctionsOracle {
	parsed, err := SanctionsOracleMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SanctionsOracle{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SanctionsOracle) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAgent(address _agent) returns()
func (sanctionsOracle *SanctionsOracle) PackAddAgent(agent common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("addAgent", agent)
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
func (sanctionsOracle *SanctionsOracle) TryPackAddAgent(agent common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("addAgent", agent)
}

// PackAddToSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb972dfcc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addToSanctionsList(address[] newSanctions) returns()
func (sanctionsOracle *SanctionsOracle) PackAddToSanctionsList(newSanctions []common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("addToSanctionsList", newSanctions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddToSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb972dfcc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addToSanctionsList(address[] newSanctions) returns()
func (sanctionsOracle *SanctionsOracle) TryPackAddToSanctionsList(newSanctions []common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("addToSanctionsList", newSanctions)
}

// PackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (sanctionsOracle *SanctionsOracle) PackIsAgent(agent common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("isAgent", agent)
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
func (sanctionsOracle *SanctionsOracle) TryPackIsAgent(agent common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("isAgent", agent)
}

// UnpackIsAgent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ffbb064.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (sanctionsOracle *SanctionsOracle) UnpackIsAgent(data []byte) (bool, error) {
	out, err := sanctionsOracle.abi.Unpack("isAgent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSanctioned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf592f7d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) PackIsSanctioned(addr common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("isSanctioned", addr)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSanctioned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf592f7d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) TryPackIsSanctioned(addr common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("isSanctioned", addr)
}

// UnpackIsSanctioned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdf592f7d.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) UnpackIsSanctioned(data []byte) (bool, error) {
	out, err := sanctionsOracle.abi.Unpack("isSanctioned", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSanctionedVerbose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2a6bbd8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSanctionedVerbose(address addr) returns(bool)
func (sanctionsOracle *SanctionsOracle) PackIsSanctionedVerbose(addr common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("isSanctionedVerbose", addr)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSanctionedVerbose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2a6bbd8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSanctionedVerbose(address addr) returns(bool)
func (sanctionsOracle *SanctionsOracle) TryPackIsSanctionedVerbose(addr common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("isSanctionedVerbose", addr)
}

// UnpackIsSanctionedVerbose is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa2a6bbd8.
//
// Solidity: function isSanctionedVerbose(address addr) returns(bool)
func (sanctionsOracle *SanctionsOracle) UnpackIsSanctionedVerbose(data []byte) (bool, error) {
	out, err := sanctionsOracle.abi.Unpack("isSanctionedVerbose", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) PackName() []byte {
	enc, err := sanctionsOracle.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) TryPackName() ([]byte, error) {
	return sanctionsOracle.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) UnpackName(data []byte) (string, error) {
	out, err := sanctionsOracle.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (sanctionsOracle *SanctionsOracle) PackOwner() []byte {
	enc, err := sanctionsOracle.abi.Pack("owner")
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
func (sanctionsOracle *SanctionsOracle) TryPackOwner() ([]byte, error) {
	return sanctionsOracle.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (sanctionsOracle *SanctionsOracle) UnpackOwner(data []byte) (common.Address, error) {
	out, err := sanctionsOracle.abi.Unpack("owner", data)
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
func (sanctionsOracle *SanctionsOracle) PackRemoveAgent(agent common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("removeAgent", agent)
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
func (sanctionsOracle *SanctionsOracle) TryPackRemoveAgent(agent common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("removeAgent", agent)
}

// PackRemoveFromSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef782431.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeFromSanctionsList(address[] removeSanctions) returns()
func (sanctionsOracle *SanctionsOracle) PackRemoveFromSanctionsList(removeSanctions []common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("removeFromSanctionsList", removeSanctions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveFromSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef782431.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeFromSanctionsList(address[] removeSanctions) returns()
func (sanctionsOracle *SanctionsOracle) TryPackRemoveFromSanctionsList(removeSanctions []common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("removeFromSanctionsList", removeSanctions)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (sanctionsOracle *SanctionsOracle) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("transferOwnership", newOwner)
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
func (sanctionsOracle *SanctionsOracle) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("transferOwnership", newOwner)
}

// SanctionsOracleAgentAdded represents a AgentAdded event raised by the SanctionsOracle contract.
type SanctionsOracleAgentAdded struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleAgentAddedEventName = "AgentAdded"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleAgentAdded) ContractEventName() string {
	return SanctionsOracleAgentAddedEventName
}

// UnpackAgentAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentAdded(address indexed _agent)
func (sanctionsOracle *SanctionsOracle) UnpackAgentAddedEvent(log *types.Log) (*SanctionsOracleAgentAdded, error) {
	event := "AgentAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleAgentAdded)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleAgentRemoved represents a AgentRemoved event raised by the SanctionsOracle contract.
type SanctionsOracleAgentRemoved struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleAgentRemovedEventName = "AgentRemoved"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleAgentRemoved) ContractEventName() string {
	return SanctionsOracleAgentRemovedEventName
}

// UnpackAgentRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentRemoved(address indexed _agent)
func (sanctionsOracle *SanctionsOracle) UnpackAgentRemovedEvent(log *types.Log) (*SanctionsOracleAgentRemoved, error) {
	event := "AgentRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleAgentRemoved)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleNonSanctionedAddress represents a NonSanctionedAddress event raised by the SanctionsOracle contract.
type SanctionsOracleNonSanctionedAddress struct {
	Addr common.Address
	Raw  *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleNonSanctionedAddressEventName = "NonSanctionedAddress"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleNonSanctionedAddress) ContractEventName() string {
	return SanctionsOracleNonSanctionedAddressEventName
}

// UnpackNonSanctionedAddressEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NonSanctionedAddress(address indexed addr)
func (sanctionsOracle *SanctionsOracle) UnpackNonSanctionedAddressEvent(log *types.Log) (*SanctionsOracleNonSanctionedAddress, error) {
	event := "NonSanctionedAddress"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleNonSanctionedAddress)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleOwnershipTransferred represents a OwnershipTransferred event raised by the SanctionsOracle contract.
type SanctionsOracleOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleOwnershipTransferred) ContractEventName() string {
	return SanctionsOracleOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (sanctionsOracle *SanctionsOracle) UnpackOwnershipTransferredEvent(log *types.Log) (*SanctionsOracleOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleSanctionedAddress represents a SanctionedAddress event raised by the SanctionsOracle contract.
type SanctionsOracleSanctionedAddress struct {
	Addr common.Address
	Raw  *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleSanctionedAddressEventName = "SanctionedAddress"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleSanctionedAddress) ContractEventName() string {
	return SanctionsOracleSanctionedAddressEventName
}

// UnpackSanctionedAddressEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SanctionedAddress(address indexed addr)
func (sanctionsOracle *SanctionsOracle) UnpackSanctionedAddressEvent(log *types.Log) (*SanctionsOracleSanctionedAddress, error) {
	event := "SanctionedAddress"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleSanctionedAddress)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleSanctionedAddressesAdded represents a SanctionedAddressesAdded event raised by the SanctionsOracle contract.
type SanctionsOracleSanctionedAddressesAdded struct {
	Addrs []common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleSanctionedAddressesAddedEventName = "SanctionedAddressesAdded"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleSanctionedAddressesAdded) ContractEventName() string {
	return SanctionsOracleSanctionedAddressesAddedEventName
}

// UnpackSanctionedAddressesAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SanctionedAddressesAdded(address[] addrs)
func (sanctionsOracle *SanctionsOracle) UnpackSanctionedAddressesAddedEvent(log *types.Log) (*SanctionsOracleSanctionedAddressesAdded, error) {
	event := "SanctionedAddressesAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleSanctionedAddressesAdded)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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

// SanctionsOracleSanctionedAddressesRemoved represents a SanctionedAddressesRemoved event raised by the SanctionsOracle contract.
type SanctionsOracleSanctionedAddressesRemoved struct {
	Addrs []common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleSanctionedAddressesRemovedEventName = "SanctionedAddressesRemoved"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleSanctionedAddressesRemoved) ContractEventName() string {
	return SanctionsOracleSanctionedAddressesRemovedEventName
}

// UnpackSanctionedAddressesRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SanctionedAddressesRemoved(address[] addrs)
func (sanctionsOracle *SanctionsOracle) UnpackSanctionedAddressesRemovedEvent(log *types.Log) (*SanctionsOracleSanctionedAddressesRemoved, error) {
	event := "SanctionedAddressesRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleSanctionedAddressesRemoved)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
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
