// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package identity

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

// IdentityMetaData contains all meta data concerning the Identity contract.
var IdentityMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"initialManagementKey\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"executionId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"Approved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"claimId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"topic\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"scheme\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"uri\",\"type\":\"string\"}],\"name\":\"ClaimAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"claimId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"topic\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"scheme\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"uri\",\"type\":\"string\"}],\"name\":\"ClaimChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"claimId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"topic\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"scheme\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"uri\",\"type\":\"string\"}],\"name\":\"ClaimRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"executionId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"Executed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"executionId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"ExecutionFailed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"executionId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"ExecutionRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"purpose\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"name\":\"KeyAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"purpose\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"name\":\"KeyRemoved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_topic\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"_scheme\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"_issuer\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"_signature\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"_data\",\"type\":\"bytes\"},{\"internalType\":\"string\",\"name\":\"_uri\",\"type\":\"string\"}],\"name\":\"addClaim\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"claimRequestId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_key\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"_purpose\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"_keyType\",\"type\":\"uint256\"}],\"name\":\"addKey\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"success\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_id\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"_approve\",\"type\":\"bool\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"success\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"_to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"_value\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"_data\",\"type\":\"bytes\"}],\"name\":\"execute\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"executionId\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_claimId\",\"type\":\"bytes32\"}],\"name\":\"getClaim\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"topic\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"scheme\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"},{\"internalType\":\"string\",\"name\":\"uri\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_topic\",\"type\":\"uint256\"}],\"name\":\"getClaimIdsByTopic\",\"outputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"claimIds\",\"type\":\"bytes32[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_key\",\"type\":\"bytes32\"}],\"name\":\"getKey\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"purposes\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_key\",\"type\":\"bytes32\"}],\"name\":\"getKeyPurposes\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"_purposes\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"_purpose\",\"type\":\"uint256\"}],\"name\":\"getKeysByPurpose\",\"outputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"keys\",\"type\":\"bytes32[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIIdentity\",\"name\":\"subject\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"claimTopic\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"isClaimValid\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"claimValid\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_key\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"_purpose\",\"type\":\"uint256\"}],\"name\":\"keyHasPurpose\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"result\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIIdentity\",\"name\":\"subject\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"claimTopic\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"recoverClaimSigner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_claimId\",\"type\":\"bytes32\"}],\"name\":\"removeClaim\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"success\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"_key\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"_purpose\",\"type\":\"uint256\"}],\"name\":\"removeKey\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"success\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Identity",
	Bin: "0x608060405234801561000f575f5ffd5b506040516123f63803806123f683398101604081905261002e916101df565b6001600160a01b0381166100885760405162461bcd60e51b815260206004820152601f60248201527f696e76616c696420617267756d656e74202d207a65726f206164647265737300604482015260640160405180910390fd5b604080516001600160a01b03831660208201525f910160408051601f1981840301815282825280516020918201205f818152600180845284822060028101849055868501909552808652908290529182905293506100e69290610182565b505f818152600160208181526040808420830183905560029091527fe90b7bceb6e7df5418fb78d8ee546e97c83a08bbccc01a0644d599ccd2a7c2e0805480840182559084527f7fef4bf8f63cf9dd467136c679c02b5c17fcf6322d9562512bf5eb952cf7cc5301849055519091829184917f480000bb1edad8ca1470381cc334b1917fbd51c6531f3a623ea8e0ec7e38a6e991a4505061020c565b828054828255905f5260205f209081019282156101bb579160200282015b828111156101bb5782518255916020019190600101906101a0565b506101c79291506101cb565b5090565b5b808211156101c7575f81556001016101cc565b5f602082840312156101ef575f5ffd5b81516001600160a01b0381168114610205575f5ffd5b9392505050565b6121dd806102195f395ff3fe6080604052600436106100d9575f3560e01c80639010f7261161007c578063c0969a6e11610057578063c0969a6e14610262578063c9100bcb14610281578063d202158d146102b2578063fb307b34146102d1575f5ffd5b80639010f72614610203578063b1a34e0d14610222578063b61d27f61461024f575f5ffd5b806353d413c5116100b757806353d413c51461016257806371d5bb3214610181578063747442d3146101b857806380e9e9e1146101d7575f5ffd5b806312aaac70146100dd5780631d381240146101145780634eee424a14610143575b5f5ffd5b3480156100e8575f5ffd5b506100fc6100f736600461197c565b6102fd565b60405161010b939291906119cd565b60405180910390f35b34801561011f575f5ffd5b5061013361012e3660046119f1565b610373565b604051901515815260200161010b565b34801561014e575f5ffd5b5061013361015d36600461197c565b610590565b34801561016d575f5ffd5b5061013361017c366004611a1a565b6109ad565b34801561018c575f5ffd5b506101a061019b366004611afe565b610c96565b6040516001600160a01b03909116815260200161010b565b3480156101c3575f5ffd5b506101336101d2366004611b8b565b610dfb565b3480156101e2575f5ffd5b506101f66101f136600461197c565b611176565b60405161010b9190611bb9565b34801561020e575f5ffd5b506101f661021d36600461197c565b6111d5565b34801561022d575f5ffd5b5061024161023c366004611bfb565b611232565b60405190815260200161010b565b61024161025d366004611cc0565b61149a565b34801561026d575f5ffd5b5061013361027c366004611afe565b6115ad565b34801561028c575f5ffd5b506102a061029b36600461197c565b6115f7565b60405161010b96959493929190611d43565b3480156102bd575f5ffd5b506101336102cc366004611a1a565b6117f3565b3480156102dc575f5ffd5b506102f06102eb36600461197c565b611871565b60405161010b9190611da2565b5f8181526001602081815260408084209283015460028401548454835181860281018601909452808452606096958695909491859183018282801561035f57602002820191905f5260205f20905b81548152602001906001019080831161034b575b505050505092509250925092509193909250565b5f333014806103aa5750604080513360208201526103aa91015b6040516020818303038152906040528051906020012060016117f3565b6103cf5760405162461bcd60e51b81526004016103c690611db4565b60405180910390fd5b5f848152600160205260409020600201548490036104ee575f8481526001602090815260408083208054825181850281018501909352808352919290919083018282801561043a57602002820191905f5260205f20905b815481526020019060010190808311610426575b509394505f93505050505b81518110156104c8578482828151811061046157610461611e04565b6020026020010151036104c05760405162461bcd60e51b815260206004820152602160248201527f436f6e666c6963743a204b657920616c72656164792068617320707572706f736044820152606560f81b60648201526084016103c6565b600101610445565b50505f848152600160208181526040832080549283018155835290912001839055610538565b5f848152600160208181526040808420600281018990558151808401909252878252938890529082905261052292916118ce565b505f848152600160208190526040909120018290555b5f8381526002602090815260408083208054600181018255908452918320909101869055518391859187917f480000bb1edad8ca1470381cc334b1917fbd51c6531f3a623ea8e0ec7e38a6e991a45060019392505050565b5f333014806105c75750604080513360208201526105c791015b6040516020818303038152906040528051906020012060036117f3565b6105e35760405162461bcd60e51b81526004016103c690611e18565b5f828152600460209081526040808320815160c0810183528154815260018201549381019390935260028101546001600160a01b03169183019190915260038101805460608401919061063590611e6a565b80601f016020809104026020016040519081016040528092919081815260200182805461066190611e6a565b80156106ac5780601f10610683576101008083540402835291602001916106ac565b820191905f5260205f20905b81548152906001019060200180831161068f57829003601f168201915b505050505081526020016004820180546106c590611e6a565b80601f01602080910402602001604051908101604052809291908181526020018280546106f190611e6a565b801561073c5780601f106107135761010080835404028352916020019161073c565b820191905f5260205f20905b81548152906001019060200180831161071f57829003601f168201915b5050505050815260200160058201805461075590611e6a565b80601f016020809104026020016040519081016040528092919081815260200182805461078190611e6a565b80156107cc5780601f106107a3576101008083540402835291602001916107cc565b820191905f5260205f20905b8154815290600101906020018083116107af57829003601f168201915b5050505050815250509050805f01515f0361083d5760405162461bcd60e51b815260206004820152602b60248201527f4e6f6e4578697374696e673a205468657265206973206e6f20636c61696d207760448201526a1a5d1a081d1a1a5cc8125160aa1b60648201526084016103c6565b80515f908152600560205260408120905b81548110156108ef578482828154811061086a5761086a611e04565b905f5260205f200154036108e7578154829061088890600190611eb6565b8154811061089857610898611e04565b905f5260205f2001548282815481106108b3576108b3611e04565b905f5260205f200181905550818054806108cf576108cf611ec9565b600190038181905f5260205f20015f905590556108ef565b60010161084e565b5081604001516001600160a01b0316825f0151857f3cf57863a89432c61c4a27073c6ee39e8a764bff5a05aebfbcdcdc80b2e6130a8560200151866060015187608001518860a001516040516109489493929190611edd565b60405180910390a45f848152600460205260408120818155600181018290556002810180546001600160a01b0319169055906109876003830182611917565b610994600483015f611917565b6109a1600583015f611917565b50600195945050505050565b5f333014806109cb5750604080513360208201526109cb910161038d565b6109e75760405162461bcd60e51b81526004016103c690611db4565b5f838152600160205260409020600201548314610a505760405162461bcd60e51b815260206004820152602160248201527f4e6f6e4578697374696e673a204b65792069736e2774207265676973746572656044820152601960fa1b60648201526084016103c6565b5f838152600160205260408120905b83828281548110610a7257610a72611e04565b905f5260205f20015414610af75780610a8a81611f26565b835490925082109050610af25760405162461bcd60e51b815260206004820152602a60248201527f4e6f6e4578697374696e673a204b657920646f65736e27742068617665207375604482015269636820707572706f736560b01b60648201526084016103c6565b610a5f565b81548290610b0790600190611eb6565b81548110610b1757610b17611e04565b905f5260205f200154828281548110610b3257610b32611e04565b905f5260205f20018190555081805480610b4e57610b4e611ec9565b5f828152602080822083015f199081018390559092019092558582526002905260408120905b8154811015610c155786828281548110610b9057610b90611e04565b905f5260205f20015403610c0d5781548290610bae90600190611eb6565b81548110610bbe57610bbe611e04565b905f5260205f200154828281548110610bd957610bd9611e04565b905f5260205f20018190555081805480610bf557610bf5611ec9565b600190038181905f5260205f20015f90559055610c15565b600101610b74565b505f868152600160208190526040822001548454909103610c58575f87815260016020526040812090610c488282611951565b505f600182018190556002909101555b8086887f585a4aef50f8267a92b32412b331b20f7f8b96f2245b253b9cc50dcc621d339760405160405180910390a460019450505050505b92915050565b5f8251604114610ca757505f610df3565b6020830151604084015160608501515f1a601b8114801590610ccd57508060ff16601c14155b15610cdd575f9350505050610df3565b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0821115610d10575f9350505050610df3565b5f888887604051602001610d2693929190611f3e565b6040516020818303038152906040528051906020012090505f81604051602001610d7c91907f19457468657265756d205369676e6564204d6573736167653a0a3332000000008152601c810191909152603c0190565b60408051601f1981840301815282825280516020918201205f845290830180835281905260ff8616918301919091526060820187905260808201869052915060019060a0016020604051602081039080840390855afa158015610de1573d5f5f3e3d5ffd5b50505060206040510351955050505050505b949350505050565b5f5f548310610e5c5760405162461bcd60e51b815260206004820152602760248201527f43616e6e6f7420617070726f76652061206e6f6e2d6578697374696e6720657860448201526632b1baba34b7b760c91b60648201526084016103c6565b5f8381526003602081905260409091200154610100900460ff1615610ec35760405162461bcd60e51b815260206004820152601860248201527f5265717565737420616c7265616479206578656375746564000000000000000060448201526064016103c6565b604080513360208201525f910160408051808303601f1901815291815281516020928301205f8781526003909352912054909150306001600160a01b0390911603610f7057610f138160016117f3565b610f6b5760405162461bcd60e51b815260206004820152602360248201527f53656e64657220646f6573206e6f742068617665206d616e6167656d656e74206044820152626b657960e81b60648201526084016103c6565b610fc7565b610f7b8160026117f3565b610fc75760405162461bcd60e51b815260206004820152601f60248201527f53656e64657220646f6573206e6f74206861766520616374696f6e206b65790060448201526064016103c6565b837fb3932da477fe5d6c8ff2eafef050c0f3a1af18fc07121001482600f36f3715d884604051610ffb911515815260200190565b60405180910390a2826110275750505f828152600360208190526040822001805460ff19169055610c90565b5f84815260036020819052604091829020908101805460ff19166001908117909155815490820154925191926001600160a01b039091169161106d906002850190611f6d565b5f6040518083038185875af1925050503d805f81146110a7576040519150601f19603f3d011682016040523d82523d5f602084013e6110ac565b606091505b5090935050821561111d5760038101805461ff001916610100179055600181015481546040516001600160a01b039091169087907f1f920dbda597d7bf95035464170fa58d0a4b57f13a1c315ace6793b9f63688b890611110906002870190611fde565b60405180910390a461116e565b600181015481546040516001600160a01b039091169087907fe10c49d9f7c71da23262367013434763cfdb2332267641728d25cd712c5c6a6890611165906002870190611fde565b60405180910390a45b505092915050565b5f818152600560209081526040918290208054835181840281018401909452808452606093928301828280156111c957602002820191905f5260205f20905b8154815260200190600101908083116111b5575b50505050509050919050565b5f818152600260209081526040918290208054835181840281018401909452808452606093928301828280156111c957602002820191905f5260205f20908154815260200190600101908083116111b55750505050509050919050565b5f3330148061125057506040805133602082015261125091016105aa565b61126c5760405162461bcd60e51b81526004016103c690611e18565b6001600160a01b03851630146113295760405163604b4d3760e11b81526001600160a01b0386169063c0969a6e906112ae9030908b9089908990600401612064565b602060405180830381865afa1580156112c9573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906112ed919061209c565b6113295760405162461bcd60e51b815260206004820152600d60248201526c696e76616c696420636c61696d60981b60448201526064016103c6565b604080516001600160a01b03871660208201529081018890525f9060600160408051601f1981840301815291815281516020928301205f8181526004909352912089815560018101899055909150600381016113858782612103565b50600481016113948682612103565b50600581016113a38582612103565b5060028101546001600160a01b03888116911614611444575f898152600560209081526040808320805460018101825590845291909220018390556002820180546001600160a01b0319166001600160a01b038a1690811790915590518a9084907f46149b18aa084502c3f12bc75e19eda8bda8d102b82cce8474677a6d0d5f43c590611437908d908c908c908c90611edd565b60405180910390a461148e565b866001600160a01b031689837f3bab293fc00db832d7619a9299914251b8747c036867ec056cbd506f60135b138b8a8a8a6040516114859493929190611edd565b60405180910390a45b50979650505050505050565b5f80548082526003602052604090912080546001600160a01b0319166001600160a01b038616178155600181018490556002016114d78382612103565b505f805490806114e683611f26565b919050555082846001600160a01b0316827f8afcfabcb00e47a53a8fc3e9f23ff47ee1926194bb1350dd007c50b412a6cee88560405161152691906121be565b60405180910390a4604080513360208201525f910160405160208183030381529060405280519060200120905061155e8160016117f3565b156115745761156e826001610dfb565b506115a5565b6001600160a01b038516301480159061159357506115938160026117f3565b156115a5576115a3826001610dfb565b505b509392505050565b5f5f6115bb86868686610c96565b90506001600160a01b038116158015906115ed5750604080516001600160a01b03831660208201526115ed91016105aa565b9695505050505050565b5f5f5f60608060605f60045f8981526020019081526020015f209050805f01548160010154826002015f9054906101000a90046001600160a01b031683600301846004018560050182805461164b90611e6a565b80601f016020809104026020016040519081016040528092919081815260200182805461167790611e6a565b80156116c25780601f10611699576101008083540402835291602001916116c2565b820191905f5260205f20905b8154815290600101906020018083116116a557829003601f168201915b505050505092508180546116d590611e6a565b80601f016020809104026020016040519081016040528092919081815260200182805461170190611e6a565b801561174c5780601f106117235761010080835404028352916020019161174c565b820191905f5260205f20905b81548152906001019060200180831161172f57829003601f168201915b5050505050915080805461175f90611e6a565b80601f016020809104026020016040519081016040528092919081815260200182805461178b90611e6a565b80156117d65780601f106117ad576101008083540402835291602001916117d6565b820191905f5260205f20905b8154815290600101906020018083116117b957829003601f168201915b505050505090509650965096509650965096505091939550919395565b5f82815260016020526040812060028101548203611814575f915050610c90565b5f5b8154811015611867575f825f01828154811061183457611834611e04565b905f5260205f2001549050600181148061184d57508481145b1561185e5760019350505050610c90565b50600101611816565b505f949350505050565b5f818152600160209081526040918290208054835181840281018401909452808452606093928301828280156111c957602002820191905f5260205f20908154815260200190600101908083116111b55750505050509050919050565b828054828255905f5260205f20908101928215611907579160200282015b828111156119075782518255916020019190600101906118ec565b50611913929150611968565b5090565b50805461192390611e6a565b5f825580601f10611932575050565b601f0160209004905f5260205f209081019061194e9190611968565b50565b5080545f8255905f5260205f209081019061194e91905b5b80821115611913575f8155600101611969565b5f6020828403121561198c575f5ffd5b5035919050565b5f8151808452602084019350602083015f5b828110156119c35781518652602095860195909101906001016119a5565b5093949350505050565b606081525f6119df6060830186611993565b60208301949094525060400152919050565b5f5f5f60608486031215611a03575f5ffd5b505081359360208301359350604090920135919050565b5f5f60408385031215611a2b575f5ffd5b50508035926020909101359150565b6001600160a01b038116811461194e575f5ffd5b634e487b7160e01b5f52604160045260245ffd5b5f5f67ffffffffffffffff841115611a7c57611a7c611a4e565b50604051601f19601f85018116603f0116810181811067ffffffffffffffff82111715611aab57611aab611a4e565b604052838152905080828401851015611ac2575f5ffd5b838360208301375f60208583010152509392505050565b5f82601f830112611ae8575f5ffd5b611af783833560208501611a62565b9392505050565b5f5f5f5f60808587031215611b11575f5ffd5b8435611b1c81611a3a565b935060208501359250604085013567ffffffffffffffff811115611b3e575f5ffd5b611b4a87828801611ad9565b925050606085013567ffffffffffffffff811115611b66575f5ffd5b611b7287828801611ad9565b91505092959194509250565b801515811461194e575f5ffd5b5f5f60408385031215611b9c575f5ffd5b823591506020830135611bae81611b7e565b809150509250929050565b602080825282518282018190525f918401906040840190835b81811015611bf0578351835260209384019390920191600101611bd2565b509095945050505050565b5f5f5f5f5f5f60c08789031215611c10575f5ffd5b86359550602087013594506040870135611c2981611a3a565b9350606087013567ffffffffffffffff811115611c44575f5ffd5b611c5089828a01611ad9565b935050608087013567ffffffffffffffff811115611c6c575f5ffd5b611c7889828a01611ad9565b92505060a087013567ffffffffffffffff811115611c94575f5ffd5b8701601f81018913611ca4575f5ffd5b611cb389823560208401611a62565b9150509295509295509295565b5f5f5f60608486031215611cd2575f5ffd5b8335611cdd81611a3a565b925060208401359150604084013567ffffffffffffffff811115611cff575f5ffd5b611d0b86828701611ad9565b9150509250925092565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b86815285602082015260018060a01b038516604082015260c060608201525f611d6f60c0830186611d15565b8281036080840152611d818186611d15565b905082810360a0840152611d958185611d15565b9998505050505050505050565b602081525f611af76020830184611993565b60208082526030908201527f5065726d697373696f6e733a2053656e64657220646f6573206e6f742068617660408201526f65206d616e6167656d656e74206b657960801b606082015260800190565b634e487b7160e01b5f52603260045260245ffd5b60208082526032908201527f5065726d697373696f6e733a2053656e64657220646f6573206e6f74206861766040820152716520636c61696d207369676e6572206b657960701b606082015260800190565b600181811c90821680611e7e57607f821691505b602082108103611e9c57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b81810381811115610c9057610c90611ea2565b634e487b7160e01b5f52603160045260245ffd5b848152608060208201525f611ef56080830186611d15565b8281036040840152611f078186611d15565b90508281036060840152611f1b8185611d15565b979650505050505050565b5f60018201611f3757611f37611ea2565b5060010190565b60018060a01b0384168152826020820152606060408201525f611f646060830184611d15565b95945050505050565b5f5f8354611f7a81611e6a565b600182168015611f915760018114611fa657611fd3565b60ff1983168652811515820286019350611fd3565b865f5260205f205f5b83811015611fcb57815488820152600190910190602001611faf565b505081860193505b509195945050505050565b602081525f5f8354611fef81611e6a565b806020860152600182165f811461200d576001811461202957611fd3565b60ff1983166040870152604082151560051b8701019350611fd3565b865f5260205f205f5b8381101561205157815488820160400152600190910190602001612032565b8701604001945050509195945050505050565b60018060a01b0385168152836020820152608060408201525f61208a6080830185611d15565b8281036060840152611f1b8185611d15565b5f602082840312156120ac575f5ffd5b8151611af781611b7e565b601f8211156120fe57805f5260205f20601f840160051c810160208510156120dc5750805b601f840160051c820191505b818110156120fb575f81556001016120e8565b50505b505050565b815167ffffffffffffffff81111561211d5761211d611a4e565b6121318161212b8454611e6a565b846120b7565b6020601f821160018114612163575f831561214c5750848201515b5f19600385901b1c1916600184901b1784556120fb565b5f84815260208120601f198516915b828110156121925787850151825560209485019460019092019101612172565b50848210156121af57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f611af76020830184611d1556fea164736f6c634300081c000a",
}

// Identity is an auto generated Go binding around an Ethereum contract.
type Identity struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Identity) GetABI() abi.ABI {
	return c.abi
}

// NewIdentity creates a new instance of Identity.
func NewIdentity() *Identity {
	parsed, err := IdentityMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Identity{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Identity) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address initialManagementKey) returns()
func (identity *Identity) PackConstructor(initialManagementKey common.Address) []byte {
	enc, err := identity.abi.Pack("", initialManagementKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAddClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1a34e0d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addClaim(uint256 _topic, uint256 _scheme, address _issuer, bytes _signature, bytes _data, string _uri) returns(bytes32 claimRequestId)
func (identity *Identity) PackAddClaim(topic *big.Int, scheme *big.Int, issuer common.Address, signature []byte, data []byte, uri string) []byte {
	enc, err := identity.abi.Pack("addClaim", topic, scheme, issuer, signature, data, uri)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1a34e0d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addClaim(uint256 _topic, uint256 _scheme, address _issuer, bytes _signature, bytes _data, string _uri) returns(bytes32 claimRequestId)
func (identity *Identity) TryPackAddClaim(topic *big.Int, scheme *big.Int, issuer common.Address, signature []byte, data []byte, uri string) ([]byte, error) {
	return identity.abi.Pack("addClaim", topic, scheme, issuer, signature, data, uri)
}

// UnpackAddClaim is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb1a34e0d.
//
// Solidity: function addClaim(uint256 _topic, uint256 _scheme, address _issuer, bytes _signature, bytes _data, string _uri) returns(bytes32 claimRequestId)
func (identity *Identity) UnpackAddClaim(data []byte) ([32]byte, error) {
	out, err := identity.abi.Unpack("addClaim", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAddKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d381240.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addKey(bytes32 _key, uint256 _purpose, uint256 _keyType) returns(bool success)
func (identity *Identity) PackAddKey(key [32]byte, purpose *big.Int, keyType *big.Int) []byte {
	enc, err := identity.abi.Pack("addKey", key, purpose, keyType)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d381240.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addKey(bytes32 _key, uint256 _purpose, uint256 _keyType) returns(bool success)
func (identity *Identity) TryPackAddKey(key [32]byte, purpose *big.Int, keyType *big.Int) ([]byte, error) {
	return identity.abi.Pack("addKey", key, purpose, keyType)
}

// UnpackAddKey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d381240.
//
// Solidity: function addKey(bytes32 _key, uint256 _purpose, uint256 _keyType) returns(bool success)
func (identity *Identity) UnpackAddKey(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("addKey", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x747442d3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(uint256 _id, bool _approve) returns(bool success)
func (identity *Identity) PackApprove(id *big.Int, approve bool) []byte {
	enc, err := identity.abi.Pack("approve", id, approve)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x747442d3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(uint256 _id, bool _approve) returns(bool success)
func (identity *Identity) TryPackApprove(id *big.Int, approve bool) ([]byte, error) {
	return identity.abi.Pack("approve", id, approve)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x747442d3.
//
// Solidity: function approve(uint256 _id, bool _approve) returns(bool success)
func (identity *Identity) UnpackApprove(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function execute(address _to, uint256 _value, bytes _data) payable returns(uint256 executionId)
func (identity *Identity) PackExecute(to common.Address, value *big.Int, data []byte) []byte {
	enc, err := identity.abi.Pack("execute", to, value, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function execute(address _to, uint256 _value, bytes _data) payable returns(uint256 executionId)
func (identity *Identity) TryPackExecute(to common.Address, value *big.Int, data []byte) ([]byte, error) {
	return identity.abi.Pack("execute", to, value, data)
}

// UnpackExecute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb61d27f6.
//
// Solidity: function execute(address _to, uint256 _value, bytes _data) payable returns(uint256 executionId)
func (identity *Identity) UnpackExecute(data []byte) (*big.Int, error) {
	out, err := identity.abi.Unpack("execute", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc9100bcb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getClaim(bytes32 _claimId) view returns(uint256 topic, uint256 scheme, address issuer, bytes signature, bytes data, string uri)
func (identity *Identity) PackGetClaim(claimId [32]byte) []byte {
	enc, err := identity.abi.Pack("getClaim", claimId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc9100bcb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getClaim(bytes32 _claimId) view returns(uint256 topic, uint256 scheme, address issuer, bytes signature, bytes data, string uri)
func (identity *Identity) TryPackGetClaim(claimId [32]byte) ([]byte, error) {
	return identity.abi.Pack("getClaim", claimId)
}

// GetClaimOutput serves as a container for the return parameters of contract
// method GetClaim.
type GetClaimOutput struct {
	Topic     *big.Int
	Scheme    *big.Int
	Issuer    common.Address
	Signature []byte
	Data      []byte
	Uri       string
}

// UnpackGetClaim is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc9100bcb.
//
// Solidity: function getClaim(bytes32 _claimId) view returns(uint256 topic, uint256 scheme, address issuer, bytes signature, bytes data, string uri)
func (identity *Identity) UnpackGetClaim(data []byte) (GetClaimOutput, error) {
	out, err := identity.abi.Unpack("getClaim", data)
	outstruct := new(GetClaimOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Topic = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Scheme = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Issuer = *abi.ConvertType(out[2], new(common.Address)).(*common.Address)
	outstruct.Signature = *abi.ConvertType(out[3], new([]byte)).(*[]byte)
	outstruct.Data = *abi.ConvertType(out[4], new([]byte)).(*[]byte)
	outstruct.Uri = *abi.ConvertType(out[5], new(string)).(*string)
	return *outstruct, nil
}

// PackGetClaimIdsByTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80e9e9e1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getClaimIdsByTopic(uint256 _topic) view returns(bytes32[] claimIds)
func (identity *Identity) PackGetClaimIdsByTopic(topic *big.Int) []byte {
	enc, err := identity.abi.Pack("getClaimIdsByTopic", topic)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetClaimIdsByTopic is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80e9e9e1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getClaimIdsByTopic(uint256 _topic) view returns(bytes32[] claimIds)
func (identity *Identity) TryPackGetClaimIdsByTopic(topic *big.Int) ([]byte, error) {
	return identity.abi.Pack("getClaimIdsByTopic", topic)
}

// UnpackGetClaimIdsByTopic is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x80e9e9e1.
//
// Solidity: function getClaimIdsByTopic(uint256 _topic) view returns(bytes32[] claimIds)
func (identity *Identity) UnpackGetClaimIdsByTopic(data []byte) ([][32]byte, error) {
	out, err := identity.abi.Unpack("getClaimIdsByTopic", data)
	if err != nil {
		return *new([][32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][32]byte)).(*[][32]byte)
	return out0, nil
}

// PackGetKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12aaac70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getKey(bytes32 _key) view returns(uint256[] purposes, uint256 keyType, bytes32 key)
func (identity *Identity) PackGetKey(key [32]byte) []byte {
	enc, err := identity.abi.Pack("getKey", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12aaac70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getKey(bytes32 _key) view returns(uint256[] purposes, uint256 keyType, bytes32 key)
func (identity *Identity) TryPackGetKey(key [32]byte) ([]byte, error) {
	return identity.abi.Pack("getKey", key)
}

// GetKeyOutput serves as a container for the return parameters of contract
// method GetKey.
type GetKeyOutput struct {
	Purposes []*big.Int
	KeyType  *big.Int
	Key      [32]byte
}

// UnpackGetKey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x12aaac70.
//
// Solidity: function getKey(bytes32 _key) view returns(uint256[] purposes, uint256 keyType, bytes32 key)
func (identity *Identity) UnpackGetKey(data []byte) (GetKeyOutput, error) {
	out, err := identity.abi.Unpack("getKey", data)
	outstruct := new(GetKeyOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Purposes = *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	outstruct.KeyType = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Key = *abi.ConvertType(out[2], new([32]byte)).(*[32]byte)
	return *outstruct, nil
}

// PackGetKeyPurposes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfb307b34.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getKeyPurposes(bytes32 _key) view returns(uint256[] _purposes)
func (identity *Identity) PackGetKeyPurposes(key [32]byte) []byte {
	enc, err := identity.abi.Pack("getKeyPurposes", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetKeyPurposes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfb307b34.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getKeyPurposes(bytes32 _key) view returns(uint256[] _purposes)
func (identity *Identity) TryPackGetKeyPurposes(key [32]byte) ([]byte, error) {
	return identity.abi.Pack("getKeyPurposes", key)
}

// UnpackGetKeyPurposes is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfb307b34.
//
// Solidity: function getKeyPurposes(bytes32 _key) view returns(uint256[] _purposes)
func (identity *Identity) UnpackGetKeyPurposes(data []byte) ([]*big.Int, error) {
	out, err := identity.abi.Unpack("getKeyPurposes", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackGetKeysByPurpose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9010f726.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getKeysByPurpose(uint256 _purpose) view returns(bytes32[] keys)
func (identity *Identity) PackGetKeysByPurpose(purpose *big.Int) []byte {
	enc, err := identity.abi.Pack("getKeysByPurpose", purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetKeysByPurpose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9010f726.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getKeysByPurpose(uint256 _purpose) view returns(bytes32[] keys)
func (identity *Identity) TryPackGetKeysByPurpose(purpose *big.Int) ([]byte, error) {
	return identity.abi.Pack("getKeysByPurpose", purpose)
}

// UnpackGetKeysByPurpose is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9010f726.
//
// Solidity: function getKeysByPurpose(uint256 _purpose) view returns(bytes32[] keys)
func (identity *Identity) UnpackGetKeysByPurpose(data []byte) ([][32]byte, error) {
	out, err := identity.abi.Unpack("getKeysByPurpose", data)
	if err != nil {
		return *new([][32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][32]byte)).(*[][32]byte)
	return out0, nil
}

// PackIsClaimValid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0969a6e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isClaimValid(address subject, uint256 claimTopic, bytes sig, bytes data) view returns(bool claimValid)
func (identity *Identity) PackIsClaimValid(subject common.Address, claimTopic *big.Int, sig []byte, data []byte) []byte {
	enc, err := identity.abi.Pack("isClaimValid", subject, claimTopic, sig, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsClaimValid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0969a6e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isClaimValid(address subject, uint256 claimTopic, bytes sig, bytes data) view returns(bool claimValid)
func (identity *Identity) TryPackIsClaimValid(subject common.Address, claimTopic *big.Int, sig []byte, data []byte) ([]byte, error) {
	return identity.abi.Pack("isClaimValid", subject, claimTopic, sig, data)
}

// UnpackIsClaimValid is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc0969a6e.
//
// Solidity: function isClaimValid(address subject, uint256 claimTopic, bytes sig, bytes data) view returns(bool claimValid)
func (identity *Identity) UnpackIsClaimValid(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("isClaimValid", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackKeyHasPurpose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd202158d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function keyHasPurpose(bytes32 _key, uint256 _purpose) view returns(bool result)
func (identity *Identity) PackKeyHasPurpose(key [32]byte, purpose *big.Int) []byte {
	enc, err := identity.abi.Pack("keyHasPurpose", key, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKeyHasPurpose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd202158d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function keyHasPurpose(bytes32 _key, uint256 _purpose) view returns(bool result)
func (identity *Identity) TryPackKeyHasPurpose(key [32]byte, purpose *big.Int) ([]byte, error) {
	return identity.abi.Pack("keyHasPurpose", key, purpose)
}

// UnpackKeyHasPurpose is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd202158d.
//
// Solidity: function keyHasPurpose(bytes32 _key, uint256 _purpose) view returns(bool result)
func (identity *Identity) UnpackKeyHasPurpose(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("keyHasPurpose", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackRecoverClaimSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x71d5bb32.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recoverClaimSigner(address subject, uint256 claimTopic, bytes sig, bytes data) pure returns(address)
func (identity *Identity) PackRecoverClaimSigner(subject common.Address, claimTopic *big.Int, sig []byte, data []byte) []byte {
	enc, err := identity.abi.Pack("recoverClaimSigner", subject, claimTopic, sig, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecoverClaimSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x71d5bb32.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recoverClaimSigner(address subject, uint256 claimTopic, bytes sig, bytes data) pure returns(address)
func (identity *Identity) TryPackRecoverClaimSigner(subject common.Address, claimTopic *big.Int, sig []byte, data []byte) ([]byte, error) {
	return identity.abi.Pack("recoverClaimSigner", subject, claimTopic, sig, data)
}

// UnpackRecoverClaimSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x71d5bb32.
//
// Solidity: function recoverClaimSigner(address subject, uint256 claimTopic, bytes sig, bytes data) pure returns(address)
func (identity *Identity) UnpackRecoverClaimSigner(data []byte) (common.Address, error) {
	out, err := identity.abi.Unpack("recoverClaimSigner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4eee424a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeClaim(bytes32 _claimId) returns(bool success)
func (identity *Identity) PackRemoveClaim(claimId [32]byte) []byte {
	enc, err := identity.abi.Pack("removeClaim", claimId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4eee424a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeClaim(bytes32 _claimId) returns(bool success)
func (identity *Identity) TryPackRemoveClaim(claimId [32]byte) ([]byte, error) {
	return identity.abi.Pack("removeClaim", claimId)
}

// UnpackRemoveClaim is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4eee424a.
//
// Solidity: function removeClaim(bytes32 _claimId) returns(bool success)
func (identity *Identity) UnpackRemoveClaim(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("removeClaim", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackRemoveKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x53d413c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeKey(bytes32 _key, uint256 _purpose) returns(bool success)
func (identity *Identity) PackRemoveKey(key [32]byte, purpose *big.Int) []byte {
	enc, err := identity.abi.Pack("removeKey", key, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x53d413c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeKey(bytes32 _key, uint256 _purpose) returns(bool success)
func (identity *Identity) TryPackRemoveKey(key [32]byte, purpose *big.Int) ([]byte, error) {
	return identity.abi.Pack("removeKey", key, purpose)
}

// UnpackRemoveKey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x53d413c5.
//
// Solidity: function removeKey(bytes32 _key, uint256 _purpose) returns(bool success)
func (identity *Identity) UnpackRemoveKey(data []byte) (bool, error) {
	out, err := identity.abi.Unpack("removeKey", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// IdentityApproved represents a Approved event raised by the Identity contract.
type IdentityApproved struct {
	ExecutionId *big.Int
	Approved    bool
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityApprovedEventName = "Approved"

// ContractEventName returns the user-defined event name.
func (IdentityApproved) ContractEventName() string {
	return IdentityApprovedEventName
}

// UnpackApprovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approved(uint256 indexed executionId, bool approved)
func (identity *Identity) UnpackApprovedEvent(log *types.Log) (*IdentityApproved, error) {
	event := "Approved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityApproved)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityClaimAdded represents a ClaimAdded event raised by the Identity contract.
type IdentityClaimAdded struct {
	ClaimId   [32]byte
	Topic     *big.Int
	Scheme    *big.Int
	Issuer    common.Address
	Signature []byte
	Data      []byte
	Uri       string
	Raw       *types.Log // Blockchain specific contextual infos
}

const IdentityClaimAddedEventName = "ClaimAdded"

// ContractEventName returns the user-defined event name.
func (IdentityClaimAdded) ContractEventName() string {
	return IdentityClaimAddedEventName
}

// UnpackClaimAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimAdded(bytes32 indexed claimId, uint256 indexed topic, uint256 scheme, address indexed issuer, bytes signature, bytes data, string uri)
func (identity *Identity) UnpackClaimAddedEvent(log *types.Log) (*IdentityClaimAdded, error) {
	event := "ClaimAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityClaimAdded)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityClaimChanged represents a ClaimChanged event raised by the Identity contract.
type IdentityClaimChanged struct {
	ClaimId   [32]byte
	Topic     *big.Int
	Scheme    *big.Int
	Issuer    common.Address
	Signature []byte
	Data      []byte
	Uri       string
	Raw       *types.Log // Blockchain specific contextual infos
}

const IdentityClaimChangedEventName = "ClaimChanged"

// ContractEventName returns the user-defined event name.
func (IdentityClaimChanged) ContractEventName() string {
	return IdentityClaimChangedEventName
}

// UnpackClaimChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimChanged(bytes32 indexed claimId, uint256 indexed topic, uint256 scheme, address indexed issuer, bytes signature, bytes data, string uri)
func (identity *Identity) UnpackClaimChangedEvent(log *types.Log) (*IdentityClaimChanged, error) {
	event := "ClaimChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityClaimChanged)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityClaimRemoved represents a ClaimRemoved event raised by the Identity contract.
type IdentityClaimRemoved struct {
	ClaimId   [32]byte
	Topic     *big.Int
	Scheme    *big.Int
	Issuer    common.Address
	Signature []byte
	Data      []byte
	Uri       string
	Raw       *types.Log // Blockchain specific contextual infos
}

const IdentityClaimRemovedEventName = "ClaimRemoved"

// ContractEventName returns the user-defined event name.
func (IdentityClaimRemoved) ContractEventName() string {
	return IdentityClaimRemovedEventName
}

// UnpackClaimRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimRemoved(bytes32 indexed claimId, uint256 indexed topic, uint256 scheme, address indexed issuer, bytes signature, bytes data, string uri)
func (identity *Identity) UnpackClaimRemovedEvent(log *types.Log) (*IdentityClaimRemoved, error) {
	event := "ClaimRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityClaimRemoved)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityExecuted represents a Executed event raised by the Identity contract.
type IdentityExecuted struct {
	ExecutionId *big.Int
	To          common.Address
	Value       *big.Int
	Data        []byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityExecutedEventName = "Executed"

// ContractEventName returns the user-defined event name.
func (IdentityExecuted) ContractEventName() string {
	return IdentityExecutedEventName
}

// UnpackExecutedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Executed(uint256 indexed executionId, address indexed to, uint256 indexed value, bytes data)
func (identity *Identity) UnpackExecutedEvent(log *types.Log) (*IdentityExecuted, error) {
	event := "Executed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityExecuted)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityExecutionFailed represents a ExecutionFailed event raised by the Identity contract.
type IdentityExecutionFailed struct {
	ExecutionId *big.Int
	To          common.Address
	Value       *big.Int
	Data        []byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityExecutionFailedEventName = "ExecutionFailed"

// ContractEventName returns the user-defined event name.
func (IdentityExecutionFailed) ContractEventName() string {
	return IdentityExecutionFailedEventName
}

// UnpackExecutionFailedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ExecutionFailed(uint256 indexed executionId, address indexed to, uint256 indexed value, bytes data)
func (identity *Identity) UnpackExecutionFailedEvent(log *types.Log) (*IdentityExecutionFailed, error) {
	event := "ExecutionFailed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityExecutionFailed)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityExecutionRequested represents a ExecutionRequested event raised by the Identity contract.
type IdentityExecutionRequested struct {
	ExecutionId *big.Int
	To          common.Address
	Value       *big.Int
	Data        []byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const IdentityExecutionRequestedEventName = "ExecutionRequested"

// ContractEventName returns the user-defined event name.
func (IdentityExecutionRequested) ContractEventName() string {
	return IdentityExecutionRequestedEventName
}

// UnpackExecutionRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ExecutionRequested(uint256 indexed executionId, address indexed to, uint256 indexed value, bytes data)
func (identity *Identity) UnpackExecutionRequestedEvent(log *types.Log) (*IdentityExecutionRequested, error) {
	event := "ExecutionRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityExecutionRequested)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityKeyAdded represents a KeyAdded event raised by the Identity contract.
type IdentityKeyAdded struct {
	Key     [32]byte
	Purpose *big.Int
	KeyType *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IdentityKeyAddedEventName = "KeyAdded"

// ContractEventName returns the user-defined event name.
func (IdentityKeyAdded) ContractEventName() string {
	return IdentityKeyAddedEventName
}

// UnpackKeyAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event KeyAdded(bytes32 indexed key, uint256 indexed purpose, uint256 indexed keyType)
func (identity *Identity) UnpackKeyAddedEvent(log *types.Log) (*IdentityKeyAdded, error) {
	event := "KeyAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityKeyAdded)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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

// IdentityKeyRemoved represents a KeyRemoved event raised by the Identity contract.
type IdentityKeyRemoved struct {
	Key     [32]byte
	Purpose *big.Int
	KeyType *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IdentityKeyRemovedEventName = "KeyRemoved"

// ContractEventName returns the user-defined event name.
func (IdentityKeyRemoved) ContractEventName() string {
	return IdentityKeyRemovedEventName
}

// UnpackKeyRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event KeyRemoved(bytes32 indexed key, uint256 indexed purpose, uint256 indexed keyType)
func (identity *Identity) UnpackKeyRemovedEvent(log *types.Log) (*IdentityKeyRemoved, error) {
	event := "KeyRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != identity.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IdentityKeyRemoved)
	if len(log.Data) > 0 {
		if err := identity.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range identity.abi.Events[event].Inputs {
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
