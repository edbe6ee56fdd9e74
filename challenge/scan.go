package challenge

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spruceid/siwe-go"
)

const greeting = " wants you to sign in with your Ethereum account:"

// scan reads an EIP-4361 message in the exact layout siwe-go v0.2.1 writes, and
// accepts it only if siwe-go, given the fields, writes back the same bytes.
//
// It replaces siwe.ParseMessage, whose one large regular expression costs more
// than the signature recovery on every login; a line-by-line reading of the one
// layout we issue is several times cheaper. Each field is held to siwe-go's
// grammar, and FuzzScanMatchesSiwe checks that scan and siwe.ParseMessage plus
// the round trip accept the same texts with the same fields.
func scan(text string) (*siwe.Message, error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 9 {
		return nil, malformed("too few lines")
	}
	domain, ok := strings.CutSuffix(lines[0], greeting)
	if !ok || domain == "" || strings.ContainsAny(domain, "/?#") {
		return nil, malformed("first line must be \"<domain>" + greeting + "\"")
	}
	addr := lines[1]
	if !common.IsHexAddress(addr) || !strings.HasPrefix(addr, "0x") || common.HexToAddress(addr).Hex() != addr {
		return nil, malformed("address must be 0x-hex in EIP-55 form")
	}
	opts := map[string]any{}
	i := 3
	if lines[2] != "" {
		return nil, malformed("a blank line must follow the address")
	}
	if lines[3] != "" {
		opts["statement"], i = lines[3], 4
	}
	if lines[i] != "" {
		return nil, malformed("a blank line must follow the statement")
	}
	r := lineReader{lines: lines, i: i + 1}
	uri, version := r.field("URI: "), r.field("Version: ")
	chainID, nonce, issuedAt := r.field("Chain ID: "), r.field("Nonce: "), r.field("Issued At: ")
	switch {
	case r.missing:
		return nil, malformed("URI, Version, Chain ID, Nonce and Issued At are required, in that order")
	case uri == "" || strings.ContainsRune(uri, ' '):
		return nil, malformed("uri must be a URI")
	case version != "1":
		return nil, malformed("version must be 1")
	case !digits(chainID):
		return nil, malformed("chain id must be a decimal number")
	case len(nonce) < 8 || !alphanumeric(nonce):
		return nil, malformed("nonce must be at least 8 letters or digits")
	case !dateTime(issuedAt):
		return nil, malformed("issued-at is not a date-time")
	}
	opts["chainId"], opts["issuedAt"] = chainID, issuedAt
	if err := r.optional(opts); err != nil {
		return nil, err
	}
	m, err := siwe.InitMessage(domain, addr, uri, nonce, opts)
	if err != nil {
		return nil, malformed(err.Error())
	}
	if m.String() != text {
		return nil, malformed("not in canonical EIP-4361 form")
	}
	return m, nil
}

func malformed(detail string) error { return fmt.Errorf("%w: %s", ErrMalformed, detail) }

// optional reads the optional fields, in siwe-go's order, into opts.
func (r *lineReader) optional(opts map[string]any) error {
	for _, f := range []struct{ prefix, key string }{
		{"Expiration Time: ", "expirationTime"}, {"Not Before: ", "notBefore"},
	} {
		if v, ok := r.maybe(f.prefix); ok {
			if !dateTime(v) {
				return malformed(strings.ToLower(strings.TrimSuffix(f.prefix, ": ")) + " is not a date-time")
			}
			opts[f.key] = v
		}
	}
	if v, ok := r.maybe("Request ID: "); ok {
		if strings.IndexFunc(v, notPChar) >= 0 {
			return malformed("request id has characters outside RFC 3986 pchar")
		}
		opts["requestId"] = v
	}
	if _, ok := r.maybe("Resources:"); ok {
		var res []url.URL
		for r.i < len(r.lines) {
			v, ok := r.maybe("- ")
			if !ok {
				break
			}
			u, err := url.Parse(v)
			if err != nil || strings.ContainsRune(v, ' ') {
				return malformed(fmt.Sprintf("resource %d is not a URI", len(res)))
			}
			res = append(res, *u)
		}
		if len(res) == 0 {
			return malformed("Resources: lists nothing")
		}
		opts["resources"] = res
	}
	if r.i != len(r.lines) {
		return malformed("unexpected line " + strconv.Quote(r.lines[r.i]))
	}
	return nil
}

// lineReader walks the lines after the header.
type lineReader struct {
	lines   []string
	i       int
	missing bool
}

// field reads a required "<prefix><value>" line.
func (r *lineReader) field(prefix string) string {
	v, ok := r.maybe(prefix)
	if !ok {
		r.missing = true
	}
	return v
}

// maybe reads the next line if it starts with prefix.
func (r *lineReader) maybe(prefix string) (string, bool) {
	if r.missing || r.i >= len(r.lines) {
		return "", false
	}
	v, ok := strings.CutPrefix(r.lines[r.i], prefix)
	if ok {
		r.i++
	}
	return v, ok
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.Atoi(s) // siwe-go reads the chain id into an int
	return err == nil && strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' }) < 0
}

func alphanumeric(s string) bool {
	return strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
	}) < 0
}

// notPChar is true outside siwe-go's Request ID alphabet.
func notPChar(c rune) bool {
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') &&
		!strings.ContainsRune("-._~!$&'()*+,;=:@%", c)
}

// dateTime follows siwe-go's date-time pattern:
// digits "-" MM "-" DD [Tt] hh ":" mm ":" ss ["." digits] ([Zz] | [+-|] hh ":" mm).
func dateTime(s string) bool {
	date, clock, ok := cutAny(s, "Tt")
	if !ok {
		return false
	}
	parts := strings.Split(date, "-")
	if len(parts) != 3 || !digits09(parts[0]) || !inRange(parts[1], 1, 12) || !inRange(parts[2], 1, 31) {
		return false
	}
	if len(clock) < 9 || clock[2] != ':' || clock[5] != ':' ||
		!inRange(clock[0:2], 0, 23) || !inRange(clock[3:5], 0, 59) || !inRange(clock[6:8], 0, 60) {
		return false
	}
	rest := clock[8:]
	if strings.HasPrefix(rest, ".") {
		end := 1
		for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
			end++
		}
		if end == 1 {
			return false
		}
		rest = rest[end:]
	}
	if rest == "Z" || rest == "z" {
		return true
	}
	return len(rest) == 6 && strings.IndexByte("+-|", rest[0]) >= 0 && rest[3] == ':' &&
		inRange(rest[1:3], 0, 23) && inRange(rest[4:6], 0, 59)
}

func cutAny(s, seps string) (before, after string, ok bool) {
	i := strings.IndexAny(s, seps)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

func digits09(s string) bool {
	return s != "" && strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' }) < 0
}

// inRange reports whether s is exactly two digits between lo and hi.
func inRange(s string, lo, hi int) bool {
	if len(s) != 2 || !digits09(s) {
		return false
	}
	n := int(s[0]-'0')*10 + int(s[1]-'0')
	return n >= lo && n <= hi
}
