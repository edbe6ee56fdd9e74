package screening

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Query is who is screened.
type Query struct {
	Name        string           // a person's or organisation's full name, any script
	BirthDate   string           // "YYYY", "YYYY-MM" or "YYYY-MM-DD", may be empty
	Nationality string           // ISO 3166-1 alpha-2, may be empty
	Addresses   []common.Address // wallets of the identity (and the identity contract itself)
	// Keys are the ERC-734 key ids of the identity: KeyHash of each key's
	// address.
	Keys []common.Hash
}

// Field is what of an identity matched a list entry.
type Field string

// The fields a hit can be on.
const (
	FieldAddress Field = "address" // a wallet or the identity's address is listed
	FieldKey     Field = "key"     // a key of the identity is the key hash of a listed address
	FieldName    Field = "name"    // the name matches the entry's primary name
	FieldAlias   Field = "alias"   // the name matches one of the entry's aliases
)

// Hit is one match of an identity against a list entry.
type Hit struct {
	List       string  // List.Name
	EntityID   string  // the entry's id in its list
	EntityName string  // the entry's primary name
	Field      Field   // what matched
	Value      string  // the identity's value that matched: an EIP-55 address, a key hash, or the query name
	Matched    string  // the entry's value that matched: the address, or the name or alias as the list writes it
	Score      float64 // 1 for address and key hits
	Reason     string  // why, in words
	Entity     *Entity // the entry, for its digest or topics
}

// Screen screens q: address and key hits first (score 1), then name hits
// scoring at least threshold, best first, at most one name hit per entry.
func (ix *Index) Screen(q Query, threshold float64) []Hit {
	var hits []Hit
	for i, a := range q.Addresses {
		if !slices.Contains(q.Addresses[:i], a) {
			hits = ix.appendAddressHits(hits, a)
		}
	}
	for i, k := range q.Keys {
		if !slices.Contains(q.Keys[:i], k) {
			hits = ix.appendKeyHits(hits, k)
		}
	}
	if q.Name != "" {
		hits = append(hits, ix.MatchName(q.Name, q.BirthDate, q.Nationality, threshold)...)
	}
	return hits
}

// MatchAddress returns the entries listed with address a.
func (ix *Index) MatchAddress(a common.Address) []Hit {
	return ix.appendAddressHits(nil, a)
}

func (ix *Index) appendAddressHits(hits []Hit, a common.Address) []Hit {
	la := ix.byAddr[a]
	if la == nil {
		return hits
	}
	reason := "address " + la.hex + " is listed"
	for _, id := range la.ents {
		l, e := ix.entity(id)
		hits = append(hits, Hit{
			List: l.Name, EntityID: e.ID, EntityName: e.Name(), Field: FieldAddress,
			Value: la.hex, Matched: la.hex, Score: 1, Reason: reason, Entity: e,
		})
	}
	return hits
}

// appendKeyHits appends the entries listed with an address whose key
// hash is k: a key of the identity is a listed wallet.
func (ix *Index) appendKeyHits(hits []Hit, k common.Hash) []Hit {
	la := ix.byKey[k]
	if la == nil {
		return hits
	}
	key := k.Hex()
	reason := "key " + key + " is keccak256(abi.encode(" + la.hex + ")), a listed address"
	for _, id := range la.ents {
		l, e := ix.entity(id)
		hits = append(hits, Hit{
			List: l.Name, EntityID: e.ID, EntityName: e.Name(), Field: FieldKey,
			Value: key, Matched: la.hex, Score: 1, Reason: reason, Entity: e,
		})
	}
	return hits
}

// maxEvidence is the most that birth date and nationality can add: a
// candidate whose name scores less than the threshold by more cannot be
// a hit.
const maxEvidence = birthAgrees + natAgrees

// scoredName is a candidate's score, before the best per entity is kept.
type scoredName struct {
	name, ent   int32
	score, base float64 // with evidence, and without
}

// MatchName returns the entries one of whose names scores at least
// threshold against name (NameScore, with the entry's birth dates and
// nationalities as evidence), best first, one hit per entry.
func (ix *Index) MatchName(name, birthDate, nationality string, threshold float64) []Hit {
	qnorm := NormalizeName(name)
	q := newNameTokens(qnorm)
	if len(q) == 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.putScratch(s)
	s.scored = s.scored[:0]
	s.year = birthYear([]string{birthDate})
	clear(s.scores)
	for _, c := range ix.names.candidates(q, s) {
		r := ix.nameScore(q, c.name, s, false)
		if r.score+maxEvidence < threshold {
			continue
		}
		ent := ix.names.nameEnt[c.name]
		_, e := ix.entity(ent)
		adj, _ := evidence(birthDate, nationality, e.BirthDates, e.Nationalities, false)
		if total := clamp01(r.score + adj); total >= threshold {
			s.scored = append(s.scored, scoredName{name: c.name, ent: ent, score: total, base: r.score})
		}
	}
	// Best first; of one entity's names that score alike once evidence
	// is added (and clamped), the better name.
	slices.SortFunc(s.scored, func(a, b scoredName) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.base, a.base), cmp.Compare(a.ent, b.ent), cmp.Compare(a.name, b.name))
	})
	hits := make([]Hit, 0, len(s.scored))
	for i, sn := range s.scored {
		if i > 0 && slices.ContainsFunc(s.scored[:i], func(o scoredName) bool { return o.ent == sn.ent }) {
			continue
		}
		hits = append(hits, ix.nameHit(q, qnorm, name, birthDate, nationality, sn, s))
	}
	return hits
}

// nameHit explains one name hit.
func (ix *Index) nameHit(q []*tokenInfo, qnorm []string, name, birthDate, nationality string, sn scoredName, s *matchScratch) Hit {
	l, e := ix.entity(sn.ent)
	slot := ix.names.nameSlot[sn.name]
	field := FieldName
	if slot > 0 {
		field = FieldAlias
	}
	listed := e.Names[slot]
	r := ix.nameScore(q, sn.name, s, true)
	ltoks := ix.names.tokenInfos(sn.name, s)
	_, words := evidence(birthDate, nationality, e.BirthDates, e.Nationalities, true)
	var b strings.Builder
	b.Grow(256)
	b.WriteString("name ")
	b.WriteString(strconv.Quote(strings.Join(qnorm, " ")))
	b.WriteString(" ~ ")
	b.WriteString(string(field))
	b.WriteByte(' ')
	b.WriteString(strconv.Quote(listed))
	b.WriteString(" (")
	for i, t := range ltoks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	b.WriteString("): ")
	b.WriteString(joinReason(r.explain, words))
	reason := b.String()
	return Hit{
		List: l.Name, EntityID: e.ID, EntityName: e.Name(), Field: field,
		Value: name, Matched: listed, Score: sn.score, Reason: reason, Entity: e,
	}
}

// tokenInfos returns the tokens of listed name n, in s's buffer.
func (ix *nameIndex) tokenInfos(n int32, s *matchScratch) []*tokenInfo {
	s.ltoks = s.ltoks[:0]
	for _, t := range ix.nameTokens(n) {
		s.ltoks = append(s.ltoks, &ix.info[t])
	}
	return s.ltoks
}

// nameScore scores listed name n against the query, once per spelling:
// lists repeat names (one person on several lists, common names), so the
// score and its explanation are kept per token sequence for the query.
func (ix *Index) nameScore(q []*tokenInfo, n int32, s *matchScratch, explain bool) nameResult {
	if s.scores == nil {
		s.scores = map[uint64]cachedScore{}
	}
	toks := ix.names.nameTokens(n)
	h := hashTokenIDs(toks) // in order: joins depend on it
	c, ok := s.scores[h]
	if ok && slices.Equal(ix.names.nameTokens(c.name), toks) && (c.explained || !explain) {
		return c.r
	}
	r := s.sc.score(q, ix.names.tokenInfos(n, s), explain)
	s.scores[h] = cachedScore{name: n, r: r, explained: explain}
	return r
}

// cachedScore is a name's score for the current query.
type cachedScore struct {
	name      int32
	r         nameResult
	explained bool
}
