// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package identityregistrystorage

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

// IdentityRegistryStorageMetaData contains all meta data concerning the IdentityRegistryStorage contract.
var IdentityRegistryStorageMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint16\",\"name\":\"country\",\"type\":\"uint16\"}],\"name\":\"CountryModified\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"oldIdentity\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"newIdentity\",\"type\":\"address\"}],\"name\":\"IdentityModified\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"identityRegistry\",\"type\":\"address\"}],\"name\":\"IdentityRegistryBound\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"identityRegistry\",\"type\":\"address\"}],\"name\":\"IdentityRegistryUnbound\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"identity\",\"type\":\"address\"}],\"name\":\"IdentityStored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"identity\",\"type\":\"address\"}],\"name\":\"IdentityUnstored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"addAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"contractIIdentity\",\"name\":\"_identity\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"_country\",\"type\":\"uint16\"}],\"name\":\"addIdentityToStorage\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_identityRegistry\",\"type\":\"address\"}],\"name\":\"bindIdentityRegistry\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"isAgent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"linkedIdentityRegistries\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"contractIIdentity\",\"name\":\"_identity\",\"type\":\"address\"}],\"name\":\"modifyStoredIdentity\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"_country\",\"type\":\"uint16\"}],\"name\":\"modifyStoredInvestorCountry\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"removeAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"removeIdentityFromStorage\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"storedIdentity\",\"outputs\":[{\"internalType\":\"contractIIdentity\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"storedInvestorCountry\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_identityRegistry\",\"type\":\"address\"}],\"name\":\"unbindIdentityRegistry\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "IdentityRegistryStorage",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a3610f6e8061005a5f395ff3fe608060405234801561000f575f5ffd5b50600436106100e5575f3560e01c806397a6278e11610088578063bf9eb95911610063578063bf9eb95914610236578063cf191bcd1461024b578063e805cf861461025e578063f2fde38b14610271575f5ffd5b806397a6278e146101fd5780639f3418d514610210578063a53410dd14610223575f5ffd5b80637988d3a5116100c35780637988d3a51461018457806384e79842146101c75780638da5cb5b146101da57806397a012f7146101ea575f5ffd5b80631ffbb064146100e9578063690a49f914610129578063727e13bc1461013e575b5f5ffd5b6101146100f7366004610cf9565b6001600160a01b03165f9081526001602052604090205460ff1690565b60405190151581526020015b60405180910390f35b61013c610137366004610cf9565b610284565b005b61017161014c366004610cf9565b6001600160a01b03165f90815260026020526040902054600160a01b900461ffff1690565b60405161ffff9091168152602001610120565b6101af610192366004610cf9565b6001600160a01b039081165f908152600260205260409020541690565b6040516001600160a01b039091168152602001610120565b61013c6101d5366004610cf9565b61040a565b5f546001600160a01b03166101af565b61013c6101f8366004610cf9565b6104e9565b61013c61020b366004610cf9565b610687565b61013c61021e366004610d31565b61075f565b61013c610231366004610d64565b610830565b61023e61098b565b6040516101209190610da8565b61013c610259366004610cf9565b6109eb565b61013c61026c366004610df3565b610aaf565b61013c61027f366004610cf9565b610ba2565b5f546001600160a01b031633146102b65760405162461bcd60e51b81526004016102ad90610e2a565b60405180910390fd5b6001600160a01b0381166102dc5760405162461bcd60e51b81526004016102ad90610e5f565b6102e581610c89565b156103325760405162461bcd60e51b815260206004820152601f60248201527f6964656e7469747920726567697374727920616c726561647920626f756e640060448201526064016102ad565b60035461012c116103935760405162461bcd60e51b815260206004820152602560248201527f63616e6e6f742062696e64206d6f7265207468616e2033303020495220746f20604482015264312049525360d81b60648201526084016102ad565b600380546001810182555f9182527fc2575a0e9e593c00f959f8c92f12db2869c3395a3b0502d05e2516446f71f85b0180546001600160a01b0319166001600160a01b03841690811790915560405190917f500c250171aa20e861b680f93502547b9d436eda7d4c537fc360db6e0c6eedfb91a250565b5f546001600160a01b031633146104335760405162461bcd60e51b81526004016102ad90610e2a565b6001600160a01b0381165f9081526001602052604090205460ff161561049b5760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420616c7265616479206578697374730060448201526064016102ad565b6001600160a01b0381165f818152600160208190526040808320805460ff1916909217909155517ff68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec59190a250565b5f546001600160a01b031633146105125760405162461bcd60e51b81526004016102ad90610e2a565b5f5b60035481101561063b57816001600160a01b03166003828154811061053b5761053b610e96565b5f918252602090912001546001600160a01b031603610633576003805461056490600190610eaa565b8154811061057457610574610e96565b5f91825260209091200154600380546001600160a01b03909216918390811061059f5761059f610e96565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555060038054806105db576105db610ecf565b5f8281526020812082015f1990810180546001600160a01b03191690559091019091556040516001600160a01b038416917f51f353eb5801583fdf2706e43c045b62fdf6b1566820b349390616363ecf72c991a25050565b600101610514565b5060405162461bcd60e51b815260206004820152601f60248201527f6964656e74697479207265676973747279206973206e6f742073746f7265640060448201526064016102ad565b50565b5f546001600160a01b031633146106b05760405162461bcd60e51b81526004016102ad90610e2a565b6001600160a01b0381165f9081526001602052604090205460ff166107175760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420646f6573206e6f742065786973740060448201526064016102ad565b6001600160a01b0381165f81815260016020526040808220805460ff19169055517fed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b9190a250565b61076833610c89565b8061077c57505f546001600160a01b031633145b6107985760405162461bcd60e51b81526004016102ad90610ee3565b6001600160a01b038281165f90815260026020526040902054166107ce5760405162461bcd60e51b81526004016102ad90610f31565b6001600160a01b0382165f81815260026020526040808220805461ffff60a01b1916600160a01b61ffff87169081029190911790915590519092917f20965fcdc6eed7ae398065b40ece4e732ba667992ca819fc54e80e9f2047c4cf91a35050565b61083933610c89565b8061084d57505f546001600160a01b031633145b6108695760405162461bcd60e51b81526004016102ad90610ee3565b6001600160a01b0383161580159061088957506001600160a01b03821615155b6108a55760405162461bcd60e51b81526004016102ad90610e5f565b6001600160a01b038381165f9081526002602052604090205416156109055760405162461bcd60e51b8152602060048201526016602482015275616464726573732073746f72656420616c726561647960501b60448201526064016102ad565b6040805180820182526001600160a01b0380851680835261ffff80861660208086019182528985165f8181526002909252878220965187549351909416600160a01b026001600160b01b0319909316939095169290921717909355925190917e30dea7e9c9afaa2e3c9810f2fc9b5181f1bad74ca5a8db85f746a33585e74791a3505050565b606060038054806020026020016040519081016040528092919081815260200182805480156109e157602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116109c3575b5050505050905090565b6109f433610c89565b80610a0857505f546001600160a01b031633145b610a245760405162461bcd60e51b81526004016102ad90610ee3565b6001600160a01b038082165f908152600260205260409020541680610a5b5760405162461bcd60e51b81526004016102ad90610f31565b6001600160a01b038083165f8181526002602052604080822080546001600160b01b031916905551928416927fca6a4c3370b859312246e7f086284076e557997e10d856b716c23ab67067790b9190a35050565b610ab833610c89565b80610acc57505f546001600160a01b031633145b610ae85760405162461bcd60e51b81526004016102ad90610ee3565b6001600160a01b038083165f908152600260205260409020541680610b1f5760405162461bcd60e51b81526004016102ad90610f31565b6001600160a01b038216610b455760405162461bcd60e51b81526004016102ad90610e5f565b6001600160a01b038381165f9081526002602052604080822080546001600160a01b031916868516908117909155905190928416917f556ce885dfcea52155c773f1ed2e58781c51945c13030ab8f793c61f51d1b80891a3505050565b5f546001600160a01b03163314610bcb5760405162461bcd60e51b81526004016102ad90610e2a565b6001600160a01b038116610c305760405162461bcd60e51b815260206004820152602660248201527f4f776e61626c653a206e6577206f776e657220697320746865207a65726f206160448201526564647265737360d01b60648201526084016102ad565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b5f805b600354811015610cdd57826001600160a01b031660038281548110610cb357610cb3610e96565b5f918252602090912001546001600160a01b031603610cd55750600192915050565b600101610c8c565b505f92915050565b6001600160a01b0381168114610684575f5ffd5b5f60208284031215610d09575f5ffd5b8135610d1481610ce5565b9392505050565b803561ffff81168114610d2c575f5ffd5b919050565b5f5f60408385031215610d42575f5ffd5b8235610d4d81610ce5565b9150610d5b60208401610d1b565b90509250929050565b5f5f5f60608486031215610d76575f5ffd5b8335610d8181610ce5565b92506020840135610d9181610ce5565b9150610d9f60408501610d1b565b90509250925092565b602080825282518282018190525f918401906040840190835b81811015610de85783516001600160a01b0316835260209384019390920191600101610dc1565b509095945050505050565b5f5f60408385031215610e04575f5ffd5b8235610e0f81610ce5565b91506020830135610e1f81610ce5565b809150509250929050565b6020808252818101527f4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572604082015260600190565b6020808252601f908201527f696e76616c696420617267756d656e74202d207a65726f206164647265737300604082015260600190565b634e487b7160e01b5f52603260045260245ffd5b81810381811115610ec957634e487b7160e01b5f52601160045260245ffd5b92915050565b634e487b7160e01b5f52603160045260245ffd5b6020808252602e908201527f4167656e74526f6c653a2063616c6c657220646f6573206e6f7420686176652060408201526d746865204167656e7420726f6c6560901b606082015260800190565b6020808252601690820152751859191c995cdcc81b9bdd081cdd1bdc9959081e595d60521b60408201526060019056fea164736f6c634300081c000a",
}

// IdentityRegistryStorage is an auto generated Go binding around an Ethereum contract.
type IdentityRegistryStorage struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *IdentityRegistryStorage) GetABI() abi.ABI {
	return c.abi
}

// NewIdentityRegistryStorage creates a new instance of IdentityRegistryStorage.
func NewIdentityRegistryStorage() *IdentityRegistryStorage {
	parsed, err := IdentityRegistryStorageMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &IdentityRegistryStorage{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *IdentityRegistryStorage) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAgent(address _agent) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackAddAgent(agent common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("addAgent", agent)
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
func (identityRegistryStorage *IdentityRegistryStorage) TryPackAddAgent(agent common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("addAgent", agent)
}

// PackAddIdentityToStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa53410dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addIdentityToStorage(address _userAddress, address _identity, uint16 _country) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackAddIdentityToStorage(userAddress common.Address, identity common.Address, country uint16) []byte {
	enc, err := identityRegistryStorage.abi.Pack("addIdentityToStorage", userAddress, identity, country)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddIdentityToStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa53410dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addIdentityToStorage(address _userAddress, address _identity, uint16 _country) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackAddIdentityToStorage(userAddress common.Address, identity common.Address, country uint16) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("addIdentityToStorage", userAddress, identity, country)
}

// PackBindIdentityRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x690a49f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bindIdentityRegistry(address _identityRegistry) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackBindIdentityRegistry(identityRegistry common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("bindIdentityRegistry", identityRegistry)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBindIdentityRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x690a49f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bindIdentityRegistry(address _identityRegistry) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackBindIdentityRegistry(identityRegistry common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("bindIdentityRegistry", identityRegistry)
}

// PackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (identityRegistryStorage *IdentityRegistryStorage) PackIsAgent(agent common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("isAgent", agent)
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
func (identityRegistryStorage *IdentityRegistryStorage) TryPackIsAgent(agent common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("isAgent", agent)
}

// UnpackIsAgent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ffbb064.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIsAgent(data []byte) (bool, error) {
	out, err := identityRegistryStorage.abi.Unpack("isAgent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLinkedIdentityRegistries is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbf9eb959.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function linkedIdentityRegistries() view returns(address[])
func (identityRegistryStorage *IdentityRegistryStorage) PackLinkedIdentityRegistries() []byte {
	enc, err := identityRegistryStorage.abi.Pack("linkedIdentityRegistries")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLinkedIdentityRegistries is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbf9eb959.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function linkedIdentityRegistries() view returns(address[])
func (identityRegistryStorage *IdentityRegistryStorage) TryPackLinkedIdentityRegistries() ([]byte, error) {
	return identityRegistryStorage.abi.Pack("linkedIdentityRegistries")
}

// UnpackLinkedIdentityRegistries is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbf9eb959.
//
// Solidity: function linkedIdentityRegistries() view returns(address[])
func (identityRegistryStorage *IdentityRegistryStorage) UnpackLinkedIdentityRegistries(data []byte) ([]common.Address, error) {
	out, err := identityRegistryStorage.abi.Unpack("linkedIdentityRegistries", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackModifyStoredIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe805cf86.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modifyStoredIdentity(address _userAddress, address _identity) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackModifyStoredIdentity(userAddress common.Address, identity common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("modifyStoredIdentity", userAddress, identity)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModifyStoredIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe805cf86.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modifyStoredIdentity(address _userAddress, address _identity) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackModifyStoredIdentity(userAddress common.Address, identity common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("modifyStoredIdentity", userAddress, identity)
}

// PackModifyStoredInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f3418d5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modifyStoredInvestorCountry(address _userAddress, uint16 _country) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackModifyStoredInvestorCountry(userAddress common.Address, country uint16) []byte {
	enc, err := identityRegistryStorage.abi.Pack("modifyStoredInvestorCountry", userAddress, country)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModifyStoredInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f3418d5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modifyStoredInvestorCountry(address _userAddress, uint16 _country) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackModifyStoredInvestorCountry(userAddress common.Address, country uint16) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("modifyStoredInvestorCountry", userAddress, country)
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (identityRegistryStorage *IdentityRegistryStorage) PackOwner() []byte {
	enc, err := identityRegistryStorage.abi.Pack("owner")
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
func (identityRegistryStorage *IdentityRegistryStorage) TryPackOwner() ([]byte, error) {
	return identityRegistryStorage.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackOwner(data []byte) (common.Address, error) {
	out, err := identityRegistryStorage.abi.Unpack("owner", data)
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
func (identityRegistryStorage *IdentityRegistryStorage) PackRemoveAgent(agent common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("removeAgent", agent)
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
func (identityRegistryStorage *IdentityRegistryStorage) TryPackRemoveAgent(agent common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("removeAgent", agent)
}

// PackRemoveIdentityFromStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcf191bcd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeIdentityFromStorage(address _userAddress) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackRemoveIdentityFromStorage(userAddress common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("removeIdentityFromStorage", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveIdentityFromStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcf191bcd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeIdentityFromStorage(address _userAddress) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackRemoveIdentityFromStorage(userAddress common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("removeIdentityFromStorage", userAddress)
}

// PackStoredIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7988d3a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function storedIdentity(address _userAddress) view returns(address)
func (identityRegistryStorage *IdentityRegistryStorage) PackStoredIdentity(userAddress common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("storedIdentity", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStoredIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7988d3a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function storedIdentity(address _userAddress) view returns(address)
func (identityRegistryStorage *IdentityRegistryStorage) TryPackStoredIdentity(userAddress common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("storedIdentity", userAddress)
}

// UnpackStoredIdentity is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7988d3a5.
//
// Solidity: function storedIdentity(address _userAddress) view returns(address)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackStoredIdentity(data []byte) (common.Address, error) {
	out, err := identityRegistryStorage.abi.Unpack("storedIdentity", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackStoredInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x727e13bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function storedInvestorCountry(address _userAddress) view returns(uint16)
func (identityRegistryStorage *IdentityRegistryStorage) PackStoredInvestorCountry(userAddress common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("storedInvestorCountry", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStoredInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x727e13bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function storedInvestorCountry(address _userAddress) view returns(uint16)
func (identityRegistryStorage *IdentityRegistryStorage) TryPackStoredInvestorCountry(userAddress common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("storedInvestorCountry", userAddress)
}

// UnpackStoredInvestorCountry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x727e13bc.
//
// Solidity: function storedInvestorCountry(address _userAddress) view returns(uint16)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackStoredInvestorCountry(data []byte) (uint16, error) {
	out, err := identityRegistryStorage.abi.Unpack("storedInvestorCountry", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("transferOwnership", newOwner)
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
func (identityRegistryStorage *IdentityRegistryStorage) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("transferOwnership", newOwner)
}

// PackUnbindIdentityRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97a012f7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unbindIdentityRegistry(address _identityRegistry) returns()
func (identityRegistryStorage *IdentityRegistryStorage) PackUnbindIdentityRegistry(identityRegistry common.Address) []byte {
	enc, err := identityRegistryStorage.abi.Pack("unbindIdentityRegistry", identityRegistry)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnbindIdentityRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97a012f7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unbindIdentityRegistry(address _identityRegistry) returns()
func (identityRegistryStorage *IdentityRegistryStorage) TryPackUnbindIdentityRegistry(identityRegistry common.Address) ([]byte, error) {
	return identityRegistryStorage.abi.Pack("unbindIdentityRegistry", identityRegistry)
}

// IdentityRegistryStorageAgentAdded represents a AgentAdded event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageAgentAdded struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageAgentAddedEventName = "AgentAdded"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageAgentAdded) ContractEventName() string {
	return IdentityRegistryStorageAgentAddedEventName
}

// UnpackAgentAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentAdded(address indexed _agent)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackAgentAddedEvent(log *types.Log) (*IdentityRegistryStorageAgentAdded, error) {
	event := "AgentAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageAgentAdded)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageAgentRemoved represents a AgentRemoved event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageAgentRemoved struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageAgentRemovedEventName = "AgentRemoved"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageAgentRemoved) ContractEventName() string {
	return IdentityRegistryStorageAgentRemovedEventName
}

// UnpackAgentRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentRemoved(address indexed _agent)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackAgentRemovedEvent(log *types.Log) (*IdentityRegistryStorageAgentRemoved, error) {
	event := "AgentRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageAgentRemoved)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageCountryModified represents a CountryModified event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageCountryModified struct {
	InvestorAddress common.Address
	Country         uint16
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageCountryModifiedEventName = "CountryModified"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageCountryModified) ContractEventName() string {
	return IdentityRegistryStorageCountryModifiedEventName
}

// UnpackCountryModifiedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CountryModified(address indexed investorAddress, uint16 indexed country)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackCountryModifiedEvent(log *types.Log) (*IdentityRegistryStorageCountryModified, error) {
	event := "CountryModified"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageCountryModified)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageIdentityModified represents a IdentityModified event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageIdentityModified struct {
	OldIdentity common.Address
	NewIdentity common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageIdentityModifiedEventName = "IdentityModified"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageIdentityModified) ContractEventName() string {
	return IdentityRegistryStorageIdentityModifiedEventName
}

// UnpackIdentityModifiedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityModified(address indexed oldIdentity, address indexed newIdentity)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIdentityModifiedEvent(log *types.Log) (*IdentityRegistryStorageIdentityModified, error) {
	event := "IdentityModified"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageIdentityModified)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageIdentityRegistryBound represents a IdentityRegistryBound event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageIdentityRegistryBound struct {
	IdentityRegistry common.Address
	Raw              *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageIdentityRegistryBoundEventName = "IdentityRegistryBound"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageIdentityRegistryBound) ContractEventName() string {
	return IdentityRegistryStorageIdentityRegistryBoundEventName
}

// UnpackIdentityRegistryBoundEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityRegistryBound(address indexed identityRegistry)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIdentityRegistryBoundEvent(log *types.Log) (*IdentityRegistryStorageIdentityRegistryBound, error) {
	event := "IdentityRegistryBound"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageIdentityRegistryBound)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageIdentityRegistryUnbound represents a IdentityRegistryUnbound event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageIdentityRegistryUnbound struct {
	IdentityRegistry common.Address
	Raw              *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageIdentityRegistryUnboundEventName = "IdentityRegistryUnbound"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageIdentityRegistryUnbound) ContractEventName() string {
	return IdentityRegistryStorageIdentityRegistryUnboundEventName
}

// UnpackIdentityRegistryUnboundEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityRegistryUnbound(address indexed identityRegistry)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIdentityRegistryUnboundEvent(log *types.Log) (*IdentityRegistryStorageIdentityRegistryUnbound, error) {
	event := "IdentityRegistryUnbound"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageIdentityRegistryUnbound)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageIdentityStored represents a IdentityStored event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageIdentityStored struct {
	InvestorAddress common.Address
	Identity        common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageIdentityStoredEventName = "IdentityStored"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageIdentityStored) ContractEventName() string {
	return IdentityRegistryStorageIdentityStoredEventName
}

// UnpackIdentityStoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityStored(address indexed investorAddress, address indexed identity)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIdentityStoredEvent(log *types.Log) (*IdentityRegistryStorageIdentityStored, error) {
	event := "IdentityStored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageIdentityStored)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageIdentityUnstored represents a IdentityUnstored event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageIdentityUnstored struct {
	InvestorAddress common.Address
	Identity        common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageIdentityUnstoredEventName = "IdentityUnstored"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageIdentityUnstored) ContractEventName() string {
	return IdentityRegistryStorageIdentityUnstoredEventName
}

// UnpackIdentityUnstoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityUnstored(address indexed investorAddress, address indexed identity)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackIdentityUnstoredEvent(log *types.Log) (*IdentityRegistryStorageIdentityUnstored, error) {
	event := "IdentityUnstored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageIdentityUnstored)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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

// IdentityRegistryStorageOwnershipTransferred represents a OwnershipTransferred event raised by the IdentityRegistryStorage contract.
type IdentityRegistryStorageOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryStorageOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryStorageOwnershipTransferred) ContractEventName() string {
	return IdentityRegistryStorageOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (identityRegistryStorage *IdentityRegistryStorage) UnpackOwnershipTransferredEvent(log *types.Log) (*IdentityRegistryStorageOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistryStorage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryStorageOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := identityRegistryStorage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistryStorage.abi.Events[event].Inputs {
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
