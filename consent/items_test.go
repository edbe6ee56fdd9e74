package consent_test

import (
	"context"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
)

// addKYC has a demo issuer sign a KYC claim for the identity, valid until until.
func (e *env) addKYC(t *testing.T, until time.Time) common.Address {
	t.Helper()
	ctx := context.Background()
	signer := simchain.NewKey()
	issuer, err := contracts.DeployClaimIssuer(ctx, e.deployer, e.suite, crypto.PubkeyToAddress(signer.PublicKey), 1)
	if err != nil {
		t.Fatal(err)
	}
	data := identity.EncodeClaimData(identity.ClaimData{ValidUntil: until})
	digest := identity.ClaimDigest(e.id, 1, data)
	sig, _ := crypto.Sign(digest[:], signer)
	sig[64] += 27
	call := contracts.IdentityCall().PackAddClaim(big.NewInt(1), big.NewInt(1), issuer, sig, data, "")
	if _, err := e.chain.Sender(e.owner).Transact(ctx, e.id, call); err != nil {
		t.Fatal(err)
	}
	return issuer
}

func TestItems(t *testing.T) {
	e := newEnv(t)
	until := time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)
	issuer := e.addKYC(t, until)
	d := &consent.Describer{Directory: e.reader, Catalogue: identity.DefaultCatalogue(),
		IssuerNames: map[common.Address]string{issuer: "Demo KYC Ltd"}, Clock: time.Now}
	items, err := d.Items(context.Background(), e.id,
		[]string{"openid", "email", "claim:1", "claim:2", "offline_access"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text                string
		optional, available bool
	}{
		{"Your ONCHAINID identity and the wallet you signed in with", false, true},
		{"Your email address", true, true},
		{"KYC claim (topic 1) from Demo KYC Ltd, valid until 2 January 2030", true, true},
		{"AML claim (topic 2): not held yet", true, true},
	}
	if len(items) != len(want) {
		t.Fatalf("items = %+v", items)
	}
	for i, w := range want {
		if items[i].Text != w.text || items[i].Optional != w.optional || items[i].Available != w.available {
			t.Errorf("item %d = %+v, want %+v", i, items[i], w)
		}
	}
	if !items[3].NotHeld || items[2].NotHeld || items[3].ApplyURL != "" {
		t.Errorf("not held: %+v, %+v", items[2], items[3])
	}
	d.Apply = func(topic uint64) string { return "/apply?topic=" + strconv.FormatUint(topic, 10) }
	items, err = d.Items(context.Background(), e.id, []string{"claim:2"})
	if err != nil || items[0].ApplyURL != "/apply?topic=2" {
		t.Fatalf("apply link: %+v, %v", items, err)
	}
}

func TestUserInfoDisclosesOnlyGrantedFields(t *testing.T) {
	e := newEnv(t)
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	e.addKYC(t, until)
	claims, err := e.reader.ClaimsByTopic(context.Background(), e.id, 1, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	d := consent.Disclosure{
		Subject: identity.CAIP10(1337, e.id), Wallet: identity.CAIP10(1337, e.wallet),
		Scopes:  []string{"openid", "email", "claim:1"},
		Profile: consent.Profile{Name: "Ada", Email: "ada@example.com", Phone: "+441234567890", Address: consent.Address{Country: "GB"}},
		Claims:  map[uint64][]identity.Judgement{1: claims},
	}
	got := d.UserInfo(identity.DefaultCatalogue())
	for _, k := range []string{"name", "phone_number", "address", "given_name"} {
		if _, ok := got[k]; ok {
			t.Errorf("userinfo discloses %s, which was not granted", k)
		}
	}
	if got["email"] != "ada@example.com" || got["sub"] != d.Subject || got["wallet"] != d.Wallet {
		t.Errorf("userinfo = %v", got)
	}
	oc, ok := got["onchainid_claims"].([]consent.OnchainClaim)
	if !ok || len(oc) != 1 || oc[0].TopicName != "KYC" || oc[0].State != identity.StateValid ||
		oc[0].Expiry == nil || !oc[0].Expiry.Equal(until) || !strings.HasPrefix(oc[0].DataHash, "0x") {
		t.Errorf("onchainid_claims = %+v", got["onchainid_claims"])
	}
}
