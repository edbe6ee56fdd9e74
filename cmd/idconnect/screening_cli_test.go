package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runWithInput runs the command line with stdin as standard input.
func runWithInput(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := newApp(&out, &errOut)
	app.Reader = strings.NewReader(stdin)
	err := app.Run(context.Background(), append([]string{"idconnect"}, args...))
	return out.String(), err
}

type checkOut struct {
	Hits []struct {
		List, Entity, Field, Reason string
		Score                       float64
	}
	Error string
}

// TestScreeningCommands: `screening load` checks and records a list;
// `screening check` answers as pinned for a name, an address and a batch
// on standard input; a malformed list is refused with its line, and
// nothing is recorded.
func TestScreeningCommands(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	fixtures, err := filepath.Abs("../../screening/testdata/lists")
	if err != nil {
		t.Fatal(err)
	}
	var loaded struct {
		Source, Name, Format, Hash string
		Entities                   int
	}
	out, err := runPlain(t, "screening", "load", "--dev", "--data-dir", dataDir, "--json", filepath.Join(fixtures, "opensanctions.ftm.json"))
	if err != nil || json.Unmarshal([]byte(out), &loaded) != nil || loaded.Format != "ftm" || loaded.Entities == 0 || len(loaded.Hash) != 66 {
		t.Fatalf("load: %q, %v", out, err)
	}
	if _, err := runPlain(t, "screening", "load", "--dev", "--data-dir", dataDir, filepath.Join(fixtures, "addresses.csv")); err != nil {
		t.Fatal(err)
	}

	// A name, in another script: the pinned shape, nothing else.
	out, err = runPlain(t, "screening", "check", "--dev", "--data-dir", dataDir, "--json", "--name", "Аркадий Зорин")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw) != 1 || len(raw["hits"]) == 0 {
		t.Fatalf("check --name: %q, %v", out, err)
	}
	for _, h := range raw["hits"] {
		if len(h) != 5 || h["list"] == nil || h["entity"] == nil || h["field"] == nil || h["score"] == nil || h["reason"] == nil {
			t.Fatalf("hit %v is not {list, entity, field, score, reason}", h)
		}
	}
	if h := raw["hits"][0]; h["list"] != "opensanctions.ftm.json" || h["entity"] != "NK-3ZrQw8Vt5Hn2Kp7Lx4Ym9B" || h["score"].(float64) < 0.85 {
		t.Fatalf("best hit %v", h)
	}

	// An address, in lower case, listed in both lists.
	out, err = runPlain(t, "screening", "check", "--dev", "--data-dir", dataDir, "--json", "--address", "0x24dcfdf5cc3c79e3fe58577481d2a98adb67182e")
	var got checkOut
	if err != nil || json.Unmarshal([]byte(out), &got) != nil || len(got.Hits) != 2 {
		t.Fatalf("check --address: %q, %v", out, err)
	}
	for _, h := range got.Hits {
		if h.Field != "address" || h.Score != 1 {
			t.Fatalf("address hit %+v", h)
		}
	}

	// The batch: one JSON line per query line, in order.
	in := "0x24dcFdF5Cc3c79E3fE58577481d2a98ADb67182E\nJane Q. Nobody\n\nArkady Zorin\t1975-04-12\tRU\n0x1234\n"
	out, err = runWithInput(t, in, "screening", "check", "--dev", "--data-dir", dataDir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d answers for 5 lines: %q", len(lines), out)
	}
	want := []func(checkOut) bool{
		func(c checkOut) bool { return len(c.Hits) == 2 && c.Error == "" },
		func(c checkOut) bool { return len(c.Hits) == 0 && c.Error == "" },
		func(c checkOut) bool { return len(c.Hits) == 0 && strings.Contains(c.Error, "line 3") },
		func(c checkOut) bool { return len(c.Hits) > 0 && c.Hits[0].Entity == "NK-3ZrQw8Vt5Hn2Kp7Lx4Ym9B" },
		func(c checkOut) bool { return len(c.Hits) == 0 && strings.Contains(c.Error, "line 5") },
	}
	for i, l := range lines {
		var c checkOut
		if err := json.Unmarshal([]byte(l), &c); err != nil || !want[i](c) {
			t.Errorf("line %d: %s", i+1, l)
		}
	}

	// --list alone, without a database.
	out, err = runPlain(t, "screening", "check", "--list", filepath.Join(fixtures, "sdn.xml"), "--json", "--threshold", "0.9", "--name", "Zorin Arkady")
	if err != nil || !strings.Contains(out, `"list":"sdn.xml"`) {
		t.Fatalf("check --list: %q, %v", out, err)
	}

	// A malformed list is refused, naming its line, and not recorded.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, []byte("<?xml version=\"1.0\"?>\n<sdnList>\n<sdnEntry><uid>1</uid>\n<lastName>X</lastName>\n</sdnList>\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = runPlain(t, "screening", "load", "--dev", "--data-dir", dataDir, bad)
	if err == nil || !strings.Contains(err.Error(), "line") {
		t.Fatalf("bad list: %v", err)
	}
	var ce *configError
	if _, err := runPlain(t, "screening", "check", "--name", "x"); !errors.As(err, &ce) {
		t.Fatalf("check with no lists: %v", err)
	}
	out, err = runPlain(t, "screening", "check", "--dev", "--data-dir", dataDir, "--json", "--name", "Zorin")
	if err != nil || strings.Contains(out, "bad.xml") {
		t.Fatalf("the refused list serves: %q, %v", out, err)
	}
}
