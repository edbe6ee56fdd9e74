package screening

import (
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Index screens identities against a set of lists: addresses and key
// hashes exactly, through maps, and names through a name index
// (index_names.go). It is read-only once built and safe for concurrent use.
type Index struct {
	lists  []*List
	ents   []entityRef
	byAddr map[common.Address]*listedAddress
	byKey  map[common.Hash]*listedAddress // by the address's KeyHash
	names  *nameIndex

	// scratch holds the per-query buffers of name matching, which are
	// sized by the index and too large to allocate per query. A free list
	// rather than a sync.Pool: a pool is emptied at every collection, and
	// the buffers would be allocated again.
	mu      sync.Mutex
	scratch []*matchScratch
}

// entityRef locates an entity: lists[list].Entities[ent].
type entityRef struct{ list, ent int32 }

// listedAddress is an address some entries are listed with, and its
// EIP-55 spelling, computed once (it costs a Keccak-256).
type listedAddress struct {
	hex  string
	ents []int32
}

// NewIndex indexes lists, which must not change afterwards.
func NewIndex(lists ...*List) *Index {
	ix := &Index{
		lists:  lists,
		byAddr: map[common.Address]*listedAddress{},
		byKey:  map[common.Hash]*listedAddress{},
	}
	ents, names := 0, 0
	for _, l := range lists {
		ents += len(l.Entities)
		for i := range l.Entities {
			names += len(l.Entities[i].Names)
		}
	}
	ix.ents = make([]entityRef, 0, ents)
	nb := newNameBuilder(ents, names)
	for li, l := range lists {
		for ei := range l.Entities {
			e := &l.Entities[ei]
			id := int32(len(ix.ents))
			ix.ents = append(ix.ents, entityRef{int32(li), int32(ei)})
			for _, a := range e.Addresses {
				la := ix.byAddr[a]
				if la == nil {
					la = &listedAddress{hex: a.Hex()}
					ix.byAddr[a], ix.byKey[KeyHash(a)] = la, la
				}
				if !slices.Contains(la.ents, id) {
					la.ents = append(la.ents, id)
				}
			}
			for slot, n := range e.Names {
				nb.add(id, slot, n)
			}
			nb.ix.entYear = append(nb.ix.entYear, birthYear(e.BirthDates))
		}
	}
	ix.names = nb.build()
	return ix
}

// maxIdleScratch bounds the scratch buffers kept between queries: one per
// concurrent query is enough, and each holds a mark per listed name.
const maxIdleScratch = 8

func (ix *Index) getScratch() *matchScratch {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if n := len(ix.scratch); n > 0 {
		s := ix.scratch[n-1]
		ix.scratch = ix.scratch[:n-1]
		return s
	}
	return ix.names.newScratch()
}

func (ix *Index) putScratch(s *matchScratch) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.scratch) < maxIdleScratch {
		ix.scratch = append(ix.scratch, s)
	}
}

// KeyHash is the ERC-734 key id of an address as a key of an identity:
// keccak256(abi.encode(address)).
func KeyHash(a common.Address) common.Hash {
	return crypto.Keccak256Hash(common.LeftPadBytes(a.Bytes(), 32))
}

// Lists returns the lists the index was built from.
func (ix *Index) Lists() []*List { return ix.lists }

func (ix *Index) entity(id int32) (*List, *Entity) {
	r := ix.ents[id]
	l := ix.lists[r.list]
	return l, &l.Entities[r.ent]
}

// birthYear is the year of the first parseable birth date, 0 when none.
func birthYear(dates []string) int16 {
	for _, d := range dates {
		if b, ok := parseBirth(d); ok {
			return int16(b.y)
		}
	}
	return 0
}
