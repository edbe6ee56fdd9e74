package screening_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/idconnect/idconnect/screening"
)

func FuzzDecodeOFACSDN(f *testing.F) { fuzzDecode(f, screening.FormatOFACSDN, "sdn.xml") }

func FuzzDecodeOFACAdvanced(f *testing.F) {
	fuzzDecode(f, screening.FormatOFACAdvanced, "sdn_advanced.xml")
}

func FuzzDecodeUN(f *testing.F)  { fuzzDecode(f, screening.FormatUN, "un_consolidated.xml") }
func FuzzDecodeEU(f *testing.F)  { fuzzDecode(f, screening.FormatEU, "eu_fsf.xml") }
func FuzzDecodeFtM(f *testing.F) { fuzzDecode(f, screening.FormatFtM, "opensanctions.ftm.json") }
func FuzzDecodeCSV(f *testing.F) { fuzzDecode(f, screening.FormatCSV, "addresses.csv") }

// fixtureRecords are the elements (or, for lines, "\n") each fixture's
// entries are in.
var fixtureRecords = map[string]string{
	"sdn.xml": "sdnEntry", "sdn_advanced.xml": "DistinctParty", "un_consolidated.xml": "INDIVIDUAL",
	"eu_fsf.xml": "sanctionEntity", "opensanctions.ftm.json": "\n", "addresses.csv": "\n",
}

// FuzzDetect detects any input and reads what it detects in full, wallets
// folded, as a list source would be.
func FuzzDetect(f *testing.F) {
	for file := range fixtureFormats {
		seedFixture(f, file)
	}
	f.Add([]byte("\ufeff<!-- x --><sdnList/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := screening.Detect(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			if !errors.Is(err, screening.ErrFormat) {
				t.Fatalf("Detect error %v is not ErrFormat", err)
			}
			return
		}
		l, err := screening.ReadList("fuzz", "fuzz", bytes.NewReader(data), time.Time{})
		if err != nil {
			checkLoadError(t, err)
			return
		}
		if l.Format != format {
			t.Fatalf("ReadList read %q where Detect saw %q", l.Format, format)
		}
		for _, e := range l.Entities {
			checkEntity(t, e)
		}
	})
}

func fuzzDecode(f *testing.F, format screening.Format, fixture string) {
	data := seedFixture(f, fixture)
	f.Add(data[:len(data)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		err := screening.Decode(bytes.NewReader(data), format, func(e screening.Entity) error {
			checkEntity(t, e)
			return nil
		})
		if err != nil {
			checkLoadError(t, err)
		}
	})
}

// seedFixture seeds f with the fixture cut into documents of one entry each
// and returns the first. Not the whole fixture: fuzzing minimises each input
// that reaches new code, which for a whole fixture takes longer than a
// fuzzing run.
func seedFixture(f *testing.F, file string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", "lists", file))
	if err != nil {
		f.Fatal(err)
	}
	docs := splitRecords(data, fixtureRecords[file])
	for _, d := range docs {
		f.Add(d)
	}
	return docs[0]
}

// splitRecords makes a document of each record in data: what comes before
// the first record, the record, and what comes after the last. XML loses
// its comments and indentation on the way.
func splitRecords(data []byte, record string) [][]byte {
	if record == "\n" {
		lines := bytes.SplitAfter(data, []byte("\n"))
		var docs [][]byte
		for _, l := range lines[1:] {
			docs = append(docs, append(bytes.Clone(lines[0]), l...)) // the header, or a holder before a wallet
		}
		return docs
	}
	data = xmlComment.ReplaceAll(data, nil)
	data = xmlIndent.ReplaceAll(data, []byte("><"))
	open, end := []byte("<"+record+">"), []byte("</"+record+">")
	if !bytes.Contains(data, open) {
		open = []byte("<" + record + " ")
	}
	first, last := bytes.Index(data, open), bytes.LastIndex(data, end)+len(end)
	var docs [][]byte
	for rest := data[first:last]; len(rest) > 0; {
		i := bytes.Index(rest, end) + len(end)
		doc := append(bytes.Clone(data[:first]), rest[:i]...)
		docs = append(docs, append(doc, data[last:]...))
		rest = rest[i:]
	}
	return docs
}

var (
	xmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	xmlIndent  = regexp.MustCompile(`>\s+<`)
)

// checkLoadError: a list that cannot be read says where, or that its format
// is not one the loaders read.
func checkLoadError(t *testing.T, err error) {
	t.Helper()
	var pe *screening.ParseError
	switch {
	case errors.As(err, &pe):
		if pe.Line < 1 || pe.Reason == "" {
			t.Fatalf("ParseError without a line or a reason: %v", err)
		}
	case errors.Is(err, screening.ErrFormat):
	default:
		t.Fatalf("error %v (%T) is neither a ParseError nor ErrFormat", err, err)
	}
}

var (
	birthDate   = regexp.MustCompile(`^[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)
	nationality = regexp.MustCompile(`^[A-Z]{2}$`)
	schemas     = map[screening.Schema]bool{
		screening.SchemaPerson: true, screening.SchemaOrganization: true, screening.SchemaVessel: true,
		screening.SchemaAircraft: true, screening.SchemaWallet: true, screening.SchemaUnknown: true,
	}
)

// checkEntity: whatever the input, an entity the loaders emit is one the
// matcher can use.
func checkEntity(t *testing.T, e screening.Entity) {
	t.Helper()
	if e.ID == "" || !schemas[e.Schema] {
		t.Fatalf("entity without an id or with schema %q: %+v", e.Schema, e)
	}
	for _, n := range e.Names {
		if n == "" || n != string(bytes.TrimSpace([]byte(n))) {
			t.Fatalf("entity %q has name %q", e.ID, n)
		}
	}
	seen := map[[20]byte]bool{}
	for _, a := range e.Addresses {
		if seen[a] {
			t.Fatalf("entity %q lists %s twice", e.ID, a.Hex())
		}
		seen[a] = true
	}
	if e.Schema == screening.SchemaWallet && len(e.Addresses) == 0 {
		t.Fatalf("wallet %q without an address", e.ID)
	}
	for _, d := range e.BirthDates {
		if !birthDate.MatchString(d) {
			t.Fatalf("entity %q has birth date %q", e.ID, d)
		}
	}
	for _, c := range e.Nationalities {
		if !nationality.MatchString(c) {
			t.Fatalf("entity %q has nationality %q", e.ID, c)
		}
	}
}
