// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package smartwallet

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

// SmartWalletMetaData contains all meta data concerning the SmartWallet contract.
var SmartWalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"execute\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "SmartWallet",
	Bin: "0x60a060405234801561000f575f5ffd5b5060405161060038038061060083398101604081905261002e91610099565b6001600160a01b0381166100885760405162461bcd60e51b815260206004820152601f60248201527f696e76616c696420617267756d656e74202d207a65726f206164647265737300604482015260640160405180910390fd5b6001600160a01b03166080526100c6565b5f602082840312156100a9575f5ffd5b81516001600160a01b03811681146100bf575f5ffd5b9392505050565b6080516105156100eb5f395f8181608f015281816101a6015261023501526105155ff3fe608060405260043610610036575f3560e01c80631626ba7e146100415780638da5cb5b1461007e578063b61d27f6146100c9575f5ffd5b3661003d57005b5f5ffd5b34801561004c575f5ffd5b5061006061005b366004610352565b6100f5565b6040516001600160e01b031990911681526020015b60405180910390f35b348015610089575f5ffd5b506100b17f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610075565b3480156100d4575f5ffd5b506100e86100e336600461040f565b610228565b604051610075919061049f565b5f815160411461010e57506001600160e01b0319610222565b6020820151604083015160608401515f1a601b81101561013657610133601b826104d4565b90505b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082111561017257506001600160e01b03199250610222915050565b604080515f81526020810180835288905260ff83169181019190915260608101849052608081018390526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169060019060a0016020604051602081039080840390855afa1580156101ed573d5f5f3e3d5ffd5b505050602060405103516001600160a01b031614610213576001600160e01b031961021c565b630b135d3f60e11b5b93505050505b92915050565b6060336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146102985760405162461bcd60e51b815260206004820152600e60248201526d37b7363c903a34329037bbb732b960911b60448201526064015b60405180910390fd5b5f5f866001600160a01b03168686866040516102b59291906104f9565b5f6040518083038185875af1925050503d805f81146102ef576040519150601f19603f3d011682016040523d82523d5f602084013e6102f4565b606091505b5091509150816103345760405162461bcd60e51b815260206004820152600b60248201526a18d85b1b0819985a5b195960aa1b604482015260640161028f565b9695505050505050565b634e487b7160e01b5f52604160045260245ffd5b5f5f60408385031215610363575f5ffd5b82359150602083013567ffffffffffffffff811115610380575f5ffd5b8301601f81018513610390575f5ffd5b803567ffffffffffffffff8111156103aa576103aa61033e565b604051601f8201601f19908116603f0116810167ffffffffffffffff811182821017156103d9576103d961033e565b6040528181528282016020018710156103f0575f5ffd5b816020840160208301375f602083830101528093505050509250929050565b5f5f5f5f60608587031215610422575f5ffd5b84356001600160a01b0381168114610438575f5ffd5b935060208501359250604085013567ffffffffffffffff81111561045a575f5ffd5b8501601f8101871361046a575f5ffd5b803567ffffffffffffffff811115610480575f5ffd5b876020828401011115610491575f5ffd5b949793965060200194505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b60ff818116838216019081111561022257634e487b7160e01b5f52601160045260245ffd5b818382375f910190815291905056fea164736f6c634300081c000a",
}

// SmartWallet is an auto generated Go binding around an Ethereum contract.
type SmartWallet struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SmartWallet) GetABI() abi.ABI {
	return c.abi
}

// NewSmartWallet creates a new instance of SmartWallet.
func NewSmartWallet() *SmartWallet {
	parsed, err := SmartWalletMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SmartWallet{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SmartWallet) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_) returns()
func (smartWallet *SmartWallet) PackConstructor(owner_ common.Address) []byte {
	enc, err := smartWallet.abi.Pack("", owner_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function execute(address to, uint256 value, bytes data) returns(bytes)
func (smartWallet *SmartWallet) PackExecute(to common.Address, value *big.Int, data []byte) []byte {
	enc, err := smartWallet.abi.Pack("execute", to, value, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function execute(address to, uint256 value, bytes data) returns(bytes)
func (smartWallet *SmartWallet) TryPackExecute(to common.Address, value *big.Int, data []byte) ([]byte, error) {
	return smartWallet.abi.Pack("execute", to, value, data)
}

// UnpackExecute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb61d27f6.
//
// Solidity: function execute(address to, uint256 value, bytes data) returns(bytes)
func (smartWallet *SmartWallet) UnpackExecute(data []byte) ([]byte, error) {
	out, err := smartWallet.abi.Unpack("execute", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) PackIsValidSignature(hash [32]byte, signature []byte) []byte {
	enc, err := smartWallet.abi.Pack("isValidSignature", hash, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) TryPackIsValidSignature(hash [32]byte, signature []byte) ([]byte, error) {
	return smartWallet.abi.Pack("isValidSignature", hash, signature)
}

// UnpackIsValidSignature is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1626ba7e.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) UnpackIsValidSignature(data []byte) ([4]byte, error) {
	out, err := smartWallet.abi.Unpack("isValidSignature", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (smartWallet *SmartWallet) PackOwner() []byte {
	enc, err := smartWallet.abi.Pack("owner")
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
func (smartWallet *SmartWallet) TryPackOwner() ([]byte, error) {
	return smartWallet.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (smartWallet *SmartWallet) UnpackOwner(data []byte) (common.Address, error) {
	out, err := smartWallet.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}
