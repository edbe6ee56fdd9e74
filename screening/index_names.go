package screening

import (
	"slices"
	"strings"
)

// nameIndex finds the listed names worth scoring against a query without
// scanning the list. Every listed name is a row of a flat table of token
// ids; every distinct token has its tokenInfo, computed once. Names are
// posted under blocks:
//
//   - the phonetic key of each token (so Mohammed finds Muhammad and
//     محمد);
//   - each given-name group of each token (so Bob finds Robert);
//   - the phonetic key of two adjacent tokens joined when one is short or
//     a prefix such as abdul (so Abd Allah finds Abdullah);
//
// and under each pair of their keys (index_pairs.go). A query token also
// reaches the keys of the listed tokens one edit away from it (a letter
// deleted, added, replaced or two swapped), through a sorted table of
// hashes of each listed token with one letter deleted: a typo need not
// change the phonetic key, but may.
//
// A query's candidates (index_candidates.go) are the names spelled
// exactly as the query in any order (a table of hashes of sorted token
// ids), the names that share two of its units through the pair index,
// and, when the query has a single unit or no name shares two, the names
// that share one. Every walk stops at a budget (maxWalk names, and as
// many again of entities born within a year of the query), and at most
// maxScored candidates, the best by overlap, are scored.
type nameIndex struct {
	nameEnt  []int32 // entity of each name
	entYear  []int16 // by entity: its first birth year, 0 when unknown
	nameSlot []uint16
	tokStart []int32 // name i's tokens are toks[tokStart[i]:tokStart[i+1]]
	toks     []int32

	dict     map[string]int32 // token text → token id
	info     []tokenInfo      // by token id
	tokBlock []int32          // by token id: the block of its phonetic key

	keyBlock   map[string]int32 // phonetic key → block
	groupCount int32            // blocks [0, groupCount) are given-name groups

	postStart []int32 // block b's names are post[postStart[b]:postStart[b+1]]
	post      []int32
	postYear  []int16 // the birth year of each post's entity, 0 when unknown

	fuzzy []fuzzyEntry // sorted by hash

	// exactHash, ascending, hashes the sorted token ids of the name
	// exactName at the same place: a query finds the names spelled
	// exactly as it is, in any order, without walking postings.
	exactHash []uint64
	exactName []int32
	exactYear []int16 // the entity's birth year, as entYear

	pairs pairIndex
}

// fuzzyEntry says that token tok with one letter deleted hashes to h.
type fuzzyEntry struct {
	h   uint64
	tok int32
}

// nameBuilder accumulates names for a nameIndex.
type nameBuilder struct {
	ix         *nameIndex
	buf, key   []byte
	join       []byte
	spans      []tokenSpan
	nameBlocks []int32 // blocks of every name, flat
	blockStart []int32
	blocks     []int32
}

// newNameBuilder returns a builder with room for about names names of
// ents entities: growing the flat tables a name at a time would copy
// them over and over.
func newNameBuilder(ents, names int) *nameBuilder {
	const tokensPerName, blocksPerName = 3, 6
	ix := &nameIndex{
		dict: map[string]int32{}, keyBlock: map[string]int32{},
		groupCount: int32(knownNames().count),
		nameEnt:    make([]int32, 0, names),
		nameSlot:   make([]uint16, 0, names),
		tokStart:   append(make([]int32, 0, names+1), 0),
		toks:       make([]int32, 0, names*tokensPerName),
		entYear:    make([]int16, 0, ents),
	}
	return &nameBuilder{
		ix:         ix,
		nameBlocks: make([]int32, 0, names*blocksPerName),
		blockStart: append(make([]int32, 0, names+1), 0),
	}
}

// add indexes one name of entity ent; slot is its place among the
// entity's names (0 for the primary name).
func (b *nameBuilder) add(ent int32, slot int, name string) {
	ix := b.ix
	b.buf = appendFolded(b.buf[:0], name)
	b.spans = tokenSpans(b.buf, b.spans[:0])
	if len(b.spans) == 0 {
		return
	}
	ix.nameEnt = append(ix.nameEnt, ent)
	ix.nameSlot = append(ix.nameSlot, uint16(slot))
	b.blocks = b.blocks[:0]
	first := len(ix.toks)
	for _, sp := range b.spans {
		id := b.token(b.buf[sp.lo:sp.hi])
		ix.toks = append(ix.toks, id)
		b.blocks = append(b.blocks, ix.tokBlock[id])
		for _, g := range ix.info[id].groups {
			b.blocks = append(b.blocks, int32(g))
		}
	}
	ix.tokStart = append(ix.tokStart, int32(len(ix.toks)))
	name32 := ix.toks[first:]
	for i := 0; i+1 < len(name32); i++ {
		x, y := &ix.info[name32[i]], &ix.info[name32[i+1]]
		if joinable(x, y) {
			b.join = append(append(b.join[:0], x.text...), y.text...)
			b.key = appendPhoneticKey(b.key[:0], string(b.join))
			b.blocks = append(b.blocks, b.keyBlockOf(string(b.key)))
		}
	}
	slices.Sort(b.blocks)
	b.nameBlocks = append(b.nameBlocks, slices.Compact(b.blocks)...)
	b.blockStart = append(b.blockStart, int32(len(b.nameBlocks)))
}

// joinable reports whether two adjacent tokens are also indexed joined:
// when one is short (Jong Un, Ali Reza, Abd Allah) or the first is a
// prefix lists write apart or together (Abdul Malik).
func joinable(x, y *tokenInfo) bool {
	if !x.latin || !y.latin || x.initial || y.initial {
		return false
	}
	return len(x.text) <= 3 || len(y.text) <= 3 || joinPrefixes[x.text]
}

var joinPrefixes = map[string]bool{"abdul": true, "abdel": true, "abdal": true, "abdol": true, "abou": true}

// token returns the id of token t, adding it when new.
func (b *nameBuilder) token(t []byte) int32 {
	ix := b.ix
	if id, ok := ix.dict[string(t)]; ok {
		return id
	}
	id := int32(len(ix.info))
	s := string(t)
	ix.dict[s] = id
	ti := newTokenInfo(s)
	ix.info = append(ix.info, ti)
	ix.tokBlock = append(ix.tokBlock, b.keyBlockOf(ti.key))
	return id
}

func (b *nameBuilder) keyBlockOf(key string) int32 {
	ix := b.ix
	if kb, ok := ix.keyBlock[key]; ok {
		return kb
	}
	kb := ix.groupCount + int32(len(ix.keyBlock))
	ix.keyBlock[strings.Clone(key)] = kb
	return kb
}

// build lays out the postings (a counting sort of names by block) and the
// fuzzy table.
func (b *nameBuilder) build() *nameIndex {
	ix := b.ix
	nBlocks := int(ix.groupCount) + len(ix.keyBlock)
	ix.postStart = make([]int32, nBlocks+1)
	for _, blk := range b.nameBlocks {
		ix.postStart[blk+1]++
	}
	for i := 1; i <= nBlocks; i++ {
		ix.postStart[i] += ix.postStart[i-1]
	}
	ix.post = make([]int32, len(b.nameBlocks))
	ix.postYear = make([]int16, len(b.nameBlocks))
	fill := slices.Clone(ix.postStart[:nBlocks])
	for name := 0; name+1 < len(b.blockStart); name++ {
		year := ix.entYear[ix.nameEnt[name]]
		for _, blk := range b.nameBlocks[b.blockStart[name]:b.blockStart[name+1]] {
			ix.post[fill[blk]], ix.postYear[fill[blk]] = int32(name), year
			fill[blk]++
		}
	}
	ix.buildExact()
	b.buildPairs()
	for id := range ix.info {
		t := &ix.info[id]
		if !fuzzyToken(t) {
			continue
		}
		for p := 0; p < len(t.text); p++ {
			ix.fuzzy = append(ix.fuzzy, fuzzyEntry{h: hashWithout(t.text, p), tok: int32(id)})
		}
	}
	slices.SortFunc(ix.fuzzy, func(x, y fuzzyEntry) int {
		switch {
		case x.h < y.h:
			return -1
		case x.h > y.h:
			return 1
		}
		return int(x.tok - y.tok)
	})
	return ix
}

// minFuzzyLen is the shortest token that reaches tokens one edit away:
// shorter ones are one edit away from too many.
const minFuzzyLen = 4

func fuzzyToken(t *tokenInfo) bool {
	return t.latin && !t.particle && len(t.text) >= minFuzzyLen
}

// hashWithout is the FNV-1a hash of t without its letter at p (p = -1:
// all of t).
func hashWithout(t string, p int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		if i != p {
			h ^= uint64(t[i])
			h *= 1099511628211
		}
	}
	return h
}

// fuzzyTokens calls fn with the listed tokens one edit away from t.
func (ix *nameIndex) fuzzyTokens(t string, fn func(tok int32)) {
	ix.fuzzyHash(hashWithout(t, -1), fn) // t is a listed token less a letter
	var buf [64]byte
	for p := 0; p < len(t); p++ {
		d := append(append(buf[:0], t[:p]...), t[p+1:]...)
		if id, ok := ix.dict[string(d)]; ok { // a listed token is t less a letter
			fn(id)
		}
		ix.fuzzyHash(hashWithout(t, p), fn) // a letter replaced, or two swapped
	}
}

func (ix *nameIndex) fuzzyHash(h uint64, fn func(tok int32)) {
	i, _ := slices.BinarySearchFunc(ix.fuzzy, h, func(e fuzzyEntry, h uint64) int {
		switch {
		case e.h < h:
			return -1
		case e.h > h:
			return 1
		}
		return 0
	})
	for ; i < len(ix.fuzzy) && ix.fuzzy[i].h == h; i++ {
		fn(ix.fuzzy[i].tok)
	}
}

// postings returns the names posted under block b, and their entities'
// birth years.
func (ix *nameIndex) postings(b int32) ([]int32, []int16) {
	lo, hi := ix.postStart[b], ix.postStart[b+1]
	return ix.post[lo:hi], ix.postYear[lo:hi]
}

// nameTokens returns the token ids of name n.
func (ix *nameIndex) nameTokens(n int32) []int32 {
	return ix.toks[ix.tokStart[n]:ix.tokStart[n+1]]
}

// buildExact fills exactHash and exactName.
func (ix *nameIndex) buildExact() {
	type entry struct {
		h    uint64
		name int32
	}
	entries := make([]entry, len(ix.nameEnt))
	var ids []int32
	for n := range ix.nameEnt {
		ids = append(ids[:0], ix.nameTokens(int32(n))...)
		slices.Sort(ids)
		entries[n] = entry{hashTokenIDs(ids), int32(n)}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.h != b.h {
			if a.h < b.h {
				return -1
			}
			return 1
		}
		return int(a.name - b.name)
	})
	ix.exactHash = make([]uint64, len(entries))
	ix.exactName = make([]int32, len(entries))
	ix.exactYear = make([]int16, len(entries))
	for i, e := range entries {
		ix.exactHash[i], ix.exactName[i], ix.exactYear[i] = e.h, e.name, ix.entYear[ix.nameEnt[e.name]]
	}
}

// hashTokenIDs is the FNV-1a hash of a sorted list of token ids.
func hashTokenIDs(ids []int32) uint64 {
	h := uint64(14695981039346656037)
	for _, id := range ids {
		for k := 0; k < 32; k += 8 {
			h ^= uint64(byte(id >> k))
			h *= 1099511628211
		}
	}
	return h
}

// sameTokens reports whether name n has exactly the tokens sorted (a
// sorted list of token ids).
func (ix *nameIndex) sameTokens(n int32, sorted []int32) bool {
	toks := ix.nameTokens(n)
	if len(toks) != len(sorted) {
		return false
	}
	for _, t := range toks {
		if _, found := slices.BinarySearch(sorted, t); !found {
			return false
		}
	}
	return true
}
