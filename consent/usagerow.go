package consent

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/idconnect/idconnect/store"
)

// usageRowVersion is the first byte of a journaled usage row.
const usageRowVersion = 1

// appendUsageRow encodes a usage row for the journal: the version byte,
// then the grant id, the time (Unix nanoseconds, varint), the resource,
// the client id and the field count, each field after it; every string is
// a uvarint length and its bytes. It is a fifth of the cost of JSON, on a
// path every read takes.
func appendUsageRow(b []byte, u store.GrantUsage) []byte {
	b = append(b, usageRowVersion)
	b = appendString(b, u.GrantID)
	b = binary.AppendVarint(b, u.At.UnixNano())
	b = appendString(b, u.Resource)
	b = appendString(b, u.ClientID)
	b = binary.AppendUvarint(b, uint64(len(u.Fields)))
	for _, f := range u.Fields {
		b = appendString(b, f)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errUsageRow = errors.New("consent: malformed journaled usage row")

// parseUsageRow decodes what appendUsageRow encoded.
func parseUsageRow(b []byte) (store.GrantUsage, error) {
	var u store.GrantUsage
	if len(b) == 0 || b[0] != usageRowVersion {
		return u, fmt.Errorf("%w: unknown version", errUsageRow)
	}
	r := rowReader{b: b[1:]}
	u.GrantID = r.string()
	at := r.varint()
	u.Resource = r.string()
	u.ClientID = r.string()
	n := r.uvarint()
	if n > uint64(len(r.b)) { // each field takes a byte at least
		return u, fmt.Errorf("%w: %d fields", errUsageRow, n)
	}
	for range n {
		u.Fields = append(u.Fields, r.string())
	}
	if r.err != nil || len(r.b) != 0 {
		return store.GrantUsage{}, fmt.Errorf("%w: truncated or trailing bytes", errUsageRow)
	}
	u.At = time.Unix(0, at).UTC()
	return u, nil
}

// rowReader reads a usage row's parts, remembering the first error.
type rowReader struct {
	b   []byte
	err error
}

func (r *rowReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errUsageRow, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// varint reads what binary.AppendVarint wrote: a zig-zag uvarint.
func (r *rowReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *rowReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errUsageRow, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
