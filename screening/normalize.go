package screening

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeName returns the tokens a name is compared by: lower-case ASCII
// letters and digits, in the name's order.
//
//   - Unicode NFKC first (full-width letters, ligatures and Arabic
//     presentation forms become plain letters), then lower case.
//   - Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian and
//     Macedonian letters, BGN/PCGN-like), Greek (ELOT 743-like) and Arabic
//     and Persian letters (consonants, the long vowels and any written
//     short vowels) are transliterated; see translit.go.
//   - Latin letters lose their diacritics (NFD, combining marks dropped);
//     letters with no decomposition are spelled out (ß→ss, ø→o, æ→ae,
//     ł→l, đ→d, ı→i, þ→th, ə→a …).
//   - Apostrophes are dropped ("O'Brien" is one token, "obrien"); every
//     other character that is not a letter or digit separates tokens.
//   - Letters of other scripts (Han, Hangul, Devanagari …) are kept as
//     they are, without their combining marks: such tokens match only
//     exactly.
//   - Courtesy titles (mr, mrs, ms, dr …) are dropped when other tokens
//     remain.
//
// NormalizeName is idempotent on its own output joined by spaces.
func NormalizeName(s string) []string {
	b := appendFolded(nil, s)
	spans := tokenSpans(b, nil)
	toks := make([]string, len(spans))
	for i, sp := range spans {
		toks[i] = string(b[sp.lo:sp.hi])
	}
	return toks
}

// appendFolded appends s's normalised text to dst: tokens separated by
// single or repeated spaces.
func appendFolded(dst []byte, s string) []byte {
	if isASCII(s) {
		return appendFoldedASCII(dst, s)
	}
	return appendFoldedUnicode(dst, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendFoldedASCII is the fast path every ASCII name takes, which is
// most of a list: no Unicode tables, no allocation.
func appendFoldedASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendASCII(dst, s[i])
	}
	return dst
}

func appendASCII(dst []byte, c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return append(dst, c)
	case 'A' <= c && c <= 'Z':
		return append(dst, c+'a'-'A')
	case c == '\'' || c == '`':
		return dst
	}
	return append(dst, ' ')
}

func appendFoldedUnicode(dst []byte, s string) []byte {
	rs := []rune(norm.NFKC.String(strings.ToLower(s)))
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	variant := cyrillicVariantOf(rs)
	start := len(dst)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r < utf8.RuneSelf:
			dst = appendASCII(dst, byte(r))
			i++
		case isApostrophe(r):
			i++
		case isCyrillic(r):
			dst = append(dst, cyrillicLetter(r, variant)...)
			i++
		case isGreek(r):
			var n int
			dst, n = appendGreek(dst, rs, i)
			i += n
		case isArabic(r):
			var n int
			dst, n = appendArabicWord(dst, rs, i)
			i += n
		default:
			dst = appendOther(dst, r)
			i++
		}
	}
	return recomposeOther(dst, start)
}

// isApostrophe reports the characters written for an apostrophe or an
// ayn/hamza in Latin transliterations: they join, not separate.
func isApostrophe(r rune) bool {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u02bb', '\u02be', '\u02bf', '\u00b4', '\u02b9', '\u2032':
		return true
	}
	return false
}

// specialLetters spells out the Latin (and a few IPA-derived) letters that
// have no Unicode decomposition.
var specialLetters = map[rune]string{
	'ß': "ss", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ŋ': "ng", 'ħ': "h", 'ŧ': "t", 'ƒ': "f", 'ĸ': "k",
	'ȷ': "j", 'ɨ': "i", 'ƶ': "z", 'ə': "a", 'ɛ': "e", 'ɔ': "o", 'ʒ': "zh",
	'ɖ': "d", 'ɗ': "d", 'ƴ': "y", 'ɓ': "b", 'ƙ': "k", 'ʉ': "u", 'ɲ': "ny",
	'ƣ': "gh",
}

// appendOther appends a character of no transliterated script: a Latin
// letter loses its marks, another script's letter or digit is kept, a
// mark is dropped and anything else separates.
func appendOther(dst []byte, r rune) []byte {
	if s, ok := specialLetters[r]; ok {
		return append(dst, s...)
	}
	if unicode.Is(unicode.M, r) {
		return dst
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Append(nil, buf[:utf8.EncodeRune(buf[:], r)]...)
	base, _ := utf8.DecodeRune(d)
	if _, special := specialLetters[base]; base < utf8.RuneSelf || special {
		for _, p := range string(d) {
			switch {
			case p < utf8.RuneSelf:
				dst = appendASCII(dst, byte(p))
			case specialLetters[p] != "":
				dst = append(dst, specialLetters[p]...)
			}
		}
		return dst
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return utf8.AppendRune(dst, r)
	}
	if 0x2b0 <= r && r <= 0x2ff { // spacing modifier letters: ʿ, ˀ …
		return dst
	}
	return append(dst, ' ')
}

// recomposeOther puts each token of dst[start:] that holds letters of
// other scripts back in NFKC: dropping a mark or an apostrophe can leave
// Hangul jamo side by side that NFKC would join, and the result must not
// change when it is normalised again.
func recomposeOther(dst []byte, start int) []byte {
	if isASCII(string(dst[start:])) {
		return dst
	}
	tail := norm.NFKC.Bytes(dst[start:])
	return append(dst[:start], tail...)
}

// courtesyTitles are dropped from names: lists and identities write them
// inconsistently and they say nothing about who someone is.
var courtesyTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true,
	"dr": true, "prof": true, "sir": true, "dame": true,
}

// tokenSpan is one token of normalised text: b[lo:hi].
type tokenSpan struct{ lo, hi int }

// tokenSpans appends to dst the tokens of normalised text b, dropping
// courtesy titles unless nothing else is left. It allocates nothing when
// dst has room.
func tokenSpans(b []byte, dst []tokenSpan) []tokenSpan {
	start := len(dst)
	titles := 0
	for i := 0; i < len(b); {
		for i < len(b) && b[i] == ' ' {
			i++
		}
		j := i
		for j < len(b) && b[j] != ' ' {
			j++
		}
		if j > i {
			dst = append(dst, tokenSpan{i, j})
			if courtesyTitles[string(b[i:j])] {
				titles++
			}
		}
		i = j
	}
	if titles == 0 || titles == len(dst)-start {
		return dst
	}
	kept := dst[:start]
	for _, sp := range dst[start:] {
		if !courtesyTitles[string(b[sp.lo:sp.hi])] {
			kept = append(kept, sp)
		}
	}
	return kept
}
