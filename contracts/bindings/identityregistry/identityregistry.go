// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package identityregistry

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

// IdentityRegistryMetaData contains all meta data concerning the IdentityRegistry contract.
var IdentityRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractITrustedIssuersRegistry\",\"name\":\"issuers_\",\"type\":\"address\"},{\"internalType\":\"contractIClaimTopicsRegistry\",\"name\":\"topics_\",\"type\":\"address\"},{\"internalType\":\"contractIIdentityRegistryStorage\",\"name\":\"storage_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"AgentRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"claimTopicsRegistry\",\"type\":\"address\"}],\"name\":\"ClaimTopicsRegistrySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint16\",\"name\":\"country\",\"type\":\"uint16\"}],\"name\":\"CountryUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"identity\",\"type\":\"address\"}],\"name\":\"IdentityRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"investorAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"identity\",\"type\":\"address\"}],\"name\":\"IdentityRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"identityStorage\",\"type\":\"address\"}],\"name\":\"IdentityStorageSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"oldIdentity\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"contractIIdentity\",\"name\":\"newIdentity\",\"type\":\"address\"}],\"name\":\"IdentityUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trustedIssuersRegistry\",\"type\":\"address\"}],\"name\":\"TrustedIssuersRegistrySet\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"addAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"contains\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"deleteIdentity\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"identity\",\"outputs\":[{\"internalType\":\"contractIIdentity\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"identityStorage\",\"outputs\":[{\"internalType\":\"contractIIdentityRegistryStorage\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"investorCountry\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"isAgent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"}],\"name\":\"isVerified\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"issuersRegistry\",\"outputs\":[{\"internalType\":\"contractITrustedIssuersRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"contractIIdentity\",\"name\":\"_identity\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"_country\",\"type\":\"uint16\"}],\"name\":\"registerIdentity\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_agent\",\"type\":\"address\"}],\"name\":\"removeAgent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"topicsRegistry\",\"outputs\":[{\"internalType\":\"contractIClaimTopicsRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"_country\",\"type\":\"uint16\"}],\"name\":\"updateCountry\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_userAddress\",\"type\":\"address\"},{\"internalType\":\"contractIIdentity\",\"name\":\"_identity\",\"type\":\"address\"}],\"name\":\"updateIdentity\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "IdentityRegistry",
	Bin: "0x608060405234801561000f575f5ffd5b506040516113fa3803806113fa83398101604081905261002e916101dc565b5f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36001600160a01b0383161580159061008c57506001600160a01b03821615155b80156100a057506001600160a01b03811615155b6100f05760405162461bcd60e51b815260206004820152601f60248201527f696e76616c696420617267756d656e74202d207a65726f206164647265737300604482015260640160405180910390fd5b600480546001600160a01b038086166001600160a01b03199283161790925560038054858416908316811790915560028054938516939092169290921790556040517f7170bf15b246e880b2369cd7c67d057760d8a35149e8c64dde91efa22bcc76d0905f90a26040516001600160a01b038216907f2fa8b95c1db7afe99e3398f3792f008135cedc1fa26b0bb2ecd2352cd166d53c905f90a26040516001600160a01b038416907f1b98cb79e6f73020175fe87333f1b91ad6a881519c0afe30340c2599b2b4bde0905f90a2505050610226565b6001600160a01b03811681146101d9575f5ffd5b50565b5f5f5f606084860312156101ee575f5ffd5b83516101f9816101c5565b602085015190935061020a816101c5565b604085015190925061021b816101c5565b809150509250925092565b6111c7806102335f395ff3fe608060405234801561000f575f5ffd5b50600436106100fb575f3560e01c80638e098ca111610093578063b9209e3311610063578063b9209e3314610232578063f0eb5e5414610245578063f11abfd814610258578063f2fde38b14610269575f5ffd5b80638e098ca1146101e857806397a6278e146101fb578063a8d29d1d1461020e578063b4f3fcb714610221575f5ffd5b80635dbe47e8116100ce5780635dbe47e81461018c5780637e42683b1461019f57806384e79842146101c55780638da5cb5b146101d8575f5ffd5b80631ffbb064146100ff5780633b239a7f1461013f5780633b3e12f414610154578063454a03e014610179575b5f5ffd5b61012a61010d366004610cb5565b6001600160a01b03165f9081526001602052604090205460ff1690565b60405190151581526020015b60405180910390f35b61015261014d366004610ce6565b61027c565b005b6003546001600160a01b03165b6040516001600160a01b039091168152602001610136565b610152610187366004610d1d565b610368565b61012a61019a366004610cb5565b610452565b6101b26101ad366004610cb5565b61046e565b60405161ffff9091168152602001610136565b6101526101d3366004610cb5565b6104e0565b5f546001600160a01b0316610161565b6101526101f6366004610d65565b6105bf565b610152610209366004610cb5565b6106ab565b61015261021c366004610cb5565b610783565b6004546001600160a01b0316610161565b61012a610240366004610cb5565b610866565b610161610253366004610cb5565b610947565b6002546001600160a01b0316610161565b610152610277366004610cb5565b6109b3565b5f546001600160a01b03163314806102a25750335f9081526001602052604090205460ff165b6102c75760405162461bcd60e51b81526004016102be90610d91565b60405180910390fd5b600254604051639f3418d560e01b81526001600160a01b03848116600483015261ffff8416602483015290911690639f3418d5906044015f604051808303815f87803b158015610315575f5ffd5b505af1158015610327573d5f5f3e3d5ffd5b505060405161ffff841692506001600160a01b03851691507f04ed3b726495c2dca1ff1215d9ca54e1a4030abb5e82b0f6ce55702416cee853905f90a35050565b5f546001600160a01b031633148061038e5750335f9081526001602052604090205460ff165b6103aa5760405162461bcd60e51b81526004016102be90610d91565b60025460405163a53410dd60e01b81526001600160a01b038581166004830152848116602483015261ffff841660448301529091169063a53410dd906064015f604051808303815f87803b158015610400575f5ffd5b505af1158015610412573d5f5f3e3d5ffd5b50506040516001600160a01b038086169350861691507f6ae73635c50d24a45af6fbd5e016ac4bed179addbc8bf24e04ff0fcc6d33af19905f90a3505050565b5f8061045d83610947565b6001600160a01b0316141592915050565b600254604051631c9f84ef60e21b81526001600160a01b0383811660048301525f92169063727e13bc90602401602060405180830381865afa1580156104b6573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104da9190610ddf565b92915050565b5f546001600160a01b031633146105095760405162461bcd60e51b81526004016102be90610dfa565b6001600160a01b0381165f9081526001602052604090205460ff16156105715760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420616c7265616479206578697374730060448201526064016102be565b6001600160a01b0381165f818152600160208190526040808320805460ff1916909217909155517ff68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec59190a250565b5f546001600160a01b03163314806105e55750335f9081526001602052604090205460ff165b6106015760405162461bcd60e51b81526004016102be90610d91565b5f61060b83610947565b600254604051637402e7c360e11b81526001600160a01b038681166004830152858116602483015292935091169063e805cf86906044015f604051808303815f87803b158015610659575f5ffd5b505af115801561066b573d5f5f3e3d5ffd5b50506040516001600160a01b038086169350841691507fe98082932c8056a0f514da9104e4a66bc2cbaef102ad59d90c4b24220ebf6010905f90a3505050565b5f546001600160a01b031633146106d45760405162461bcd60e51b81526004016102be90610dfa565b6001600160a01b0381165f9081526001602052604090205460ff1661073b5760405162461bcd60e51b815260206004820152601f60248201527f4167656e74526f6c653a206167656e7420646f6573206e6f742065786973740060448201526064016102be565b6001600160a01b0381165f81815260016020526040808220805460ff19169055517fed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b9190a250565b5f546001600160a01b03163314806107a95750335f9081526001602052604090205460ff165b6107c55760405162461bcd60e51b81526004016102be90610d91565b5f6107cf82610947565b60025460405163cf191bcd60e01b81526001600160a01b03858116600483015292935091169063cf191bcd906024015f604051808303815f87803b158015610815575f5ffd5b505af1158015610827573d5f5f3e3d5ffd5b50506040516001600160a01b038085169350851691507f59d6590e225b81befe259af056324092801080acbb7feab310eb34678871f327905f90a35050565b5f5f61087183610947565b90506001600160a01b03811661088957505f92915050565b600354604080516337c2758160e21b815290515f926001600160a01b03169163df09d60491600480830192869291908290030181865afa1580156108cf573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526108f69190810190610e97565b90505f5b815181101561093c576109268383838151811061091957610919610f2d565b6020026020010151610a9a565b61093457505f949350505050565b6001016108fa565b506001949350505050565b600254604051637988d3a560e01b81526001600160a01b0383811660048301525f921690637988d3a590602401602060405180830381865afa15801561098f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104da9190610f41565b5f546001600160a01b031633146109dc5760405162461bcd60e51b81526004016102be90610dfa565b6001600160a01b038116610a415760405162461bcd60e51b815260206004820152602660248201527f4f776e61626c653a206e6577206f776e657220697320746865207a65726f206160448201526564647265737360d01b60648201526084016102be565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b600480546040516352c111d160e01b81529182018390525f9182916001600160a01b0316906352c111d1906024015f60405180830381865afa158015610ae2573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f19168201604052610b099190810190610f5c565b90505f5b8151811015610c94575f828281518110610b2957610b29610f2d565b602002602001015185604051602001610b579291906001600160a01b03929092168252602082015260400190565b6040516020818303038152906040528051906020012090505f5f5f5f896001600160a01b031663c9100bcb866040518263ffffffff1660e01b8152600401610ba191815260200190565b5f60405180830381865afa158015610bbb573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f19168201604052610be29190810190611063565b50945094509450509350888414610bfd575050505050610c8c565b60405163604b4d3760e11b81526001600160a01b0384169063c0969a6e90610c2f908d908d9087908790600401611158565b602060405180830381865afa925050508015610c68575060408051601f3d908101601f19168201909252610c659181019061119b565b60015b15610c86578015610c84576001985050505050505050506104da565b505b50505050505b600101610b0d565b505f949350505050565b6001600160a01b0381168114610cb2575f5ffd5b50565b5f60208284031215610cc5575f5ffd5b8135610cd081610c9e565b9392505050565b61ffff81168114610cb2575f5ffd5b5f5f60408385031215610cf7575f5ffd5b8235610d0281610c9e565b91506020830135610d1281610cd7565b809150509250929050565b5f5f5f60608486031215610d2f575f5ffd5b8335610d3a81610c9e565b92506020840135610d4a81610c9e565b91506040840135610d5a81610cd7565b809150509250925092565b5f5f60408385031215610d76575f5ffd5b8235610d8181610c9e565b91506020830135610d1281610c9e565b6020808252602e908201527f4167656e74526f6c653a2063616c6c657220646f6573206e6f7420686176652060408201526d746865204167656e7420726f6c6560901b606082015260800190565b5f60208284031215610def575f5ffd5b8151610cd081610cd7565b6020808252818101527f4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572604082015260600190565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff81118282101715610e6c57610e6c610e2f565b604052919050565b5f67ffffffffffffffff821115610e8d57610e8d610e2f565b5060051b60200190565b5f60208284031215610ea7575f5ffd5b815167ffffffffffffffff811115610ebd575f5ffd5b8201601f81018413610ecd575f5ffd5b8051610ee0610edb82610e74565b610e43565b8082825260208201915060208360051b850101925086831115610f01575f5ffd5b6020840193505b82841015610f23578351825260209384019390910190610f08565b9695505050505050565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215610f51575f5ffd5b8151610cd081610c9e565b5f60208284031215610f6c575f5ffd5b815167ffffffffffffffff811115610f82575f5ffd5b8201601f81018413610f92575f5ffd5b8051610fa0610edb82610e74565b8082825260208201915060208360051b850101925086831115610fc1575f5ffd5b6020840193505b82841015610f23578351610fdb81610c9e565b825260209384019390910190610fc8565b5f5f67ffffffffffffffff84111561100657611006610e2f565b50601f8301601f191660200161101b81610e43565b91505082815283838301111561102f575f5ffd5b8282602083015e5f602084830101529392505050565b5f82601f830112611054575f5ffd5b610cd083835160208501610fec565b5f5f5f5f5f5f60c08789031215611078575f5ffd5b865160208801516040890151919750955061109281610c9e565b606088015190945067ffffffffffffffff8111156110ae575f5ffd5b6110ba89828a01611045565b935050608087015167ffffffffffffffff8111156110d6575f5ffd5b6110e289828a01611045565b92505060a087015167ffffffffffffffff8111156110fe575f5ffd5b8701601f8101891361110e575f5ffd5b61111d89825160208401610fec565b9150509295509295509295565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60018060a01b0385168152836020820152608060408201525f61117e608083018561112a565b8281036060840152611190818561112a565b979650505050505050565b5f602082840312156111ab575f5ffd5b81518015158114610cd0575f5ffdfea164736f6c634300081c000a",
}

// IdentityRegistry is an auto generated Go binding around an Ethereum contract.
type IdentityRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *IdentityRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewIdentityRegistry creates a new instance of IdentityRegistry.
func NewIdentityRegistry() *IdentityRegistry {
	parsed, err := IdentityRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &IdentityRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *IdentityRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address issuers_, address topics_, address storage_) returns()
func (identityRegistry *IdentityRegistry) PackConstructor(issuers_ common.Address, topics_ common.Address, storage_ common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("", issuers_, topics_, storage_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAddAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84e79842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAgent(address _agent) returns()
func (identityRegistry *IdentityRegistry) PackAddAgent(agent common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("addAgent", agent)
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
func (identityRegistry *IdentityRegistry) TryPackAddAgent(agent common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("addAgent", agent)
}

// PackContains is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5dbe47e8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function contains(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) PackContains(userAddress common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("contains", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackContains is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5dbe47e8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function contains(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) TryPackContains(userAddress common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("contains", userAddress)
}

// UnpackContains is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5dbe47e8.
//
// Solidity: function contains(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) UnpackContains(data []byte) (bool, error) {
	out, err := identityRegistry.abi.Unpack("contains", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackDeleteIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8d29d1d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deleteIdentity(address _userAddress) returns()
func (identityRegistry *IdentityRegistry) PackDeleteIdentity(userAddress common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("deleteIdentity", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeleteIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8d29d1d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deleteIdentity(address _userAddress) returns()
func (identityRegistry *IdentityRegistry) TryPackDeleteIdentity(userAddress common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("deleteIdentity", userAddress)
}

// PackIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0eb5e54.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function identity(address _userAddress) view returns(address)
func (identityRegistry *IdentityRegistry) PackIdentity(userAddress common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("identity", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0eb5e54.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function identity(address _userAddress) view returns(address)
func (identityRegistry *IdentityRegistry) TryPackIdentity(userAddress common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("identity", userAddress)
}

// UnpackIdentity is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf0eb5e54.
//
// Solidity: function identity(address _userAddress) view returns(address)
func (identityRegistry *IdentityRegistry) UnpackIdentity(data []byte) (common.Address, error) {
	out, err := identityRegistry.abi.Unpack("identity", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIdentityStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf11abfd8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function identityStorage() view returns(address)
func (identityRegistry *IdentityRegistry) PackIdentityStorage() []byte {
	enc, err := identityRegistry.abi.Pack("identityStorage")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIdentityStorage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf11abfd8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function identityStorage() view returns(address)
func (identityRegistry *IdentityRegistry) TryPackIdentityStorage() ([]byte, error) {
	return identityRegistry.abi.Pack("identityStorage")
}

// UnpackIdentityStorage is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf11abfd8.
//
// Solidity: function identityStorage() view returns(address)
func (identityRegistry *IdentityRegistry) UnpackIdentityStorage(data []byte) (common.Address, error) {
	out, err := identityRegistry.abi.Unpack("identityStorage", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e42683b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function investorCountry(address _userAddress) view returns(uint16)
func (identityRegistry *IdentityRegistry) PackInvestorCountry(userAddress common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("investorCountry", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackInvestorCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e42683b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function investorCountry(address _userAddress) view returns(uint16)
func (identityRegistry *IdentityRegistry) TryPackInvestorCountry(userAddress common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("investorCountry", userAddress)
}

// UnpackInvestorCountry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7e42683b.
//
// Solidity: function investorCountry(address _userAddress) view returns(uint16)
func (identityRegistry *IdentityRegistry) UnpackInvestorCountry(data []byte) (uint16, error) {
	out, err := identityRegistry.abi.Unpack("investorCountry", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackIsAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ffbb064.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (identityRegistry *IdentityRegistry) PackIsAgent(agent common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("isAgent", agent)
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
func (identityRegistry *IdentityRegistry) TryPackIsAgent(agent common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("isAgent", agent)
}

// UnpackIsAgent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ffbb064.
//
// Solidity: function isAgent(address _agent) view returns(bool)
func (identityRegistry *IdentityRegistry) UnpackIsAgent(data []byte) (bool, error) {
	out, err := identityRegistry.abi.Unpack("isAgent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsVerified is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb9209e33.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isVerified(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) PackIsVerified(userAddress common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("isVerified", userAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsVerified is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb9209e33.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isVerified(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) TryPackIsVerified(userAddress common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("isVerified", userAddress)
}

// UnpackIsVerified is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb9209e33.
//
// Solidity: function isVerified(address _userAddress) view returns(bool)
func (identityRegistry *IdentityRegistry) UnpackIsVerified(data []byte) (bool, error) {
	out, err := identityRegistry.abi.Unpack("isVerified", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIssuersRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4f3fcb7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function issuersRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) PackIssuersRegistry() []byte {
	enc, err := identityRegistry.abi.Pack("issuersRegistry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIssuersRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4f3fcb7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function issuersRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) TryPackIssuersRegistry() ([]byte, error) {
	return identityRegistry.abi.Pack("issuersRegistry")
}

// UnpackIssuersRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb4f3fcb7.
//
// Solidity: function issuersRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) UnpackIssuersRegistry(data []byte) (common.Address, error) {
	out, err := identityRegistry.abi.Unpack("issuersRegistry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (identityRegistry *IdentityRegistry) PackOwner() []byte {
	enc, err := identityRegistry.abi.Pack("owner")
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
func (identityRegistry *IdentityRegistry) TryPackOwner() ([]byte, error) {
	return identityRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (identityRegistry *IdentityRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := identityRegistry.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRegisterIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x454a03e0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerIdentity(address _userAddress, address _identity, uint16 _country) returns()
func (identityRegistry *IdentityRegistry) PackRegisterIdentity(userAddress common.Address, identity common.Address, country uint16) []byte {
	enc, err := identityRegistry.abi.Pack("registerIdentity", userAddress, identity, country)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x454a03e0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerIdentity(address _userAddress, address _identity, uint16 _country) returns()
func (identityRegistry *IdentityRegistry) TryPackRegisterIdentity(userAddress common.Address, identity common.Address, country uint16) ([]byte, error) {
	return identityRegistry.abi.Pack("registerIdentity", userAddress, identity, country)
}

// PackRemoveAgent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97a6278e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeAgent(address _agent) returns()
func (identityRegistry *IdentityRegistry) PackRemoveAgent(agent common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("removeAgent", agent)
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
func (identityRegistry *IdentityRegistry) TryPackRemoveAgent(agent common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("removeAgent", agent)
}

// PackTopicsRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b3e12f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function topicsRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) PackTopicsRegistry() []byte {
	enc, err := identityRegistry.abi.Pack("topicsRegistry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTopicsRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b3e12f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function topicsRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) TryPackTopicsRegistry() ([]byte, error) {
	return identityRegistry.abi.Pack("topicsRegistry")
}

// UnpackTopicsRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3b3e12f4.
//
// Solidity: function topicsRegistry() view returns(address)
func (identityRegistry *IdentityRegistry) UnpackTopicsRegistry(data []byte) (common.Address, error) {
	out, err := identityRegistry.abi.Unpack("topicsRegistry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (identityRegistry *IdentityRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("transferOwnership", newOwner)
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
func (identityRegistry *IdentityRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("transferOwnership", newOwner)
}

// PackUpdateCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b239a7f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateCountry(address _userAddress, uint16 _country) returns()
func (identityRegistry *IdentityRegistry) PackUpdateCountry(userAddress common.Address, country uint16) []byte {
	enc, err := identityRegistry.abi.Pack("updateCountry", userAddress, country)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateCountry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b239a7f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateCountry(address _userAddress, uint16 _country) returns()
func (identityRegistry *IdentityRegistry) TryPackUpdateCountry(userAddress common.Address, country uint16) ([]byte, error) {
	return identityRegistry.abi.Pack("updateCountry", userAddress, country)
}

// PackUpdateIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e098ca1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateIdentity(address _userAddress, address _identity) returns()
func (identityRegistry *IdentityRegistry) PackUpdateIdentity(userAddress common.Address, identity common.Address) []byte {
	enc, err := identityRegistry.abi.Pack("updateIdentity", userAddress, identity)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateIdentity is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e098ca1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateIdentity(address _userAddress, address _identity) returns()
func (identityRegistry *IdentityRegistry) TryPackUpdateIdentity(userAddress common.Address, identity common.Address) ([]byte, error) {
	return identityRegistry.abi.Pack("updateIdentity", userAddress, identity)
}

// IdentityRegistryAgentAdded represents a AgentAdded event raised by the IdentityRegistry contract.
type IdentityRegistryAgentAdded struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryAgentAddedEventName = "AgentAdded"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryAgentAdded) ContractEventName() string {
	return IdentityRegistryAgentAddedEventName
}

// UnpackAgentAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentAdded(address indexed _agent)
func (identityRegistry *IdentityRegistry) UnpackAgentAddedEvent(log *types.Log) (*IdentityRegistryAgentAdded, error) {
	event := "AgentAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryAgentAdded)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryAgentRemoved represents a AgentRemoved event raised by the IdentityRegistry contract.
type IdentityRegistryAgentRemoved struct {
	Agent common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryAgentRemovedEventName = "AgentRemoved"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryAgentRemoved) ContractEventName() string {
	return IdentityRegistryAgentRemovedEventName
}

// UnpackAgentRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AgentRemoved(address indexed _agent)
func (identityRegistry *IdentityRegistry) UnpackAgentRemovedEvent(log *types.Log) (*IdentityRegistryAgentRemoved, error) {
	event := "AgentRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryAgentRemoved)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryClaimTopicsRegistrySet represents a ClaimTopicsRegistrySet event raised by the IdentityRegistry contract.
type IdentityRegistryClaimTopicsRegistrySet struct {
	ClaimTopicsRegistry common.Address
	Raw                 *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryClaimTopicsRegistrySetEventName = "ClaimTopicsRegistrySet"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryClaimTopicsRegistrySet) ContractEventName() string {
	return IdentityRegistryClaimTopicsRegistrySetEventName
}

// UnpackClaimTopicsRegistrySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimTopicsRegistrySet(address indexed claimTopicsRegistry)
func (identityRegistry *IdentityRegistry) UnpackClaimTopicsRegistrySetEvent(log *types.Log) (*IdentityRegistryClaimTopicsRegistrySet, error) {
	event := "ClaimTopicsRegistrySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryClaimTopicsRegistrySet)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryCountryUpdated represents a CountryUpdated event raised by the IdentityRegistry contract.
type IdentityRegistryCountryUpdated struct {
	InvestorAddress common.Address
	Country         uint16
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryCountryUpdatedEventName = "CountryUpdated"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryCountryUpdated) ContractEventName() string {
	return IdentityRegistryCountryUpdatedEventName
}

// UnpackCountryUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CountryUpdated(address indexed investorAddress, uint16 indexed country)
func (identityRegistry *IdentityRegistry) UnpackCountryUpdatedEvent(log *types.Log) (*IdentityRegistryCountryUpdated, error) {
	event := "CountryUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryCountryUpdated)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryIdentityRegistered represents a IdentityRegistered event raised by the IdentityRegistry contract.
type IdentityRegistryIdentityRegistered struct {
	InvestorAddress common.Address
	Identity        common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryIdentityRegisteredEventName = "IdentityRegistered"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryIdentityRegistered) ContractEventName() string {
	return IdentityRegistryIdentityRegisteredEventName
}

// UnpackIdentityRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityRegistered(address indexed investorAddress, address indexed identity)
func (identityRegistry *IdentityRegistry) UnpackIdentityRegisteredEvent(log *types.Log) (*IdentityRegistryIdentityRegistered, error) {
	event := "IdentityRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryIdentityRegistered)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryIdentityRemoved represents a IdentityRemoved event raised by the IdentityRegistry contract.
type IdentityRegistryIdentityRemoved struct {
	InvestorAddress common.Address
	Identity        common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryIdentityRemovedEventName = "IdentityRemoved"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryIdentityRemoved) ContractEventName() string {
	return IdentityRegistryIdentityRemovedEventName
}

// UnpackIdentityRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityRemoved(address indexed investorAddress, address indexed identity)
func (identityRegistry *IdentityRegistry) UnpackIdentityRemovedEvent(log *types.Log) (*IdentityRegistryIdentityRemoved, error) {
	event := "IdentityRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryIdentityRemoved)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryIdentityStorageSet represents a IdentityStorageSet event raised by the IdentityRegistry contract.
type IdentityRegistryIdentityStorageSet struct {
	IdentityStorage common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryIdentityStorageSetEventName = "IdentityStorageSet"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryIdentityStorageSet) ContractEventName() string {
	return IdentityRegistryIdentityStorageSetEventName
}

// UnpackIdentityStorageSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityStorageSet(address indexed identityStorage)
func (identityRegistry *IdentityRegistry) UnpackIdentityStorageSetEvent(log *types.Log) (*IdentityRegistryIdentityStorageSet, error) {
	event := "IdentityStorageSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryIdentityStorageSet)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryIdentityUpdated represents a IdentityUpdated event raised by the IdentityRegistry contract.
type IdentityRegistryIdentityUpdated struct {
	OldIdentity common.Address
	NewIdentity common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryIdentityUpdatedEventName = "IdentityUpdated"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryIdentityUpdated) ContractEventName() string {
	return IdentityRegistryIdentityUpdatedEventName
}

// UnpackIdentityUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IdentityUpdated(address indexed oldIdentity, address indexed newIdentity)
func (identityRegistry *IdentityRegistry) UnpackIdentityUpdatedEvent(log *types.Log) (*IdentityRegistryIdentityUpdated, error) {
	event := "IdentityUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryIdentityUpdated)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the IdentityRegistry contract.
type IdentityRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryOwnershipTransferred) ContractEventName() string {
	return IdentityRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (identityRegistry *IdentityRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*IdentityRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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

// IdentityRegistryTrustedIssuersRegistrySet represents a TrustedIssuersRegistrySet event raised by the IdentityRegistry contract.
type IdentityRegistryTrustedIssuersRegistrySet struct {
	TrustedIssuersRegistry common.Address
	Raw                    *types.Log // Blockchain specific contextual infos
}

const IdentityRegistryTrustedIssuersRegistrySetEventName = "TrustedIssuersRegistrySet"

// ContractEventName returns the user-defined event name.
func (IdentityRegistryTrustedIssuersRegistrySet) ContractEventName() string {
	return IdentityRegistryTrustedIssuersRegistrySetEventName
}

// UnpackTrustedIssuersRegistrySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TrustedIssuersRegistrySet(address indexed trustedIssuersRegistry)
func (identityRegistry *IdentityRegistry) UnpackTrustedIssuersRegistrySetEvent(log *types.Log) (*IdentityRegistryTrustedIssuersRegistrySet, error) {
	event := "TrustedIssuersRegistrySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identityRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityRegistryTrustedIssuersRegistrySet)
	if len(log.Data) > 0 {
		if err := identityRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identityRegistry.abi.Events[event].Inputs {
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
