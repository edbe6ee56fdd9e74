package screening

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// ErrFormat is a list whose format is not one the loaders read.
var ErrFormat = errors.New("unrecognised list format")

// The XML namespaces that tell the publishers' files apart.
const (
	nsEU = "http://eu.europa.ea/fsd/fsd-export" // sic: the EU's own spelling
	// nsOFACAdvanced is sdn_advanced.xml's namespace since 2023; before, OFAC
	// used the UN's data model namespace nsUNSanctions for it.
	nsOFACAdvanced = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
	nsUNSanctions  = "http://www.un.org/sanctions/1.0"
)

// Detect tells a list's format from its first bytes, which it peeks at and
// leaves in br for the loader: as much as br buffers, so a reader made with
// bufio.NewReaderSize of 64 KiB looks past a long XML prologue.
//
//   - XML is told by its root element (after a BOM, white space, the XML
//     declaration, comments and a doctype): sdnList is OFAC's sdn.xml;
//     Sanctions in OFAC's namespace is sdn_advanced.xml; CONSOLIDATED_LIST
//     is the UN list; export in the EU's namespace is the EU file.
//   - A first line that is a JSON object with a "schema" is FollowTheMoney.
//   - A first line that is a CSV header with an "address" column, or whose
//     first field is a 0x address, is a CSV of addresses.
//
// Anything else is ErrFormat, wrapped with the reason.
func Detect(br *bufio.Reader) (Format, error) {
	b, err := br.Peek(br.Size())
	if len(b) == 0 {
		if err != nil && err != io.EOF {
			return "", fmt.Errorf("detecting list format: %w", err)
		}
		return "", fmt.Errorf("%w: the list is empty", ErrFormat)
	}
	whole := err == io.EOF // b is the whole list
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte(utf8BOM)), " \t\r\n")
	if len(b) == 0 {
		return "", fmt.Errorf("%w: the list holds only white space", ErrFormat)
	}
	switch b[0] {
	case '<':
		return detectXML(b)
	case '{':
		return detectFtM(b, whole)
	}
	return detectCSV(b)
}

func detectXML(b []byte) (Format, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", fmt.Errorf("%w: no XML root element in the first %d bytes", ErrFormat, len(b))
		}
		if err != nil {
			return "", fmt.Errorf("%w: not well-formed XML before its root element: %v", ErrFormat, err)
		}
		if s, ok := tok.(xml.StartElement); ok {
			root = s
			break
		}
	}
	switch ns := root.Name.Space; root.Name.Local {
	case "sdnList":
		return FormatOFACSDN, nil
	case "Sanctions":
		if ns == nsOFACAdvanced || ns == nsUNSanctions || strings.HasSuffix(ns, "/ADVANCED_XML") {
			return FormatOFACAdvanced, nil
		}
		return "", fmt.Errorf("%w: XML root <Sanctions> in namespace %q is not OFAC's advanced format", ErrFormat, ns)
	case "CONSOLIDATED_LIST":
		return FormatUN, nil
	case "export":
		if ns == nsEU || ns == "" && bytes.Contains(b, []byte("<sanctionEntity")) {
			return FormatEU, nil
		}
		return "", fmt.Errorf("%w: XML root <export> in namespace %q is not the EU financial sanctions file", ErrFormat, ns)
	}
	return "", fmt.Errorf("%w: XML root <%s> is not a list format this server reads", ErrFormat, root.Name.Local)
}

func detectFtM(b []byte, whole bool) (Format, error) {
	line, complete := firstLine(b)
	if !complete && !whole {
		// The first entity is longer than the peek: judge by its start.
		if bytes.Contains(line, []byte(`"schema"`)) {
			return FormatFtM, nil
		}
		return "", fmt.Errorf("%w: the first JSON line has no \"schema\" in its first %d bytes", ErrFormat, len(line))
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return "", fmt.Errorf("%w: the first line is not a JSON object: %v", ErrFormat, err)
	}
	if head.Schema == "" {
		return "", fmt.Errorf("%w: the first JSON line has no \"schema\", so it is not FollowTheMoney", ErrFormat)
	}
	return FormatFtM, nil
}

func detectCSV(b []byte) (Format, error) {
	line, _ := firstLine(b)
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	fields, err := r.Read()
	if err != nil {
		return "", fmt.Errorf("%w: the first line is neither XML, JSON nor CSV: %v", ErrFormat, err)
	}
	for _, f := range fields {
		if strings.EqualFold(strings.TrimSpace(f), "address") {
			return FormatCSV, nil
		}
	}
	if first := strings.TrimSpace(fields[0]); has0x(first) && common.IsHexAddress(first) {
		return FormatCSV, nil
	}
	return "", fmt.Errorf("%w: the first line is neither a CSV header with an address column nor an address", ErrFormat)
}

// firstLine returns b up to its first line break, and whether the line ends
// within b.
func firstLine(b []byte) ([]byte, bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return bytes.TrimSuffix(b[:i], []byte("\r")), true
	}
	return b, false
}

func has0x(s string) bool { return len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') }
