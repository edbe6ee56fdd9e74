package screening_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/screening/internal/synth"
)

func decodeAll(f screening.Format, data string) ([]screening.Entity, error) {
	var out []screening.Entity
	err := screening.Decode(strings.NewReader(data), f, func(e screening.Entity) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

func byID(es []screening.Entity, id string) *screening.Entity {
	for i := range es {
		if es[i].ID == id {
			return &es[i]
		}
	}
	return nil
}

// TestLoadAwkwardEntries names the cases the fixtures were written for.
func TestLoadAwkwardEntries(t *testing.T) {
	all := map[string]*screening.List{}
	for file := range fixtureFormats {
		all[file] = readFixture(t, file)
	}
	for file, l := range all {
		for _, e := range l.Entities {
			for _, n := range e.Names {
				if up := strings.ToUpper(n); up == "ARKASHA" || up == "ABU HAMID" || up == "ORIENT STAR" {
					t.Errorf("%s: weak alias %q of %s was kept", file, n, e.ID)
				}
			}
			if slices.Contains(e.Addresses, common.HexToAddress(addrNever)) {
				t.Errorf("%s: %s has an address from a field that holds none", file, e.ID)
			}
		}
	}
	// sdn.xml: of Orient Star's two ETH ids, the one cut short is a typo and
	// is skipped; the one with a wrong checksum is its address.
	if e := byID(all["sdn.xml"].Entities, "50003"); len(e.Addresses) != 1 || e.Addresses[0] != common.HexToAddress(addrOrient) {
		t.Errorf("sdn.xml Orient Star addresses %v", e.Addresses)
	}
	adv := all["sdn_advanced.xml"].Entities
	// The surname part comes first in the file; its name part group says it
	// is a last name, and the Han script puts it first with no space.
	if e := byID(adv, "50001"); e.Names[0] != "Arkady Semyonovich ZORIN" {
		t.Errorf("advanced primary name %q", e.Names[0])
	}
	if e := byID(adv, "50006"); !reflect.DeepEqual(e.Names, []string{"Jianguo WANG", "王建国"}) || e.BirthDates[0] != "1971-03" {
		t.Errorf("advanced Wang %+v", e)
	}
	// Syria has no ISO2 in CountryValues: its name says SY.
	if e := byID(adv, "50002"); e.Nationalities[0] != "SY" || e.BirthDates[0] != "1968" {
		t.Errorf("advanced Al-Najjar %+v", e)
	}
}

// TestLoadFtMWallets: a wallet's holder may come before or after it; Decode
// reports wallets as entities of their own and ReadList folds them.
func TestLoadFtMWallets(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "lists", "opensanctions.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	es, err := decodeAll(screening.FormatFtM, string(raw))
	if err != nil {
		t.Fatal(err)
	}
	var wallets []string
	for _, e := range es {
		if e.Schema == screening.SchemaWallet {
			wallets = append(wallets, e.Addresses[0].Hex())
		} else if len(e.Addresses) > 0 {
			t.Errorf("Decode gave %s addresses: %v", e.ID, e.Addresses)
		}
	}
	// The ETH wallets in file order; not the XBT, USDT or mistyped ones.
	want := []string{addrZorin1, addrZorin2, addrNajjar, addrOrient, addrMarkou, addrOrphan}
	if !reflect.DeepEqual(wallets, want) {
		t.Errorf("Decode wallets %v, want %v", wallets, want)
	}
	folded := readFixture(t, "opensanctions.ftm.json").Entities
	// Zorin's first wallet comes before him and his second after him.
	if e := byID(folded, "NK-3ZrQw8Vt5Hn2Kp7Lx4Ym9B"); len(e.Addresses) != 2 {
		t.Errorf("Zorin folded addresses %v", e.Addresses)
	}
	if e := byID(folded, "NK-2EmKr5Yt8Uw3Pa6Sd9Fg4J"); !e.PEP() || e.Sanctioned() {
		t.Errorf("Markou topics %v", e.Topics)
	}
	if byID(folded, "ofac-sanction-50002") != nil {
		t.Error("a Sanction entity was read as a subject")
	}
}

func TestLoadCSV(t *testing.T) {
	es, err := decodeAll(screening.FormatCSV, "\ufeff"+addrZorin1+"\n\n"+strings.ToLower(addrNajjar)+",ignored\r\nnot-an-address\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []screening.Entity{
		// Without an id column an entry is keyed by its address, so that
		// lines added above it do not renumber it.
		ent(strings.ToLower(addrZorin1), screening.SchemaWallet, "|"+addrZorin1+"||||"+sanct),
		ent(strings.ToLower(addrNajjar), screening.SchemaWallet, "|"+addrNajjar+"||||"+sanct),
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("headerless CSV:\n got %+v\nwant %+v", es, want)
	}
	// Columns are found by name in any order; rows of one id need not name it twice.
	es, err = decodeAll(screening.FormatCSV, "Program, ID ,Address\nSDGT,7,"+addrOrient+"\n,7,"+addrBlocked+"\n")
	if err != nil || len(es) != 1 || len(es[0].Addresses) != 2 || es[0].ID != "7" || es[0].Programs[0] != "SDGT" {
		t.Errorf("header CSV: %+v, %v", es, err)
	}
}

// TestLoadSynthetic: what the generator writes, the loaders read back as
// the generator's entities.
func TestLoadSynthetic(t *testing.T) {
	const n = 300
	for _, f := range []screening.Format{screening.FormatOFACSDN, screening.FormatFtM} {
		var buf bytes.Buffer
		if err := synth.Write(&buf, f, n); err != nil {
			t.Fatal(err)
		}
		l, err := screening.ReadList("synthetic", "", &buf, time.Now())
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(l.Entities) != n {
			t.Fatalf("%s: %d entities", f, len(l.Entities))
		}
		for i, got := range l.Entities {
			want := synth.Entity(i)
			if f == screening.FormatFtM {
				want.Programs = nil // FollowTheMoney gives a person no programme
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s entity %d:\n got %+v\nwant %+v", f, i, got, want)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	fixture := func(file string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "lists", file))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	advancedOld := strings.Replace(fixture("sdn_advanced.xml"), "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML", "http://www.un.org/sanctions/1.0", 1)
	tests := []struct {
		name, input string
		want        screening.Format // "" for ErrFormat
	}{
		{"sdn", fixture("sdn.xml"), screening.FormatOFACSDN},
		{"advanced", fixture("sdn_advanced.xml"), screening.FormatOFACAdvanced},
		{"advanced before 2023", advancedOld, screening.FormatOFACAdvanced},
		{"un", fixture("un_consolidated.xml"), screening.FormatUN},
		{"eu", fixture("eu_fsf.xml"), screening.FormatEU},
		{"ftm", fixture("opensanctions.ftm.json"), screening.FormatFtM},
		{"csv", fixture("addresses.csv"), screening.FormatCSV},
		{"csv without header", addrZorin1 + "\n", screening.FormatCSV},
		{"BOM and white space", "\ufeff \r\n\t" + fixture("eu_fsf.xml"), screening.FormatEU},
		{"BOM before JSON", "\ufeff" + fixture("opensanctions.ftm.json"), screening.FormatFtM},
		{"doctype and comment", "<?xml version=\"1.0\"?>\n<!DOCTYPE sdnList>\n<!-- x -->\n<sdnList/>", screening.FormatOFACSDN},
		{"export without namespace", "<export><sanctionEntity logicalId=\"1\"/></export>", screening.FormatEU},
		{"single JSON line", `{"id":"x","schema":"Person"}`, screening.FormatFtM},
		{"empty", "", ""},
		{"white space", " \n\t\n", ""},
		{"junk", "\x00\x01binary junk", ""},
		{"HTML error page", "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", ""},
		{"other Sanctions namespace", `<Sanctions xmlns="urn:example"/>`, ""},
		{"other export", `<export xmlns="urn:example"><row/></export>`, ""},
		{"JSON without schema", `{"id":"x"}` + "\n", ""},
		{"CSV without address", "name,id\nZorin,1\n", ""},
		{"broken XML", "<sdnList", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tc.input), 64<<10)
			got, err := screening.Detect(br)
			if tc.want == "" {
				if !errors.Is(err, screening.ErrFormat) || got != "" {
					t.Fatalf("Detect = %q, %v; want ErrFormat", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Detect = %q, %v; want %q", got, err, tc.want)
			}
			if rest, _ := io.ReadAll(br); string(rest) != tc.input {
				t.Error("Detect consumed its input")
			}
		})
	}
}
