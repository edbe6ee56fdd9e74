package screening

import (
	"testing"

	"github.com/idconnect/idconnect/store"
)

// TestAffects: which rolling claim a hit falls on. AML falls with any
// hit; Sanctions Clear with a listed address, the oracle or a sanctioned
// entry's name; PEP Status with a politically exposed person, however
// matched.
func TestAffects(t *testing.T) {
	sanctioned := &Entity{ID: "s", Topics: []string{TopicSanction}}
	pep := &Entity{ID: "p", Topics: []string{TopicPEP}}
	rca := &Entity{ID: "r", Topics: []string{TopicRCA}}
	crime := &Entity{ID: "c", Topics: []string{"crime"}}
	both := &Entity{ID: "b", Topics: []string{TopicSanction, TopicPEP}}
	tests := []struct {
		name          string
		kind          store.HitKind
		e             *Entity
		aml, sanc, pe bool
	}{
		{"sanctioned name", store.HitName, sanctioned, true, true, false},
		{"PEP name", store.HitName, pep, true, false, true},
		{"relative of a PEP", store.HitName, rca, true, false, true},
		{"other topic's name", store.HitName, crime, true, false, false},
		{"sanctioned PEP", store.HitName, both, true, true, true},
		{"PEP's listed address", store.HitAddress, pep, true, true, true},
		{"listed address", store.HitAddress, sanctioned, true, true, false},
		{"oracle", store.HitOracle, nil, true, true, false},
	}
	for _, tc := range tests {
		got := [3]bool{affects(tc.kind, tc.e, TopicAML), affects(tc.kind, tc.e, TopicSanctions), affects(tc.kind, tc.e, TopicPEPStatus)}
		if want := [3]bool{tc.aml, tc.sanc, tc.pe}; got != want {
			t.Errorf("%s: AML, Sanctions, PEP = %v, want %v", tc.name, got, want)
		}
	}
}
