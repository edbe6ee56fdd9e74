package screening

import (
	"slices"
)

// The pair index answers the common query, two or more tokens, without
// walking any one token's postings: every listed name is also posted
// under each pair of its blocks (the phonetic keys of its tokens, other
// than particles, and of its joined tokens). A query looks up the pairs
// of its units' keys and finds exactly the names that share two of its
// units, however common each token is alone (mohammed, ali).
//
// Pairs are sorted by first block (pairStart[a] is where block a's pairs
// begin), then second block, then name.
type pairIndex struct {
	pairStart  []int32 // by first block
	pairSecond []int32
	pairName   []int32
	pairYear   []int16 // the birth year of each pairName's entity, 0 when unknown
	// groupKeys are, for each given-name group, the key blocks of its
	// listed members: a nickname pairs through its group's spellings.
	groupKeys [][]int32
}

// maxPairBlocks bounds the blocks of one name that are paired (a long
// organisation name would otherwise post the square of its words).
const maxPairBlocks = 8

// pairEntry is one posting of a name under a pair of blocks, a < b.
type pairEntry struct{ a, b, name int32 }

// pairBlocks appends the blocks of listed name n that are paired: the key
// blocks of its tokens other than particles and initials, and its joined
// keys (the compound blocks among blocks).
func (ix *nameIndex) pairBlocks(dst []int32, n int32, blocks []int32) []int32 {
	dst = dst[:0]
	for _, t := range ix.nameTokens(n) {
		if ti := &ix.info[t]; !ti.particle && !ti.initial {
			dst = append(dst, ix.tokBlock[t])
		}
	}
	for _, b := range blocks {
		if b >= ix.groupCount {
			dst = append(dst, b) // key blocks: the tokens' own, and joined keys
		}
	}
	slices.Sort(dst)
	dst = slices.Compact(dst)
	return dst[:min(len(dst), maxPairBlocks)]
}

// buildPairs lays out the pair index from every name's blocks: the
// entries are made in name order, then sorted by second and then first
// block with two stable counting sorts, so that each first block's pairs
// are by second block and then name.
func (b *nameBuilder) buildPairs() {
	ix := b.ix
	var pb []int32
	total := 0
	for n := int32(0); int(n)+1 < len(b.blockStart); n++ {
		k := len(ix.pairBlocks(pb, n, b.nameBlocks[b.blockStart[n]:b.blockStart[n+1]]))
		total += k * (k - 1) / 2
	}
	entries := make([]pairEntry, 0, total)
	for n := int32(0); int(n)+1 < len(b.blockStart); n++ {
		pb = ix.pairBlocks(pb, n, b.nameBlocks[b.blockStart[n]:b.blockStart[n+1]])
		for i := range pb {
			for j := i + 1; j < len(pb); j++ {
				entries = append(entries, pairEntry{pb[i], pb[j], n})
			}
		}
	}
	nBlocks := len(ix.postStart) - 1
	sorted := countingSort(entries, make([]pairEntry, len(entries)), nBlocks, func(e pairEntry) int32 { return e.b })
	entries = countingSort(sorted, entries, nBlocks, func(e pairEntry) int32 { return e.a })
	p := &ix.pairs
	p.pairStart = make([]int32, nBlocks+1)
	p.pairSecond = make([]int32, len(entries))
	p.pairName = make([]int32, len(entries))
	p.pairYear = make([]int16, len(entries))
	for i, e := range entries {
		p.pairStart[e.a+1]++
		p.pairSecond[i], p.pairName[i], p.pairYear[i] = e.b, e.name, ix.entYear[ix.nameEnt[e.name]]
	}
	for i := 1; i <= nBlocks; i++ {
		p.pairStart[i] += p.pairStart[i-1]
	}
	p.groupKeys = make([][]int32, ix.groupCount)
	for id := range ix.info {
		for _, g := range ix.info[id].groups {
			if !slices.Contains(p.groupKeys[g], ix.tokBlock[id]) {
				p.groupKeys[g] = append(p.groupKeys[g], ix.tokBlock[id])
			}
		}
	}
}

// countingSort writes src into dst ordered by key (in [0, n)), stably,
// and returns dst.
func countingSort(src, dst []pairEntry, n int, key func(pairEntry) int32) []pairEntry {
	at := make([]int32, n+1)
	for _, e := range src {
		at[key(e)+1]++
	}
	for i := 1; i <= n; i++ {
		at[i] += at[i-1]
	}
	for _, e := range src {
		k := key(e)
		dst[at[k]] = e
		at[k]++
	}
	return dst
}

// pairNames returns the names posted under the pair of blocks a and b,
// and their entities' birth years.
func (p *pairIndex) pairNames(a, b int32) ([]int32, []int16) {
	if a > b {
		a, b = b, a
	}
	lo, hi := int(p.pairStart[a]), int(p.pairStart[a+1])
	second := p.pairSecond[lo:hi]
	i, found := slices.BinarySearch(second, b)
	if !found {
		return nil, nil
	}
	j := i
	for j < len(second) && second[j] == b {
		j++
	}
	return p.pairName[lo+i : lo+j], p.pairYear[lo+i : lo+j]
}
