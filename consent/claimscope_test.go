package consent_test

import (
	"testing"

	"github.com/idconnect/idconnect/consent"
)

// The claim:<topic> syntax: one decimal topic above zero, with no sign or
// leading zero, so that each topic has exactly one scope.
func TestClaimTopic(t *testing.T) {
	tests := []struct {
		in    string
		topic uint64
		ok    bool
	}{
		{"claim:1", 1, true},
		{"claim:10101000100001", 10101000100001, true},
		{"claim:0", 0, false},
		{"claim:01", 0, false},
		{"claim:+1", 0, false},
		{"claim:", 0, false},
		{"claim:x", 0, false},
		{"claims:1", 0, false},
		{"claim:18446744073709551616", 0, false},
	}
	for _, tc := range tests {
		topic, ok := consent.ClaimTopic(tc.in)
		if ok != tc.ok || topic != tc.topic {
			t.Errorf("ClaimTopic(%q) = %d, %v", tc.in, topic, ok)
		}
		if ok && consent.ClaimScope(topic) != tc.in {
			t.Errorf("ClaimScope(%d) = %q", topic, consent.ClaimScope(topic))
		}
	}
}

func FuzzClaimTopic(f *testing.F) {
	for _, s := range []string{"claim:1", "claim:0", "claim:", "claim:99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if topic, ok := consent.ClaimTopic(s); ok && consent.ClaimScope(topic) != s {
			t.Fatalf("%q parsed to topic %d", s, topic)
		}
	})
}
