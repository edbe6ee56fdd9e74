package screening

import (
	"fmt"
	"strings"
)

// NameFacts is what is known of one side of a name comparison.
type NameFacts struct {
	Name        string
	BirthDate   string // "YYYY", "YYYY-MM" or "YYYY-MM-DD", or empty
	Nationality string // ISO 3166-1 alpha-2, or empty
}

// DefaultThreshold is the name score from which a name is a hit.
const DefaultThreshold = 0.85

// NameScore is the similarity of two names with what else is known of
// them, in [0, 1], and its explanation. It is symmetric.
//
// Both names are normalised (NormalizeName) into tokens. A token weighs
// its length in letters, between 2 and 10; a particle (al, bin, van, de,
// of …) or a legal form (LLC, OOO, GmbH …) weighs 0.5, an initial 1. Each
// token has a phonetic key, a consonant skeleton that makes
// transliterations collide (phonetic.go), and the given-name groups it is
// in (nicknames.go). Two tokens score, by the first rule that applies:
//
//  1. 1 when equal;
//  2. 0.9 for an initial and a word that starts with it (J ~ John), 0 for
//     an initial and anything else; tokens with digits or letters of
//     other scripts (Han, Hangul …) score 0 unless equal;
//  3. 0.95 when in one given-name group (Bob ~ Robert, Sasha ~
//     Aleksandr, Misha ~ Mikhail, محمد ~ Mohammed);
//  4. with jw their Jaro-Winkler similarity: 0 when jw ≤ 0.65, unless
//     their keys are equal and one is vowelless (Arabic script);
//  5. at most 0.3 when they are another person's name: two known given
//     names of no common group (Maria/Mario, Hassan/Hussein), two forms
//     of one family name (Petrov/Petrova, Papadopoulos/Papadopoulou,
//     Hansen/Hanson, Jamil/Jamila), or a name and a longer one that
//     starts with it (Sokolov/Sokolovsky, Petrov/Petrovich) or adds the
//     -i of descent (Hassan/Hasani);
//  6. the larger of 0.93 and jw when their phonetic keys are equal and
//     jw ≥ 0.7 or one is vowelless: a transliteration variant
//     (Yusuf/Yousef, Tchaikovsky/Chaikovskiy, mhmd/Muhammad);
//  7. at most 0.65 when their keys differ by a consonant, unless the
//     difference is only an h or the j of dj (Sehcin/Sechin,
//     Vucic/Vuchic, Djordje/Dorde) or two swapped consonants
//     (Deripaksa): one other consonant is another name (Durov/Dubov,
//     Stein/Stern) more often than a typo;
//  8. otherwise jw softened: jw from 0.85 up, linear from 0 at 0.65 to
//     0.85 at 0.85, so that names that share letters by chance earn
//     nothing.
//
// Adjacent tokens on one side that together spell a token of the other
// that no token of their side equals (the same text, the same phonetic
// key, or a Jaro-Winkler similarity of 0.9) are joined first: "Abd al
// Aziz" ~ "Abdelaziz", "Ali Reza" ~ "Alireza". Tokens are then paired one
// to one regardless of order, greedily by descending similarity, so that
// min(n, m) pairs form. The name score is
//
//	Σ s(a,b)·(w(a)+w(b)) / (Σ (w(a)+w(b)) + 0.25·Σ d(u))
//
// over the pairs (a, b) and the unpaired tokens u of the longer name: a
// dropped middle name costs little when the rest pairs well. d(u) is
// u's weight, but 1 for a patronymic (-ovich, -ovna, -ogly …) or a name
// after bin, ibn or ben, which documents routinely leave out. Then:
//   - when one name has a single token (particles aside) and the other
//     more, the score is at most 0.75: a lone surname is not a person;
//   - when no pair of whole words (neither an initial nor a particle)
//     scores 0.85 or more, the score is at most 0.6.
//
// Last, evidence, when both sides have it: birth dates compared at the
// precision both have (a year against a full date compares years) add
// 0.05 when they agree, nothing when day and month are swapped, subtract
// 0.05 when only month or day differ, 0.10 when the years are one apart
// and 0.25 when further; nationalities add 0.03 when equal and subtract
// 0.07 when not. The result is clamped to [0, 1]; DefaultThreshold is
// 0.85.
func NameScore(a, b NameFacts) (float64, string) {
	qa, qb := newNameTokens(NormalizeName(a.Name)), newNameTokens(NormalizeName(b.Name))
	var sc scorer
	r := sc.score(qa, qb, true)
	adj, words := evidence(a.BirthDate, a.Nationality, oneOrNone(b.BirthDate), oneOrNone(b.Nationality), true)
	return clamp01(r.score + adj), joinReason(r.explain, words)
}

func oneOrNone(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func clamp01(x float64) float64 { return min(max(x, 0), 1) }

func joinReason(parts ...[]string) string {
	var all []string
	for _, p := range parts {
		all = append(all, p...)
	}
	return strings.Join(all, ", ")
}

func newNameTokens(toks []string) []*tokenInfo {
	out := make([]*tokenInfo, len(toks))
	for i, t := range toks {
		ti := newTokenInfo(t)
		out[i] = &ti
	}
	return out
}

// Weights of the name score (see NameScore).
const (
	unpairedCost = 0.25
	// patronymicWeight is the weight of an unpaired patronymic or lineage
	// name (see dropWeight).
	patronymicWeight = 1
	singleTokenCap   = 0.75
	noAnchorCap      = 0.6
	anchorSim        = 0.85
)

// nameResult is one comparison's score before evidence.
type nameResult struct {
	score   float64
	explain []string // only when asked for
}

// scorer holds the buffers one comparison needs, so that scoring the
// candidates of a query allocates nothing in the common case.
type scorer struct {
	cands  []pairCand
	chosen []pairCand
	usedA  []bool
	usedB  []bool
	sideA  []*tokenInfo
	sideB  []*tokenInfo
}

type pairCand struct {
	i, j int
	sim  float64
	kind pairKind
}

// score compares two tokenised names.
func (sc *scorer) score(a, b []*tokenInfo, explain bool) nameResult {
	if len(a) == 0 || len(b) == 0 {
		return nameResult{explain: explainIf(explain, "no name to compare")}
	}
	a, b = sc.join(a, b, &sc.sideA), sc.join(b, a, &sc.sideB)
	sc.pair(a, b)
	return sc.total(a, b, explain)
}

func explainIf(explain bool, s string) []string {
	if !explain {
		return nil
	}
	return []string{s}
}

// pair fills sc.cands with every token pair and chooses one-to-one pairs
// greedily: the most similar pair of unpaired tokens, again and again.
// Ties break on the tokens' text, ordered the same way whichever side
// they are on, so that the score is symmetric.
func (sc *scorer) pair(a, b []*tokenInfo) {
	sc.cands = sc.cands[:0]
	for i, ta := range a {
		for j, tb := range b {
			s, k := tokenSim(ta, tb)
			sc.cands = append(sc.cands, pairCand{i: i, j: j, sim: s, kind: k})
		}
	}
	sc.usedA = resetBools(sc.usedA, len(a))
	sc.usedB = resetBools(sc.usedB, len(b))
	sc.chosen = sc.chosen[:0]
	for range min(len(a), len(b)) {
		best := -1
		for x, c := range sc.cands {
			if sc.usedA[c.i] || sc.usedB[c.j] {
				continue
			}
			if best < 0 || c.sim > sc.cands[best].sim || c.sim == sc.cands[best].sim && sc.before(a, b, c, sc.cands[best]) {
				best = x
			}
		}
		c := sc.cands[best]
		sc.usedA[c.i], sc.usedB[c.j] = true, true
		sc.chosen = append(sc.chosen, c)
	}
}

// before breaks a tie between two pairs of equal similarity.
func (sc *scorer) before(a, b []*tokenInfo, x, y pairCand) bool {
	x1, x2 := orderedPair(a[x.i].text, b[x.j].text)
	y1, y2 := orderedPair(a[y.i].text, b[y.j].text)
	if x1 != y1 {
		return x1 < y1
	}
	return x2 < y2
}

func orderedPair(s, t string) (string, string) {
	if s <= t {
		return s, t
	}
	return t, s
}

func resetBools(bs []bool, n int) []bool {
	if cap(bs) < n {
		return make([]bool, n)
	}
	bs = bs[:n]
	clear(bs)
	return bs
}

// total computes the name score from the chosen pairs.
func (sc *scorer) total(a, b []*tokenInfo, explain bool) nameResult {
	var num, den, unpaired float64
	exact, pairs, anchored := 0, 0, false
	var notes []string
	for _, c := range sc.chosen {
		ta, tb := a[c.i], b[c.j]
		w := ta.weight + tb.weight
		num += c.sim * w
		den += w
		pairs++
		if c.kind == pairExact {
			exact++
		} else if explain {
			notes = append(notes, fmt.Sprintf("%s~%s %s %.2f", ta.text, tb.text, pairKindWords[c.kind], c.sim))
		}
		anchored = anchored || (c.sim >= anchorSim && !ta.initial && !tb.initial && !ta.particle && !tb.particle)
	}
	var left []string
	for _, side := range [2]struct {
		toks []*tokenInfo
		used []bool
	}{{a, sc.usedA}, {b, sc.usedB}} {
		for i, t := range side.toks {
			if !side.used[i] {
				unpaired += dropWeight(side.toks, i)
				left = append(left, t.text)
			}
		}
	}
	score := num / (den + unpairedCost*unpaired)
	r := nameResult{score: score}
	if explain {
		r.explain = append([]string{fmt.Sprintf("tokens %d/%d exact", exact, pairs)}, notes...)
		if len(left) > 0 {
			r.explain = append(r.explain, fmt.Sprintf("%d unpaired (%s)", len(left), strings.Join(left, " ")))
		}
		r.explain = append(r.explain, fmt.Sprintf("jaro-winkler %.2f", score))
	}
	ca, cb := contentTokens(a), contentTokens(b)
	if min(ca, cb) == 1 && max(ca, cb) >= 2 && r.score > singleTokenCap {
		r.score = singleTokenCap
		if explain {
			r.explain = append(r.explain, fmt.Sprintf("one name word against %d (at most %.2f)", max(ca, cb), singleTokenCap))
		}
	}
	if !anchored && r.score > noAnchorCap {
		r.score = noAnchorCap
		if explain {
			r.explain = append(r.explain, fmt.Sprintf("no whole word agrees (at most %.2f)", noAnchorCap))
		}
	}
	return r
}

// contentTokens counts the tokens that are not particles.
func contentTokens(ts []*tokenInfo) int {
	n := 0
	for _, t := range ts {
		if !t.particle {
			n++
		}
	}
	return n
}

// nasab are the words that introduce a father's (or ancestor's) name in an
// Arabic name: "bin Muhammad bin Awad" is a lineage that many documents
// leave out.
var nasab = map[string]bool{"bin": true, "ibn": true, "bn": true, "bint": true, "bnt": true, "ben": true, "ould": true}

// dropWeight is what leaving toks[i] unpaired costs: its weight, but a
// patronymic or a name in a lineage (after bin, ibn …) weighs as a
// particle, since documents routinely omit them.
func dropWeight(toks []*tokenInfo, i int) float64 {
	t := toks[i]
	if t.patronymic || i > 0 && nasab[toks[i-1].text] && !t.particle {
		return patronymicWeight
	}
	return t.weight
}
