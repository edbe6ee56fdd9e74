// Package synth makes synthetic sanctions lists of any size for benchmarks:
// entry i is always the same, in every format, so a benchmark can load a
// list of a million entries that it wrote a moment before and a test can
// check that the loaders read back exactly what was written.
//
// Its names come from embedded pools of real given names and surnames of
// several origins, drawn with Zipf-distributed frequencies, so that name
// tokens repeat across entries the way they do in real lists.
package synth

import (
	"bufio"
	_ "embed"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/screening"
)

//go:embed names.txt
var namesTxt string

// pools holds the name pools, read from names.txt on first use.
var pools = sync.OnceValue(readPools)

type namePools struct {
	given, surnames           []string
	givenWeights, surnWeights []float64 // cumulative, Zipf-shaped
}

func readPools() *namePools {
	p := &namePools{}
	sc := bufio.NewScanner(strings.NewReader(namesTxt))
	for sc.Scan() {
		kind, rest, ok := strings.Cut(sc.Text(), " ")
		head, words, found := strings.Cut(rest, ":")
		if !ok || !found {
			continue
		}
		switch kind {
		case "given":
			p.given = append(p.given, strings.Fields(words)...)
		case "surname":
			p.surnames = append(p.surnames, expandSurnames(head, strings.Fields(words))...)
		}
	}
	p.given, p.surnames = dedupe(p.given), dedupe(p.surnames)
	// Shuffle so that no origin owns the most frequent ranks.
	shuffle(p.given, 1)
	shuffle(p.surnames, 2)
	p.givenWeights, p.surnWeights = zipf(len(p.given)), zipf(len(p.surnames))
	return p
}

// expandSurnames makes surnames from the roots of one origin with its
// endings: "-" is the root itself, "Al-" a prefix, anything else a suffix.
// A root that already ends with a suffix is taken as it is.
func expandSurnames(head string, roots []string) []string {
	var endings []string
	if i := strings.Index(head, "["); i >= 0 {
		endings = strings.Fields(strings.Trim(head[i:], "[] "))
	}
	if len(endings) == 0 {
		return roots
	}
	var out []string
	for _, r := range roots {
		whole := false
		for _, e := range endings {
			whole = whole || (e != "-" && !strings.HasSuffix(e, "-") && strings.HasSuffix(strings.ToLower(r), e))
		}
		for _, e := range endings {
			switch {
			case e == "-" || whole:
				out = append(out, r)
			case strings.HasSuffix(e, "-"):
				out = append(out, e+r)
			default:
				out = append(out, r+e)
			}
		}
	}
	return out
}

func dedupe(vs []string) []string {
	seen := make(map[string]bool, len(vs))
	out := vs[:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func shuffle(vs []string, seed uint64) {
	r := rng(seed)
	for i := len(vs) - 1; i > 0; i-- {
		j := int(r.next() % uint64(i+1))
		vs[i], vs[j] = vs[j], vs[i]
	}
}

// zipf returns the cumulative weights of ranks 1..n with weight 1/rank.
func zipf(n int) []float64 {
	c := make([]float64, n)
	sum := 0.0
	for i := range c {
		sum += 1 / float64(i+1)
		c[i] = sum
	}
	for i := range c {
		c[i] /= sum
	}
	return c
}

// rng is splitmix64: small, fast and the same on every machine.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *rng) pick(vs []string, cum []float64) string {
	i := sort.SearchFloat64s(cum, r.float())
	return vs[min(i, len(vs)-1)]
}

func (r *rng) oneOf(vs []string) string { return vs[r.next()%uint64(len(vs))] }

// record is entry i in parts, as the formats write it.
type record struct {
	id       string
	person   bool
	names    [3]namePair // primary, then two aliases
	birth    birthDate
	country  country
	programs []string
	addrs    []common.Address
}

// namePair is a name as sdn.xml writes it; an organisation has only last.
type namePair struct{ first, last string }

func (n namePair) String() string {
	if n.first == "" {
		return n.last
	}
	return n.first + " " + n.last
}

type birthDate struct{ y, m, d int } // m, d 0 when unknown; y 0 when none

type country struct{ code, name string }

// countries are nationalities, with the names sdn.xml gives them.
var countries = []country{
	{"RU", "Russia"}, {"IR", "Iran"}, {"SY", "Syria"}, {"KP", "Korea, North"},
	{"CN", "China"}, {"CU", "Cuba"}, {"VE", "Venezuela"}, {"IQ", "Iraq"},
	{"LB", "Lebanon"}, {"AE", "United Arab Emirates"}, {"TR", "Turkey"},
	{"BY", "Belarus"}, {"AF", "Afghanistan"}, {"YE", "Yemen"}, {"PK", "Pakistan"},
	{"MX", "Mexico"}, {"CO", "Colombia"}, {"DE", "Germany"}, {"GB", "United Kingdom"},
	{"UA", "Ukraine"}, {"KZ", "Kazakhstan"}, {"SD", "Sudan"}, {"LY", "Libya"},
}

var (
	programs   = []string{"SDGT", "RUSSIA-EO14024", "IRAN", "SYRIA", "CYBER2", "DPRK3", "IFSR", "SDNTK", "VENEZUELA-EO13850", "UKRAINE-EO13662", "BELARUS-EO14038", "CUBA", "NPWMD", "GLOMAG", "ILLICIT-DRUGS-EO14059", "IRGC", "TCO", "SUDAN-EO14098"}
	industries = []string{"Trading", "Shipping", "Logistics", "Petroleum", "Energy", "Metals", "Investment", "Holdings", "Construction", "Technologies", "Exchange", "Finance", "Industrial", "Import Export", "Mining", "Chemicals", "Aviation", "Marine", "Electronics", "Security", "Consulting", "Capital", "Resources", "Development", "Commercial", "Agro", "Pharmaceutical", "Textile", "Engineering"}
	legalForms = []string{"LLC", "LTD", "Limited", "JSC", "FZE", "Co.", "S.A.", "GmbH", "PJSC", "Company", "Corporation", "Inc."}
)

func newRecord(i int) record {
	p := pools()
	r := rng(uint64(i)*0x2545f4914f6cdd1d + 7)
	rec := record{id: strconv.Itoa(i + 1), person: r.next()%4 != 0}
	surname := r.pick(p.surnames, p.surnWeights)
	if rec.person {
		g1 := r.pick(p.given, p.givenWeights)
		g2 := r.pick(p.given, p.givenWeights)
		for g2 == g1 {
			g2 = r.oneOf(p.given)
		}
		rec.names = [3]namePair{{g1, surname}, {g1 + " " + g2, surname}, {g2, surname}}
		switch v := r.next() % 10; {
		case v < 7:
			rec.birth = birthDate{1940 + int(r.next()%60), 1 + int(r.next()%12), 1 + int(r.next()%28)}
		case v < 9:
			rec.birth = birthDate{y: 1940 + int(r.next()%60)}
		}
		if r.next()%10 != 0 {
			rec.country = countries[r.next()%uint64(len(countries))]
		}
	} else {
		base := surname + " " + r.oneOf(industries)
		rec.names = [3]namePair{{last: base + " " + r.oneOf(legalForms)}, {last: base}, {last: surname + " Group"}}
	}
	rec.programs = []string{r.oneOf(programs)}
	if second := r.oneOf(programs); r.next()%3 == 0 && second != rec.programs[0] {
		rec.programs = append(rec.programs, second)
	}
	if v := r.next(); v%10 == 0 {
		for k := range 1 + int(v>>32)%3 {
			rec.addrs = append(rec.addrs, address(i, k))
		}
	}
	return rec
}

// address is entry i's k-th address: the last 20 bytes of a Keccak-256 of
// both, as an Ethereum address is of a key.
func address(i, k int) common.Address {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(i))
	binary.BigEndian.PutUint64(b[8:], uint64(k))
	return common.BytesToAddress(crypto.Keccak256([]byte("synthetic list"), b[:])[12:])
}

// Entity is entry i of every synthetic list, as the loaders read it.
func Entity(i int) screening.Entity {
	return newRecord(i).entity()
}

func (rec record) entity() screening.Entity {
	e := screening.Entity{
		ID:        rec.id,
		Schema:    screening.SchemaOrganization,
		Addresses: rec.addrs,
		Programs:  rec.programs,
		Topics:    []string{screening.TopicSanction},
	}
	if rec.person {
		e.Schema = screening.SchemaPerson
	}
	for _, n := range rec.names {
		e.Names = append(e.Names, n.String())
	}
	if rec.birth.y != 0 {
		e.BirthDates = []string{rec.birth.iso()}
	}
	if rec.country.code != "" {
		e.Nationalities = []string{rec.country.code}
	}
	return e
}

func (b birthDate) iso() string {
	s := strconv.Itoa(b.y)
	if b.m != 0 {
		s += "-" + twoDigits(b.m) + "-" + twoDigits(b.d)
	}
	return s
}

func twoDigits(v int) string { return string([]byte{byte('0' + v/10), byte('0' + v%10)}) }

// sizes reports the pools' sizes, for the package's tests.
func sizes() (given, surnames int) {
	p := pools()
	return len(p.given), len(p.surnames)
}
