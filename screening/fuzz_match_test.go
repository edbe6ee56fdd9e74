package screening

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var fuzzNameSeeds = []string{
	"Vladimir Vladimirovich PUTIN", "Владимир Путин", "Юлія Тимошенко", "Ђорђе Балашевић",
	"Γεώργιος Παπαδόπουλος", "Ευάγγελος Χρυσοχοΐδης", "محمد بن سلمان", "مُحَمَّد", "ﻣﺤﻤﺪ ١٢٣",
	"Nguyễn Văn Thiệu", "Æsa Þórsdóttir", "O'Brien, Patrick J.", "习近平", "김정은", "ᄀ'ᅡ",
	"ＡＢＣ ｄｅｆ", "Dr.", "", " - ", "a\u0301\u0316b", "ﬁnance ltd", "İlham Əliyev", "ß",
}

// FuzzNormalizeName checks that normalisation never panics, yields no
// empty token, leaves only lower-case ASCII letters and digits or letters
// of scripts it does not transliterate, and is idempotent.
func FuzzNormalizeName(f *testing.F) {
	for _, s := range fuzzNameSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := NormalizeName(s)
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("NormalizeName(%q) = %q: an empty token", s, toks)
			}
			for _, r := range tok {
				if !normalisedRune(r) {
					t.Fatalf("NormalizeName(%q) = %q: token %q holds %U %q", s, toks, tok, r, r)
				}
			}
		}
		if again := NormalizeName(strings.Join(toks, " ")); !slices.Equal(again, toks) {
			t.Fatalf("NormalizeName(%q) = %q, but normalising that gives %q", s, toks, again)
		}
	})
}

// normalisedRune reports whether r may appear in a normalised token.
func normalisedRune(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return true
	case r < 0x80, isCyrillic(r), isGreek(r), isArabic(r), specialLetters[r] != "":
		return false // ASCII of another kind, or a letter that should have been transliterated
	case baseRune(r) < 0x80:
		return false // a Latin letter that kept its diacritic
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// FuzzNameScore checks that a name score is in [0, 1] and the same both
// ways round.
func FuzzNameScore(f *testing.F) {
	for i, s := range fuzzNameSeeds {
		f.Add(s, fuzzNameSeeds[(i+1)%len(fuzzNameSeeds)], "1970-01-02", "1970", "RU", "ru")
	}
	f.Add("Ivan Petrov", "Иван Петров", "1970", "", "", "RU")
	f.Add("Abd al Aziz", "Abdelaziz Bouteflika", "1937-03-02", "1937-02-03", "DZ", "DZ")
	f.Add("J. R. R. Tolkien", "John Ronald Reuel Tolkien", "", "1892", "GB", "")
	f.Fuzz(func(t *testing.T, a, b, birthA, birthB, natA, natB string) {
		fa := NameFacts{Name: a, BirthDate: birthA, Nationality: natA}
		fb := NameFacts{Name: b, BirthDate: birthB, Nationality: natB}
		ab, why := NameScore(fa, fb)
		ba, _ := NameScore(fb, fa)
		if !(ab >= 0 && ab <= 1) {
			t.Fatalf("NameScore(%q, %q) = %v (%s), outside [0, 1]", a, b, ab, why)
		}
		if math.Abs(ab-ba) > 1e-9 {
			t.Fatalf("NameScore(%q, %q) = %v but %v the other way round (%s)", a, b, ab, ba, why)
		}
	})
}
