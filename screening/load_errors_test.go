package screening_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/idconnect/idconnect/screening"
)

// TestDecodeMalformed: a list that cannot be read is a ParseError naming the
// line, so the operator can find it while the previous version serves.
func TestDecodeMalformed(t *testing.T) {
	sdn, err := os.ReadFile(filepath.Join("testdata", "lists", "sdn.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		format screening.Format
		input  string
		line   int
		reason string
	}{
		{"mismatched tag", screening.FormatOFACSDN, "<sdnList>\n<sdnEntry>\n<uid>1</uid>\n<lastName>X</first>\n</sdnEntry></sdnList>", 4, "unexpected </first>"},
		{"cut short", screening.FormatOFACSDN, "<sdnList>\n<sdnEntry>\n<uid>1</uid>\n", 4, "file ends inside <sdnEntry>"},
		{"entry without uid", screening.FormatOFACSDN, "<sdnList>\n<sdnEntry>\n<lastName>X</lastName>\n</sdnEntry>\n</sdnList>", 4, "sdnEntry without a uid"},
		{"bad attribute", screening.FormatOFACSDN, "<sdnList>\n<sdnEntry>\n<uid a=>1</uid>", 3, "unquoted or missing attribute value"},
		{"text after the root", screening.FormatOFACSDN, "<sdnList></sdnList>\n\ntrailing", 3, "content after the root element"},
		{"wrong loader", screening.FormatUN, string(sdn), 4, "root element is <sdnList>, not <CONSOLIDATED_LIST>"},
		{"advanced party without FixedRef", screening.FormatOFACAdvanced, "<Sanctions>\n<DistinctParties>\n<DistinctParty>\n</DistinctParty>\n</DistinctParties>\n</Sanctions>", 4, "DistinctParty without a FixedRef"},
		{"UN entry without reference", screening.FormatUN, "<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n</INDIVIDUAL>", 4, "without a REFERENCE_NUMBER or DATAID"},
		{"EU entity without logicalId", screening.FormatEU, "<export>\n\n<sanctionEntity euReferenceNumber=\"EU.1\">\n</sanctionEntity></export>", 3, "sanctionEntity without a logicalId"},
		{"JSON syntax", screening.FormatFtM, `{"id":"a","schema":"Person"}` + "\n\n" + `{"id":"b","schema":"Person",}` + "\n", 3, "invalid character"},
		{"JSON without schema", screening.FormatFtM, `{"id":"a","schema":"Person"}` + "\n" + `{"id":"b"}` + "\n", 2, "entity without an id or a schema"},
		{"JSON property not a list", screening.FormatFtM, `{"id":"a","schema":"Person","properties":{"name":"A"}}`, 1, "cannot unmarshal string"},
		{"CSV quote", screening.FormatCSV, "address,id\n" + addrZorin1 + ",1\n\"unterminated,2\n", 3, "quote"},
		{"CSV field count irrelevant, bare quote", screening.FormatCSV, "address\n" + addrZorin1 + "\n0x\"1\n", 3, "bare \""},
		{"CSV neither header nor address", screening.FormatCSV, "name,id\nZorin,1\n", 1, "neither a header"},
		{"CSV empty", screening.FormatCSV, "", 1, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeAll(tc.format, tc.input)
			var pe *screening.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), want a ParseError", err, err)
			}
			if pe.Format != tc.format || pe.Line != tc.line || !strings.Contains(pe.Reason, tc.reason) {
				t.Errorf("got %q (line %d), want line %d and %q", err, pe.Line, tc.line, tc.reason)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	err := &screening.ParseError{Format: screening.FormatOFACSDN, Line: 42, Reason: "unexpected </first>"}
	if got := err.Error(); got != "sdn.xml line 42: unexpected </first>" {
		t.Errorf("Error() = %q", got)
	}
}

// TestDecodeNotTheList: the reader's failure, the caller's and an unknown
// format are not the list's fault and are not ParseErrors.
func TestDecodeNotTheList(t *testing.T) {
	boom := errors.New("connection reset")
	for _, f := range []screening.Format{screening.FormatOFACSDN, screening.FormatFtM, screening.FormatCSV} {
		r := io.MultiReader(strings.NewReader(start(f)), iotest.ErrReader(boom))
		err := screening.Decode(r, f, func(screening.Entity) error { return nil })
		var pe *screening.ParseError
		if !errors.Is(err, boom) || errors.As(err, &pe) {
			t.Errorf("%s: reader failure gave %v", f, err)
		}
	}
	stop := errors.New("stop")
	sdn, err := os.Open(filepath.Join("testdata", "lists", "sdn.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer sdn.Close()
	if err := screening.Decode(sdn, screening.FormatOFACSDN, func(screening.Entity) error { return stop }); err != stop {
		t.Errorf("emit's error came back as %v", err)
	}
	if err := screening.Decode(strings.NewReader("x"), "pdf", nil); !errors.Is(err, screening.ErrFormat) {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := screening.ReadList("junk", "junk", strings.NewReader("junk"), time.Now()); !errors.Is(err, screening.ErrFormat) {
		t.Errorf("ReadList of junk: %v", err)
	}
}

// start is the first bytes of a list of format f, cut off before its end.
func start(f screening.Format) string {
	switch f {
	case screening.FormatFtM:
		return `{"id":"a","schema":"Person"}` + "\n" + `{"id":"b",`
	case screening.FormatCSV:
		return "address\n" + addrZorin1 + "\n0x24dc"
	}
	return "<sdnList>\n<sdnEntry>\n<uid>1</uid>"
}
