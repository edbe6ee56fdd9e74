package screening

import (
	"math/bits"
	"slices"
)

// Limits of candidate generation, which keep a query's work bounded
// whatever the list: a common token (mohammed, ali, wang) has hundreds of
// thousands of postings in a large list.
const (
	// maxWalk is the most postings a query walks in each of its two
	// phases. The pair phase walks only names that share two of the
	// query's units, so it reaches the budget only when more names than
	// that share them (the same common given name and surname); the
	// single phase walks one unit's names and reaches it when the
	// query's rarest unit is that common.
	maxWalk = 2000
	// maxScored is the most candidates scored per query, the best by
	// overlap.
	maxScored = 200
	// maxUnits bounds a query's units (a name is not a paragraph).
	maxUnits = 32
)

// candidates returns the listed names worth scoring against query q, at
// most maxScored, with the most shared units first. A name qualifies by
// sharing at least two units with a query of two or more (found through
// the pair index), or, when no name does, one.
func (ix *nameIndex) candidates(q []*tokenInfo, s *matchScratch) []candidate {
	s.nextEpoch()
	ix.queryUnits(q, s)
	if len(s.units) == 0 {
		return nil
	}
	all := uint32(1)<<len(s.units) - 1
	need := min(2, len(s.units)+bits.OnesCount32(s.compound))
	if ix.exactNames(s, all) >= maxScored {
		// Enough names are spelled exactly as the query: no other name
		// can rank above them.
		ix.collect(s, need)
		return ix.best(s)
	}
	covered := ix.walkPairs(s)
	if need < 2 || len(s.touched) == 0 {
		covered |= ix.walkSingle(s)
	}
	if rest := all &^ covered; rest != 0 {
		ix.countRest(s, rest)
	}
	ix.collect(s, need)
	if len(s.cands) == 0 && need > 1 {
		ix.collect(s, 1)
	}
	return ix.best(s)
}

// walkPairs marks the names posted under a pair of keys of two units, and
// the names posted under a joined unit's key (which stands for two
// tokens). It returns the units it covered: those with keys.
func (ix *nameIndex) walkPairs(s *matchScratch) uint32 {
	w := s.newWalk()
	var covered uint32
	for u := range s.units {
		if s.units[u].plo < s.units[u].phi {
			covered |= 1 << u
		}
	}
	// Own keys with own keys first, then joined units, then keys one
	// edit away: names one edit away never take the budget from the
	// query's own spellings.
	for near := 0; near < 2; near++ {
		for u := range s.units {
			for v := u + 1; v < len(s.units); v++ {
				ix.walkUnitPair(s, &w, u, v, near == 1)
			}
			if uu := s.units[u]; near == 0 && s.compound&(1<<u) != 0 {
				ix.walkBlocks(s, &w, s.blockBuf[uu.lo:uu.hi], 1<<u)
			}
		}
	}
	return covered
}

// walkUnitPair walks the pairs of keys of units u and v: their own keys,
// or (near) the pairs where at least one key is of a token one edit away.
func (ix *nameIndex) walkUnitPair(s *matchScratch, w *walk, u, v int, near bool) {
	uu, vv := s.units[u], s.units[v]
	for i, a := range s.pairBuf[uu.plo:uu.phi] {
		for j, b := range s.pairBuf[vv.plo:vv.phi] {
			own := uu.plo+i < uu.pmid && vv.plo+j < vv.pmid
			if a != b && own != near {
				names, years := ix.pairs.pairNames(a, b)
				s.walkNames(w, names, years, 1<<u|1<<v)
			}
		}
	}
}

// walk is the budget of one phase: how many more names it marks, and how
// many more, past that, of entities born within a year of the query.
type walk struct{ left, nearLeft int }

func (s *matchScratch) newWalk() walk { return walk{left: maxWalk, nearLeft: maxWalk} }

// walkNames marks names with bits within the walk's budget. Past the
// budget it marks only names of entities born within a year of the
// query, reading their years from years (beside the names, in order):
// among many names alike, the birth date tells people apart.
func (s *matchScratch) walkNames(w *walk, names []int32, years []int16, bits uint32) {
	n := min(len(names), w.left)
	for _, name := range names[:n] {
		s.mark(name, bits)
	}
	w.left -= n
	if n == len(names) || s.year == 0 {
		return
	}
	for i := n; i < len(names) && w.nearLeft > 0; i++ {
		if y := years[i]; y != 0 && abs(int(y-s.year)) <= 1 {
			s.mark(names[i], bits)
			w.nearLeft--
		}
	}
}

// walkSingle marks the names of the rarest unit that has postings, and of
// every other unit as rare as maxWalk allows: the query has one unit, or
// no name shares two. It returns the units it walked.
func (ix *nameIndex) walkSingle(s *matchScratch) uint32 {
	var walked uint32
	w := s.newWalk()
	for _, u := range ix.byCost(s) {
		un := s.units[u]
		if un.initial != 0 || un.cost == 0 || un.cost > w.left && walked != 0 {
			continue
		}
		ix.walkBlocks(s, &w, s.blockBuf[un.lo:un.hi], 1<<u)
		walked |= 1 << u
	}
	return walked
}

// walkBlocks marks the names posted under blocks with bits, within the
// walk's budget. A unit walked past the budget leaves out names that it
// cannot tell from those it marked (but for their birth year); the
// query's exact spelling was found by exactNames.
func (ix *nameIndex) walkBlocks(s *matchScratch, w *walk, blocks []int32, bits uint32) {
	for _, b := range blocks {
		names, years := ix.postings(b)
		s.walkNames(w, names, years, bits)
	}
}

// byCost orders the units by ascending cost.
func (ix *nameIndex) byCost(s *matchScratch) []int {
	order := s.order[:0]
	for i := range s.units {
		order = append(order, i)
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && s.units[order[j]].cost < s.units[order[j-1]].cost; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	s.order = order
	return order
}

// countRest adds the units not yet counted (initials, and units walked in
// neither phase) to the names touched, by looking at their tokens.
func (ix *nameIndex) countRest(s *matchScratch, rest uint32) {
	var initials []byte
	var initialBits []uint32
	for u := range s.units {
		bit := uint32(1) << u
		if rest&bit == 0 {
			continue
		}
		un := s.units[u]
		if un.initial != 0 {
			initials, initialBits = append(initials, un.initial), append(initialBits, bit)
			continue
		}
		for _, b := range s.blockBuf[un.lo:un.hi] {
			if s.blockEpoch[b] != s.epoch {
				s.blockEpoch[b], s.blockMask[b] = s.epoch, 0
			}
			s.blockMask[b] |= bit
		}
	}
	for _, n := range s.touched {
		var got uint32
		for _, t := range ix.nameTokens(n) {
			got |= s.maskOf(ix.tokBlock[t])
			for _, g := range ix.info[t].groups {
				got |= s.maskOf(int32(g))
			}
			for k, c := range initials {
				if ix.info[t].text[0] == c && !ix.info[t].initial {
					got |= initialBits[k]
				}
			}
		}
		s.marks[n].units |= got & rest
	}
}

func (s *matchScratch) maskOf(b int32) uint32 {
	if s.blockEpoch[b] != s.epoch {
		return 0
	}
	return s.blockMask[b]
}

// collect gathers the touched names that share at least need units,
// ranked by shared units (a joined unit counting two), then whether the
// entity's birth year is within a year of the query's (among many names
// alike, the birth date is what tells people apart), then tokens equal to
// the query's, then closeness in token count.
func (ix *nameIndex) collect(s *matchScratch, need int) {
	s.cands = s.cands[:0]
	for _, n := range s.touched {
		if ix.shared(s, n) >= need {
			s.cands = append(s.cands, candidate{name: n})
		}
	}
	if len(s.cands) <= maxScored {
		return // all are scored: no need to rank them
	}
	for i := range s.cands {
		s.cands[i].rank = ix.rank(s, s.cands[i].name)
	}
}

// shared is how many units name n shares with the query, a joined unit
// counting two.
func (ix *nameIndex) shared(s *matchScratch, n int32) int {
	u := s.marks[n].units
	return bits.OnesCount32(u) + bits.OnesCount32(u&s.compound)
}

// rank orders candidates (see collect).
func (ix *nameIndex) rank(s *matchScratch, n int32) int32 {
	toks := ix.nameTokens(n)
	exact := 0
	for _, t := range toks {
		if slices.Contains(s.qtoks, t) {
			exact++
		}
	}
	diff := min(abs(len(toks)-len(s.qtoks)), 15)
	year := 0
	if y := ix.entYear[ix.nameEnt[n]]; s.year != 0 && y != 0 && abs(int(y-s.year)) <= 1 {
		year = 1
	}
	return int32(min(ix.shared(s, n), maxUnits)<<9 | year<<8 | min(exact, 15)<<4 | (15 - diff))
}

// best keeps the maxScored best-ranked candidates; among equals at the
// cut, those found first.
func (ix *nameIndex) best(s *matchScratch) []candidate {
	if len(s.cands) <= maxScored {
		return s.cands
	}
	const ranks = (maxUnits + 1) << 9
	if len(s.hist) < ranks {
		s.hist = make([]int32, ranks)
	}
	clear(s.hist)
	for _, c := range s.cands {
		s.hist[c.rank]++
	}
	cut, above := int32(ranks-1), int32(0)
	for ; cut > 0 && above+s.hist[cut] < maxScored; cut-- {
		above += s.hist[cut]
	}
	room := maxScored - above
	kept := s.cands[:0]
	for _, c := range s.cands {
		switch {
		case c.rank > cut:
			kept = append(kept, c)
		case c.rank == cut && room > 0:
			kept = append(kept, c)
			room--
		}
	}
	s.cands = kept
	return kept
}
