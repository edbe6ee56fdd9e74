package screening

// join returns side x with runs of two or three adjacent tokens joined
// where together they spell a token of y that no token of x equals:
// "Abd al Aziz" against "Abdelaziz", "Ali Reza" against "Alireza", "Jong
// Un" against "Jongun". buf is reused for the result; x itself is returned
// when nothing joins.
func (sc *scorer) join(x, y []*tokenInfo, buf *[]*tokenInfo) []*tokenInfo {
	if len(x) < 2 {
		return x
	}
	out := (*buf)[:0]
	joined := false
	for i := 0; i < len(x); {
		if t, n := joinAt(x, i, y); n > 0 {
			out = append(out, t)
			i += n
			joined = true
			continue
		}
		out = append(out, x[i])
		i++
	}
	*buf = out
	if !joined {
		return x
	}
	return out
}

// Joined tokens must be this close to the token they spell, or have its
// phonetic key.
const joinSim = 0.9

// joinAt tries to join x[i:i+2], then x[i:i+3], into a token of y: the
// shortest join that spells it, so that "Abdul Malik al" joins as
// "abdulmalik" and leaves "al".
func joinAt(x []*tokenInfo, i int, y []*tokenInfo) (*tokenInfo, int) {
	for n := 2; n <= 3; n++ {
		if i+n > len(x) {
			continue
		}
		size := 0
		for _, t := range x[i : i+n] {
			if !t.latin || t.initial {
				size = -1
				break
			}
			size += len(t.text)
		}
		if size < 0 {
			continue
		}
		for _, u := range y {
			if !u.latin || u.initial || u.text[0] != x[i].text[0] || abs(len(u.text)-size) > 2 || has(x, u.text) {
				continue
			}
			var buf [64]byte
			c := buf[:0]
			for _, t := range x[i : i+n] {
				c = append(c, t.text...)
			}
			ti := newTokenInfo(string(c))
			if ti.text == u.text || len(u.key) >= 3 && ti.key == u.key || jaroWinkler(ti.text, u.text) >= joinSim {
				return &ti, n
			}
		}
	}
	return nil, 0
}

func has(ts []*tokenInfo, text string) bool {
	for _, t := range ts {
		if t.text == text {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
