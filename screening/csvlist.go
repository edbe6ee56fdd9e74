package screening

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// A CSV of addresses: an operator's own block list, or another tool's
// export. With a header, its columns are found by name, in any order, case
// and spacing ignored: address (required), and optionally id, name and
// program; other columns are ignored. Without one, when the first line's
// first field is an address, each line's first field is an address and the
// rest of the line is ignored.
//
// The mapping: the id column is the ID, or else the address in lower case
// (the line number when it is not an address), so that an entry keeps its
// id when lines are added above it and a hit is not raised again. Adjacent
// rows with the same id are one entry with several addresses (and names
// and programmes). An entry with a name is SchemaUnknown, since the CSV
// does not say whether it is a person or an organisation; one without is
// SchemaWallet. Every entry is marked TopicSanction: a block list is
// screened as a sanctions list is. An address that is not an Ethereum
// address is skipped, and an entry left with neither address nor name is
// dropped.

// csvColumns are the indexes of the known columns, -1 when absent.
type csvColumns struct{ address, id, name, program int }

func decodeCSV(r io.Reader, emit func(Entity) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	rec, err := cr.Read()
	if err == io.EOF {
		return &ParseError{Format: FormatCSV, Line: 1, Reason: "the file is empty"}
	}
	if err != nil {
		return csvError(err)
	}
	cols, header := csvHeader(rec)
	if !header && !common.IsHexAddress(strings.TrimSpace(rec[0])) {
		return &ParseError{Format: FormatCSV, Line: 1, Reason: "the first line is neither a header with an address column nor an address"}
	}
	l := csvLoader{cols: cols, emit: emit, in: interner{}}
	for {
		if !header {
			if err := l.row(rec, cr); err != nil {
				return err
			}
		}
		header = false
		if rec, err = cr.Read(); err == io.EOF {
			return l.flush()
		}
		if err != nil {
			return csvError(err)
		}
	}
}

func csvHeader(rec []string) (csvColumns, bool) {
	cols := csvColumns{address: -1, id: -1, name: -1, program: -1}
	for i, f := range rec {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "address":
			cols.address = i
		case "id":
			cols.id = i
		case "name":
			cols.name = i
		case "program", "programme":
			cols.program = i
		}
	}
	if cols.address < 0 {
		return csvColumns{address: 0, id: -1, name: -1, program: -1}, false
	}
	return cols, true
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Format: FormatCSV, Line: pe.Line, Reason: pe.Err.Error()}
	}
	return asParseError(err, FormatCSV, 0)
}

// csvLoader gathers the rows of one entry.
type csvLoader struct {
	cols    csvColumns
	emit    func(Entity) error
	in      interner
	e       entry
	id      string // of the entry being gathered
	pending bool
}

func (l *csvLoader) row(rec []string, cr *csv.Reader) error {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	line, _ := cr.FieldPos(0)
	id := cell(l.cols.id)
	if id == "" {
		// Keyed by what it lists, not where: a line inserted above must
		// not renumber every entry below it.
		if a := cell(l.cols.address); common.IsHexAddress(a) {
			id = strings.ToLower(common.HexToAddress(a).Hex())
		} else {
			id = strconv.Itoa(line)
		}
	}
	if !l.pending || id != l.id {
		if err := l.flush(); err != nil {
			return err
		}
		l.e.reset()
		l.e.schema = SchemaWallet
		l.e.addTopic(TopicSanction)
		l.e.setID([]byte(id))
		l.id, l.pending = id, true
	}
	l.e.addAddress([]byte(cell(l.cols.address)))
	if name := cell(l.cols.name); name != "" {
		l.e.addName([]byte(name))
		l.e.schema = SchemaUnknown
	}
	if p := cell(l.cols.program); p != "" {
		l.e.addProgram(l.in.get([]byte(p)))
	}
	return nil
}

func (l *csvLoader) flush() error {
	if !l.pending {
		return nil
	}
	l.pending = false
	if len(l.e.addrs) == 0 && !l.e.hasPrimary {
		return nil
	}
	return l.emit(l.e.build())
}
