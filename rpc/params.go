package rpc

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// Params are one object of named members (the pinned details). Each
// method decodes its object strictly: an unknown member, a member of the
// wrong JSON type, or a missing required one is -32602 with the member
// named in error.data.

// maxParamsBytes bounds one call's params: a KYC application carries up
// to 25 MiB of documents, base64 in JSON.
const maxParamsBytes = 36 << 20

// decode reads raw (the call's one positional argument, as go-ethereum
// hands it over) into dst.
func decode(raw *json.RawMessage, dst any) *Error {
	if raw == nil || len(bytes.TrimSpace(*raw)) == 0 || bytes.Equal(bytes.TrimSpace(*raw), []byte("null")) {
		return invalidParams("params: want one object of named members")
	}
	if len(*raw) > maxParamsBytes {
		return invalidParams("params: larger than %d bytes", maxParamsBytes)
	}
	b := bytes.TrimSpace(*raw)
	if b[0] != '{' {
		return invalidParams("params: want one object of named members, not %s", jsonKind(b[0]))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return paramError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalidParams("params: trailing data after the object")
	}
	return nil
}

func paramError(err error) *Error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			return invalidParams("params: want one object of named members")
		}
		return invalidParams("params.%s: want %s, not a JSON %s", field, kindName(te.Type.Kind().String()), te.Value)
	case errors.As(err, &se):
		return invalidParams("params: malformed JSON at byte %d", se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return invalidParams("params: unknown member %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return invalidParams("params: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func kindName(k string) string {
	switch k {
	case "string":
		return "a string"
	case "map", "struct", "ptr":
		return "an object"
	case "slice":
		return "an array"
	case "bool":
		return "true or false"
	}
	return "a " + k
}

func jsonKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// address reads a required address member: 0x and 40 hex digits, any case.
func address(field, v string) (common.Address, *Error) {
	if v == "" {
		return common.Address{}, invalidParams("params.%s is required: a 0x address", field)
	}
	a, err := identity.ParseAddress(v)
	if err != nil {
		return common.Address{}, invalidParams("params.%s: %s is not an address (want 0x followed by 40 hex digits)", field, clip(v))
	}
	if a == (common.Address{}) {
		return common.Address{}, invalidParams("params.%s: the zero address is no account", field)
	}
	return a, nil
}

// number reads a required unsigned integer member, given as a JSON number.
func number(field string, v json.RawMessage, what string) (uint64, *Error) {
	if len(v) == 0 || string(v) == "null" {
		return 0, invalidParams("params.%s is required: %s", field, what)
	}
	n, err := uintNumber(json.Number(v))
	if err != nil {
		return 0, invalidParams("params.%s: want %s as a JSON number, got %s", field, what, clip(string(v)))
	}
	return n, nil
}

// topic reads a required topic member, which must be in the catalogue.
func topic(field string, v json.RawMessage, cat identity.Catalogue) (uint64, *Error) {
	n, perr := number(field, v, "a claim topic number")
	if perr != nil {
		return 0, perr
	}
	if _, ok := cat[n]; !ok {
		return 0, invalidParams("params.%s: topic %d is not in the catalogue (topics: %s)", field, n, catalogueList(cat))
	}
	return n, nil
}

func uintNumber(v json.Number) (uint64, error) {
	var n uint64
	if _, err := fmt.Sscan(string(v), &n); err != nil || fmt.Sprint(n) != string(v) {
		return 0, errors.New("not an unsigned integer")
	}
	return n, nil
}

func catalogueList(cat identity.Catalogue) string {
	var parts []string
	for _, t := range cat.List() {
		parts = append(parts, fmt.Sprintf("%d %s", t.Number, t.Name))
	}
	return strings.Join(parts, ", ")
}

// timestamp reads an optional time member: Unix seconds, or an RFC 3339
// string.
func timestamp(field string, v json.RawMessage) (time.Time, *Error) {
	if len(v) == 0 || string(v) == "null" {
		return time.Time{}, nil
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, invalidParams("params.%s: %s is not an RFC 3339 time", field, clip(s))
		}
		return t, nil
	}
	var n json.Number
	if json.Unmarshal(v, &n) != nil {
		return time.Time{}, invalidParams("params.%s: want Unix seconds or an RFC 3339 string", field)
	}
	secs, err := uintNumber(n)
	if err != nil || secs > math.MaxInt32*4 {
		return time.Time{}, invalidParams("params.%s: %s is not a time in Unix seconds", field, clip(string(n)))
	}
	return time.Unix(int64(secs), 0).UTC(), nil
}

// hexBytes reads an optional 0x-hex member.
func hexBytes(field, v string, max int) ([]byte, *Error) {
	if v == "" {
		return nil, nil
	}
	h, ok := strings.CutPrefix(v, "0x")
	if !ok || len(h)%2 != 0 || len(h) > 2*max {
		return nil, invalidParams("params.%s: want 0x-prefixed hex of at most %d bytes", field, max)
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return nil, invalidParams("params.%s: %s is not hex", field, clip(v))
	}
	return b, nil
}

// base64Data reads a document's data: standard base64, padded or not.
func base64Data(field, v string) ([]byte, *Error) {
	if v == "" {
		return nil, invalidParams("params.%s is required: the document, base64", field)
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(v); err != nil {
			return nil, invalidParams("params.%s is not base64", field)
		}
	}
	return b, nil
}

func clip(s string) string {
	if len(s) > 48 {
		s = s[:48] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Address is an address written in EIP-55 form, as the pinned details
// ask of every address the server writes.
type Address common.Address

// MarshalText implements encoding.TextMarshaler.
func (a Address) MarshalText() ([]byte, error) { return []byte(identity.Hex(common.Address(a))), nil }

func addresses(v []common.Address) []Address {
	out := make([]Address, len(v))
	for i, a := range v {
		out[i] = Address(a)
	}
	return out
}
