package screening

// jaroWinkler is the Jaro-Winkler similarity of two ASCII tokens, in
// [0, 1]: the Jaro similarity (matching letters within half the longer
// length, less half the transpositions), raised by 0.1 for each letter of
// a common prefix of up to four when the Jaro similarity is above 0.7
// (Winkler's boost threshold). MARTHA/MARHTA is 0.961, DWAYNE/DUANE 0.84.
func jaroWinkler(a, b string) float64 {
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0
	for p < 4 && p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

// maxJaroLen bounds the tokens whose match flags fit on the stack; longer
// tokens (rare: a name is not a sentence) use the heap.
const maxJaroLen = 64

func jaro(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	window := len(b)/2 - 1
	if window < 0 {
		window = 0
	}
	var fa, fb [maxJaroLen]bool
	ma, mb := fa[:], fb[:]
	if len(b) > maxJaroLen {
		ma, mb = make([]bool, len(a)), make([]bool, len(b))
	}
	m := 0
	for i := 0; i < len(a); i++ {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for k := lo; k < hi; k++ {
			if !mb[k] && a[i] == b[k] {
				ma[i], mb[k] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	half, k := 0, 0
	for i := 0; i < len(a); i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			half++
		}
		k++
	}
	fm := float64(m)
	return (fm/float64(len(a)) + fm/float64(len(b)) + (fm-float64(half)/2)/fm) / 3
}
