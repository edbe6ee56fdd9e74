// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package trustedissuersregistry

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

// TrustedIssuersRegistryMetaData contains all meta data concerning the TrustedIssuersRegistry contract.
var TrustedIssuersRegistryMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"contractIClaimIssuer\",\"name\":\"trustedIssuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"claimTopics\",\"type\":\"uint256[]\"}],\"name\":\"ClaimTopicsUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"contractIClaimIssuer\",\"name\":\"trustedIssuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"claimTopics\",\"type\":\"uint256[]\"}],\"name\":\"TrustedIssuerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"contractIClaimIssuer\",\"name\":\"trustedIssuer\",\"type\":\"address\"}],\"name\":\"TrustedIssuerRemoved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"addAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIClaimIssuer\",\"name\":\"_issuer\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"_claimTopics\",\"type\":\"uint256[]\"}],\"name\":\"addTrustedIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIClaimIssuer\",\"name\":\"_issuer\",\"type\":\"address\"}],\"name\":\"getTrustedIssuerClaimTopics\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getTrustedIssuers\",\"outputs\":[{\"internalType\":\"contractIClaimIssuer[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"claimTopic\",\"type\":\"uint256\"}],\"name\":\"getTrustedIssuersForClaimTopic\",\"outputs\":[{\"internalType\":\"contractIClaimIssuer[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_issuer\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"_claimTopic\",\"type\":\"uint256\"}],\"name\":\"hasClaimTopic\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"isAgent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_issuer\",\"type\":\"address\"}],\"name\":\"isTrustedIssuer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"removeAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIClaimIssuer\",\"name\":\"_issuer\",\"type\":\"address\"}],\"name\":\"removeTrustedIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIClaimIssuer\",\"name\":\"_issuer\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"_claimTopics\",\"type\":\"uint256[]\"}],\"name\":\"updateIssuerClaimTopics\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "TrustedIssuersRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36110418061005a5f395ff3fe608060405234801561000f575f5ffd5b50600436106100cb575f3560e01c806397a6278e11610088578063c28fb27811610063578063c28fb278146101bd578063d9dd24c5146101dd578063ef2ed1a4146101e5578063f2fde38b1461020f575f5ffd5b806397a6278e146101845780639f63ea9814610197578063b93d28eb146101aa575f5ffd5b806304bc7e84146100cf5780631ffbb064146100e457806334a899871461012457806352c111d11461013757806384e79842146101575780638da5cb5b1461016a575b5f5ffd5b6100e26100dd366004610dd4565b610222565b005b61010f6100f2366004610e57565b6001600160a01b03165f9081526001602052604090205460ff1690565b60405190151581526020015b60405180910390f35b61010f610132366004610e79565b61037b565b61014a610145366004610ea3565b6103dd565b60405161011b9190610eba565b6100e2610165366004610e57565b610446565b5f546040516001600160a01b03909116815260200161011b565b6100e2610192366004610e57565b610525565b6100e26101a5366004610dd4565b6105fd565b6100e26101b8366004610e57565b61084e565b6101d06101cb366004610e57565b61091e565b60405161011b9190610f05565b61014a6109ec565b61010f6101f3366004610e57565b6001600160a01b03165f90815260036020526040902054151590565b6100e261021d366004610e57565b610a4c565b5f546001600160a01b031633146102545760405162461bcd60e51b815260040161024b90610f3c565b60405180910390fd5b6001600160a01b0383165f9081526003602052604081205490036102b15760405162461bcd60e51b81526020600482015260146024820152732727aa1030903a393ab9ba32b21034b9b9bab2b960611b604482015260640161024b565b806102fe5760405162461bcd60e51b815260206004820152601c60248201527f636c61696d20746f706963732063616e6e6f7420626520656d70747900000000604482015260640161024b565b600f81111561031f5760405162461bcd60e51b815260040161024b90610f71565b61032883610b33565b610333838383610bb6565b826001600160a01b03167fec753cfc52044f61676f18a11e500093a9f2b1cd5e4942bc476f2b0438159bcf838360405161036e929190610fb6565b60405180910390a2505050565b6001600160a01b0382165f908152600360205260408120815b81548110156103d157838282815481106103b0576103b0610fed565b905f5260205f200154036103c9576001925050506103d7565b600101610394565b505f9150505b92915050565b5f8181526004602090815260409182902080548351818402810184019094528084526060939283018282801561043a57602002820191905f5260205f20905b81546001600160a01b0316815260019091019060200180831161041c575b50505050509050919050565b5f546001600160a01b0316331461046f5760405162461bcd60e51b815260040161024b90610f3c565b6001600160a01b0381165f9081526001602052604090205460ff16156104d75760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420616c72656164792065786973747300604482015260640161024b565b6001600160a01b0381165f818152600160208190526040808320805460ff1916909217909155517ff68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec59190a250565b5f546001600160a01b0316331461054e5760405162461bcd60e51b815260040161024b90610f3c565b6001600160a01b0381165f9081526001602052604090205460ff166105b55760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420646f6573206e6f7420657869737400604482015260640161024b565b6001600160a01b0381165f81815260016020526040808220805460ff19169055517fed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b9190a250565b5f546001600160a01b031633146106265760405162461bcd60e51b815260040161024b90610f3c565b6001600160a01b03831661067c5760405162461bcd60e51b815260206004820152601f60248201527f696e76616c696420617267756d656e74202d207a65726f206164647265737300604482015260640161024b565b6001600160a01b0383165f90815260036020526040902054156106e15760405162461bcd60e51b815260206004820152601d60248201527f747275737465642049737375657220616c726561647920657869737473000000604482015260640161024b565b8061073a5760405162461bcd60e51b8152602060048201526024808201527f7472757374656420636c61696d20746f706963732063616e6e6f7420626520656044820152636d70747960e01b606482015260840161024b565b600f81111561075b5760405162461bcd60e51b815260040161024b90610f71565b6002546032116107be5760405162461bcd60e51b815260206004820152602860248201527f63616e6e6f742068617665206d6f7265207468616e2035302074727573746564604482015267206973737565727360c01b606482015260840161024b565b600280546001810182555f919091527f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace0180546001600160a01b0319166001600160a01b038516179055610813838383610bb6565b826001600160a01b03167ffedc33fd34859594822c0ff6f3f4f9fc279cc6d5cae53068f706a088e4500872838360405161036e929190610fb6565b5f546001600160a01b031633146108775760405162461bcd60e51b815260040161024b90610f3c565b6001600160a01b0381165f9081526003602052604081205490036108d45760405162461bcd60e51b81526020600482015260146024820152732727aa1030903a393ab9ba32b21034b9b9bab2b960611b604482015260640161024b565b6108dd81610b33565b6108e8600282610c4b565b6040516001600160a01b038216907f2214ded40113cc3fb63fc206cafee88270b0a903dac7245d54efdde30ebb0321905f90a250565b6001600160a01b0381165f90815260036020526040812054606091036109865760405162461bcd60e51b815260206004820152601c60248201527f747275737465642049737375657220646f65736e277420657869737400000000604482015260640161024b565b6001600160a01b0382165f908152600360209081526040918290208054835181840281018401909452808452909183018282801561043a57602002820191905f5260205f20905b8154815260200190600101908083116109cd5750505050509050919050565b60606002805480602002602001604051908101604052809291908181526020018280548015610a4257602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610a24575b5050505050905090565b5f546001600160a01b03163314610a755760405162461bcd60e51b815260040161024b90610f3c565b6001600160a01b038116610ada5760405162461bcd60e51b815260206004820152602660248201527f4f776e61626c653a206e6577206f776e657220697320746865207a65726f206160448201526564647265737360d01b606482015260840161024b565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b6001600160a01b0381165f908152600360205260408120905b8154811015610b9157610b8960045f848481548110610b6d57610b6d610fed565b905f5260205f20015481526020019081526020015f2084610c4b565b600101610b4c565b506001600160a01b0382165f908152600360205260408120610bb291610d45565b5050565b6001600160a01b0383165f908152600360205260409020610bd8908383610d63565b505f5b81811015610c455760045f848484818110610bf857610bf8610fed565b60209081029290920135835250818101929092526040015f9081208054600180820183559183529290912090910180546001600160a01b0319166001600160a01b03871617905501610bdb565b50505050565b5f5b8254811015610d4057816001600160a01b0316838281548110610c7257610c72610fed565b5f918252602090912001546001600160a01b031603610d385782548390610c9b90600190611001565b81548110610cab57610cab610fed565b905f5260205f20015f9054906101000a90046001600160a01b0316838281548110610cd857610cd8610fed565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555082805480610d1357610d13611020565b5f8281526020902081015f1990810180546001600160a01b0319169055019055505050565b600101610c4d565b505050565b5080545f8255905f5260205f2090810190610d609190610dac565b50565b828054828255905f5260205f20908101928215610d9c579160200282015b82811115610d9c578235825591602001919060010190610d81565b50610da8929150610dac565b5090565b5b80821115610da8575f8155600101610dad565b6001600160a01b0381168114610d60575f5ffd5b5f5f5f60408486031215610de6575f5ffd5b8335610df181610dc0565b9250602084013567ffffffffffffffff811115610e0c575f5ffd5b8401601f81018613610e1c575f5ffd5b803567ffffffffffffffff811115610e32575f5ffd5b8660208260051b8401011115610e46575f5ffd5b939660209190910195509293505050565b5f60208284031215610e67575f5ffd5b8135610e7281610dc0565b9392505050565b5f5f60408385031215610e8a575f5ffd5b8235610e9581610dc0565b946020939093013593505050565b5f60208284031215610eb3575f5ffd5b5035919050565b602080825282518282018190525f918401906040840190835b81811015610efa5783516001600160a01b0316835260209384019390920191600101610ed3565b509095945050505050565b602080825282518282018190525f918401906040840190835b81811015610efa578351835260209384019390920191600101610f1e565b6020808252818101527f4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572604082015260600190565b60208082526025908201527f63616e6e6f742068617665206d6f7265207468616e20313520636c61696d20746040820152646f7069637360d81b606082015260800190565b602080825281018290525f6001600160fb1b03831115610fd4575f5ffd5b8260051b80856040850137919091016040019392505050565b634e487b7160e01b5f52603260045260245ffd5b818103818111156103d757634e487b7160e01b5f52601160045260245ffd5b634e487b7160e01b5f52603160045260245ffdfea164736f6c634300081c000a",
}

// TrustedIssuersRegistry is an auto generated Go binding around an Ethereum contract.
type TrustedIssuersRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TrustedIssuersRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewTrustedIssuersRegistry creates a new instance of TrustedIssuersRegistry.
func NewTrustedIssuersRegistry() *TrustedIssuersRegistry {
	parsed, err := TrustedIssuersRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TrustedIssuersRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TrustedIssuersRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAgent(address _agent) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackAddAgent(agent common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("addAgent", agent)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackAddAgent(agent common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("addAgent", agent)
}

// PackAddTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f63ea98.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addTrustedIssuer(address _issuer, uint256[] _claimTopics) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackAddTrustedIssuer(issuer common.Address, claimTopics []*big.Int) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("addTrustedIssuer", issuer, claimTopics)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f63ea98.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addTrustedIssuer(address _issuer, uint256[] _claimTopics) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackAddTrustedIssuer(issuer common.Address, claimTopics []*big.Int) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("addTrustedIssuer", issuer, claimTopics)
}

// PackGetTrustedIssuerClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc28fb278.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getTrustedIssuerClaimTopics(address _issuer) view returns(uint256[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackGetTrustedIssuerClaimTopics(issuer common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("getTrustedIssuerClaimTopics", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetTrustedIssuerClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc28fb278.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getTrustedIssuerClaimTopics(address _issuer) view returns(uint256[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackGetTrustedIssuerClaimTopics(issuer common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("getTrustedIssuerClaimTopics", issuer)
}

// UnpackGetTrustedIssuerClaimTopics is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc28fb278.
//
// Solidity: function getTrustedIssuerClaimTopics(address _issuer) view returns(uint256[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackGetTrustedIssuerClaimTopics(data []byte) ([]*big.Int, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("getTrustedIssuerClaimTopics", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackGetTrustedIssuers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9dd24c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getTrustedIssuers() view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackGetTrustedIssuers() []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("getTrustedIssuers")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetTrustedIssuers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9dd24c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getTrustedIssuers() view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackGetTrustedIssuers() ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("getTrustedIssuers")
}

// UnpackGetTrustedIssuers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9dd24c5.
//
// Solidity: function getTrustedIssuers() view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackGetTrustedIssuers(data []byte) ([]common.Address, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("getTrustedIssuers", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackGetTrustedIssuersForClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x52c111d1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getTrustedIssuersForClaimTopic(uint256 claimTopic) view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackGetTrustedIssuersForClaimTopic(claimTopic *big.Int) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("getTrustedIssuersForClaimTopic", claimTopic)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetTrustedIssuersForClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x52c111d1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getTrustedIssuersForClaimTopic(uint256 claimTopic) view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackGetTrustedIssuersForClaimTopic(claimTopic *big.Int) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("getTrustedIssuersForClaimTopic", claimTopic)
}

// UnpackGetTrustedIssuersForClaimTopic is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x52c111d1.
//
// Solidity: function getTrustedIssuersForClaimTopic(uint256 claimTopic) view returns(address[])
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackGetTrustedIssuersForClaimTopic(data []byte) ([]common.Address, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("getTrustedIssuersForClaimTopic", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackHasClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34a89987.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasClaimTopic(address _issuer, uint256 _claimTopic) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackHasClaimTopic(issuer common.Address, claimTopic *big.Int) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("hasClaimTopic", issuer, claimTopic)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasClaimTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34a89987.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasClaimTopic(address _issuer, uint256 _claimTopic) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackHasClaimTopic(issuer common.Address, claimTopic *big.Int) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("hasClaimTopic", issuer, claimTopic)
}

// UnpackHasClaimTopic is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x34a89987.
//
// Solidity: function hasClaimTopic(address _issuer, uint256 _claimTopic) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackHasClaimTopic(data []byte) (bool, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("hasClaimTopic", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackIsAgent(agent common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("isAgent", agent)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackIsAgent(agent common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("isAgent", agent)
}

// UnpackIsAgent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ffbb064.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackIsAgent(data []byte) (bool, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("isAgent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef2ed1a4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isTrustedIssuer(address _issuer) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackIsTrustedIssuer(issuer common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("isTrustedIssuer", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef2ed1a4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isTrustedIssuer(address _issuer) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackIsTrustedIssuer(issuer common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("isTrustedIssuer", issuer)
}

// UnpackIsTrustedIssuer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xef2ed1a4.
//
// Solidity: function isTrustedIssuer(address _issuer) view returns(bool)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackIsTrustedIssuer(data []byte) (bool, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("isTrustedIssuer", data)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackOwner() []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("owner")
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackOwner() ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := trustedIssuersRegistry.abi.Unpack("owner", data)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackRemoveAgent(agent common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("removeAgent", agent)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackRemoveAgent(agent common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("removeAgent", agent)
}

// PackRemoveTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb93d28eb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeTrustedIssuer(address _issuer) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackRemoveTrustedIssuer(issuer common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("removeTrustedIssuer", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveTrustedIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb93d28eb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeTrustedIssuer(address _issuer) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackRemoveTrustedIssuer(issuer common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("removeTrustedIssuer", issuer)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("transferOwnership", newOwner)
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
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("transferOwnership", newOwner)
}

// PackUpdateIssuerClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04bc7e84.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateIssuerClaimTopics(address _issuer, uint256[] _claimTopics) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) PackUpdateIssuerClaimTopics(issuer common.Address, claimTopics []*big.Int) []byte {
	enc, err := trustedIssuersRegistry.abi.Pack("updateIssuerClaimTopics", issuer, claimTopics)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateIssuerClaimTopics is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04bc7e84.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateIssuerClaimTopics(address _issuer, uint256[] _claimTopics) returns()
func (trustedIssuersRegistry *TrustedIssuersRegistry) TryPackUpdateIssuerClaimTopics(issuer common.Address, claimTopics []*big.Int) ([]byte, error) {
	return trustedIssuersRegistry.abi.Pack("updateIssuerClaimTopics", issuer, claimTopics)
}

// TrustedIssuersRegistryAgentAdded represents a AgentAdded event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryAgentAdded struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryAgentAddedEventName = "AgentAdded"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryAgentAdded) ContractEventName() string {
	return TrustedIssuersRegistryAgentAddedEventName
}

// UnpackAgentAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentAdded(address indexed _agent)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackAgentAddedEvent(log *types.Log) (*TrustedIssuersRegistryAgentAdded, error) {
	event := "AgentAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryAgentAdded)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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

// TrustedIssuersRegistryAgentRemoved represents a AgentRemoved event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryAgentRemoved struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryAgentRemovedEventName = "AgentRemoved"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryAgentRemoved) ContractEventName() string {
	return TrustedIssuersRegistryAgentRemovedEventName
}

// UnpackAgentRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentRemoved(address indexed _agent)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackAgentRemovedEvent(log *types.Log) (*TrustedIssuersRegistryAgentRemoved, error) {
	event := "AgentRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryAgentRemoved)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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

// TrustedIssuersRegistryClaimTopicsUpdated represents a ClaimTopicsUpdated event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryClaimTopicsUpdated struct {
	TrustedIssuer common.Address
	ClaimTopics   []*big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryClaimTopicsUpdatedEventName = "ClaimTopicsUpdated"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryClaimTopicsUpdated) ContractEventName() string {
	return TrustedIssuersRegistryClaimTopicsUpdatedEventName
}

// UnpackClaimTopicsUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimTopicsUpdated(address indexed trustedIssuer, uint256[] claimTopics)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackClaimTopicsUpdatedEvent(log *types.Log) (*TrustedIssuersRegistryClaimTopicsUpdated, error) {
	event := "ClaimTopicsUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryClaimTopicsUpdated)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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

// TrustedIssuersRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryOwnershipTransferred) ContractEventName() string {
	return TrustedIssuersRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*TrustedIssuersRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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

// TrustedIssuersRegistryTrustedIssuerAdded represents a TrustedIssuerAdded event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryTrustedIssuerAdded struct {
	TrustedIssuer common.Address
	ClaimTopics   []*big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryTrustedIssuerAddedEventName = "TrustedIssuerAdded"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryTrustedIssuerAdded) ContractEventName() string {
	return TrustedIssuersRegistryTrustedIssuerAddedEventName
}

// UnpackTrustedIssuerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TrustedIssuerAdded(address indexed trustedIssuer, uint256[] claimTopics)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackTrustedIssuerAddedEvent(log *types.Log) (*TrustedIssuersRegistryTrustedIssuerAdded, error) {
	event := "TrustedIssuerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryTrustedIssuerAdded)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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

// TrustedIssuersRegistryTrustedIssuerRemoved represents a TrustedIssuerRemoved event raised by the TrustedIssuersRegistry contract.
type TrustedIssuersRegistryTrustedIssuerRemoved struct {
	TrustedIssuer common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const TrustedIssuersRegistryTrustedIssuerRemovedEventName = "TrustedIssuerRemoved"

// ContractEventName returns the user-defined event name.
func (TrustedIssuersRegistryTrustedIssuerRemoved) ContractEventName() string {
	return TrustedIssuersRegistryTrustedIssuerRemovedEventName
}

// UnpackTrustedIssuerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TrustedIssuerRemoved(address indexed trustedIssuer)
func (trustedIssuersRegistry *TrustedIssuersRegistry) UnpackTrustedIssuerRemovedEvent(log *types.Log) (*TrustedIssuersRegistryTrustedIssuerRemoved, error) {
	event := "TrustedIssuerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != trustedIssuersRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TrustedIssuersRegistryTrustedIssuerRemoved)
	if len(log.Data) > 0 {
		if err := trustedIssuersRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range trustedIssuersRegistry.abi.Events[event].Inputs {
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
