package screening

// The phonetic key of a token is a consonant skeleton built so that the
// spellings transliteration produces collide (Mohammed, Muhammad,
// Mohamad → mhmd; Aleksandr, Alexander → Alksndr; Yusuf, Yousef, Jusuf →
// Jsf; Tchaikovsky, Chaikovskiy → Ckfsk; Yevgeny, Evgeniy → Afgn), while
// names with other consonants stay apart. From the normalised token:
//
//  1. An initial "ye" or "je" loses its y or j (Yelena, Elena, Jelena); an
//     initial i, j or y before a vowel is the consonant J (Iouri, Yuri,
//     Juri), and so is an initial y before a consonant (Arabic يحيى is
//     yhya).
//  2. Letter groups become one sound: tsch, tch, ch → C; sch, sh → S;
//     dzh, dj, zh, j → J; kh → h; gh, q, ck → k; ph, v, w → f; th → t;
//     dh → d; ts, tz → s; x → ks; c → s before e, i, y and k
//     elsewhere (Belaventsev, Belavencev).
//  3. Vowels (a e i o u, y after the start, and w between a vowel and a
//     consonant, as in Jawlani) are dropped; a word that starts with a
//     vowel keeps one A for it.
//  4. A consonant repeated with no vowel between is written once
//     (Hassan, Hasan → hsn), and the h of a final h is dropped
//     (Abdullah, Abdulla).
//
// A token with characters other than ASCII letters (digits, other
// scripts) is its own key.
func appendPhoneticKey(dst []byte, t string) []byte {
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return append(dst, t...)
		}
	}
	start := len(dst)
	k := 0
	var last byte
	emit := func(c byte) {
		if c != last {
			dst = append(dst, c)
		}
		last = c
	}
	switch {
	case len(t) >= 2 && (t[0] == 'y' || t[0] == 'j') && t[1] == 'e':
		k = 1
	case len(t) >= 2 && (t[0] == 'y' || t[0] == 'j' || t[0] == 'i') && isVowel(t[1]):
		emit('J')
		k = 1
	case len(t) >= 2 && t[0] == 'y': // before a consonant: Arabic يحيى is yhya
		emit('J')
		k = 1
	}
	if k < len(t) && isVowel(t[k]) && len(dst) == start {
		emit('A')
	}
	for k < len(t) {
		sym, n := phoneticSymbol(t, k)
		k += n
		if sym == "" { // a vowel: a consonant after it is written again
			last = 0
			continue
		}
		for i := 0; i < len(sym); i++ {
			emit(sym[i])
		}
	}
	if n := len(dst); n-start > 1 && dst[n-1] == 'h' && t[len(t)-1] == 'h' {
		dst = dst[:n-1]
	}
	if len(dst) == start {
		dst = append(dst, 'A')
	}
	return dst
}

// phoneticSymbol returns the sound of the letters at t[k:] ("" for a
// vowel) and how many letters it read.
func phoneticSymbol(t string, k int) (string, int) {
	for _, g := range phoneticGroups {
		if len(t)-k >= len(g.from) && t[k:k+len(g.from)] == g.from {
			return g.to, len(g.from)
		}
	}
	c := t[k]
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return "", 1
	case 'w': // after a vowel and before a consonant, w spells a vowel: Jawlani, Julani
		if k > 0 && isVowel(t[k-1]) && k+1 < len(t) && !isVowel(t[k+1]) {
			return "", 1
		}
	case 'c':
		if k+1 < len(t) && (t[k+1] == 'e' || t[k+1] == 'i' || t[k+1] == 'y') {
			return "s", 1
		}
		return "k", 1
	}
	return phoneticLetters[c-'a'], 1
}

// phoneticGroups are tried in order, longest first.
var phoneticGroups = []struct{ from, to string }{
	{"tsch", "C"}, {"tch", "C"}, {"sch", "S"}, {"dzh", "J"}, {"ts", "s"}, {"tz", "s"},
	{"ch", "C"}, {"sh", "S"}, {"dj", "J"}, {"zh", "J"}, {"kh", "h"},
	{"gh", "k"}, {"ck", "k"}, {"ph", "f"}, {"th", "t"}, {"dh", "d"},
}

// phoneticLetters are the single letters' sounds, a to z; vowels and c are
// handled before.
var phoneticLetters = [26]string{
	"", "b", "", "d", "", "f", "g", "h", "", "J", "k", "l", "m",
	"n", "", "p", "k", "r", "s", "t", "", "f", "f", "ks", "", "z",
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// phoneticKey is appendPhoneticKey for a string.
func phoneticKey(t string) string {
	var buf [32]byte
	return string(appendPhoneticKey(buf[:0], t))
}
