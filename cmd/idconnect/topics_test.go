package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type listedTopic struct {
	Number    uint64 `json:"number"`
	Name      string `json:"name"`
	Validity  string `json:"validity"`
	Rolling   bool   `json:"rolling"`
	Fields    []struct{ Name, Type string }
	Documents []struct {
		Name         string
		ContentTypes []string `json:"content_types"`
	}
}

// TestTopicsList: `topics list --json` prints the default catalogue; with
// --dev --data-dir it reads the dev server's topics.json; what it prints
// is what --topics reads; a bad catalogue is refused with what is wrong,
// by `topics list` and by `serve` alike.
func TestTopicsList(t *testing.T) {
	dir := t.TempDir()
	var def []listedTopic
	runCLIJSON(t, dir, &def, "topics", "list")
	if len(def) != 8 || def[0].Name != "KYC" || def[0].Validity != "P12M" || def[1].Validity != "P30D" || !def[1].Rolling || def[7].Validity != "P6M" {
		t.Fatalf("default catalogue: %+v", def)
	}
	if len(def[0].Documents) != 2 || def[0].Documents[0].Name != "id_document" || len(def[0].Fields) != 3 {
		t.Fatalf("KYC asks for %+v and %+v", def[0].Fields, def[0].Documents)
	}

	// The dev server's own catalogue: one added ONCHAINID topic.
	custom := `[{"number":1,"name":"KYC","validity":"P1Y","fields":[{"name":"full_name","label":"Full name","type":"text","required":true}]},
		{"number":10101000300003,"name":"AML_STATUS","validity":"P90D","rolling":true}]`
	if err := os.WriteFile(filepath.Join(dir, "topics.json"), []byte(custom), 0o600); err != nil {
		t.Fatal(err)
	}
	var got []listedTopic
	runCLIJSON(t, dir, &got, "topics", "list")
	if len(got) != 2 || got[1].Number != 10101000300003 || got[0].Validity != "P12M" || got[1].Validity != "P90D" {
		t.Fatalf("dev catalogue: %+v", got)
	}
	out, err := runCLI(t, dir, "topics", "list")
	if err != nil || !strings.Contains(out, "10101000300003") || !strings.Contains(out, "P90D rolling") {
		t.Fatalf("table: %q, %v", out, err)
	}

	// What --json prints, --topics reads back.
	printed := filepath.Join(t.TempDir(), "printed.json")
	var buf, errOut bytes.Buffer
	if err := newApp(&buf, &errOut).Run(context.Background(), []string{"idconnect", "topics", "list", "--json"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(printed, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var again []listedTopic
	runCLIJSON(t, dir, &again, "topics", "list", "--topics", printed)
	if len(again) != 8 {
		t.Fatalf("the printed catalogue read back as %d topics", len(again))
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`[{"number":3,"name":"Accreditation","validity":"12 months"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, dir, "topics", "list", "--topics", bad); err == nil || !strings.Contains(err.Error(), "ISO 8601") {
		t.Fatalf("a bad catalogue: %v", err)
	}
	cfg := serveConfig{Dev: true, Addr: "127.0.0.1:8080", CacheAge: time.Minute, DataDir: dir, TopicsFile: bad}
	if err := cfg.validate(); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Fatalf("serve with a bad catalogue: %v", err)
	}
}
