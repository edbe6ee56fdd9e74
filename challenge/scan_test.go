package challenge

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spruceid/siwe-go"
)

// scanSeed is a message in siwe-go's layout with every optional field.
const scanSeed = `idp.example:8443 wants you to sign in with your Ethereum account:
0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed

Sign in to idconnect.

URI: https://idp.example:8443
Version: 1
Chain ID: 1337
Nonce: ABCDEFGHIJKLMNOPQRSTUVWX
Issued At: 2030-01-02T03:04:05Z
Expiration Time: 2030-01-02T03:09:05.250+01:00
Not Before: 2030-01-02T03:04:05Z
Request ID: req-7f3a
Resources:
- https://idp.example:8443/identities/0x01
- urn:recap:eyJhdHQiOnsieDphIjp7InJlYWQvZW1haWwiOlt7fV19fSwicHJmIjpbXX0`

// referenceScan is siwe-go's reading: ParseMessage, plus the round trip scan
// also demands. A panic inside siwe-go counts as a refusal.
func referenceScan(text string) (m *siwe.Message, ok bool) {
	defer func() {
		if recover() != nil {
			m, ok = nil, false
		}
	}()
	m, err := siwe.ParseMessage(text)
	return m, err == nil && m.String() == text
}

func scanSeeds() []string {
	lines := strings.Split(scanSeed, "\n")
	without := func(drop ...int) string {
		var out []string
		for i, l := range lines {
			if !containsInt(drop, i) {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	r := strings.NewReplacer
	return []string{
		scanSeed,
		without(3, 4),       // no statement
		without(10, 11, 12), // no optional fields but resources
		without(13, 14, 15), // no resources
		without(3, 4, 10, 11, 12, 13, 14, 15),
		r("T03:04:05Z", "t03:04:05Z").Replace(scanSeed),
		r("05Z\nRequest", "05z\nRequest").Replace(scanSeed),
		r("Chain ID: 1337", "Chain ID: 01337").Replace(scanSeed),
		r("Request ID: req-7f3a", "Request ID: ").Replace(scanSeed),
		r("- https://idp.example:8443/identities/0x01", "- ").Replace(scanSeed),
		r("0x5aAeb", "0x5aaeb").Replace(scanSeed),
		r("https://idp.example:8443\n", "https://idp.example:8443/?a b\n").Replace(scanSeed),
		r("+01:00", "|01:00").Replace(scanSeed),
		r("03:04:05Z", "03:04:60Z").Replace(scanSeed),
		r("Sign in to idconnect.", "   ").Replace(scanSeed),
		scanSeed + "\n",
		"",
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// TestScanMatchesSiwe runs the seeds of the differential fuzz target as a table
// and checks that the full seed is accepted, so the comparison is not vacuous.
func TestScanMatchesSiwe(t *testing.T) {
	for _, text := range scanSeeds() {
		compareScan(t, text)
	}
	if _, err := scan(scanSeed); err != nil {
		t.Fatalf("scan(seed): %v", err)
	}
}

// FuzzScanMatchesSiwe: scan accepts exactly the texts siwe-go parses and writes
// back unchanged, and reads the same fields from them.
func FuzzScanMatchesSiwe(f *testing.F) {
	for _, s := range scanSeeds() {
		f.Add(s)
	}
	f.Fuzz(compareScan)
}

func compareScan(t *testing.T, text string) {
	t.Helper()
	got, err := scan(text)
	want, ok := referenceScan(text)
	switch {
	case (err == nil) != ok:
		t.Fatalf("scan err = %v, siwe-go accepts = %v, for\n%q", err, ok, text)
	case ok && !reflect.DeepEqual(got, want):
		t.Fatalf("fields differ for %q:\n scan  %#v\n siwe  %#v", text, got, want)
	}
}
