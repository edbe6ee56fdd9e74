package screening

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Transliteration of the three non-Latin scripts sanctions lists write
// names in most. Each scheme aims at the spelling an English-language list
// would use, so that the phonetic key (phonetic.go) has little left to
// reconcile.

// cyrillicVariant picks the letters that differ between the languages:
// Ukrainian and Belarusian г is h, Ukrainian и is y.
type cyrillicVariant uint8

const (
	cyrillicRussian cyrillicVariant = iota
	cyrillicUkrainian
	cyrillicBelarusian
)

// cyrillicVariantOf guesses the language from letters only it uses: ў is
// Belarusian; і, ї, є and ґ (without ў) are Ukrainian. Bulgarian, Serbian
// and Macedonian are read with the Russian values plus their own letters.
func cyrillicVariantOf(rs []rune) cyrillicVariant {
	v := cyrillicRussian
	for _, r := range rs {
		switch r {
		case 'ў':
			return cyrillicBelarusian
		case 'і', 'ї', 'є', 'ґ':
			v = cyrillicUkrainian
		}
	}
	return v
}

func isCyrillic(r rune) bool { return 0x400 <= r && r <= 0x52f }

// cyrillicLetters is BGN/PCGN for Russian, simplified: е and ё are always
// e (the phonetic key treats an initial "ye" as "e"), the hard and soft
// signs are dropped.
var cyrillicLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian and Belarusian
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	// Serbian and Macedonian, as their Latin alphabets (ђ as đ, ћ as ć)
	'ђ': "d", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "g", 'ќ': "k", 'ѕ': "dz",
}

func cyrillicLetter(r rune, v cyrillicVariant) string {
	switch {
	case r == 'г' && v != cyrillicRussian:
		return "h"
	case r == 'и' && v == cyrillicUkrainian:
		return "y"
	}
	if s, ok := cyrillicLetters[r]; ok {
		return s
	}
	// A letter with a diacritic (ӑ, ӧ …) reads as its base letter; a
	// Cyrillic combining mark reads as nothing.
	if base := baseRune(r); base != r {
		return cyrillicLetters[base]
	}
	return ""
}

// baseRune is r without its diacritics (its NFD decomposition's first
// rune).
func baseRune(r rune) rune {
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Append(nil, buf[:utf8.EncodeRune(buf[:], r)]...)
	base, _ := utf8.DecodeRune(d)
	return base
}

func isGreek(r rune) bool { return 0x370 <= r && r <= 0x3ff || 0x1f00 <= r && r <= 0x1fff }

var greekLetters = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϳ': "j",
}

// greekAt returns the base letter at rs[i] (0 past the end or for a
// non-letter) and whether it carries a dialytika, which stops it from
// forming a digraph with the letter before.
func greekAt(rs []rune, i int) (rune, bool) {
	if i < 0 || i >= len(rs) || !isGreek(rs[i]) {
		return 0, false
	}
	r := rs[i]
	if _, ok := greekLetters[r]; ok {
		return r, false
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Append(nil, buf[:utf8.EncodeRune(buf[:], r)]...)
	base, _ := utf8.DecodeRune(d)
	if _, ok := greekLetters[base]; !ok {
		return 0, false
	}
	dia := false
	for _, m := range string(d) {
		dia = dia || m == '\u0308'
	}
	return base, dia
}

// appendGreek transliterates the letter at rs[i] per ELOT 743, reading the
// digraphs whose value depends on what follows: αυ/ευ/ηυ are av/ev/iv
// before a vowel or voiced consonant and af/ef/if otherwise; ου is ou;
// γγ, γκ, γξ, γχ are ng, ng (g at the start), nx, nch; μπ and ντ are b and
// d at the start of a word, mp and nt inside it. It returns how many runes
// it read.
func appendGreek(dst []byte, rs []rune, i int) ([]byte, int) {
	b, _ := greekAt(rs, i)
	if b == 0 {
		if unicode.Is(unicode.M, rs[i]) {
			return dst, 1
		}
		return append(dst, ' '), 1
	}
	prev, _ := greekAt(rs, i-1)
	start := i == 0 || prev == 0
	next, nextDia := greekAt(rs, i+1)
	two := func(s string) ([]byte, int) { return append(dst, s...), 2 }
	switch {
	case next == 'υ' && !nextDia && (b == 'α' || b == 'ε' || b == 'η'):
		after, _ := greekAt(rs, i+2)
		if after != 0 && (isGreekVowel(after) || isGreekVoiced(after)) {
			return two(greekLetters[b] + "v")
		}
		return two(greekLetters[b] + "f")
	case next == 'υ' && !nextDia && b == 'ο':
		return two("ou")
	case b == 'γ' && (next == 'γ' || next == 'κ'):
		if start {
			return two("g")
		}
		return two("ng")
	case b == 'γ' && next == 'ξ':
		return two("nx")
	case b == 'γ' && next == 'χ':
		return two("nch")
	case b == 'μ' && next == 'π' && start:
		return two("b")
	case b == 'ν' && next == 'τ' && start:
		return two("d")
	}
	return append(dst, greekLetters[b]...), 1
}

func isGreekVowel(r rune) bool {
	switch r {
	case 'α', 'ε', 'η', 'ι', 'ο', 'υ', 'ω':
		return true
	}
	return false
}

func isGreekVoiced(r rune) bool {
	switch r {
	case 'β', 'γ', 'δ', 'ζ', 'λ', 'μ', 'ν', 'ρ':
		return true
	}
	return false
}

func isArabic(r rune) bool {
	return 0x600 <= r && r <= 0x6ff || 0x750 <= r && r <= 0x77f || 0x8a0 <= r && r <= 0x8ff
}

// arabicConsonants are the letters whose value does not depend on their
// place. ع is written "a": Latin spellings render it by the vowel it
// carries (Ali, Abbas, Omar), and the phonetic key folds vowels anyway.
var arabicConsonants = map[rune]string{
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d",
	'ط': "t", 'ظ': "z", 'ع': "a", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k",
	'ل': "l", 'م': "m", 'ن': "n", 'ه': "h",
	// Persian and Urdu
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ہ': "h", 'ھ': "h",
	'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ڤ': "v",
	// Alef and its forms, alef maqsura, ta marbuta: the long a, or the
	// vowel the hamza carries.
	'ا': "a", 'أ': "a", 'آ': "a", 'ٱ': "a", 'إ': "i", 'ى': "a", 'ة': "a",
	'ۃ': "a", 'ە': "a", 'ۀ': "a", 'ے': "e", 'ۆ': "o", 'ێ': "e",
	'ء': "", 'ئ': "", 'ؤ': "",
}

// arabicLetter is one letter of a word and the short vowels or shadda
// written over it, when the text is vocalised.
type arabicLetter struct {
	r      rune
	vowels string
	shadda bool
}

// appendArabicWord transliterates the run of Arabic-block characters that
// starts at rs[i] and returns how many runes it read.
func appendArabicWord(dst []byte, rs []rune, i int) ([]byte, int) {
	var word []arabicLetter
	j := i
	for ; j < len(rs) && isArabic(rs[j]); j++ {
		r := rs[j]
		switch {
		case r == 'ـ': // tatweel only stretches the line
		case '٠' <= r && r <= '٩', '۰' <= r && r <= '۹':
			dst = appendArabicLetters(dst, word)
			word = word[:0]
			dst = append(dst, arabicDigit(r))
		case unicode.Is(unicode.M, r):
			if len(word) > 0 {
				w := &word[len(word)-1]
				w.vowels += arabicMarks[r]
				w.shadda = w.shadda || r == '\u0651'
			}
		case unicode.IsLetter(r):
			word = append(word, arabicLetter{r: r})
		default: // Arabic comma, semicolon, question mark …
			dst = appendArabicLetters(dst, word)
			word = word[:0]
			dst = append(dst, ' ')
		}
	}
	return appendArabicLetters(dst, word), j - i
}

// arabicDigit is the ASCII digit of an Arabic-Indic or Persian digit.
func arabicDigit(r rune) byte {
	if r >= '۰' {
		return byte('0' + r - '۰')
	}
	return byte('0' + r - '٠')
}

// arabicMarks are the written short vowels; tanwin and sukun read as
// nothing in a name.
var arabicMarks = map[rune]string{'\u064e': "a", '\u064f': "u", '\u0650': "i", '\u0670': "a"}

// appendArabicLetters transliterates one word. The definite article ال is
// split off as "al" (Latin spellings write al-Assad, al Assad and Assad),
// except in the word Allah. و and ي are the consonants w and y at the start
// of a word, before a long vowel, after a vowel or when vocalised, and the
// long vowels u and i after a consonant (nothing after the same short
// vowel written as a mark, as alef after a written fatha).
func appendArabicLetters(dst []byte, word []arabicLetter) []byte {
	if len(word) == 0 {
		return dst
	}
	if isAllah(word) {
		return append(dst, "allah"...)
	}
	if len(word) > 3 && word[0].r == 'ا' && word[1].r == 'ل' && word[0].vowels == "" {
		dst = append(dst, "al "...)
		word = word[2:]
	}
	prevVowel := false // whether the letter before was read as a vowel
	for k, l := range word {
		s, vowel := arabicConsonants[l.r], isArabicLongVowel(l.r)
		if l.r == 'و' || l.r == 'ي' || l.r == 'ی' {
			s, vowel = arabicGlide(word, k, prevVowel)
		}
		if vowel && k > 0 && l.vowels == "" && strings.HasSuffix(word[k-1].vowels, s) {
			s = ""
		}
		dst = append(dst, s...)
		if l.shadda {
			dst = append(dst, s...)
		}
		dst = append(dst, l.vowels...)
		prevVowel = vowel || l.vowels != ""
	}
	return dst
}

// arabicGlide reads و or ي at word[k], returning its letters and whether
// they are a vowel.
func arabicGlide(word []arabicLetter, k int, prevVowel bool) (string, bool) {
	consonant, vowel := "y", "i"
	if word[k].r == 'و' {
		consonant, vowel = "w", "u"
	}
	switch {
	case k == 0 || word[k].vowels != "" || prevVowel:
		return consonant, false
	case k+1 < len(word) && isArabicLongVowel(word[k+1].r):
		return consonant, false
	}
	return vowel, true
}

// isArabicLongVowel reports the letters that write a long vowel (alef and
// its forms, alef maqsura, ta marbuta) or may (و, ي).
func isArabicLongVowel(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ة', 'و', 'ي', 'ی':
		return true
	}
	return false
}

func isAllah(word []arabicLetter) bool {
	if len(word) != 4 {
		return false
	}
	return word[0].r == 'ا' && word[1].r == 'ل' && word[2].r == 'ل' && word[3].r == 'ه'
}
