package vault_test

import (
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/vault"
)

// TestMLKEM768KeyGenVectors derives every ML-KEM-768 key pair of the NIST
// ACVP FIPS 203 keyGen vectors that circl ships, through vault's own
// NewKeyFromSeed (d ‖ z), and compares both keys byte for byte.
func TestMLKEM768KeyGenVectors(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cloudflare/circl").Output()
	if err != nil {
		t.Fatalf("find the circl module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "kem", "mlkem", "testdata", "ML-KEM-keyGen-FIPS203")
	var prompt struct {
		TestGroups []struct {
			TgID         int    `json:"tgId"`
			ParameterSet string `json:"parameterSet"`
			Tests        []struct {
				TcID int    `json:"tcId"`
				Z    string `json:"z"`
				D    string `json:"d"`
			} `json:"tests"`
		} `json:"testGroups"`
	}
	var results struct {
		TestGroups []struct {
			Tests []struct {
				TcID int    `json:"tcId"`
				Ek   string `json:"ek"`
				Dk   string `json:"dk"`
			} `json:"tests"`
		} `json:"testGroups"`
	}
	readGz(t, filepath.Join(dir, "prompt.json.gz"), &prompt)
	readGz(t, filepath.Join(dir, "expectedResults.json.gz"), &results)
	want := map[int][2]string{}
	for _, g := range results.TestGroups {
		for _, tc := range g.Tests {
			want[tc.TcID] = [2]string{tc.Ek, tc.Dk}
		}
	}
	n := 0
	for _, g := range prompt.TestGroups {
		if g.ParameterSet != "ML-KEM-768" {
			continue
		}
		for _, tc := range g.Tests {
			k, err := vault.NewKeyFromSeed(append(unhex(t, tc.D), unhex(t, tc.Z)...))
			if err != nil {
				t.Fatal(err)
			}
			w := want[tc.TcID]
			if !bytes.Equal(k.Public().Bytes(), unhex(t, w[0])) || !bytes.Equal(k.MarshalBinary(), unhex(t, w[1])) {
				t.Fatalf("tcId %d: keys differ from the vector", tc.TcID)
			}
			if _, err := vault.ParsePublicKey(unhex(t, w[0])); err != nil {
				t.Fatalf("tcId %d: %v", tc.TcID, err)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no ML-KEM-768 vector was read")
	}
	t.Logf("%d ML-KEM-768 keyGen vectors", n)
}

func readGz(t *testing.T, path string, v any) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.NewDecoder(zr).Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
