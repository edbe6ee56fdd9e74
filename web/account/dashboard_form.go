package account

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/templates"
)

// errWalletForm means a wallet form's hidden fields were not the ones the page
// wrote: someone edited them. Fields a person types get messages instead.
var errWalletForm = errors.New("web: malformed wallet form")

// walletChange is a parsed POST /account/wallets/prepare: add an address as a key
// with one purpose, or remove one purpose of a key.
type walletChange struct {
	Add     bool
	Address common.Address // the wallet to add
	Key     common.Hash    // the key to remove
	Purpose uint64
}

var keyIDPattern = regexp.MustCompile(`^0x[0-9a-fA-F]{64}$`)

// parseWalletChange reads the add or remove form. For add, the address and
// purpose the owner chose get a message each when they are wrong (fields); for
// remove, whose fields are all hidden, any fault is errWalletForm.
func parseWalletChange(form url.Values) (c walletChange, fields map[string]string, err error) {
	switch one(form, "action") {
	case "add":
		c.Add = true
		fields = map[string]string{}
		if c.Address, err = identity.ParseAddress(one(form, "address")); err != nil {
			fields["address"] = "Enter a wallet address: 0x followed by 40 hexadecimal digits."
		}
		if c.Purpose, err = strconv.ParseUint(one(form, "purpose"), 10, 64); err != nil || c.Purpose < 1 || c.Purpose > 3 {
			fields["purpose"] = "Choose management, action or claim."
		}
		if len(fields) == 0 {
			fields = nil
		}
		return c, fields, nil
	case "remove":
		key := one(form, "key")
		p, perr := strconv.ParseUint(one(form, "purpose"), 10, 64)
		if !keyIDPattern.MatchString(key) || perr != nil || p < 1 || p > 4 {
			return walletChange{}, nil, errWalletForm
		}
		c.Key, c.Purpose = common.HexToHash(key), p
		return c, nil, nil
	}
	return walletChange{}, nil, errWalletForm
}

// doneNotice is the notice for the ?done= code a redirect after a form added;
// codes the page does not know show nothing, so the link cannot put words on it.
func doneNotice(q url.Values, known map[string]templates.Notice) templates.Notice {
	return known[q.Get("done")]
}

// one returns a form field's only value, trimmed, or "" when it is missing or
// repeated (a repeated field is not what the page sent).
func one(form url.Values, name string) string {
	v := form[name]
	if len(v) != 1 {
		return ""
	}
	return strings.TrimSpace(v[0])
}

// maxCursorLen bounds a page cursor from the query string; the store's own
// cursors are far shorter, and it rejects any it did not write.
const maxCursorLen = 200

// pageCursor reads the ?cursor= of a list page. ok is false for a value no store
// could have written, which the page answers with 400.
func pageCursor(q url.Values) (cursor string, ok bool) {
	v := q["cursor"]
	switch {
	case len(v) == 0:
		return "", true
	case len(v) > 1 || v[0] == "" || len(v[0]) > maxCursorLen:
		return "", false
	}
	for _, c := range v[0] {
		if c <= ' ' || c > '~' {
			return "", false
		}
	}
	return v[0], true
}

// pageURL links another page of a list.
func pageURL(path, cursor string) string {
	if cursor == "" {
		return path
	}
	return path + "?cursor=" + url.QueryEscape(cursor)
}

// afterBlock reads the ?block= the wallet page adds after a transaction was mined:
// the list waits until the server's chain view has reached it. ok is false when
// there is none or it is not a block number.
func afterBlock(q url.Values) (uint64, bool) {
	v := q.Get("block")
	if v == "" || len(v) > 20 {
		return 0, false
	}
	n, err := strconv.ParseUint(v, 10, 64)
	return n, err == nil && n > 0
}

var grantIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// pathGrantID is the {id} of a grant or request path, or "" when it cannot be one.
func pathGrantID(raw string) string {
	if !grantIDPattern.MatchString(raw) {
		return ""
	}
	return raw
}
