package synth

import (
	"reflect"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/screening"
)

func TestPools(t *testing.T) {
	given, surnames := sizes()
	if given < 300 || surnames < 2000 {
		t.Errorf("pools of %d given names and %d surnames; want hundreds and thousands", given, surnames)
	}
	for _, s := range pools().surnames {
		if strings.Contains(s, "ovov") || strings.Contains(s, "evov") || strings.Contains(s, "skiski") || strings.TrimSpace(s) != s || s == "" {
			t.Errorf("surname %q is not one", s)
		}
	}
}

// TestEntity: entry i is always the same, has three distinct names, and
// about one in ten has one to three addresses.
func TestEntity(t *testing.T) {
	const n = 20000
	withAddrs, people := 0, 0
	tokens := map[string]int{}
	for i := range n {
		e := Entity(i)
		if !reflect.DeepEqual(e, Entity(i)) {
			t.Fatalf("entity %d differs between calls", i)
		}
		if len(e.Names) != 3 || e.Names[0] == e.Names[1] || e.Names[1] == e.Names[2] || e.Names[0] == e.Names[2] {
			t.Fatalf("entity %d names %q", i, e.Names)
		}
		if len(e.Addresses) > 0 {
			withAddrs++
		}
		if len(e.Addresses) > 3 {
			t.Fatalf("entity %d has %d addresses", i, len(e.Addresses))
		}
		if e.Schema == screening.SchemaPerson {
			people++
		}
		for _, tok := range strings.Fields(e.Names[0]) {
			tokens[tok]++
		}
	}
	if withAddrs < n/12 || withAddrs > n/8 {
		t.Errorf("%d of %d entities have addresses; want about a tenth", withAddrs, n)
	}
	if people < n/2 || people > n*9/10 {
		t.Errorf("%d of %d entities are people", people, n)
	}
	// Zipf: the commonest token is far commoner than the median one.
	most := 0
	for _, c := range tokens {
		most = max(most, c)
	}
	if most < 50*n/len(tokens) {
		t.Errorf("token counts are too flat: %d distinct, top %d", len(tokens), most)
	}
	if Entity(7).ID != "8" {
		t.Errorf("entity 7 has id %q", Entity(7).ID)
	}
}
