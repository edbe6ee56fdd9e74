package screening

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"time"
)

// ParseError says where and why a list could not be read. A caller keeps the
// list's previous version serving and reports the line and the reason.
type ParseError struct {
	Format Format
	Line   int // 1-based; 0 when the failure has no line
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s line %d: %s", e.Format.fileLabel(), e.Line, e.Reason)
}

// fileLabel names a format the way an operator knows the file.
func (f Format) fileLabel() string {
	switch f {
	case FormatOFACSDN:
		return "sdn.xml"
	case FormatOFACAdvanced:
		return "sdn_advanced.xml"
	case FormatUN:
		return "UN consolidated list"
	case FormatEU:
		return "EU financial sanctions file"
	case FormatFtM:
		return "FollowTheMoney JSON lines"
	case FormatCSV:
		return "address CSV"
	}
	return string(f)
}

// Decode reads a list of format f from r and calls emit with each entry as
// soon as it has been read, so a list of any size passes through a bounded
// buffer. An error from emit stops decoding and is returned unchanged; a
// malformed file is a *ParseError; a failing reader's error is wrapped.
//
// The mapping every loader follows:
//   - Only Ethereum addresses are kept (an OFAC "Digital Currency Address -
//     ETH", a FollowTheMoney wallet in ETH, the CSV's address column); other
//     currencies are left out. An address is checked with common.IsHexAddress
//     and normalised with common.HexToAddress; its letter case is not taken
//     as a checksum, because a listed address must be matched however the
//     publisher typed it. One that is not an address at all (a typo in the
//     list) is skipped and the rest of the list still loads.
//   - Weak aliases (OFAC's "weak" a.k.a., the UN's "Low" quality, the EU's
//     strong="false", FollowTheMoney's weakAlias) are left out: publishers
//     mark them as too broad to screen on.
//   - Sanctions lists mark every entry TopicSanction; FollowTheMoney data
//     keeps its own topics.
//   - Birth dates become "YYYY", "YYYY-MM" or "YYYY-MM-DD"; a range of a few
//     years becomes each of its years. Nationalities become ISO 3166-1
//     alpha-2 codes; a country name outside the loaders' table is left out
//     rather than guessed.
//
// Two formats cannot be passed through entry by entry. sdn_advanced.xml
// gives its programmes after all its parties, so its entries are emitted at
// its end. A FollowTheMoney wallet's holder may come after it, so Decode
// emits a wallet as its own SchemaWallet entry and ReadList folds it into
// its holder.
func Decode(r io.Reader, f Format, emit func(Entity) error) error {
	return decode(r, f, emit, nil)
}

// heldWallet is a FollowTheMoney wallet waiting to be folded into its holder.
type heldWallet struct {
	holder string
	wallet Entity
}

func decode(r io.Reader, f Format, emit func(Entity) error, held *[]heldWallet) error {
	src := &sourceReader{r: r}
	br := bufio.NewReaderSize(src, 64<<10)
	if b, _ := br.Peek(len(utf8BOM)); string(b) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
	var err error
	switch f {
	case FormatOFACSDN:
		err = decodeOFACSDN(br, emit)
	case FormatOFACAdvanced:
		err = decodeOFACAdvanced(br, emit)
	case FormatUN:
		err = decodeUN(br, emit)
	case FormatEU:
		err = decodeEU(br, emit)
	case FormatFtM:
		err = decodeFtM(br, emit, held)
	case FormatCSV:
		err = decodeCSV(br, emit)
	default:
		return fmt.Errorf("%w: no loader for format %q", ErrFormat, f)
	}
	if se := (*sourceError)(nil); errors.As(err, &se) {
		return fmt.Errorf("reading %s: %w", f.fileLabel(), se.err)
	}
	return err
}

// sourceReader marks the reader's own failures, so that a broken download
// is reported as one and not as a malformed list.
type sourceReader struct{ r io.Reader }

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = &sourceError{err}
	}
	return n, err
}

// sourceError is a failure of the reader a list came from.
type sourceError struct{ err error }

func (e *sourceError) Error() string { return e.err.Error() }
func (e *sourceError) Unwrap() error { return e.err }

// asParseError keeps a reader's failure as it is and turns any other
// failure of a decoder into a ParseError at line.
func asParseError(err error, f Format, line int) error {
	var se *sourceError
	var pe *ParseError
	if errors.As(err, &se) || errors.As(err, &pe) {
		return err
	}
	return &ParseError{Format: f, Line: line, Reason: err.Error()}
}

// ReadList detects r's format, decodes the whole list and hashes the bytes
// it read, all in one pass: the file itself is never held in memory, only
// its entries. name and source label the list; now is its load time.
func ReadList(name, source string, r io.Reader, now time.Time) (*List, error) {
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, h), 64<<10)
	f, err := Detect(br)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, err)
	}
	l := &List{Name: name, Source: source, Format: f, LoadedAt: now}
	var (
		held []heldWallet
		got  entityChunks
	)
	if err := decode(br, f, got.add, &held); err != nil {
		return nil, err
	}
	// The decoders stop at the end of the document; what trails it still
	// belongs to the bytes the hash names.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.fileLabel(), err)
	}
	copy(l.Hash[:], h.Sum(nil))
	l.Entities = foldWallets(got.all(len(held)), held)
	return l, nil
}

// entityChunks collects a list's entities in chunks and puts them together
// once at the end: growing one slice of a million entities copies it over
// and over, which cost a seventh of a large list's load time.
type entityChunks struct {
	full [][]Entity
	cur  []Entity
	n    int
}

const maxChunk = 8192

func (c *entityChunks) add(e Entity) error {
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		c.cur = make([]Entity, 0, min(max(64, 2*cap(c.cur)), maxChunk))
	}
	c.cur = append(c.cur, e)
	c.n++
	return nil
}

// all returns the entities in order, with room for extra more.
func (c *entityChunks) all(extra int) []Entity {
	out := make([]Entity, 0, c.n+extra)
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	return append(out, c.cur...)
}

// foldWallets adds each held wallet's addresses to its holder. A wallet whose
// holder is not in the list stays an entry of its own, so its address is
// still screened.
func foldWallets(es []Entity, held []heldWallet) []Entity {
	if len(held) == 0 {
		return es
	}
	byHolder := make(map[string][]int, len(held))
	for i, w := range held {
		byHolder[w.holder] = append(byHolder[w.holder], i)
	}
	folded := make([]bool, len(held))
	for i := range es {
		e := &es[i]
		ws, ok := byHolder[e.ID]
		if !ok || e.Schema == SchemaWallet {
			continue
		}
		delete(byHolder, e.ID) // a repeated id gets the wallets once
		for _, w := range ws {
			e.Addresses = appendNewAddresses(e.Addresses, held[w].wallet.Addresses)
			folded[w] = true
		}
	}
	standalone := map[string]bool{} // a wallet of several missing holders
	for i, w := range held {
		if !folded[i] && !standalone[w.wallet.ID] {
			standalone[w.wallet.ID] = true
			es = append(es, w.wallet)
		}
	}
	return es
}
