package screening

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Schema is what kind of thing a list entry is.
type Schema string

// The schemas of list entries. Every loader maps its source's types onto
// these.
const (
	SchemaPerson       Schema = "person"
	SchemaOrganization Schema = "organization"
	SchemaVessel       Schema = "vessel"
	SchemaAircraft     Schema = "aircraft"
	SchemaWallet       Schema = "wallet" // an entry that is only an address
	SchemaUnknown      Schema = "unknown"
)

// Topics an entry carries, after FollowTheMoney's topic names. Loaders of
// sanctions lists mark every entry TopicSanction; OpenSanctions data says
// which of its entries are sanctioned and which are politically exposed.
const (
	TopicSanction = "sanction"
	TopicPEP      = "role.pep"
	TopicRCA      = "role.rca" // a relative or close associate of a PEP
)

// Entity is one entry of a list, in the one model every loader produces.
type Entity struct {
	// ID is the list's own id of the entry: OFAC's uid or FixedRef, the UN
	// reference number, the EU logicalId, the FollowTheMoney id, or the
	// CSV's id column (the address in lower case when there is none).
	ID     string
	Schema Schema
	// Names are the entry's names as the list writes them, in any script:
	// Names[0] is the primary name, the rest are aliases.
	Names []string
	// Addresses are the Ethereum addresses the entry is listed with.
	Addresses []common.Address
	// BirthDates are "YYYY", "YYYY-MM" or "YYYY-MM-DD".
	BirthDates []string
	// Nationalities are ISO 3166-1 alpha-2 codes, upper case.
	Nationalities []string
	// Programs are the sanctions programmes or regimes the entry is under.
	Programs []string
	// Topics are FollowTheMoney topics (TopicSanction, TopicPEP, ...).
	Topics []string
}

// Name is the entry's primary name ("" when it has none, as an address-only
// entry).
func (e *Entity) Name() string {
	if len(e.Names) == 0 {
		return ""
	}
	return e.Names[0]
}

// Sanctioned reports whether the entry is under sanctions.
func (e *Entity) Sanctioned() bool { return e.has(TopicSanction) }

// PEP reports whether the entry is a politically exposed person or their
// relative or close associate.
func (e *Entity) PEP() bool { return e.has(TopicPEP) || e.has(TopicRCA) }

func (e *Entity) has(topic string) bool {
	for _, t := range e.Topics {
		if t == topic {
			return true
		}
	}
	return false
}

// Digest identifies the entry's content: a clearance of a name hit holds
// until the entry it cleared changes, which is when its digest does. The
// order of names, addresses and the other sets does not count.
func (e *Entity) Digest() [32]byte {
	h := sha256.New()
	put := func(tag string, vs []string) {
		vs = append([]string(nil), vs...)
		sort.Strings(vs)
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(vs)))
		h.Write([]byte(tag))
		h.Write(n[:])
		for _, v := range vs {
			binary.BigEndian.PutUint64(n[:], uint64(len(v)))
			h.Write(n[:])
			h.Write([]byte(v))
		}
	}
	addrs := make([]string, len(e.Addresses))
	for i, a := range e.Addresses {
		addrs[i] = strings.ToLower(a.Hex())
	}
	put("id", []string{e.ID})
	put("schema", []string{string(e.Schema)})
	put("names", e.Names)
	put("addresses", addrs)
	put("birth", e.BirthDates)
	put("nationality", e.Nationalities)
	put("programs", e.Programs)
	put("topics", e.Topics)
	var d [32]byte
	copy(d[:], h.Sum(nil))
	return d
}

// Format is a list's published format, detected from its content.
type Format string

// The formats the loaders read.
const (
	FormatOFACSDN      Format = "ofac-sdn"      // OFAC sdn.xml
	FormatOFACAdvanced Format = "ofac-advanced" // OFAC sdn_advanced.xml
	FormatUN           Format = "un"            // UN Security Council consolidated list (XML)
	FormatEU           Format = "eu"            // EU financial sanctions file (XML)
	FormatFtM          Format = "ftm"           // OpenSanctions FollowTheMoney JSON lines
	FormatCSV          Format = "csv"           // a CSV of addresses
)

// List is one version of a list: what a source held when it was loaded.
type List struct {
	// Name names the list in hits: the source's file name.
	Name string
	// Source is the path or URL it was loaded from.
	Source   string
	Format   Format
	Hash     [32]byte // SHA-256 of the bytes loaded
	LoadedAt time.Time
	Entities []Entity
}
