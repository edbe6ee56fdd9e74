package screening_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/screening"
)

// The Ethereum addresses of the fixtures, in their checksummed form.
const (
	addrZorin1  = "0x24dcFdF5Cc3c79E3fE58577481d2a98ADb67182E"
	addrZorin2  = "0x8d67FE2b2cCB23eC6091D74B6F99ba24A9a083c2"
	addrNajjar  = "0xe9Ffe9F7E209f05d757ef0c76Cf773a1F173a911"
	addrOrient  = "0xC693e1b13e435D377F5Bc7c8fEBAF972dED059e4"
	addrMarkou  = "0xbf93F86F698aa37E73181DC254d6d18243BB4945"
	addrOrphan  = "0x7cA83397b5DE535681bA8F9F403D3152eD1B6494"
	addrBlocked = "0x2bf89476F82Cbcfd707A5b3d3ec2123EED8a09f2"
	// addrNever is in the fixtures only where it must not be read: a USDT
	// wallet and a VersionDetail that is not free text.
	addrNever = "0x08062324111Cbe85ed5A75cAe365Ea251f71a3B0"
)

func readFixture(t *testing.T, file string) *screening.List {
	t.Helper()
	path := filepath.Join("testdata", "lists", file)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := screening.ReadList(file, path, f, time.Unix(1736900000, 0))
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	return l
}

// ent builds an expected entity; fields is "names|addresses|births|nationalities|programs|topics",
// each a ";"-separated list.
func ent(id string, schema screening.Schema, fields string) screening.Entity {
	part := strings.Split(fields, "|")
	list := func(i int) []string {
		if i >= len(part) || part[i] == "" {
			return nil
		}
		return strings.Split(part[i], ";")
	}
	e := screening.Entity{ID: id, Schema: schema, Names: list(0), BirthDates: list(2),
		Nationalities: list(3), Programs: list(4), Topics: list(5)}
	for _, a := range list(1) {
		e.Addresses = append(e.Addresses, common.HexToAddress(a))
	}
	return e
}

const (
	person  = screening.SchemaPerson
	org     = screening.SchemaOrganization
	sanct   = screening.TopicSanction
	zorinAs = addrZorin1 + ";" + addrZorin2
)

var fixtureWants = map[string][]screening.Entity{
	"sdn.xml": {
		ent("50001", person, "Arkady Semyonovich ZORIN;Arkadii ZORIN|"+zorinAs+"|1975-04-12|RU|CYBER2;RUSSIA-EO14024|"+sanct),
		ent("50002", person, "Yusuf Hamid AL-NAJJAR;Youssef Hamed AL-NAJAR|"+addrNajjar+"|1968|SY|SDGT|"+sanct),
		ent("50003", org, "ORIENT STAR TRADING CO., LIMITED;ORIENT STAR TRADING|"+addrOrient+"|||DPRK3|"+sanct),
		ent("50004", screening.SchemaVessel, "SEA BREEZE||||IRAN|"+sanct),
		ent("50005", person, "Karim HADDAD||1960;1961;1962;1961-03|LB;SY|SDGT|"+sanct),
	},
	"sdn_advanced.xml": {
		ent("50001", person, "Arkady Semyonovich ZORIN;Аркадий Семёнович Зорин;Arkadii ZORIN|"+zorinAs+"|1975-04-12|RU|CYBER2;RUSSIA-EO14024|"+sanct),
		ent("50002", person, "Yusuf Hamid AL-NAJJAR;يوسف حامد النجار;Youssef Hamed AL-NAJAR|"+addrNajjar+"|1968|SY|SDGT|"+sanct),
		ent("50003", org, "ORIENT STAR TRADING CO., LIMITED;东方之星贸易有限公司;ΑΣΤΕΡΙ ΑΝΑΤΟΛΗΣ ΕΜΠΟΡΙΚΗ ΛΤΔ;ORIENT STAR TRADING|"+addrOrient+"|||DPRK3|"+sanct),
		ent("50004", screening.SchemaVessel, "SEA BREEZE||||IRAN|"+sanct),
		ent("50006", person, "Jianguo WANG;王建国||1971-03|CN|SDGT|"+sanct),
	},
	"un_consolidated.xml": {
		ent("KPi.901", person, "ARKADY SEMYONOVICH ZORIN;Аркадий Семёнович Зорин;Arkadii Zorin||1975-04-12|RU|DPRK|"+sanct),
		ent("QDi.901", person, "YUSUF HAMID AL-NAJJAR;يوسف حامد النجار;Youssef Hamed al-Najar||1968|SY|Al-Qaida|"+sanct),
		ent("QDi.902", person, "KARIM HADDAD||1960;1961;1962|LB;SY|Al-Qaida|"+sanct),
		ent("KPe.901", org, "ORIENT STAR TRADING CO., LIMITED;东方之星贸易有限公司;ORIENT STAR TRADING;ΑΣΤΕΡΙ ΑΝΑΤΟΛΗΣ ΕΜΠΟΡΙΚΗ ΛΤΔ||||DPRK|"+sanct),
	},
	"eu_fsf.xml": {
		ent("900101", person, "Arkady Semyonovich Zorin;Аркадий Семёнович Зорин;Arkadii Zorin||1975-04-12|RU|RUS|"+sanct),
		ent("900102", person, "Yusuf Hamid Al-Najjar;Youssef Hamed Al-Najar;يوسف حامد النجار||1968|SY|TAQA|"+sanct),
		ent("900103", org, "Orient Star Trading Co., Limited;东方之星贸易有限公司;ΑΣΤΕΡΙ ΑΝΑΤΟΛΗΣ ΕΜΠΟΡΙΚΗ ΛΤΔ;Orient Star Trading||||PRK|"+sanct),
	},
	"opensanctions.ftm.json": {
		ent("NK-3ZrQw8Vt5Hn2Kp7Lx4Ym9B", person, "Arkady Semyonovich Zorin;Arkadii Zorin;Аркадий Семёнович Зорин|"+zorinAs+"|1975-04-12|RU||"+sanct),
		ent("NK-8TfWc2Jd6Qs9Rb3Gv5Hx1A", person, "Yusuf Hamid Al-Najjar;Youssef Hamed Al-Najar;يوسف حامد النجار|"+addrNajjar+"|1968|SY||"+sanct),
		ent("NK-5CpLm7Xe4Wz1Nd8Ft2Ks6R", org, "Orient Star Trading Co., Limited;Orient Star Trading;东方之星贸易有限公司;ΑΣΤΕΡΙ ΑΝΑΤΟΛΗΣ ΕΜΠΟΡΙΚΗ ΛΤΔ|"+addrOrient+"||||"+sanct),
		ent("NK-2EmKr5Yt8Uw3Pa6Sd9Fg4J", person, "Elena Markou;Έλενα Μάρκου|"+addrMarkou+"|1970-09|GR||"+screening.TopicPEP),
		ent("NK-6VsBr2Ez9Qw4Lm7Xt1Pd3H", screening.SchemaVessel, "SEA BREEZE|||||"+sanct),
		ent("NK-9HdXc4Ve7Rb2Tn5Ym8Kq1W", org, "Haddad Exchange;Haddad Money Exchange|||||"+sanct),
		ent("NK-4NwHl1Ds6Fg9Jk2Lz5Xc8V", screening.SchemaUnknown, "Nordwind Holdings|||||"+sanct),
		ent("NK-7ApEq3Bc6Dn9Fm2Gh5Jk8L", screening.SchemaAircraft, "EP-ABC|||||"+sanct),
		ent("ofac-wallet-eth-0x7ca83397b5de535681ba8f9f403d3152ed1b6494", screening.SchemaWallet, "|"+addrOrphan+"||||"+sanct),
	},
	"addresses.csv": {
		ent("50001", screening.SchemaUnknown, "Arkady Semyonovich ZORIN|"+zorinAs+"|||CYBER2;RUSSIA-EO14024|"+sanct),
		ent("50002", screening.SchemaUnknown, "Yusuf Hamid AL-NAJJAR|"+addrNajjar+"|||SDGT|"+sanct),
		ent("50003", screening.SchemaUnknown, "ORIENT STAR TRADING CO., LIMITED|"+addrOrient+"|||DPRK3|"+sanct),
		ent("blk-1", screening.SchemaWallet, "|"+addrBlocked+"||||"+sanct),
	},
}

var fixtureFormats = map[string]screening.Format{
	"sdn.xml":                screening.FormatOFACSDN,
	"sdn_advanced.xml":       screening.FormatOFACAdvanced,
	"un_consolidated.xml":    screening.FormatUN,
	"eu_fsf.xml":             screening.FormatEU,
	"opensanctions.ftm.json": screening.FormatFtM,
	"addresses.csv":          screening.FormatCSV,
}

// TestLoadFixtures reads each fixture whole: every entity, field by field.
func TestLoadFixtures(t *testing.T) {
	for file, want := range fixtureWants {
		t.Run(file, func(t *testing.T) {
			l := readFixture(t, file)
			raw, err := os.ReadFile(filepath.Join("testdata", "lists", file))
			if err != nil {
				t.Fatal(err)
			}
			if l.Format != fixtureFormats[file] || l.Name != file || l.Hash != sha256.Sum256(raw) || !l.LoadedAt.Equal(time.Unix(1736900000, 0)) {
				t.Errorf("list %q format %q hash %x loaded %v", l.Name, l.Format, l.Hash, l.LoadedAt)
			}
			if len(l.Entities) != len(want) {
				t.Fatalf("%d entities, want %d: %+v", len(l.Entities), len(want), l.Entities)
			}
			for i := range want {
				if !reflect.DeepEqual(l.Entities[i], want[i]) {
					t.Errorf("entity %d:\n got %+v\nwant %+v", i, l.Entities[i], want[i])
				}
			}
		})
	}
}

// view is what every list says of a person, whatever its format.
type view struct {
	Schema        screening.Schema
	Names         []string // upper case, sorted
	Addresses     []common.Address
	BirthDates    []string
	Nationalities []string
}

// What a fixture can say: sdn.xml writes no name in a non-Latin script, the
// UN and EU lists publish no addresses, and a CSV only addresses and one name.
type reach struct{ latinOnly, noAddresses, csv bool }

var fixtureReach = map[string]reach{
	"sdn.xml": {latinOnly: true}, "un_consolidated.xml": {noAddresses: true},
	"eu_fsf.xml": {noAddresses: true}, "addresses.csv": {csv: true},
}

func (v view) within(r reach) view {
	out := view{Schema: v.Schema, Addresses: v.Addresses, BirthDates: v.BirthDates, Nationalities: v.Nationalities}
	for _, n := range v.Names {
		if !r.latinOnly || strings.IndexFunc(n, func(c rune) bool { return unicode.IsLetter(c) && !unicode.Is(unicode.Latin, c) }) < 0 {
			out.Names = append(out.Names, n)
		}
	}
	if r.noAddresses {
		out.Addresses = nil
	}
	if r.csv {
		out = view{Addresses: v.Addresses}
	}
	return out
}

func viewOf(e screening.Entity, r reach) view {
	v := view{Schema: e.Schema, Addresses: slices.Clone(e.Addresses), BirthDates: e.BirthDates, Nationalities: e.Nationalities}
	for _, n := range e.Names {
		v.Names = append(v.Names, strings.ToUpper(n))
	}
	slices.Sort(v.Names)
	slices.SortFunc(v.Addresses, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	return v.within(r)
}

// TestLoadSamePeopleAcrossFormats: the people every fixture lists come out
// of every loader as the same entity, ids and programmes aside.
func TestLoadSamePeopleAcrossFormats(t *testing.T) {
	people := []struct {
		name string
		want screening.Entity
		ids  map[string]string // fixture → id
	}{
		{"Zorin", ent("", person, "Arkady Semyonovich Zorin;Arkadii Zorin;Аркадий Семёнович Зорин|"+zorinAs+"|1975-04-12|RU"),
			map[string]string{"sdn.xml": "50001", "sdn_advanced.xml": "50001", "un_consolidated.xml": "KPi.901", "eu_fsf.xml": "900101", "opensanctions.ftm.json": "NK-3ZrQw8Vt5Hn2Kp7Lx4Ym9B", "addresses.csv": "50001"}},
		{"Al-Najjar", ent("", person, "Yusuf Hamid Al-Najjar;Youssef Hamed Al-Najar;يوسف حامد النجار|"+addrNajjar+"|1968|SY"),
			map[string]string{"sdn.xml": "50002", "sdn_advanced.xml": "50002", "un_consolidated.xml": "QDi.901", "eu_fsf.xml": "900102", "opensanctions.ftm.json": "NK-8TfWc2Jd6Qs9Rb3Gv5Hx1A", "addresses.csv": "50002"}},
		{"Orient Star", ent("", org, "Orient Star Trading Co., Limited;Orient Star Trading;东方之星贸易有限公司;ΑΣΤΕΡΙ ΑΝΑΤΟΛΗΣ ΕΜΠΟΡΙΚΗ ΛΤΔ|"+addrOrient),
			map[string]string{"sdn.xml": "50003", "sdn_advanced.xml": "50003", "un_consolidated.xml": "KPe.901", "eu_fsf.xml": "900103", "opensanctions.ftm.json": "NK-5CpLm7Xe4Wz1Nd8Ft2Ks6R", "addresses.csv": "50003"}},
	}
	for file := range fixtureFormats {
		l := readFixture(t, file)
		for _, p := range people {
			i := slices.IndexFunc(l.Entities, func(e screening.Entity) bool { return e.ID == p.ids[file] })
			if i < 0 {
				t.Errorf("%s: no %s (id %s)", file, p.name, p.ids[file])
				continue
			}
			got, want := viewOf(l.Entities[i], fixtureReach[file]), viewOf(p.want, fixtureReach[file])
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s\n got %+v\nwant %+v", file, p.name, got, want)
			}
			if !l.Entities[i].Sanctioned() {
				t.Errorf("%s: %s is not marked sanctioned", file, p.name)
			}
		}
	}
}
