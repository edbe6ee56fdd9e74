package consent

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// Item is one line of the consent screen: a requested scope in plain words.
type Item struct {
	Scope     string
	Text      string
	Optional  bool // the owner may untick it
	Available bool // false when there is nothing to share
	// NotHeld marks a claim the identity does not hold yet: it can still be
	// granted, and a persistent grant shows it once an issuer attests it
	// (each read judges the chain at that moment). ApplyURL, when set, is
	// where the owner applies for it.
	NotHeld  bool
	ApplyURL string
}

// Describer renders requested scopes in plain words, reading claims from the chain.
type Describer struct {
	Directory   identity.Directory
	Catalogue   identity.Catalogue
	IssuerNames map[common.Address]string // display names of known claim issuers
	Clock       func() time.Time
	// Apply, when set, returns where the owner applies for a claim topic
	// ("" for a topic nobody here issues).
	Apply func(topic uint64) string
}

// Items describes each requested scope for the identity, in the order requested.
// offline_access is not an item: it is the grant's kind.
func (d *Describer) Items(ctx context.Context, id common.Address, scopes []string) ([]Item, error) {
	var items []Item
	for _, s := range scopes {
		switch s {
		case ScopeOffline:
			continue
		case ScopeOpenID:
			// sub and wallet: the identity and the signing wallet, which the page shows above
			items = append(items, Item{Scope: s, Text: "Your ONCHAINID identity and the wallet you signed in with", Available: true})
		case ScopeProfile:
			items = append(items, Item{Scope: s, Text: "Your name", Optional: true, Available: true})
		case ScopeEmail:
			items = append(items, Item{Scope: s, Text: "Your email address", Optional: true, Available: true})
		case ScopePhone:
			items = append(items, Item{Scope: s, Text: "Your phone number", Optional: true, Available: true})
		case ScopeAddress:
			items = append(items, Item{Scope: s, Text: "Your postal address", Optional: true, Available: true})
		default:
			topic, ok := ClaimTopic(s)
			if !ok {
				return nil, fmt.Errorf("%w %q", ErrUnknownScope, s)
			}
			item, err := d.claimItem(ctx, id, s, topic)
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
	}
	return items, nil
}

func (d *Describer) claimItem(ctx context.Context, id common.Address, scope string, topic uint64) (Item, error) {
	claims, err := d.Directory.ClaimsByTopic(ctx, id, topic, d.Clock())
	if err != nil {
		return Item{}, err
	}
	name := d.Catalogue.Name(topic)
	for _, c := range claims {
		if c.State != identity.StateValid {
			continue
		}
		text := fmt.Sprintf("%s claim (topic %d) from %s", name, topic, d.issuerName(c.Issuer))
		if c.ValidUntil != nil {
			text += ", valid until " + c.ValidUntil.Format("2 January 2006")
		} else {
			text += ", with no expiry"
		}
		return Item{Scope: scope, Text: text, Optional: true, Available: true}, nil
	}
	item := Item{Scope: scope, Text: fmt.Sprintf("%s claim (topic %d): not held yet", name, topic), Optional: true, Available: true, NotHeld: true}
	if d.Apply != nil {
		item.ApplyURL = d.Apply(topic)
	}
	return item, nil
}

func (d *Describer) issuerName(a common.Address) string {
	if n, ok := d.IssuerNames[a]; ok {
		return n
	}
	return a.Hex()
}
