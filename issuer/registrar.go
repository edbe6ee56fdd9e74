package issuer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/identityregistry"
	"github.com/idconnect/idconnect/identity"
)

// RegistryChain is what the Registrar reads: the topics the registry
// requires, the claims on them, and an identity's wallets. It must read
// the chain as it is (an identity.Reader over the plain client).
type RegistryChain interface {
	RequiredTopics(ctx context.Context) ([]uint64, error)
	ClaimsByTopic(ctx context.Context, id common.Address, topic uint64, now time.Time) ([]identity.Judgement, error)
	Wallets(ctx context.Context, id common.Address) ([]common.Address, error)
}

// Registrar registers identities in an ERC-3643 IdentityRegistry, as one
// of its agents, once the identity holds a valid claim on every topic the
// registry's ClaimTopicsRegistry requires. Then isVerified(wallet) holds
// for its wallets, as long as the claims stay valid and their issuers
// stay trusted (which the registry itself judges at each call).
type Registrar struct {
	Registry common.Address
	// Sender is an agent of the registry.
	Sender *contracts.Sender
	Chain  RegistryChain
	// Country is the ERC-3643 investor country registered (ISO 3166-1
	// numeric); zero when the deployment does not use it.
	Country uint16
	Clock   func() time.Time

	mu sync.Mutex // one agent key: its transactions go one at a time
}

// Register registers the identity's wallets that the registry does not
// know yet, when every required topic holds a valid claim, and returns
// those it registered.
func (g *Registrar) Register(ctx context.Context, id common.Address) ([]common.Address, error) {
	now := time.Now()
	if g.Clock != nil {
		now = g.Clock()
	}
	topics, err := g.Chain.RequiredTopics(ctx)
	if err != nil {
		return nil, chainErr("read the required topics", err)
	}
	for _, t := range topics {
		claims, err := g.Chain.ClaimsByTopic(ctx, id, t, now)
		if err != nil {
			return nil, chainErr("read the claims", err)
		}
		valid := false
		for _, c := range claims {
			valid = valid || c.State == identity.StateValid
		}
		if !valid {
			return nil, nil
		}
	}
	wallets, err := g.Chain.Wallets(ctx, id)
	if err != nil {
		return nil, chainErr("read the identity's wallets", err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ir := identityregistry.NewIdentityRegistry()
	var done []common.Address
	for _, w := range wallets {
		out, err := g.Sender.Backend.CallContract(ctx, callMsg(g.Registry, ir.PackIdentity(w)), nil)
		if err != nil {
			return done, chainErr("read the registry", err)
		}
		known, err := ir.UnpackIdentity(out)
		if err != nil {
			return done, fmt.Errorf("issuer: the identity registry answered %x: %w", out, err)
		}
		if known != (common.Address{}) {
			continue
		}
		if _, err := g.Sender.Transact(ctx, g.Registry, ir.PackRegisterIdentity(w, id, g.Country)); err != nil {
			return done, chainErr("register the identity", err)
		}
		done = append(done, w)
	}
	return done, nil
}
