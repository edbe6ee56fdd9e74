package screening

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// OpenSanctions' FollowTheMoney export: one JSON entity per line.
//
// The mapping: id is the ID. Person is SchemaPerson; Organization, Company
// and PublicBody are SchemaOrganization; LegalEntity, which may be either,
// is SchemaUnknown; Vessel is SchemaVessel and Airplane SchemaAircraft.
// Other schemata (Sanction, Address, Ownership...) describe relations, not
// subjects, and are skipped. The first name is the primary name; the other
// names, aliases and previous names are aliases; weak aliases are left out.
// birthDate gives birth dates; nationality and citizenship give
// nationalities (country is a place an entity is tied to, not a
// nationality, and is not used). topics are kept as they are.
//
// A CryptoWallet is read when its currency is ETH, or when it names none and
// its publicKey is a 0x address; other wallets are skipped. A wallet's
// address belongs to its holder, which may come before or after it in the
// file: ReadList folds each wallet into its holder after reading all
// entities, and a wallet whose holder is not in the list, or that names
// none, is an entity of its own, of SchemaWallet.

// ftmEntity is the part of a FollowTheMoney entity the loader reads.
type ftmEntity struct {
	ID         string        `json:"id"`
	Schema     string        `json:"schema"`
	Properties ftmProperties `json:"properties"`
}

type ftmProperties struct {
	Name         []string `json:"name"`
	Alias        []string `json:"alias"`
	PreviousName []string `json:"previousName"`
	BirthDate    []string `json:"birthDate"`
	Nationality  []string `json:"nationality"`
	Citizenship  []string `json:"citizenship"`
	Topics       []string `json:"topics"`
	PublicKey    []string `json:"publicKey"`
	Currency     []string `json:"currency"`
	Holder       []string `json:"holder"`
}

// maxFtMLine bounds one entity's line, so that a file without line breaks
// cannot take all memory.
const maxFtMLine = 64 << 20

// ftmReader reads one FollowTheMoney file, one line at a time.
type ftmReader struct {
	br   *bufio.Reader
	line int
	long []byte // a line longer than br's buffer
	rec  ftmEntity
	e    entry
	in   interner
}

func decodeFtM(r io.Reader, emit func(Entity) error, held *[]heldWallet) error {
	f := &ftmReader{br: bufio.NewReaderSize(r, 64<<10), in: interner{}}
	for {
		b, err := f.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if b = bytes.TrimSpace(b); len(b) == 0 {
			continue
		}
		f.rec = ftmEntity{}
		if err := json.Unmarshal(b, &f.rec); err != nil {
			return f.fail("not a FollowTheMoney entity: %v", err)
		}
		if f.rec.ID == "" || f.rec.Schema == "" {
			return f.fail("entity without an id or a schema")
		}
		if f.rec.Schema == "CryptoWallet" {
			err = f.wallet(emit, held)
		} else if schema, ok := ftmSchema(f.rec.Schema); ok {
			err = emit(f.entity(schema))
		}
		if err != nil {
			return err
		}
	}
}

// next returns the next line, without its line break.
func (f *ftmReader) next() ([]byte, error) {
	f.line++
	b, err := f.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		f.long = append(f.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) && len(f.long) <= maxFtMLine {
			b, err = f.br.ReadSlice('\n')
			f.long = append(f.long, b...)
		}
		if len(f.long) > maxFtMLine {
			return nil, f.fail("line longer than %d MiB", maxFtMLine>>20)
		}
		b = f.long
	}
	if err == io.EOF && len(b) > 0 {
		err = nil // a last line without a line break
	}
	if err != nil && err != io.EOF {
		return nil, asParseError(err, FormatFtM, f.line)
	}
	return b, err
}

func (f *ftmReader) fail(format string, args ...any) error {
	return &ParseError{Format: FormatFtM, Line: f.line, Reason: fmt.Sprintf(format, args...)}
}

func ftmSchema(s string) (Schema, bool) {
	switch s {
	case "Person":
		return SchemaPerson, true
	case "Organization", "Company", "PublicBody":
		return SchemaOrganization, true
	case "LegalEntity":
		return SchemaUnknown, true
	case "Vessel":
		return SchemaVessel, true
	case "Airplane":
		return SchemaAircraft, true
	}
	return "", false
}

func (f *ftmReader) entity(schema Schema) Entity {
	e, p := &f.e, &f.rec.Properties
	e.reset()
	e.schema = schema
	e.setID([]byte(f.rec.ID))
	for _, names := range [][]string{p.Name, p.Alias, p.PreviousName} {
		for _, n := range names {
			e.addName([]byte(n))
		}
	}
	for _, d := range p.BirthDate {
		if y, m, dd, ok := parseISODate([]byte(d)); ok {
			e.addBirthDate(y, m, dd)
		}
	}
	for _, c := range append(p.Nationality, p.Citizenship...) {
		if code, ok := f.in.iso2([]byte(c)); ok {
			e.addNationality(code)
		}
	}
	f.addTopics()
	return e.build()
}

func (f *ftmReader) addTopics() {
	for _, t := range f.rec.Properties.Topics {
		if t = strings.TrimSpace(t); t != "" {
			f.e.addTopic(f.in.get([]byte(t)))
		}
	}
}

// wallet reads a CryptoWallet: held for its holder when ReadList folds, or
// emitted as an entity of its own.
func (f *ftmReader) wallet(emit func(Entity) error, held *[]heldWallet) error {
	p := &f.rec.Properties
	if !ethWallet(p) {
		return nil
	}
	e := &f.e
	e.reset()
	e.schema = SchemaWallet
	e.setID([]byte(f.rec.ID))
	for _, k := range p.PublicKey {
		e.addAddress([]byte(k))
	}
	if len(e.addrs) == 0 {
		return nil // a typo in the list: the rest still loads
	}
	f.addTopics()
	w := e.build()
	if held == nil || len(p.Holder) == 0 {
		return emit(w)
	}
	for _, h := range p.Holder {
		*held = append(*held, heldWallet{holder: h, wallet: w})
	}
	return nil
}

func ethWallet(p *ftmProperties) bool {
	for _, c := range p.Currency {
		if strings.EqualFold(strings.TrimSpace(c), "ETH") {
			return true
		}
	}
	if len(p.Currency) > 0 {
		return false
	}
	for _, k := range p.PublicKey {
		if k = strings.TrimSpace(k); has0x(k) && common.IsHexAddress(k) {
			return true
		}
	}
	return false
}
