package screening_test

import (
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/screening/internal/synth"
)

// benchEntities is the size of the benchmarks' list.
const benchEntities = 1_000_000

// The benchmarks share one synthetic list and its index, built once on
// first use and outside every timer.
var (
	benchList  = sync.OnceValue(func() *screening.List { return synthList(0, benchEntities) })
	benchIndex = sync.OnceValue(func() *screening.Index { return screening.NewIndex(benchList()) })
)

// synthList is a list of the synthetic entries [from, to).
func synthList(from, to int) *screening.List {
	l := &screening.List{Name: "synthetic", Format: screening.FormatFtM, Entities: make([]screening.Entity, 0, to-from)}
	for i := from; i < to; i++ {
		l.Entities = append(l.Entities, synth.Entity(i))
	}
	return l
}

// benchRand is splitmix64, so that the queries are the same on every run.
type benchRand uint64

func (r *benchRand) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *benchRand) intn(n int) int { return int(r.next() % uint64(n)) }

// unlistedAddress is an address no list holds.
func unlistedAddress(i int) common.Address {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(i))
	return common.BytesToAddress(crypto.Keccak256([]byte("unlisted"), b[:])[12:])
}

// BenchmarkIndex1M builds the name index and address maps of a
// 1,000,000-entry list, and reports the heap the index keeps.
func BenchmarkIndex1M(b *testing.B) {
	l := benchList()
	var ix *screening.Index
	before := liveHeap()
	for b.Loop() {
		ix = screening.NewIndex(l)
	}
	b.ReportMetric(float64(liveHeap()-before)/(1<<20), "index-MiB")
	runtime.KeepAlive(ix)
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkScreenAddresses screens 100,000 identities of three addresses
// each, and the key hashes of those addresses, against the 1M list: one
// op is all 100,000. A third of the identities hold a listed address.
func BenchmarkScreenAddresses(b *testing.B) {
	ix, l := benchIndex(), benchList()
	var listed []common.Address
	for i := range l.Entities {
		listed = append(listed, l.Entities[i].Addresses...)
	}
	r := benchRand(1)
	queries := make([]screening.Query, 100_000)
	for i := range queries {
		q := &queries[i]
		for k := range 3 {
			a := unlistedAddress(3*i + k)
			if k == 0 && i%3 == 0 {
				a = listed[r.intn(len(listed))]
			}
			q.Addresses = append(q.Addresses, a)
			q.Keys = append(q.Keys, screening.KeyHash(a))
		}
	}
	var hits int
	for b.Loop() {
		hits = 0
		for _, q := range queries {
			hits += len(ix.Screen(q, screening.DefaultThreshold))
		}
	}
	if want := 2 * len(queries) / 3; hits < want { // an address hit and its key hit
		b.Fatalf("%d hits, want at least %d", hits, want)
	}
	b.ReportMetric(float64(hits), "hits/op")
}

// nameQueries are the benchmark's name queries: a third exact names of
// listed entries (with their birth date), a third variants of them (words
// swapped, a letter pair swapped, a name dropped, upper case) and a third
// names of entries that are not listed (drawn from the same name pools).
func nameQueries(n int) []screening.NameFacts {
	l := benchList()
	r := benchRand(2)
	qs := make([]screening.NameFacts, 0, n)
	for i := range n {
		switch i % 3 {
		case 0:
			e := &l.Entities[r.intn(len(l.Entities))]
			q := screening.NameFacts{Name: e.Names[r.intn(len(e.Names))]}
			if len(e.BirthDates) > 0 {
				q.BirthDate = e.BirthDates[0]
			}
			qs = append(qs, q)
		case 1:
			e := &l.Entities[r.intn(len(l.Entities))]
			qs = append(qs, screening.NameFacts{Name: variant(e.Names[r.intn(len(e.Names))], &r)})
		default:
			e := synth.Entity(benchEntities + r.intn(benchEntities))
			qs = append(qs, screening.NameFacts{Name: e.Names[r.intn(len(e.Names))]})
		}
	}
	return qs
}

func variant(name string, r *benchRand) string {
	words := strings.Fields(name)
	switch r.intn(4) {
	case 0:
		slices.Reverse(words)
	case 1:
		w := []byte(words[len(words)-1])
		if k := r.intn(len(w)); k+1 < len(w) {
			w[k], w[k+1] = w[k+1], w[k]
		}
		words[len(words)-1] = string(w)
	case 2:
		if len(words) > 2 {
			words = slices.Delete(words, 1, 2)
		}
	default:
		return strings.ToUpper(name)
	}
	return strings.Join(words, " ")
}

// BenchmarkNameQuery runs single name queries against the 1M list (one op
// is one query) and reports the throughput and the 99th percentile of
// the queries' latencies. Run it with -cpu 1.
func BenchmarkNameQuery(b *testing.B) {
	ix := benchIndex()
	qs := nameQueries(20_000)
	var took []time.Duration
	hits := 0
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		t0 := time.Now()
		hits += len(ix.MatchName(q.Name, q.BirthDate, q.Nationality, screening.DefaultThreshold))
		took = append(took, time.Since(t0))
	}
	elapsed := time.Since(start)
	slices.Sort(took)
	b.ReportMetric(float64(len(took))/elapsed.Seconds(), "queries/s")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(hits)/float64(len(took)), "hits/query")
}
