package screening

import "strings"

// tokenInfo is what the scorer knows of one normalised token, computed
// once per token (per distinct token of a list, in the index).
type tokenInfo struct {
	text     string
	key      string   // phonetic key (phonetic.go)
	groups   []uint16 // given-name groups (nicknames.go), ascending
	weight   float64
	initial  bool // a single letter: "J." in "J. Smith"
	particle bool // al, bin, van, of, a legal form …
	// patronymic: a Slavic or Turkic father's name (Viktorovich,
	// Ivanovna, Ogly), which Latin-script documents often leave out.
	patronymic bool
	latin      bool // ASCII letters only; other tokens match only exactly
}

// Token weights: a token counts by its length, between minWeight and
// maxWeight letters, so that a long surname says more than a short given
// name; particles and initials count little.
const (
	minWeight      = 2
	maxWeight      = 10
	particleWeight = 0.5
	initialWeight  = 1
)

func newTokenInfo(t string) tokenInfo {
	ti := tokenInfo{text: t, key: phoneticKey(t), groups: knownNames().groups[t], latin: isLatinToken(t)}
	n := len([]rune(t))
	switch {
	case particles[t] || legalForms[t]:
		ti.particle, ti.weight = true, particleWeight
	case n == 1 && ti.latin:
		ti.initial, ti.weight = true, initialWeight
	default:
		ti.weight = float64(min(max(n, minWeight), maxWeight))
		ti.patronymic = ti.latin && n >= 7 && hasAnySuffix(t, patronymicEndings)
	}
	return ti
}

var patronymicEndings = []string{
	"ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna",
	"ogly", "oglu", "ogli", "kyzy", "qizi",
}

func hasAnySuffix(t string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}

func isLatinToken(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return len(t) > 0
}

// pairKind says why two tokens are as similar as they are.
type pairKind uint8

const (
	pairNone       pairKind = iota
	pairExact               // the same token
	pairVariant             // one given-name group: a nickname or a spelling
	pairInitial             // an initial and a name it begins
	pairPhonetic            // same phonetic key: a transliteration variant
	pairFuzzy               // Jaro-Winkler: a typo
	pairOtherName           // two known names of no common group
	pairFamilyForm          // Petrov/Petrova, Papadopoulos/Papadopoulou, Hansen/Hanson
	pairLonger              // Sokolov/Sokolovsky, Hassan/Hassani
	pairConsonant           // another consonant: Durov/Dubov, Baker/Barker
)

var pairKindWords = [...]string{
	pairNone: "no match", pairExact: "exact", pairVariant: "name variant",
	pairInitial: "initial", pairPhonetic: "phonetic", pairFuzzy: "jaro-winkler",
	pairOtherName: "other given name", pairFamilyForm: "other form of the family name",
	pairLonger: "longer name", pairConsonant: "other consonants",
}

// Similarities of token pairs that are not a plain Jaro-Winkler.
const (
	simVariant   = 0.95
	simInitial   = 0.9
	simPhonetic  = 0.93 // at least; Jaro-Winkler may say more
	simDifferent = 0.3  // two different names, family forms, longer names
	simConsonant = 0.65 // at most, for another consonant

	// phoneticMinJW is the Jaro-Winkler similarity below which an equal
	// phonetic key means nothing between two vowelled spellings
	// (Cohen/Kahn).
	phoneticMinJW = 0.7
)

// tokenSim is the similarity of two tokens in [0, 1] and its kind.
func tokenSim(a, b *tokenInfo) (float64, pairKind) {
	if a.text == b.text {
		return 1, pairExact
	}
	if a.initial || b.initial {
		if a.initial != b.initial && a.text[0] == b.text[0] {
			return simInitial, pairInitial
		}
		return 0, pairNone
	}
	if !a.latin || !b.latin {
		return 0, pairNone
	}
	if shareGroup(a.groups, b.groups) {
		return simVariant, pairVariant
	}
	jw := jaroWinkler(a.text, b.text)
	sameKey := a.key == b.key && len(a.key) >= 2
	if jw <= softLow && !(sameKey && (vowelless(a.text) || vowelless(b.text))) {
		return 0, pairNone // every rule below would give nothing
	}
	switch {
	case len(a.groups) > 0 && len(b.groups) > 0:
		return min(soften(jw), simDifferent), pairOtherName
	case familyForms(a.text, b.text) || familyForms(b.text, a.text):
		return min(soften(jw), simDifferent), pairFamilyForm
	case longer(a.text, b.text) || longer(b.text, a.text):
		return min(soften(jw), simDifferent), pairLonger
	case sameKey && (jw >= phoneticMinJW || vowelless(a.text) || vowelless(b.text)):
		return max(jw, simPhonetic), pairPhonetic
	case a.key != b.key && !sameLoosely(a, b):
		return min(soften(jw), simConsonant), pairConsonant
	}
	return soften(jw), pairFuzzy
}

// vowelless reports a token with no vowel after its first letter: the
// Arabic transliteration writes no short vowels (محمد is mhmd), so only
// the phonetic key can pair it with a Latin spelling.
func vowelless(t string) bool {
	for i := 1; i < len(t); i++ {
		if isVowel(t[i]) {
			return false
		}
	}
	return true
}

// sameLoosely reports whether two tokens whose phonetic keys differ are
// still one spelling with a slip: an h dropped or added (Abramovic,
// Prigozin, Sehcin for Sechin; č and š written c and s), dj for d (Đorđe,
// Djordje), or two consonants swapped (Deripaksa).
func sameLoosely(a, b *tokenInfo) bool {
	if phoneticKey(loosen(a.text)) == phoneticKey(loosen(b.text)) {
		return true
	}
	ka, kb := a.key, b.key
	if len(ka) != len(kb) {
		return false
	}
	for i := 0; i+1 < len(ka); i++ {
		if ka[i] != kb[i] {
			return ka[i] == kb[i+1] && ka[i+1] == kb[i] && ka[i+2:] == kb[i+2:]
		}
	}
	return false
}

// loosen drops every h and the j of dj.
func loosen(t string) string {
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		if t[i] == 'h' || t[i] == 'j' && i > 0 && t[i-1] == 'd' {
			continue
		}
		b = append(b, t[i])
	}
	return string(b)
}

// soften maps a Jaro-Winkler similarity to the credit a pair earns:
// unchanged from 0.85 (typos and spelling variants), none below 0.65 (two
// unrelated names still share letters), linear between. Without it, the
// 0.6 that any two names score would lift every pairing.
func soften(jw float64) float64 {
	switch {
	case jw >= softHigh:
		return jw
	case jw <= softLow:
		return 0
	}
	return (jw - softLow) / (softHigh - softLow) * softHigh
}

const softLow, softHigh = 0.65, 0.85

// familyEndings are pairs of endings that make two forms of one family
// name: masculine and feminine in Slavic languages and Greek
// (Petrov/Petrova, Papadopoulos/Papadopoulou), and the Scandinavian and
// English patronymic surnames (Hansen/Hanson). The same stem with the
// other ending names another member of a family, not the same person.
var familyEndings = [][2]string{
	{"ov", "ova"}, {"ev", "eva"}, {"yov", "yova"}, {"in", "ina"}, {"yn", "yna"},
	{"sky", "skaya"}, {"skiy", "skaya"}, {"skii", "skaia"}, {"ski", "ska"},
	{"skyi", "ska"}, {"cki", "cka"}, {"dzki", "dzka"}, {"iy", "aya"}, {"oy", "aya"},
	{"os", "ou"}, {"is", "i"}, {"as", "a"}, {"k", "kova"}, {"ek", "kova"},
	{"sen", "son"}, {"sen", "sson"}, {"ssen", "sson"}, {"ssen", "son"},
}

// familyForms reports whether m and f are two forms of one name: m with
// the first ending of a pair and f with the second, or f the feminine of
// m by an added a (Jamil/Jamila, Ivan/Ivana, Petrov/Petrova).
func familyForms(m, f string) bool {
	if len(m) >= 3 && !isVowel(m[len(m)-1]) && len(f) == len(m)+1 && f[len(m)] == 'a' && f[:len(m)] == m {
		return true
	}
	for _, e := range familyEndings {
		if strings.HasSuffix(m, e[0]) && strings.HasSuffix(f, e[1]) {
			sm, sf := m[:len(m)-len(e[0])], f[:len(f)-len(e[1])]
			if sm == sf && len(sm) >= 3 {
				return true
			}
		}
	}
	return false
}

// longer reports whether b is a and then more: two or more letters
// (Sokolov/Sokolovsky, Petrov/Petrovich, Smith/Smithson) or the Persian
// and Arabic -i of descent (Hassan/Hassani, Karim/Karimi, and with
// another spelling of the stem, Hassan/Hasani). One other added letter is
// more often a typo or a spelling (Brown/Browne).
func longer(a, b string) bool {
	if len(a) < 3 || len(b) < 4 {
		return false
	}
	if len(b) > len(a) && strings.HasPrefix(b, a) && (len(b)-len(a) >= 2 || b[len(a)] == 'i') {
		return true
	}
	return b[len(b)-1] == 'i' && !isVowel(a[len(a)-1]) && phoneticKey(b[:len(b)-1]) == phoneticKey(a)
}
