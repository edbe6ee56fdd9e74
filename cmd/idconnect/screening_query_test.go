package main

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestParseQueryLine: each line of `screening check`'s standard input is an
// address, or a name with an optional birth date and nationality; anything
// else gets an error naming the line, never a query.
func TestParseQueryLine(t *testing.T) {
	addr := common.HexToAddress("0x24dcFdF5Cc3c79E3fE58577481d2a98ADb67182E")
	tests := []struct {
		line string
		want checkQuery
		err  string
	}{
		{"0x24dcfdf5cc3c79e3fe58577481d2a98adb67182e", checkQuery{address: addr, byAddress: true}, ""},
		{"0X24DCFDF5CC3C79E3FE58577481D2A98ADB67182E\r", checkQuery{address: addr, byAddress: true}, ""},
		{"  Arkady Zorin  ", checkQuery{name: "Arkady Zorin"}, ""},
		{"Аркадий Зорин\t1975-04-12\tRU", checkQuery{name: "Аркадий Зорин", birth: "1975-04-12", nationality: "RU"}, ""},
		{"Zorin\t1975", checkQuery{name: "Zorin", birth: "1975"}, ""},
		{"", checkQuery{}, "line 7: empty query"},
		{"   \t1975", checkQuery{}, "line 7: empty query"},
		{"0x1234", checkQuery{}, "line 7: not a 0x address"},
		{"0x24dcfdf5cc3c79e3fe58577481d2a98adb67182e\t1975", checkQuery{}, "line 7: not a 0x address"},
		{"a\tb\tc\td", checkQuery{}, "line 7: more than three"},
	}
	for _, tc := range tests {
		got := parseQueryLine(tc.line, 7)
		switch {
		case tc.err != "" && !strings.HasPrefix(got.Error, tc.err):
			t.Errorf("%q: error %q, want %q", tc.line, got.Error, tc.err)
		case tc.err != "" && (got.q != checkQuery{} || got.Hits == nil):
			t.Errorf("%q: a refused line gave %+v", tc.line, got)
		case tc.err == "" && (got.Error != "" || got.q != tc.want):
			t.Errorf("%q: %+v, want %+v", tc.line, got, tc.want)
		}
	}
}

// FuzzParseQueryLine: any line is either a query or an error naming its
// line, never both, never neither, and never a panic.
func FuzzParseQueryLine(f *testing.F) {
	for _, s := range []string{"0x24dcfdf5cc3c79e3fe58577481d2a98adb67182e", "0x0000000000000000000000000000000000000000", "Ivan Petrov\t1970\tRU", "", "0x", "a\tb\tc\td"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got := parseQueryLine(line, 3)
		isQuery := got.q != checkQuery{}
		if isQuery == (got.Error != "") {
			t.Fatalf("%q: query %+v, error %q", line, got.q, got.Error)
		}
		if got.Error != "" && !strings.HasPrefix(got.Error, "line 3: ") {
			t.Fatalf("%q: error %q does not name the line", line, got.Error)
		}
		if got.q.byAddress && got.q.name != "" {
			t.Fatalf("%q: both an address and a name", line)
		}
	})
}
