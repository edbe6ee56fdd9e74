package screening_test

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimrenewal"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/screening"
)

var _ bind.ContractCaller = (*simchain.Client)(nil)

// oracleChain is a simulated chain with a sanctions oracle owned by owner.
type oracleChain struct {
	chain  *simchain.Chain
	owner  *contracts.Sender
	oracle common.Address
}

func newOracleChain(t *testing.T) *oracleChain {
	t.Helper()
	key := simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(key.PublicKey))
	t.Cleanup(func() { chain.Close() })
	owner := chain.Sender(key)
	oracle, err := contracts.DeploySanctionsOracle(t.Context(), owner)
	if err != nil {
		t.Fatal(err)
	}
	return &oracleChain{chain: chain, owner: owner, oracle: oracle}
}

func oracleTestAddr(b byte) common.Address { return common.BytesToAddress([]byte{0xaa, b}) }

func TestOracleSanctioned(t *testing.T) {
	ctx := t.Context()
	w := newOracleChain(t)
	o := screening.NewOracle(w.chain.Client(), w.oracle)
	if o.Address() != w.oracle {
		t.Fatalf("Address() = %s, want %s", o.Address(), w.oracle)
	}
	a, b, c, clean := oracleTestAddr(1), oracleTestAddr(2), oracleTestAddr(3), oracleTestAddr(4)
	query := []common.Address{c, clean, b, a}
	steps := []struct {
		name      string
		change    func() (common.Hash, error)
		sanctions []common.Address
	}{
		{"empty list", nil, nil},
		{"after adding a and c", func() (common.Hash, error) {
			return contracts.SanctionAddresses(ctx, w.owner, w.oracle, []common.Address{a, c})
		}, []common.Address{c, a}},
		{"after adding b", func() (common.Hash, error) {
			return contracts.SanctionAddresses(ctx, w.owner, w.oracle, []common.Address{b})
		}, []common.Address{c, b, a}},
		{"after removing a and c", func() (common.Hash, error) {
			return contracts.UnsanctionAddresses(ctx, w.owner, w.oracle, []common.Address{a, c})
		}, []common.Address{b}},
	}
	for _, s := range steps {
		if s.change != nil {
			hash, err := s.change()
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if hash == (common.Hash{}) {
				t.Fatalf("%s: no transaction hash", s.name)
			}
		}
		got, err := o.Sanctioned(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !slices.Equal(got, s.sanctions) {
			t.Errorf("%s: Sanctioned = %v, want %v (in the order asked)", s.name, got, s.sanctions)
		}
	}
	// A reader made before any sanction sees the list as it is now, not as it was.
	got, err := screening.NewOracle(w.chain.Client(), w.oracle).Sanctioned(ctx, []common.Address{b})
	if err != nil || !slices.Equal(got, []common.Address{b}) {
		t.Errorf("fresh reader: Sanctioned = %v, %v; want [%s]", got, err, b)
	}
}

func TestOracleOnlyOwnerEdits(t *testing.T) {
	ctx := t.Context()
	w := newOracleChain(t)
	strangerKey := simchain.NewKey()
	if err := w.owner.Transfer(ctx, crypto.PubkeyToAddress(strangerKey.PublicKey), big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	stranger := w.chain.Sender(strangerKey)
	if _, err := contracts.SanctionAddresses(ctx, stranger, w.oracle, []common.Address{oracleTestAddr(1)}); err == nil {
		t.Fatal("a stranger sanctioned an address")
	}
	if _, err := contracts.SanctionAddresses(ctx, w.owner, w.oracle, []common.Address{oracleTestAddr(2)}); err != nil {
		t.Fatal(err)
	}
	if _, err := contracts.UnsanctionAddresses(ctx, stranger, w.oracle, []common.Address{oracleTestAddr(2)}); err == nil {
		t.Fatal("a stranger lifted a sanction")
	}
	got, err := screening.NewOracle(w.chain.Client(), w.oracle).Sanctioned(ctx, []common.Address{oracleTestAddr(1), oracleTestAddr(2)})
	if err != nil || !slices.Equal(got, []common.Address{oracleTestAddr(2)}) {
		t.Errorf("Sanctioned = %v, %v; want [%s]", got, err, oracleTestAddr(2))
	}
}

func TestOracleWrongAddress(t *testing.T) {
	ctx := t.Context()
	w := newOracleChain(t)
	notOracle, err := w.owner.Deploy(ctx, &claimrenewal.ClaimRenewalMetaData, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Two contracts written in bytecode, because solc will not produce them: one
	// whose every call succeeds with no answer (its code is a lone STOP), one that
	// answers every call with the word 2, which is no bool. Both would read as
	// "not sanctioned" to a decoder that forgave them.
	silent, err := w.owner.Deploy(ctx, &bind.MetaData{ID: "silent", Bin: "0x60016000f3"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	answersTwo, err := w.owner.Deploy(ctx, &bind.MetaData{ID: "answersTwo", Bin: "0x600a600c600039600a6000f3" + "600260005260206000f3"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		at   common.Address
		want error
		text string
	}{
		{"no code", oracleTestAddr(9), screening.ErrNoOracleCode, "sanctions oracle " + oracleTestAddr(9).Hex() + ": no contract code at this address"},
		{"owner's wallet", w.owner.From(), screening.ErrNoOracleCode, "no contract code at this address"},
		{"another contract", notOracle, screening.ErrNotOracle, "isSanctioned"},
		{"empty answers", silent, screening.ErrNotOracle, "empty answer"},
		{"answers 2", answersTwo, screening.ErrNotOracle, "not a sanctions oracle"},
	}
	for _, tt := range tests {
		o := screening.NewOracle(w.chain.Client(), tt.at)
		if err := o.Check(ctx); !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: Check = %v, want %v containing %q", tt.name, err, tt.want, tt.text)
		}
		got, err := o.Sanctioned(ctx, []common.Address{oracleTestAddr(1)})
		if !errors.Is(err, tt.want) || got != nil {
			t.Errorf("%s: Sanctioned = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

// flakyOracleCaller passes calls through until it has passed okCalls of them, then
// fails each one as a throttled or unreachable provider would.
type flakyOracleCaller struct {
	bind.ContractCaller
	okCalls int64
	calls   atomic.Int64
}

var errOracleProvider = errors.New("provider unreachable")

func (f *flakyOracleCaller) CallContract(ctx context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	if f.calls.Add(1) > f.okCalls {
		return nil, errOracleProvider
	}
	return f.ContractCaller.CallContract(ctx, msg, n)
}

func TestOracleFailsClosed(t *testing.T) {
	ctx := t.Context()
	w := newOracleChain(t)
	sanctioned := oracleTestAddr(1)
	if _, err := contracts.SanctionAddresses(ctx, w.owner, w.oracle, []common.Address{sanctioned}); err != nil {
		t.Fatal(err)
	}
	query := []common.Address{sanctioned, oracleTestAddr(2), oracleTestAddr(3)}

	// The check and the first two answers arrive, the third does not: the two
	// answers, one of them a hit, must not come back as a result.
	flaky := &flakyOracleCaller{ContractCaller: w.chain.Client(), okCalls: 3}
	got, err := screening.NewOracle(flaky, w.oracle).Sanctioned(ctx, query)
	if !errors.Is(err, identity.ErrChainUnavailable) || !errors.Is(err, errOracleProvider) || got != nil {
		t.Errorf("failing provider: Sanctioned = %v, %v; want no result and ErrChainUnavailable", got, err)
	}

	// A cancelled request is not a clean result either.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if got, err := screening.NewOracle(w.chain.Client(), w.oracle).Sanctioned(cancelled, query); err == nil || got != nil {
		t.Errorf("cancelled: Sanctioned = %v, %v; want an error", got, err)
	}

	// A reader that has passed its check, over a chain that has gone away.
	o := screening.NewOracle(w.chain.Client(), w.oracle)
	if err := o.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.chain.Close(); err != nil {
		t.Fatal(err)
	}
	got, err = o.Sanctioned(ctx, query)
	if !errors.Is(err, identity.ErrChainUnavailable) || got != nil {
		t.Errorf("closed chain: Sanctioned = %v, %v; want no result and ErrChainUnavailable", got, err)
	}
	// A reader that never reached the chain fails on its first step.
	got, err = screening.NewOracle(w.chain.Client(), w.oracle).Sanctioned(ctx, query)
	if !errors.Is(err, identity.ErrChainUnavailable) || got != nil {
		t.Errorf("closed chain, new reader: Sanctioned = %v, %v; want ErrChainUnavailable", got, err)
	}
}
