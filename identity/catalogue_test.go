package identity

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseValidity(t *testing.T) {
	for in, want := range map[string]Validity{
		"P12M": {Months: 12}, "P30D": {Days: 30}, "P1Y6M": {Months: 18}, "P1Y2M3D": {Months: 14, Days: 3}, "P6M": {Months: 6},
	} {
		got, err := ParseValidity(in)
		if err != nil || got != want {
			t.Errorf("%s: %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "P", "12M", "P0D", "P12", "PM", "P1M1Y", "P1D1D", "P-1D", "P1W", "PT1H", "P101Y", "P99999D", "p12m"} {
		if _, err := ParseValidity(in); !errors.Is(err, ErrInvalidValidity) {
			t.Errorf("%q accepted: %v", in, err)
		}
	}
	if got := (Validity{Months: 12}).Until(time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)); !got.Equal(time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("12 months from 2026-02-28: %v", got)
	}
}

func FuzzParseValidity(f *testing.F) {
	for _, s := range []string{"P12M", "P1Y6M3D", "P", "P9999Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseValidity(s)
		if err != nil {
			return
		}
		again, err := ParseValidity(v.String())
		if err != nil || again != v {
			t.Fatalf("%q → %v does not round-trip: %v %v", s, v, again, err)
		}
	})
}

// TestDefaultCatalogue: topics 1–8 with DESIGN's validities, and a form
// for each; it round-trips through its own JSON.
func TestDefaultCatalogue(t *testing.T) {
	c := DefaultCatalogue()
	want := map[uint64]string{1: "P12M", 2: "P30D", 3: "P12M", 4: "P30D", 5: "P12M", 6: "P12M", 7: "P30D", 8: "P6M"}
	for n, v := range want {
		if c[n].Validity.String() != v || len(c[n].Fields) == 0 {
			t.Errorf("topic %d: %v, %d fields", n, c[n].Validity, len(c[n].Fields))
		}
		if c[n].Rolling != (v == "P30D") {
			t.Errorf("topic %d rolling = %v", n, c[n].Rolling)
		}
	}
	kyc := c[1]
	var names []string
	for _, f := range kyc.Fields {
		names = append(names, f.Name)
	}
	for _, d := range kyc.Documents {
		names = append(names, d.Name)
	}
	if strings.Join(names, ",") != "full_name,date_of_birth,nationality,id_document,proof_of_address" {
		t.Errorf("KYC asks for %v", names)
	}
	b, err := json.Marshal(c.List())
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseCatalogue(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back.List())
	if string(b) != string(b2) {
		t.Fatalf("the default catalogue does not round-trip:\n%s\n%s", b, b2)
	}
}

// TestParseCatalogueRefuses reports every problem at once, by topic.
func TestParseCatalogueRefuses(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"not JSON":        {`{`, "unexpected EOF"},
		"unknown member":  {`[{"number":1,"name":"KYC","validity":"P12M","colour":"red"}]`, "colour"},
		"empty":           {`[]`, "no topic"},
		"bad validity":    {`[{"number":1,"name":"KYC","validity":"12 months"}]`, "ISO 8601"},
		"trailing":        {`[{"number":1,"name":"KYC","validity":"P12M"}] []`, "text after"},
		"several at once": {`[{"number":0,"name":"","validity":"P1D"},{"number":2,"name":"AML","validity":"P1D","fields":[{"name":"Full Name","type":"text"},{"name":"dob","type":"birthday"}],"documents":[{"name":"scan","content_types":["image/png; q=1"]},{"name":"scan2","content_types":[]}]},{"number":2,"name":"AML again","validity":"P1D"}]`, ""},
	} {
		_, err := ParseCatalogue([]byte(tc.in))
		if !errors.Is(err, ErrInvalidCatalogue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
		if name == "several at once" {
			for _, part := range []string{"entry 1: number must be positive", "no name", `"Full Name"`, `"birthday"`, "bare media type", "accepts no content type", "topic 2 (entry 3): listed twice"} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("%s: %q missing from %v", name, part, err)
				}
			}
		}
	}
}
