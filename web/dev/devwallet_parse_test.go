package dev

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

const parseAddr = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

func TestParseSignRequest(t *testing.T) {
	cases := []struct {
		name, body string
		msg        string // "" when the request must be refused
	}{
		{"text", `{"address":"` + parseAddr + `","message":"hello"}`, "hello"},
		{"lower-case address", `{"address":"` + strings.ToLower(parseAddr) + `","message":"hello"}`, "hello"},
		{"hex", `{"address":"` + parseAddr + `","message":"0x68656c6c6f"}`, "hello"},
		{"upper hex digits", `{"address":"` + parseAddr + `","message":"0x68656C6C6F"}`, "hello"},
		{"odd hex is text", `{"address":"` + parseAddr + `","message":"0x686"}`, "0x686"},
		{"0X is text", `{"address":"` + parseAddr + `","message":"0X68"}`, "0X68"},
		{"unicode text", `{"address":"` + parseAddr + `","message":"grüße ✓"}`, "grüße ✓"},
		{"bare 0x is empty", `{"address":"` + parseAddr + `","message":"0x"}`, ""},
		{"empty", `{"address":"` + parseAddr + `","message":""}`, ""},
		{"null message", `{"address":"` + parseAddr + `","message":null}`, ""},
		{"no address", `{"message":"hello"}`, ""},
		{"short address", `{"address":"0x5aAeb6","message":"hello"}`, ""},
		{"address without 0x", `{"address":"` + parseAddr[2:] + `","message":"hello"}`, ""},
		{"number address", `{"address":5,"message":"hello"}`, ""},
		{"unknown field", `{"address":"` + parseAddr + `","message":"hello","x":1}`, ""},
		{"array", `[]`, ""},
		{"trailing value", `{"address":"` + parseAddr + `","message":"hello"} 1`, ""},
		{"not JSON", `address=` + parseAddr, ""},
		{"too long", `{"address":"` + parseAddr + `","message":"` + strings.Repeat("a", devWalletMaxMessage+1) + `"}`, ""},
	}
	for _, c := range cases {
		addr, msg, err := parseSignRequest([]byte(c.body))
		if c.msg == "" {
			if err == nil || !errors.Is(err, ErrBadSignRequest) {
				t.Errorf("%s: err %v, want ErrBadSignRequest", c.name, err)
			}
			continue
		}
		if err != nil || addr != common.HexToAddress(parseAddr) || string(msg) != c.msg {
			t.Errorf("%s: %s %q %v", c.name, addr.Hex(), msg, err)
		}
	}
}

func FuzzParseSignRequest(f *testing.F) {
	f.Add([]byte(`{"address":"` + parseAddr + `","message":"hello"}`))
	f.Add([]byte(`{"address":"` + parseAddr + `","message":"0x68656c6c6f"}`))
	f.Add([]byte(`{"address":null,"message":"0x"}`))
	f.Add([]byte(`[{"address":1}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		addr, msg, err := parseSignRequest(body)
		if err != nil {
			if !errors.Is(err, ErrBadSignRequest) {
				t.Fatalf("error %v is not ErrBadSignRequest", err)
			}
			return
		}
		if len(msg) == 0 || len(msg) > devWalletMaxMessage {
			t.Fatalf("accepted a message of %d bytes", len(msg))
		}
		// What was accepted must be the document's own fields.
		var doc struct{ Address, Message string }
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("accepted %q, which does not decode: %v", body, err)
		}
		if addr != common.HexToAddress(doc.Address) {
			t.Fatalf("address %s from %q", addr.Hex(), doc.Address)
		}
		if hex, err := hexutil.Decode(doc.Message); string(msg) != doc.Message && (err != nil || string(hex) != string(msg)) {
			t.Fatalf("message %q from %q", msg, doc.Message)
		}
	})
}

func TestParseDevWalletFile(t *testing.T) {
	const key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	const addr = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"
	entry := func(a, k string) string { return `{"address":"` + a + `","private_key":"` + k + `"}` }
	cases := []struct {
		name, file string
		n          int // keys read; -1 when the file must be refused
	}{
		{"empty list", `{"accounts":[]}`, 0},
		{"one key", `{"accounts":[` + entry(addr, key) + `]}`, 1},
		{"lower-case address", `{"accounts":[` + entry(strings.ToLower(addr), key) + `]}`, 1},
		{"address of another key", `{"accounts":[` + entry(parseAddr, key) + `]}`, -1},
		{"duplicate", `{"accounts":[` + entry(addr, key) + `,` + entry(addr, key) + `]}`, -1},
		{"short key", `{"accounts":[` + entry(addr, key[:40]) + `]}`, -1},
		{"zero key", `{"accounts":[` + entry(addr, "0x"+strings.Repeat("0", 64)) + `]}`, -1},
		{"key above the curve order", `{"accounts":[` + entry(addr, "0x"+strings.Repeat("f", 64)) + `]}`, -1},
		{"unknown field", `{"accounts":[],"chain_id":1}`, -1},
		{"not JSON", `accounts`, -1},
	}
	for _, c := range cases {
		keys, err := parseDevWalletFile([]byte(c.file))
		if c.n < 0 {
			if !errors.Is(err, ErrDevWalletFile) {
				t.Errorf("%s: err %v, want ErrDevWalletFile", c.name, err)
			}
			continue
		}
		if err != nil || len(keys) != c.n {
			t.Errorf("%s: %d keys, %v", c.name, len(keys), err)
		}
	}
}

func FuzzParseDevWalletFile(f *testing.F) {
	f.Add([]byte(`{"accounts":[{"address":"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23","private_key":"0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"}]}`))
	f.Add([]byte(`{"accounts":[]}`))
	f.Add([]byte(`{"accounts":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := parseDevWalletFile(data)
		if err != nil {
			if !errors.Is(err, ErrDevWalletFile) {
				t.Fatalf("error %v is not ErrDevWalletFile", err)
			}
			return
		}
		if len(keys) > DevWalletMaxAccounts {
			t.Fatalf("%d keys accepted", len(keys))
		}
	})
}
