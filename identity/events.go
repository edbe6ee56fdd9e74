package identity

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func eventID(sig string) common.Hash { return crypto.Keccak256Hash([]byte(sig)) }

// The events that change what the cache holds.
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
	eventIdentityStored     = eventID("IdentityStored(address,address)")
	eventIdentityUnstored   = eventID("IdentityUnstored(address,address)")
	eventIdentityModified   = eventID("IdentityModified(address,address)")

	eventTrustedIssuerAdded   = eventID("TrustedIssuerAdded(address,uint256[])")
	eventTrustedIssuerRemoved = eventID("TrustedIssuerRemoved(address)")
	eventClaimTopicsUpdated   = eventID("ClaimTopicsUpdated(address,uint256[])")
)

// eventKind says what an event may change, and so which emitters count. Anybody can
// deploy a contract that emits logs of these shapes: an event only counts when the
// contract that emitted it is one whose state the cache holds.
type eventKind int

const (
	// keyEvent changes the keys of the emitting identity and, when that identity is
	// an issuer, the verdicts on the claims it signed.
	keyEvent eventKind = iota
	// claimEvent changes the claims held by the emitting identity.
	claimEvent
	// revocationEvent changes the verdicts on the claims the emitting issuer signed.
	revocationEvent
	// resolutionEvent changes wallet → identity links; it counts only from the
	// IdFactory, the IdentityRegistry or its storage.
	resolutionEvent
	// trustEvent changes which issuers are trusted; it counts only from the
	// TrustedIssuersRegistry, and then every claim verdict is dropped.
	trustEvent
)

var watchedEvents = map[common.Hash]eventKind{
	eventKeyAdded:             keyEvent,
	eventKeyRemoved:           keyEvent,
	eventClaimAdded:           claimEvent,
	eventClaimRemoved:         claimEvent,
	eventClaimChanged:         claimEvent,
	eventClaimRevoked:         revocationEvent,
	eventWalletLinked:         resolutionEvent,
	eventWalletUnlinked:       resolutionEvent,
	eventIdentityRegistered:   resolutionEvent,
	eventIdentityRemoved:      resolutionEvent,
	eventIdentityUpdated:      resolutionEvent,
	eventIdentityStored:       resolutionEvent,
	eventIdentityUnstored:     resolutionEvent,
	eventIdentityModified:     resolutionEvent,
	eventTrustedIssuerAdded:   trustEvent,
	eventTrustedIssuerRemoved: trustEvent,
	eventClaimTopicsUpdated:   trustEvent,
}

// watchedTopics lists the events of the given kinds.
func watchedTopics(kinds ...eventKind) []common.Hash {
	var out []common.Hash
	for h, k := range watchedEvents {
		if slices.Contains(kinds, k) {
			out = append(out, h)
		}
	}
	return out
}

// registries are the contracts whose resolution events count.
func (c Config) registries() []common.Address {
	var out []common.Address
	for _, a := range []common.Address{c.IdFactory, c.IdentityRegistry, c.IdentityRegistryStorage} {
		if a != (common.Address{}) {
			out = append(out, a)
		}
	}
	return out
}
