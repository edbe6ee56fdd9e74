package screening

import (
	"fmt"
	"strings"
)

// Evidence adjustments of the name score (see NameScore).
const (
	birthAgrees      = 0.05
	birthDayDiffers  = -0.05
	birthYearNear    = -0.10
	birthYearDiffers = -0.25
	natAgrees        = 0.03
	natDiffers       = -0.07
)

// evidence is the adjustment that a birth date and nationality make
// against an entry's birth dates and nationalities, and its words. An
// entry may list several of each: the one that agrees best counts. Either
// side unknown adjusts nothing.
func evidence(birth, nat string, births, nats []string, explain bool) (float64, []string) {
	var adj float64
	var words []string
	if q, ok := parseBirth(birth); ok {
		best, word, found := 0.0, "", false
		for _, b := range births {
			l, ok := parseBirth(b)
			if !ok {
				continue
			}
			a, w := compareBirth(q, l)
			if !found || a > best {
				best, word, found = a, w, true
			}
		}
		if found {
			adj += best
			words = appendWord(words, explain, word, best)
		}
	}
	if nat != "" && len(nats) > 0 {
		a, w := natDiffers, "nationality differs"
		for _, n := range nats {
			if strings.EqualFold(n, nat) {
				a, w = natAgrees, "nationality agrees"
			}
		}
		adj += a
		words = appendWord(words, explain, w, a)
	}
	return adj, words
}

func appendWord(words []string, explain bool, word string, adj float64) []string {
	if !explain {
		return words
	}
	return append(words, fmt.Sprintf("%s (%+.2f)", word, adj))
}

// birth is a date of birth at the precision it is known: year, month
// (prec 2) and day (prec 3).
type birth struct{ y, m, d, prec int }

func parseBirth(s string) (birth, bool) {
	s = strings.TrimSpace(s)
	var v [3]int
	part, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-' && digits > 0 && part < 2:
			part, digits = part+1, 0
		case '0' <= c && c <= '9' && (part == 0 && digits < 4 || part > 0 && digits < 2):
			v[part] = v[part]*10 + int(c-'0')
			digits++
		default:
			return birth{}, false
		}
	}
	if len(s) < 4 || s[4:] != "" && s[4] != '-' || digits == 0 {
		return birth{}, false // the year has four digits, and no part is empty
	}
	if part >= 1 && (v[1] < 1 || v[1] > 12) || part == 2 && (v[2] < 1 || v[2] > 31) {
		return birth{}, false
	}
	return birth{y: v[0], m: v[1], d: v[2], prec: part + 1}, true
}

// compareBirth compares two dates at the precision both have.
func compareBirth(a, b birth) (float64, string) {
	switch dy := abs(a.y - b.y); {
	case dy == 1:
		return birthYearNear, "birth years one apart"
	case dy > 1:
		return birthYearDiffers, "birth year differs"
	}
	switch min(a.prec, b.prec) {
	case 1:
		return birthAgrees, "birth year agrees"
	case 2:
		if a.m != b.m {
			return birthDayDiffers, "birth month differs"
		}
		return birthAgrees, "birth month agrees"
	}
	switch {
	case a.m == b.m && a.d == b.d:
		return birthAgrees, "birth date agrees"
	case a.m == b.d && a.d == b.m:
		return 0, "birth day and month swapped"
	}
	return birthDayDiffers, "birth day differs"
}
