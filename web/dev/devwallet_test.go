package dev_test

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/web/dev"
)

// seeded is a deterministic randomness source of 2000 distinct 32-byte blocks: the
// first is 32 bytes of b, and block i differs in its last two bytes.
func seeded(b byte) *bytes.Reader {
	src := bytes.Repeat([]byte{b}, 32*2000)
	for i := 1; i < 2000; i++ {
		src[32*i+30], src[32*i+31] = byte(i>>8), byte(i)
	}
	return bytes.NewReader(src)
}

// recoverSigner checks a personal_sign signature the way a verifier would.
func recoverSigner(t *testing.T, msg, sig []byte) common.Address {
	t.Helper()
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		t.Fatalf("signature %x: want 65 bytes with v 27 or 28", sig)
	}
	s := append([]byte(nil), sig...)
	s[64] -= 27
	pub, err := crypto.SigToPub(accounts.TextHash(msg), s)
	if err != nil {
		t.Fatal(err)
	}
	return crypto.PubkeyToAddress(*pub)
}

func TestDevWalletSignsAndPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dev", "wallet.json")
	d, err := dev.NewDevWallet(path, 1337, seeded(7))
	if err != nil {
		t.Fatal(err)
	}
	a, err := d.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.NewAccount()
	if err != nil || a == b {
		t.Fatalf("second account %s %v", b.Hex(), err)
	}
	if a != crypto.PubkeyToAddress(mustKey(t, bytes.Repeat([]byte{7}, 32)).PublicKey) {
		t.Error("keys do not come from the injected randomness")
	}
	msg := []byte("localhost wants you to sign in with your Ethereum account")
	sig, err := d.Sign(a, msg)
	if err != nil {
		t.Fatal(err)
	}
	if got := recoverSigner(t, msg, sig); got != a {
		t.Errorf("signature recovers to %s, want %s", got.Hex(), a.Hex())
	}
	if _, err := d.Sign(common.HexToAddress("0x1"), msg); !errors.Is(err, dev.ErrUnknownAccount) {
		t.Errorf("unknown account: %v", err)
	}

	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", st.Mode(), err)
	}
	again, err := dev.NewDevWallet(path, 1337, seeded(9))
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Accounts(); len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("reloaded accounts %v", got)
	}
	sig2, err := again.Sign(b, msg)
	if err != nil || recoverSigner(t, msg, sig2) != b {
		t.Errorf("reloaded key does not sign for %s: %v", b.Hex(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func mustKey(t *testing.T, b []byte) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDevWalletKeyFileProblems(t *testing.T) {
	dir := t.TempDir()
	d, err := dev.NewDevWallet(filepath.Join(dir, "w.json"), 1337, seeded(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.NewAccount(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(dir, "w.json"))
	if err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(string(good), d.Accounts()[0].Hex(), "0x0000000000000000000000000000000000000001", 1)
	for name, content := range map[string]string{"not JSON": "{", "address of another key": other} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := dev.NewDevWallet(p, 1337, seeded(3)); !errors.Is(err, dev.ErrDevWalletFile) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := dev.NewDevWallet(dir, 1337, seeded(3)); err == nil {
		t.Error("a directory was read as a key file")
	}
}

func TestDevWalletIsBounded(t *testing.T) {
	d, err := dev.NewDevWallet("", 1337, seeded(5))
	if err != nil {
		t.Fatal(err)
	}
	for range dev.DevWalletMaxAccounts {
		if _, err := d.NewAccount(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.NewAccount(); !errors.Is(err, dev.ErrTooManyAccounts) {
		t.Errorf("account %d: %v", dev.DevWalletMaxAccounts+1, err)
	}

	// A source that repeats itself must not yield the same account twice.
	rep, err := dev.NewDevWallet("", 1337, bytes.NewReader(bytes.Repeat([]byte{7}, 32*20)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rep.NewAccount(); err != nil {
		t.Fatal(err)
	}
	if a, err := rep.NewAccount(); err == nil || len(rep.Accounts()) != 1 {
		t.Errorf("repeated key accepted as %s", a.Hex())
	}
}

func devServer(t *testing.T) (*dev.DevWallet, http.Handler) {
	t.Helper()
	d, err := dev.NewDevWallet(filepath.Join(t.TempDir(), "w.json"), 1337, seeded(11))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	d.Mount(mux)
	return d, mux
}

func call(h http.Handler, method, path, body string) (int, map[string]string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]string
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func TestDevWalletEndpoints(t *testing.T) {
	d, h := devServer(t)
	code, acct := call(h, "POST", "/dev/wallet/accounts", "{}")
	if code != 201 || !common.IsHexAddress(acct["address"]) || d.Accounts()[0].Hex() != acct["address"] {
		t.Fatalf("accounts: %d %v", code, acct)
	}
	if code, out := call(h, "GET", "/dev/wallet/chain", ""); code != 200 || out["chainId"] != "0x539" {
		t.Errorf("chain: %d %v", code, out)
	}
	addr := common.HexToAddress(acct["address"])
	lower := strings.ToLower(acct["address"])
	text := "example.com wants you to sign in with your Ethereum account:\n" + acct["address"]
	cases := []struct {
		name, body string
		code       int
		errCode    string
		signed     []byte // what the signature must cover
	}{
		{"text message", jsonBody(lower, text), 200, "", []byte(text)},
		{"hex message, as wallets send it", jsonBody(acct["address"], hexutil.Encode([]byte(text))), 200, "", []byte(text)},
		{"0x but not hex is text", jsonBody(acct["address"], "0xyz"), 200, "", []byte("0xyz")},
		{"unknown account", jsonBody("0x000000000000000000000000000000000000dEaD", text), 404, "unknown_account", nil},
		{"bad address", jsonBody("0x12", text), 400, "bad_request", nil},
		{"empty message", jsonBody(lower, ""), 400, "bad_request", nil},
		{"missing message", `{"address":"` + lower + `"}`, 400, "bad_request", nil},
		{"unknown field", `{"address":"` + lower + `","message":"hi","chain":1}`, 400, "bad_request", nil},
		{"two values", jsonBody(lower, "hi") + "{}", 400, "bad_request", nil},
		{"too long", jsonBody(lower, strings.Repeat("a", 16<<10+1)), 400, "bad_request", nil},
		{"far too long", jsonBody(lower, strings.Repeat("a", 64<<10)), 413, "bad_request", nil},
	}
	for _, c := range cases {
		code, out := call(h, "POST", "/dev/wallet/sign", c.body)
		if code != c.code || out["error"] != c.errCode {
			t.Errorf("%s: %d %v, want %d %q", c.name, code, out, c.code, c.errCode)
			continue
		}
		if c.code != 200 {
			if out["message"] == "" {
				t.Errorf("%s: no message for people", c.name)
			}
			continue
		}
		sig, err := hexutil.Decode(out["signature"])
		if err != nil || recoverSigner(t, c.signed, sig) != addr {
			t.Errorf("%s: signature %q does not cover %q", c.name, out["signature"], c.signed)
		}
	}
}

func jsonBody(address, message string) string {
	b, _ := json.Marshal(map[string]string{"address": address, "message": message})
	return string(b)
}
