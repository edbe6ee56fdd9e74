package screening

import "slices"

// queryUnit is one thing a listed name can share with the query: a token
// (its blocks: phonetic key, given-name groups, the keys of listed tokens
// one edit away), an initial (its letter), or two adjacent tokens joined.
type queryUnit struct {
	lo, hi   int // its blocks are scratch.blockBuf[lo:hi]
	plo, phi int // its keys for the pair index are scratch.pairBuf[plo:phi],
	pmid     int // its own up to pmid, then those of tokens one edit away
	cost     int // postings under its blocks
	initial  byte
}

// matchScratch is one query's working memory: a mark per listed name,
// reset lazily by an epoch so that a query touches only the names it
// reaches.
type matchScratch struct {
	epoch      uint32
	marks      []nameMark
	touched    []int32
	blockEpoch []uint32
	blockMask  []uint32
	units      []queryUnit
	compound   uint32 // units that are two query tokens joined
	blockBuf   []int32
	pairBuf    []int32
	qtoks      []int32 // the query's token ids, -1 for a token no list holds
	year       int16   // the query's birth year, 0 when unknown
	sortedQ    []int32
	order      []int
	cands      []candidate
	hist       []int32
	sc         scorer
	ltoks      []*tokenInfo
	scored     []scoredName
	scores     map[uint64]cachedScore
}

// nameMark records, for the current epoch, which query units a listed
// name shares (a bit per unit).
type nameMark struct{ epoch, units uint32 }

type candidate struct {
	name int32
	rank int32
}

func (ix *nameIndex) newScratch() *matchScratch {
	return &matchScratch{
		marks:      make([]nameMark, len(ix.nameEnt)),
		blockEpoch: make([]uint32, len(ix.postStart)-1),
		blockMask:  make([]uint32, len(ix.postStart)-1),
	}
}

func (s *matchScratch) nextEpoch() {
	s.epoch++
	if s.epoch == 0 { // wrapped: forget every mark
		clear(s.marks)
		clear(s.blockEpoch)
		s.epoch = 1
	}
	s.touched = s.touched[:0]
}

func (s *matchScratch) mark(n int32, bits uint32) {
	m := &s.marks[n]
	if m.epoch != s.epoch {
		*m = nameMark{epoch: s.epoch}
		s.touched = append(s.touched, n)
	}
	m.units |= bits
}

// queryUnits lays out the units of query q in s.units.
func (ix *nameIndex) queryUnits(q []*tokenInfo, s *matchScratch) {
	s.units, s.blockBuf, s.pairBuf, s.qtoks, s.compound = s.units[:0], s.blockBuf[:0], s.pairBuf[:0], s.qtoks[:0], 0
	for _, t := range q {
		id, ok := ix.dict[t.text]
		if !ok {
			id = -1
		}
		s.qtoks = append(s.qtoks, id)
	}
	for i, t := range q {
		switch {
		case len(s.units) == maxUnits:
			return
		case t.particle:
		case t.initial:
			s.units = append(s.units, queryUnit{initial: t.text[0]})
		default:
			ix.tokenUnit(s, t, s.qtoks[i] < 0)
		}
	}
	for i := 0; i+1 < len(q) && len(s.units) < maxUnits; i++ {
		if !joinable(q[i], q[i+1]) {
			continue
		}
		if kb, ok := ix.keyBlock[phoneticKey(q[i].text+q[i+1].text)]; ok {
			s.blockBuf = append(s.blockBuf, kb)
			s.pairBuf = append(s.pairBuf, kb)
			s.compound |= 1 << len(s.units)
			ix.addUnit(s, len(s.blockBuf)-1, len(s.pairBuf)-1, len(s.pairBuf))
		}
	}
}

// tokenUnit adds the unit of query token t: its phonetic key and name
// groups, and the keys of listed tokens one edit away (unlisted: no list
// holds t).
func (ix *nameIndex) tokenUnit(s *matchScratch, t *tokenInfo, unlisted bool) {
	lo, plo := len(s.blockBuf), len(s.pairBuf)
	if kb, ok := ix.keyBlock[t.key]; ok {
		s.blockBuf = append(s.blockBuf, kb)
		s.pairBuf = append(s.pairBuf, kb)
	}
	for _, g := range t.groups {
		s.blockBuf = append(s.blockBuf, int32(g))
		s.pairBuf = append(s.pairBuf, ix.pairs.groupKeys[g]...)
	}
	pmid := len(sortedSet(s.pairBuf[plo:])) + plo
	s.pairBuf = s.pairBuf[:pmid]
	if fuzzyToken(t) {
		// The keys of listed tokens one edit away reach typos and
		// spellings whose key differs (Vucic, Vuchic): in the pair phase
		// always, since pairs are few; in the single phase only for a
		// token no list holds, since one that is listed has postings of
		// its own.
		ix.fuzzyTokens(t.text, func(tok int32) {
			if unlisted {
				s.blockBuf = append(s.blockBuf, ix.tokBlock[tok])
			}
			s.pairBuf = append(s.pairBuf, ix.tokBlock[tok])
		})
	}
	ix.addUnit(s, lo, plo, pmid)
}

// addUnit makes the blocks from s.blockBuf[lo:] and the keys from
// s.pairBuf[plo:] a unit; the keys up to pmid are its own (its token's
// and its name groups'), those after, of tokens one edit away.
func (ix *nameIndex) addUnit(s *matchScratch, lo, plo, pmid int) {
	s.blockBuf = s.blockBuf[:lo+len(sortedSet(s.blockBuf[lo:]))]
	near := s.pairBuf[pmid:]
	slices.Sort(near)
	near = slices.Compact(near)
	n := 0
	for _, k := range near {
		if _, own := slices.BinarySearch(s.pairBuf[plo:pmid], k); !own {
			near[n] = k
			n++
		}
	}
	s.pairBuf = s.pairBuf[:pmid+n]
	cost := 0
	for _, b := range s.blockBuf[lo:] {
		cost += int(ix.postStart[b+1] - ix.postStart[b])
	}
	s.units = append(s.units, queryUnit{lo: lo, hi: len(s.blockBuf), plo: plo, pmid: pmid, phi: len(s.pairBuf), cost: cost})
}

func sortedSet(xs []int32) []int32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// exactNames marks the listed names made of exactly the query's tokens,
// in any order, as sharing every unit, and returns how many it marked.
// When more than maxScored names are spelled so, it keeps those of
// entities born within a year of the query's birth year first: among
// many people of one name, the birth date tells them apart.
func (ix *nameIndex) exactNames(s *matchScratch, all uint32) int {
	if slices.Contains(s.qtoks, -1) {
		return 0 // a token no list holds
	}
	sorted := append(s.sortedQ[:0], s.qtoks...)
	slices.Sort(sorted)
	s.sortedQ = sorted
	h := hashTokenIDs(sorted)
	lo, _ := slices.BinarySearch(ix.exactHash, h)
	hi := lo
	for hi < len(ix.exactHash) && ix.exactHash[hi] == h {
		hi++
	}
	marked := 0
	for pass := 0; pass < 2 && marked < maxScored; pass++ {
		for i := lo; i < hi && marked < maxScored; i++ {
			y := ix.exactYear[i]
			near := s.year != 0 && y != 0 && abs(int(y-s.year)) <= 1
			if (pass == 0) != near && hi-lo > maxScored {
				continue // the first pass takes the near years, the second the rest
			}
			if pass == 1 && hi-lo <= maxScored {
				break // everything was taken in the first pass
			}
			// A hash may collide: the tokens decide.
			if n := ix.exactName[i]; ix.sameTokens(n, sorted) {
				s.mark(n, all)
				marked++
			}
		}
	}
	return marked
}
