package screening_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// writeList writes content with a modification time of its own, so that
// the next Refresh sees a change even within the filesystem's clock tick.
func writeList(t *testing.T, path, content string, version int) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2030, 1, 1, 0, 0, version, 0, time.UTC)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

const (
	walletA = "0x52908400098527886E0F7030069857D2E4169EE7"
	walletB = "0x8617E340B3D01FA5F11F306F4090FD50E238070D"
)

// TestListsNewVersionAndBadList: a changed file loads as a new version
// without a restart; a version that fails to parse is reported with its
// line, recorded, and the previous version keeps serving.
func TestListsNewVersionAndBadList(t *testing.T) {
	s := openStore(t)
	path := filepath.Join(t.TempDir(), "addresses.csv")
	writeList(t, path, "address,id\n"+walletA+",A\n", 1)
	lists := screening.NewLists(screening.ListsConfig{Sources: []string{path}, Store: s})
	ctx := t.Context()
	if changed, err := lists.Refresh(ctx); err != nil || !changed {
		t.Fatalf("first load: %v, %v", changed, err)
	}
	v1 := lists.Versions()
	if hits := lists.Index().MatchAddress(common.HexToAddress(walletA)); len(hits) != 1 {
		t.Fatalf("v1 hits for A: %+v", hits)
	}
	// Unchanged: nothing is read again.
	if changed, err := lists.Refresh(ctx); err != nil || changed {
		t.Fatalf("unchanged refresh: %v, %v", changed, err)
	}

	writeList(t, path, "address,id\n"+walletA+",A\n"+walletB+",B\n", 2)
	if changed, err := lists.Refresh(ctx); err != nil || !changed {
		t.Fatalf("second version: %v, %v", changed, err)
	}
	v2 := lists.Versions()
	if v2 == v1 || len(lists.Index().MatchAddress(common.HexToAddress(walletB))) != 1 {
		t.Fatalf("v2 %q (v1 %q) does not serve B", v2, v1)
	}

	writeList(t, path, "address,id\n"+walletA+",A\n\"unterminated,quote\n", 3)
	changed, err := lists.Refresh(ctx)
	var pe *screening.ParseError
	if changed || !errors.As(err, &pe) || pe.Line == 0 {
		t.Fatalf("bad version: changed %v, err %v", changed, err)
	}
	if lists.Versions() != v2 || len(lists.Index().MatchAddress(common.HexToAddress(walletB))) != 1 {
		t.Fatal("a bad version replaced the one serving")
	}
	if f := lists.Failures()[path]; !strings.Contains(f, "line") {
		t.Fatalf("failure %q does not name the line", f)
	}
	versions, err := s.ListVersions(ctx, 10)
	if err != nil || len(versions) != 3 || versions[0].Error == "" || versions[1].Error != "" || versions[1].Entities != 2 {
		t.Fatalf("recorded versions %+v, %v", versions, err)
	}
	// Mended, it loads again.
	writeList(t, path, "address,id\n"+walletB+",B\n", 4)
	if changed, err := lists.Refresh(ctx); err != nil || !changed || len(lists.Failures()) != 0 {
		t.Fatalf("mended version: %v, %v, %v", changed, err, lists.Failures())
	}
}

// TestListsFromURL: a URL source is fetched again only when its
// validators say it changed.
func TestListsFromURL(t *testing.T) {
	var body atomic.Value
	body.Store("address\n" + walletA + "\n")
	var gets atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		b := body.Load().(string)
		etag := `"` + strings.Repeat("x", len(b)) + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		_, _ = w.Write([]byte(b))
	}))
	defer srv.Close()
	lists := screening.NewLists(screening.ListsConfig{Sources: []string{srv.URL + "/lists/addresses.csv"}})
	ctx := t.Context()
	if changed, err := lists.Refresh(ctx); err != nil || !changed {
		t.Fatalf("first: %v %v", changed, err)
	}
	if l := lists.Index().Lists(); len(l) != 1 || l[0].Name != "addresses.csv" {
		t.Fatalf("lists %+v", l)
	}
	if changed, err := lists.Refresh(ctx); err != nil || changed {
		t.Fatalf("not modified: %v %v", changed, err)
	}
	body.Store("address\n" + walletA + "\n" + walletB + "\n")
	if changed, err := lists.Refresh(ctx); err != nil || !changed {
		t.Fatalf("modified: %v %v", changed, err)
	}
	if gets.Load() != 3 {
		t.Fatalf("%d GETs, want 3", gets.Load())
	}
}

// TestListsMissingSource: a source that never loaded is reported as
// missing, so screening calls no one clean without it.
func TestListsMissingSource(t *testing.T) {
	good := filepath.Join(t.TempDir(), "good.csv")
	writeList(t, good, "address\n"+walletA+"\n", 1)
	gone := filepath.Join(t.TempDir(), "gone.csv")
	lists := screening.NewLists(screening.ListsConfig{Sources: []string{good, gone}})
	if _, err := lists.Refresh(t.Context()); err == nil {
		t.Fatal("a missing source was not reported")
	}
	if m := lists.Missing(); len(m) != 1 || m[0] != gone {
		t.Fatalf("missing %v", m)
	}
}
