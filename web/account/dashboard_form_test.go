package account

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

const (
	formAddr = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	formKey  = "0x1111111111111111111111111111111111111111111111111111111111111111"
)

func TestParseWalletChange(t *testing.T) {
	cases := []struct {
		name   string
		form   string
		want   walletChange
		fields string // the fields with messages, sorted
		bad    bool
	}{
		{"add action", "action=add&address=" + formAddr + "&purpose=2", walletChange{Add: true, Address: common.HexToAddress(formAddr), Purpose: 2}, "", false},
		{"add lower case, spaces", "action=add&address=+" + strings.ToLower(formAddr) + "+&purpose=1", walletChange{Add: true, Address: common.HexToAddress(formAddr), Purpose: 1}, "", false},
		{"add claim key", "action=add&address=" + formAddr + "&purpose=3", walletChange{Add: true, Address: common.HexToAddress(formAddr), Purpose: 3}, "", false},
		{"add encryption refused", "action=add&address=" + formAddr + "&purpose=4", walletChange{}, "purpose", false},
		{"add purpose zero", "action=add&address=" + formAddr + "&purpose=0", walletChange{}, "purpose", false},
		{"add purpose missing", "action=add&address=" + formAddr, walletChange{}, "purpose", false},
		{"add short address", "action=add&address=0x12&purpose=2", walletChange{}, "address", false},
		{"add no 0x", "action=add&address=" + formAddr[2:] + "00&purpose=2", walletChange{}, "address", false},
		{"add both wrong", "action=add&address=zz&purpose=x", walletChange{}, "address purpose", false},
		{"add twice", "action=add&address=" + formAddr + "&address=" + formAddr + "&purpose=2", walletChange{}, "address", false},
		{"remove", "action=remove&key=" + formKey + "&purpose=1", walletChange{Key: common.HexToHash(formKey), Purpose: 1}, "", false},
		{"remove encryption", "action=remove&key=" + formKey + "&purpose=4", walletChange{Key: common.HexToHash(formKey), Purpose: 4}, "", false},
		{"remove purpose 5", "action=remove&key=" + formKey + "&purpose=5", walletChange{}, "", true},
		{"remove short key", "action=remove&key=0x11&purpose=1", walletChange{}, "", true},
		{"remove address as key", "action=remove&key=" + formAddr + "&purpose=1", walletChange{}, "", true},
		{"remove negative", "action=remove&key=" + formKey + "&purpose=-1", walletChange{}, "", true},
		{"no action", "address=" + formAddr + "&purpose=2", walletChange{}, "", true},
		{"two actions", "action=add&action=remove", walletChange{}, "", true},
		{"unknown action", "action=transfer", walletChange{}, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form, err := url.ParseQuery(c.form)
			if err != nil {
				t.Fatal(err)
			}
			got, fields, err := parseWalletChange(form)
			if c.bad {
				if !errors.Is(err, errWalletForm) {
					t.Fatalf("err = %v, want errWalletForm", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, n := range []string{"address", "purpose"} {
				if fields[n] != "" {
					names = append(names, n)
				}
			}
			if strings.Join(names, " ") != c.fields {
				t.Fatalf("fields with messages %q, want %q (%v)", names, c.fields, fields)
			}
			if c.fields == "" && got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestPageCursor(t *testing.T) {
	cases := []struct {
		query string
		want  string
		ok    bool
	}{
		{"", "", true},
		{"cursor=MjAyNi0wMS0wMVQwMDowMDowMFp8YWJj", "MjAyNi0wMS0wMVQwMDowMDowMFp8YWJj", true},
		{"cursor=a%7Cb", "a|b", true},
		{"cursor=", "", false},
		{"cursor=a&cursor=b", "", false},
		{"cursor=" + strings.Repeat("a", maxCursorLen), strings.Repeat("a", maxCursorLen), true},
		{"cursor=" + strings.Repeat("a", maxCursorLen+1), "", false},
		{"cursor=a%20b", "", false},
		{"cursor=a%0Ab", "", false},
		{"cursor=%C3%A9", "", false},
	}
	for _, c := range cases {
		q, _ := url.ParseQuery(c.query)
		got, ok := pageCursor(q)
		if got != c.want || ok != c.ok {
			t.Errorf("pageCursor(%q) = %q, %v; want %q, %v", c.query, got, ok, c.want, c.ok)
		}
		if ok && got != "" && pageURL("/x", got) != "/x?cursor="+url.QueryEscape(got) {
			t.Errorf("pageURL does not round-trip %q", got)
		}
	}
}

func TestAfterBlock(t *testing.T) {
	cases := []struct {
		query string
		want  uint64
		ok    bool
	}{
		{"", 0, false},
		{"block=12", 12, true},
		{"block=0", 0, false},
		{"block=-1", 0, false},
		{"block=0x10", 0, false},
		{"block=18446744073709551615", 18446744073709551615, true},
		{"block=18446744073709551616", 0, false},
		{"block=" + strings.Repeat("1", 21), 0, false},
	}
	for _, c := range cases {
		q, _ := url.ParseQuery(c.query)
		got, ok := afterBlock(q)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("afterBlock(%q) = %d, %v; want %d, %v", c.query, got, ok, c.want, c.ok)
		}
	}
}

func TestPathGrantID(t *testing.T) {
	for raw, want := range map[string]string{
		"Abc_-09xyzXYZ123456789012": "Abc_-09xyzXYZ123456789012",
		"":                          "",
		"a/b":                       "",
		"a b":                       "",
		"é":                         "",
		strings.Repeat("a", 128):    strings.Repeat("a", 128),
		strings.Repeat("a", 129):    "",
	} {
		if got := pathGrantID(raw); got != want {
			t.Errorf("pathGrantID(%q) = %q, want %q", raw, got, want)
		}
	}
}

// FuzzDashboardQueries: no form or query string makes the parsers panic, and what
// they accept is within their rules.
func FuzzDashboardQueries(f *testing.F) {
	for _, s := range []string{
		"action=add&address=" + formAddr + "&purpose=2",
		"action=remove&key=" + formKey + "&purpose=4",
		"cursor=abc&block=12",
		"cursor=%00&block=-1&action=%ff",
		"action=add&address=0x&purpose=99999999999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		c, fields, err := parseWalletChange(q)
		if err == nil && fields == nil {
			if c.Purpose < 1 || c.Purpose > 4 || (c.Add && c.Purpose > 3) || (!c.Add && c.Key == (common.Hash{}) && !strings.Contains(q.Get("key"), "00000000")) {
				t.Fatalf("accepted %+v from %q", c, raw)
			}
		}
		if cur, ok := pageCursor(q); ok && len(cur) > maxCursorLen {
			t.Fatalf("accepted a cursor of %d bytes", len(cur))
		}
		if n, ok := afterBlock(q); ok && n == 0 {
			t.Fatal("accepted block 0")
		}
		_ = pathGrantID(raw)
	})
}
