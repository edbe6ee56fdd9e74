package screening

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
)

// entry gathers one list entry while a loader reads it. Its buffers are
// reused from entry to entry, and build makes the compact Entity: a list
// holds up to millions of entries, so each one's own text (id, names, dates)
// sits in one string and all its string sets share one backing array.
type entry struct {
	text       []byte // the entry's own text, back to back
	id         span
	schema     Schema
	primary    span
	hasPrimary bool
	aliases    []span
	births     []span
	addrs      []common.Address
	nats       []string // interned by the loader
	progs      []string // interned by the loader
	topics     []string // interned by the loader
}

// span is a piece of entry.text.
type span struct{ lo, hi int }

func (e *entry) reset() {
	*e = entry{
		text:    e.text[:0],
		aliases: e.aliases[:0],
		births:  e.births[:0],
		addrs:   e.addrs[:0],
		nats:    e.nats[:0],
		progs:   e.progs[:0],
		topics:  e.topics[:0],
		schema:  SchemaUnknown,
	}
}

func (e *entry) str(s span) []byte { return e.text[s.lo:s.hi] }

// appendClean copies b into the entry's text with its runs of white space
// collapsed to one space and its ends trimmed: lists pad and wrap names.
func (e *entry) appendClean(b []byte) span {
	lo := len(e.text)
	space := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsSpace(r) {
			space = len(e.text) > lo
		} else {
			if space {
				e.text = append(e.text, ' ')
				space = false
			}
			e.text = append(e.text, b[:n]...)
		}
		b = b[n:]
	}
	return span{lo, len(e.text)}
}

func (e *entry) hasID() bool { return e.id.hi > e.id.lo }

func (e *entry) setID(b []byte) { e.id = e.appendClean(b) }

// setPrimary makes b the entry's primary name; build puts it first.
func (e *entry) setPrimary(b []byte) {
	s := e.appendClean(b)
	if s.hi > s.lo {
		e.primary, e.hasPrimary = s, true
	}
}

// addName adds b as the primary name when the entry has none yet, else as
// an alias.
func (e *entry) addName(b []byte) {
	if !e.hasPrimary {
		e.setPrimary(b)
		return
	}
	e.addAlias(b)
}

func (e *entry) addAlias(b []byte) {
	s := e.appendClean(b)
	if s.hi == s.lo {
		return
	}
	for _, a := range e.aliases {
		if bytes.Equal(e.str(a), e.str(s)) {
			e.text = e.text[:s.lo]
			return
		}
	}
	e.aliases = append(e.aliases, s)
}

// addBirthDate adds a date of which month and day may be unknown (0). A date
// that is not one is dropped: it would only ever fail to match.
func (e *entry) addBirthDate(y, m, d int) {
	if y < 1000 || y > 2999 || m < 0 || m > 12 || d < 0 || d > 31 || (m == 0 && d != 0) {
		return
	}
	if d != 0 && time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return
	}
	lo := len(e.text)
	e.text = strconv.AppendInt(e.text, int64(y), 10)
	for _, v := range []int{m, d} {
		if v == 0 {
			break
		}
		e.text = append(e.text, '-', byte('0'+v/10), byte('0'+v%10))
	}
	s := span{lo, len(e.text)}
	for _, b := range e.births {
		if bytes.Equal(e.str(b), e.str(s)) {
			e.text = e.text[:lo]
			return
		}
	}
	e.births = append(e.births, s)
}

// maxBirthYears bounds how wide a range of birth years is still worth
// screening against year by year.
const maxBirthYears = 10

// addBirthYears adds each year from y1 to y2.
func (e *entry) addBirthYears(y1, y2 int) {
	if y2 < y1 || y2-y1 > maxBirthYears {
		return
	}
	for y := y1; y <= y2; y++ {
		e.addBirthDate(y, 0, 0)
	}
}

// addAddress adds b when it is an Ethereum address; lists carry typos, and
// one entry's typo must not stop the list from loading.
func (e *entry) addAddress(b []byte) {
	s := strings.TrimSpace(string(b))
	if !common.IsHexAddress(s) {
		return
	}
	e.addrs = appendNewAddresses(e.addrs, []common.Address{common.HexToAddress(s)})
}

func (e *entry) addNationality(code string) { e.nats = appendNew(e.nats, code) }
func (e *entry) addProgram(p string)        { e.progs = appendNew(e.progs, p) }
func (e *entry) addTopic(t string)          { e.topics = appendNew(e.topics, t) }

// build makes the Entity. Its slices are capped at their length, so that an
// append by a caller copies rather than writes into a shared array.
func (e *entry) build() Entity {
	s := string(e.text)
	sub := func(sp span) string { return s[sp.lo:sp.hi] }
	back := make([]string, 0, 1+len(e.aliases)+len(e.births)+len(e.nats)+len(e.progs)+len(e.topics))
	if e.hasPrimary {
		back = append(back, sub(e.primary))
	}
	for _, a := range e.aliases {
		if !e.hasPrimary || !bytes.Equal(e.str(a), e.str(e.primary)) {
			back = append(back, sub(a))
		}
	}
	nNames := len(back)
	for _, b := range e.births {
		back = append(back, sub(b))
	}
	out := Entity{ID: sub(e.id), Schema: e.schema}
	at := 0
	take := func(n int) []string {
		if n == 0 {
			return nil
		}
		at += n
		return back[at-n : at : at]
	}
	out.Names = take(nNames)
	out.BirthDates = take(len(e.births))
	back = append(back, e.nats...)
	out.Nationalities = take(len(e.nats))
	back = append(back, e.progs...)
	out.Programs = take(len(e.progs))
	back = append(back, e.topics...)
	out.Topics = take(len(e.topics))
	if len(e.addrs) > 0 {
		out.Addresses = append([]common.Address(nil), e.addrs...)
	}
	return out
}

func appendNew(vs []string, v string) []string {
	for _, have := range vs {
		if have == v {
			return vs
		}
	}
	return append(vs, v)
}

func appendNewAddresses(as, add []common.Address) []common.Address {
	for _, a := range add {
		found := false
		for _, have := range as {
			found = found || have == a
		}
		if !found {
			as = append(as, a)
		}
	}
	return as
}

// interner gives every repeated value of a list (programme names, country
// codes, topics) one string, so a million entries do not hold a million
// copies of "SDGT".
type interner map[string]string

// maxInterned bounds an interner fed by a hostile file; past it values are
// simply copied.
const maxInterned = 1 << 14

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in) < maxInterned {
		in[s] = s
	}
	return s
}

// iso2 returns b as an upper-case ISO 3166-1 alpha-2 code when it has that
// shape.
func (in interner) iso2(b []byte) (string, bool) {
	b = bytes.TrimSpace(b)
	if len(b) != 2 {
		return "", false
	}
	var c [2]byte
	for i, ch := range b {
		switch {
		case ch >= 'A' && ch <= 'Z':
			c[i] = ch
		case ch >= 'a' && ch <= 'z':
			c[i] = ch - 'a' + 'A'
		default:
			return "", false
		}
	}
	return in.get(c[:]), true
}

// parseISODate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD", with any time of day
// after a 'T' ignored; month and day are 0 when absent.
func parseISODate(b []byte) (y, m, d int, ok bool) {
	b = bytes.TrimSpace(b)
	if i := bytes.IndexByte(b, 'T'); i >= 0 {
		b = b[:i]
	}
	parts := bytes.Split(b, []byte("-"))
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, false
	}
	vals := [3]int{}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i > 0 && len(p) != 2) {
			return 0, 0, 0, false
		}
		v, err := strconv.Atoi(string(p))
		if err != nil || v < 0 {
			return 0, 0, 0, false
		}
		vals[i] = v
	}
	if len(parts) > 1 && vals[1] == 0 || len(parts) > 2 && vals[2] == 0 {
		return 0, 0, 0, false
	}
	return vals[0], vals[1], vals[2], true
}

// joinName writes the parts of a name, in order and space separated, to dst.
func joinName(dst []byte, parts ...[]byte) []byte {
	dst = dst[:0]
	for _, p := range parts {
		p = bytes.TrimSpace(p)
		if len(p) == 0 {
			continue
		}
		if len(dst) > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, p...)
	}
	return dst
}

const utf8BOM = "\xef\xbb\xbf"
