package identity

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func eventID(sig string) common.Hash { return crypto.Keccak256Hash([]byte(sig)) }

// The events that change what the cache holds. contracts' tests pin these
// signatures against the official ABIs.
var (
	eventKeyAdded     = eventID("KeyAdded(bytes32,uint256,uint256)")
	eventKeyRemoved   = eventID("KeyRemoved(bytes32,uint256,uint256)")
	eventClaimAdded   = eventID("ClaimAdded(bytes32,uint256,uint256,address,bytes,bytes,string)")
	eventClaimRemoved = eventID("ClaimRemoved(bytes32,uint256,uint256,address,bytes,bytes,string)")
	eventClaimChanged = eventID("ClaimChanged(bytes32,uint256,uint256,address,bytes,bytes,string)")
	eventClaimRevoked = eventID("ClaimRevoked(bytes)")

	eventWalletLinked       = eventID("WalletLinked(address,address)")
	eventWalletUnlinked     = eventID("WalletUnlinked(address,address)")
	eventIdentityRegistered = eventID("IdentityRegistered(address,address)")
	eventIdentityRemoved    = eventID("IdentityRemoved(address,address)")
	eventIdentityUpdated    = eventID("IdentityUpdated(address,address)")

	eventTrustedIssuerAdded   = eventID("TrustedIssuerAdded(address,uint256[])")
	eventTrustedIssuerRemoved = eventID("TrustedIssuerRemoved(address)")
	eventClaimTopicsUpdated   = eventID("ClaimTopicsUpdated(address,uint256[])")
)

// effect is what an event invalidates.
type effect int

const (
	dropIdentity    effect = 1 << iota // the emitting identity's keys and claims
	dropClaims                         // every claim verdict (issuer keys, revocations, trust)
	dropResolutions                    // every wallet → identity resolution
)

var watchedEvents = map[common.Hash]effect{
	eventKeyAdded:             dropIdentity | dropClaims,
	eventKeyRemoved:           dropIdentity | dropClaims,
	eventClaimAdded:           dropIdentity,
	eventClaimRemoved:         dropIdentity,
	eventClaimChanged:         dropIdentity,
	eventClaimRevoked:         dropClaims,
	eventWalletLinked:         dropResolutions,
	eventWalletUnlinked:       dropResolutions,
	eventIdentityRegistered:   dropResolutions,
	eventIdentityRemoved:      dropResolutions,
	eventIdentityUpdated:      dropResolutions,
	eventTrustedIssuerAdded:   dropClaims,
	eventTrustedIssuerRemoved: dropClaims,
	eventClaimTopicsUpdated:   dropClaims,
}

func watchedTopics() []common.Hash {
	out := make([]common.Hash, 0, len(watchedEvents))
	for h := range watchedEvents {
		out = append(out, h)
	}
	return out
}
