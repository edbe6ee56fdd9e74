package contracts_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimtopicsregistry"
	"github.com/idconnect/idconnect/contracts/bindings/identity"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistry"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
	"github.com/idconnect/idconnect/contracts/bindings/sanctionsoracle"
	"github.com/idconnect/idconnect/contracts/bindings/trustedissuersregistry"
	"github.com/idconnect/idconnect/internal/npmdeps"
)

func parse(t *testing.T, m *bind.MetaData) *abi.ABI {
	t.Helper()
	a, err := m.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSelectors pins the 4-byte selectors that ONCHAINID 2.2 and ERC-3643 4.1 clients
// use, and those of the Chainalysis sanctions oracle that the test oracle stands in for.
func TestSelectors(t *testing.T) {
	tests := []struct {
		meta     *bind.MetaData
		method   string
		selector string
	}{
		{&identity.IdentityMetaData, "keyHasPurpose", "d202158d"},
		{&identity.IdentityMetaData, "addKey", "1d381240"},
		{&identity.IdentityMetaData, "getClaim", "c9100bcb"},
		{&identity.IdentityMetaData, "getClaimIdsByTopic", "80e9e9e1"},
		{&identity.IdentityMetaData, "addClaim", "b1a34e0d"},
		{&claimissuer.ClaimIssuerMetaData, "isClaimValid", "c0969a6e"},
		{&claimissuer.ClaimIssuerMetaData, "isClaimRevoked", "2646b264"},
		{&claimissuer.ClaimIssuerMetaData, "revokeClaimBySignature", "9f7f9edd"},
		{&idfactory.IdFactoryMetaData, "getIdentity", "2fea7b81"},
		{&idfactory.IdFactoryMetaData, "createIdentity", "8e952bfe"},
		{&identityregistry.IdentityRegistryMetaData, "identity", "f0eb5e54"},
		{&identityregistry.IdentityRegistryMetaData, "isVerified", "b9209e33"},
		{&trustedissuersregistry.TrustedIssuersRegistryMetaData, "getTrustedIssuersForClaimTopic", "52c111d1"},
		{&claimtopicsregistry.ClaimTopicsRegistryMetaData, "getClaimTopics", "df09d604"},
		// Chainalysis' sanctions oracle, as deployed on mainnet, which screening reads.
		{&sanctionsoracle.SanctionsOracleMetaData, "isSanctioned", "df592f7d"},
		{&sanctionsoracle.SanctionsOracleMetaData, "isSanctionedVerbose", "a2a6bbd8"},
		{&sanctionsoracle.SanctionsOracleMetaData, "addToSanctionsList", "b972dfcc"},
		{&sanctionsoracle.SanctionsOracleMetaData, "removeFromSanctionsList", "ef782431"},
	}
	for _, tt := range tests {
		m, ok := parse(t, tt.meta).Methods[tt.method]
		if !ok {
			t.Errorf("%s has no method %s", tt.meta.ID, tt.method)
			continue
		}
		if got := hex.EncodeToString(m.ID); got != tt.selector {
			t.Errorf("%s.%s selector = 0x%s, want 0x%s", tt.meta.ID, tt.method, got, tt.selector)
		}
	}
}

// TestEventSignatures pins the event topics that the identity cache listens for.
func TestEventSignatures(t *testing.T) {
	tests := []struct {
		meta *bind.MetaData
		name string
		sig  string
	}{
		{&identity.IdentityMetaData, "KeyAdded", "KeyAdded(bytes32,uint256,uint256)"},
		{&identity.IdentityMetaData, "KeyRemoved", "KeyRemoved(bytes32,uint256,uint256)"},
		{&identity.IdentityMetaData, "ClaimAdded", "ClaimAdded(bytes32,uint256,uint256,address,bytes,bytes,string)"},
		{&identity.IdentityMetaData, "ClaimRemoved", "ClaimRemoved(bytes32,uint256,uint256,address,bytes,bytes,string)"},
		{&identity.IdentityMetaData, "ClaimChanged", "ClaimChanged(bytes32,uint256,uint256,address,bytes,bytes,string)"},
		{&claimissuer.ClaimIssuerMetaData, "ClaimRevoked", "ClaimRevoked(bytes)"},
		{&idfactory.IdFactoryMetaData, "WalletLinked", "WalletLinked(address,address)"},
	}
	for _, tt := range tests {
		ev, ok := parse(t, tt.meta).Events[tt.name]
		if !ok {
			t.Errorf("%s has no event %s", tt.meta.ID, tt.name)
			continue
		}
		if want := crypto.Keccak256Hash([]byte(tt.sig)); ev.ID != want {
			t.Errorf("%s topic = %s, want %s (%s)", tt.name, ev.ID, want, tt.sig)
		}
	}
}

// TestOfficialABICompatible checks that every function and event of the official
// ONCHAINID 2.2.1 artifacts that idconnect implements has the same selector here.
func TestOfficialABICompatible(t *testing.T) {
	modules, err := npmdeps.NodeModules()
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(modules, "@onchain-id", "solidity", "artifacts", "contracts")
	pairs := []struct {
		official string
		ours     *bind.MetaData
	}{
		{"interface/IIdentity.sol/IIdentity.json", &identity.IdentityMetaData},
		{"interface/IClaimIssuer.sol/IClaimIssuer.json", &claimissuer.ClaimIssuerMetaData},
		{"factory/IIdFactory.sol/IIdFactory.json", nil},
	}
	for _, p := range pairs {
		official := loadArtifactABI(t, filepath.Join(base, p.official))
		ours := p.ours
		if ours == nil {
			ours = &idfactory.IdFactoryMetaData
		}
		mine := parse(t, ours)
		for name, m := range official.Methods {
			if ours == &idfactory.IdFactoryMetaData && !factoryMethods[name] {
				continue // token identities and token factories are outside idconnect's scope
			}
			got, ok := mine.Methods[name]
			if !ok || hex.EncodeToString(got.ID) != hex.EncodeToString(m.ID) {
				t.Errorf("%s: method %s (%s) missing or different", ours.ID, m.Sig, hex.EncodeToString(m.ID))
			}
		}
		for name, ev := range official.Events {
			if got, ok := mine.Events[name]; ok && got.ID != ev.ID {
				t.Errorf("%s: event %s differs", ours.ID, ev.Sig)
			}
		}
	}
}

var factoryMethods = map[string]bool{
	"createIdentity": true, "linkWallet": true, "unlinkWallet": true,
	"getIdentity": true, "getWallets": true, "isSaltTaken": true,
}

func loadArtifactABI(t *testing.T, path string) *abi.ABI {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var art struct {
		ABI json.RawMessage `json:"abi"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		t.Fatal(err)
	}
	a, err := abi.JSON(bytes.NewReader(art.ABI))
	if err != nil {
		t.Fatal(err)
	}
	return &a
}
