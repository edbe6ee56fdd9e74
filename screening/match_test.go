package screening_test

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/screening"
)

var (
	listedWallet = common.HexToAddress("0x8589427373d6d84e98730d7795d8f6f8731fda16")
	listedKey    = common.HexToAddress("0x722122df12d4e14e13ac3b6895a86e84145b6967")
)

// matchTestList is a small list: a person listed with a Latin primary name
// and a Cyrillic alias, and an organisation listed with two wallets.
func matchTestList() *screening.List {
	return &screening.List{Name: "test.csv", Entities: []screening.Entity{
		{
			ID: "p1", Schema: screening.SchemaPerson,
			Names:      []string{"Ivan Sergeyevich Petrov", "Иван Петров"},
			BirthDates: []string{"1970-05-12"}, Nationalities: []string{"RU"},
			Addresses: []common.Address{listedWallet},
		},
		{
			ID: "o1", Schema: screening.SchemaOrganization,
			Names:     []string{"Garantex Europe OU", "Garantex"},
			Addresses: []common.Address{listedKey, listedWallet},
		},
		{ID: "p2", Schema: screening.SchemaPerson, Names: []string{"Maria Garcia"}, BirthDates: []string{"1985-04-04"}},
	}}
}

func TestKeyHashIsABIEncodedAddress(t *testing.T) {
	encoded := append(make([]byte, 12), listedKey.Bytes()...) // abi.encode(address): 32 bytes, left-padded
	if got, want := screening.KeyHash(listedKey), crypto.Keccak256Hash(encoded); got != want {
		t.Fatalf("KeyHash = %s, want %s", got, want)
	}
}

func TestScreenExplains(t *testing.T) {
	ix := screening.NewIndex(matchTestList())
	hits := ix.Screen(screening.Query{
		Name: "Ivan Petrov", BirthDate: "1970", Nationality: "RU",
		// Addresses arrive in any case; common.Address is their one form.
		Addresses: []common.Address{common.HexToAddress(strings.ToUpper(listedWallet.Hex()[2:]))},
		Keys:      []common.Hash{screening.KeyHash(listedKey)},
	}, screening.DefaultThreshold)
	var got []string
	for _, h := range hits {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %.2f: %s", h.List, h.EntityID, h.Field, h.Value, h.Matched, h.Score, h.Reason))
		if h.Entity == nil || h.Entity.ID != h.EntityID || h.EntityName != h.Entity.Name() {
			t.Errorf("hit %+v does not carry its entity", h)
		}
	}
	wallet, key := listedWallet.Hex(), screening.KeyHash(listedKey).Hex()
	want := []string{
		"test.csv p1 address " + wallet + " " + wallet + " 1.00: address " + wallet + " is listed",
		"test.csv o1 address " + wallet + " " + wallet + " 1.00: address " + wallet + " is listed",
		"test.csv o1 key " + key + " " + listedKey.Hex() + " 1.00: key " + key +
			" is keccak256(abi.encode(" + listedKey.Hex() + ")), a listed address",
		`test.csv p1 alias Ivan Petrov Иван Петров 1.00: name "ivan petrov" ~ alias "Иван Петров" (ivan petrov): ` +
			`tokens 2/2 exact, jaro-winkler 1.00, birth year agrees (+0.05), nationality agrees (+0.03)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestScreenBirthDates shows the birth date moving a name hit's score,
// and the words that say so.
func TestScreenBirthDates(t *testing.T) {
	ix := screening.NewIndex(matchTestList())
	for _, c := range []struct {
		birth string
		score float64 // 0: no hit
		words string
	}{
		{"", 1, "tokens 2/2 exact, jaro-winkler 1.00"},
		{"1985-04-04", 1, "birth date agrees (+0.05)"},
		{"1985", 1, "birth year agrees (+0.05)"},
		{"1985-04", 1, "birth month agrees (+0.05)"},
		{"1985-04-07", 0.95, "birth day differs (-0.05)"},
		{"1985-06-04", 0.95, "birth day differs (-0.05)"},
		{"1985-04-04", 1, "birth date agrees (+0.05)"},
		{"1986-01-01", 0.90, "birth years one apart (-0.10)"},
		{"1960", 0, ""},
	} {
		hits := ix.Screen(screening.Query{Name: "Garcia, Maria", BirthDate: c.birth}, screening.DefaultThreshold)
		switch {
		case c.score == 0 && len(hits) != 0:
			t.Errorf("born %q: hits %+v, want none", c.birth, hits)
		case c.score == 0:
		case len(hits) != 1:
			t.Errorf("born %q: %d hits, want 1", c.birth, len(hits))
		case math.Abs(hits[0].Score-c.score) > 1e-9 || !strings.HasSuffix(hits[0].Reason, c.words):
			t.Errorf("born %q: %.4f %q, want %.2f ending %q", c.birth, hits[0].Score, hits[0].Reason, c.score, c.words)
		}
	}
	score, why := screening.NameScore(screening.NameFacts{Name: "Maria Garcia", BirthDate: "1960"},
		screening.NameFacts{Name: "Maria Garcia", BirthDate: "1985-04-04"})
	if score != 0.75 || !strings.HasSuffix(why, "birth year differs (-0.25)") {
		t.Errorf("a birth year 25 years off: %.4f %q, want 0.75 ending with the year", score, why)
	}
}

// TestScreenOneNameHitPerEntity: an entry matched by several of its names
// is one hit, by its best name; hits come best first.
func TestScreenOneNameHitPerEntity(t *testing.T) {
	l := &screening.List{Name: "l", Entities: []screening.Entity{
		{ID: "a", Names: []string{"Garantex Europe", "Garantex Europe OU", "Garantex Evropa"}},
		{ID: "b", Names: []string{"Garantex Europa"}},
		{ID: "c", Names: []string{"Grinex"}},
	}}
	hits := screening.NewIndex(l).Screen(screening.Query{Name: "GARANTEX EUROPE OÜ"}, screening.DefaultThreshold)
	var got []string
	for _, h := range hits {
		got = append(got, fmt.Sprintf("%s/%s/%.2f", h.EntityID, h.Matched, h.Score))
	}
	if len(hits) != 2 || hits[0].EntityID != "a" || hits[0].Score != 1 || hits[1].EntityID != "b" || hits[1].Score >= 1 {
		t.Errorf("hits %q, want a (exact, one hit) then b", got)
	}
}

// TestMatchNameFindsTruePairs checks that candidate generation does not
// lose what the scorer accepts: the listed side of every labelled match
// is an entry among a few thousand others (synthetic ones, and the other
// pairs' entries), and MatchName must return it with NameScore's score.
func TestMatchNameFindsTruePairs(t *testing.T) {
	pairs := readLabelledPairs(t)
	l := synthList(0, 3000)
	for _, p := range pairs {
		e := screening.Entity{ID: fmt.Sprintf("pair-%d", p.line), Names: []string{p.listed.Name}}
		if p.listed.BirthDate != "" {
			e.BirthDates = []string{p.listed.BirthDate}
		}
		if p.listed.Nationality != "" {
			e.Nationalities = []string{p.listed.Nationality}
		}
		l.Entities = append(l.Entities, e)
	}
	ix := screening.NewIndex(l)
	checked := 0
	for _, p := range pairs {
		want, why := screening.NameScore(p.query, p.listed)
		if want < screening.DefaultThreshold {
			continue // the scorer does not accept it: nothing to find
		}
		checked++
		id := fmt.Sprintf("pair-%d", p.line)
		var found *screening.Hit
		hits := ix.MatchName(p.query.Name, p.query.BirthDate, p.query.Nationality, screening.DefaultThreshold)
		for i := range hits {
			if hits[i].EntityID == id {
				found = &hits[i]
			}
		}
		switch {
		case found == nil:
			t.Errorf("line %d: %q ~ %q scores %.3f (%s), but MatchName did not find it among %d hits",
				p.line, p.query.Name, p.listed.Name, want, why, len(hits))
		case math.Abs(found.Score-want) > 1e-9:
			t.Errorf("line %d: MatchName scores %.4f, NameScore %.4f", p.line, found.Score, want)
		}
	}
	t.Logf("%d accepted pairs found among %d entries", checked, len(l.Entities))
	if checked < 300 {
		t.Errorf("only %d pairs checked", checked)
	}
}

// TestMatchNameCommonTokens: a name whose every token is common (here
// 20,000 entries share its given names) is still found, by its rare
// surname or, in another spelling, through the pair index.
func TestMatchNameCommonTokens(t *testing.T) {
	l := synthList(0, 2000)
	for i := range 20_000 {
		s := synthList(i, i+1).Entities[0].Names[0]
		l.Entities = append(l.Entities, screening.Entity{ID: fmt.Sprintf("common-%d", i),
			Names: []string{"Mohammed Ali " + s[strings.LastIndex(s, " ")+1:]}})
	}
	l.Entities = append(l.Entities, screening.Entity{ID: "target", Names: []string{"Muhammad Ali Quraishi"}, BirthDates: []string{"1961"}})
	ix := screening.NewIndex(l)
	for _, q := range []string{"Muhammad Ali Quraishi", "Mohamed Aly Qureshi", "Quraishi Mohammed", "Mohammed Ali"} {
		hits := ix.MatchName(q, "1961", "", screening.DefaultThreshold)
		found := false
		for _, h := range hits {
			found = found || h.EntityID == "target"
		}
		if !found {
			t.Errorf("%q: target not among %d hits", q, len(hits))
		}
	}
}

// TestMatchNameConcurrent: one index serves concurrent queries (each
// takes its own scratch buffers) with the answers of sequential ones.
func TestMatchNameConcurrent(t *testing.T) {
	ix := screening.NewIndex(synthList(0, 2000))
	queries := []string{}
	for i := range 64 {
		queries = append(queries, synthList(i*7, i*7+1).Entities[0].Names[i%3])
	}
	want := make([]int, len(queries))
	for i, q := range queries {
		want[i] = len(ix.MatchName(q, "", "", screening.DefaultThreshold))
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(queries)*4)
	for g := range 4 {
		wg.Go(func() {
			for i := range queries {
				k := (i + g*16) % len(queries)
				if got := len(ix.MatchName(queries[k], "", "", screening.DefaultThreshold)); got != want[k] {
					errs <- fmt.Sprintf("%q: %d hits concurrently, %d alone", queries[k], got, want[k])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestEmptyIndex: an index of no lists, or of entries with no name (a
// listed wallet), answers every query with nothing, or the address.
func TestEmptyIndex(t *testing.T) {
	q := screening.Query{Name: "Ivan Petrov", BirthDate: "1970", Addresses: []common.Address{listedWallet},
		Keys: []common.Hash{screening.KeyHash(listedWallet)}}
	if hits := screening.NewIndex().Screen(q, screening.DefaultThreshold); len(hits) != 0 {
		t.Errorf("empty index: %+v", hits)
	}
	wallets := &screening.List{Name: "w", Entities: []screening.Entity{
		{ID: "1", Schema: screening.SchemaWallet, Addresses: []common.Address{listedWallet}},
		{ID: "2", Names: []string{"", "-"}},
	}}
	hits := screening.NewIndex(wallets).Screen(q, screening.DefaultThreshold)
	if len(hits) != 2 || hits[0].Field != screening.FieldAddress || hits[1].Field != screening.FieldKey || hits[0].EntityName != "" {
		t.Errorf("wallet-only list: %+v", hits)
	}
}
