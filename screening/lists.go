package screening

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// ListStore is where list sources and versions are recorded.
type ListStore interface {
	ScreeningSources(ctx context.Context) ([]string, error)
	PutListVersion(ctx context.Context, v store.ListVersion) error
}

// ListsConfig wires Lists.
type ListsConfig struct {
	// Sources are the lists the node was started with (--screening-list);
	// those recorded in Store (idconnect screening load) are added.
	Sources []string
	Store   ListStore
	Client  *http.Client // for URL sources; default a 2-minute-timeout client
	Clock   func() time.Time
	Log     *slog.Logger
}

// Lists holds the list versions a node serves and the index over them.
// Refresh loads a source again when its content changed, as a new
// version, without a restart; a version that fails to parse is reported
// and the previous one keeps serving.
type Lists struct {
	cfg ListsConfig
	// mu serializes refreshes; readers only load index.
	mu      sync.Mutex
	serving map[string]*List  // by source
	seen    map[string]stamp  // what each source looked like when last read
	failed  map[string]string // by source: the last failure, until it loads again
	known   []string          // the sources of the last refresh
	index   atomic.Pointer[Index]
}

// stamp is what tells, without reading it, that a source did not change:
// a file's size and modification time, a URL's validators.
type stamp struct {
	size    int64
	modTime time.Time
	etag    string
	lastMod string
}

// NewLists returns Lists serving no list yet; call Refresh.
func NewLists(cfg ListsConfig) *Lists {
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 2 * time.Minute}
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	l := &Lists{cfg: cfg, serving: map[string]*List{}, seen: map[string]stamp{}, failed: map[string]string{}}
	l.index.Store(NewIndex())
	return l
}

// Index is the index over the versions being served.
func (l *Lists) Index() *Index { return l.index.Load() }

// Refresh reads every source whose content may have changed, and swaps
// in a new index when one did. It reports whether the served versions
// changed. A source that cannot be read or parsed keeps its previous
// version; its error is recorded and returned joined with the others.
func (l *Lists) Refresh(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sources, err := l.sources(ctx)
	if err != nil {
		return false, err
	}
	l.known = sources
	changed := false
	var errs []error
	for _, src := range sources {
		c, err := l.refreshOne(ctx, src)
		changed = changed || c
		if err != nil {
			errs = append(errs, err)
		}
	}
	// A source removed from the store stops being served.
	for src := range l.serving {
		if !contains(sources, src) {
			delete(l.serving, src)
			delete(l.seen, src)
			changed = true
		}
	}
	if changed {
		lists := make([]*List, 0, len(l.serving))
		for _, src := range sources {
			if v := l.serving[src]; v != nil {
				lists = append(lists, v)
			}
		}
		l.index.Store(NewIndex(lists...))
	}
	return changed, errors.Join(errs...)
}

func (l *Lists) sources(ctx context.Context) ([]string, error) {
	out := append([]string(nil), l.cfg.Sources...)
	if l.cfg.Store != nil {
		stored, err := l.cfg.Store.ScreeningSources(ctx)
		if err != nil {
			return nil, fmt.Errorf("screening: list sources: %w", err)
		}
		for _, s := range stored {
			if !contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// refreshOne loads src again unless its stamp says it is unchanged.
func (l *Lists) refreshOne(ctx context.Context, src string) (bool, error) {
	body, st, err := open(ctx, l.cfg.Client, src, l.seen[src])
	if errors.Is(err, errUnchanged) {
		return false, nil
	}
	if err != nil {
		return false, l.fail(ctx, src, store.ListVersion{Source: src, Name: ListName(src)}, err)
	}
	defer body.Close()
	list, err := ReadList(ListName(src), src, body, l.cfg.Clock())
	if err != nil {
		// Remembered, so that the same bad version is not read and parsed
		// again at every refresh; a new one is.
		l.seen[src] = st
		v := store.ListVersion{Source: src, Name: ListName(src), LoadedAt: l.cfg.Clock()}
		var pe *ParseError
		if errors.As(err, &pe) {
			v.Format = string(pe.Format)
		}
		return false, l.fail(ctx, src, v, err)
	}
	l.seen[src] = st
	delete(l.failed, src)
	if old := l.serving[src]; old != nil && old.Hash == list.Hash {
		return false, nil // touched, not changed
	}
	l.serving[src] = list
	v := store.ListVersion{Source: src, Name: list.Name, Format: string(list.Format), Hash: list.Hash,
		Entities: len(list.Entities), LoadedAt: list.LoadedAt}
	if err := l.record(ctx, v); err != nil {
		return true, err
	}
	l.cfg.Log.Info("screening list loaded", "source", src, "format", list.Format, "entities", len(list.Entities),
		"hash", common.Hash(list.Hash).Hex())
	return true, nil
}

// fail records a failed load; the previous version keeps serving.
func (l *Lists) fail(ctx context.Context, src string, v store.ListVersion, cause error) error {
	err := fmt.Errorf("screening: list %s: %w", src, cause)
	if l.failed[src] == cause.Error() {
		return err // reported already
	}
	l.failed[src] = cause.Error()
	if v.LoadedAt.IsZero() {
		v.LoadedAt = l.cfg.Clock()
	}
	v.Error = cause.Error()
	// A failure has no content hash; its record is keyed by when it happened.
	v.Hash = common.BytesToHash([]byte(fmt.Sprintf("failed %d", v.LoadedAt.UnixNano())))
	if rerr := l.record(ctx, v); rerr != nil {
		return errors.Join(err, rerr)
	}
	l.cfg.Log.Warn("screening list not loaded; the previous version keeps serving", "source", src, "err", cause)
	return err
}

func (l *Lists) record(ctx context.Context, v store.ListVersion) error {
	if l.cfg.Store == nil {
		return nil
	}
	err := l.cfg.Store.PutListVersion(ctx, v)
	if errors.Is(err, store.ErrAlreadyExists) {
		return nil // another node recorded this version first
	}
	if err != nil {
		return fmt.Errorf("screening: record list version: %w", err)
	}
	return nil
}

// Versions names the versions being served, "name@hash" (the hash's
// first 8 bytes) sorted and joined by spaces: a screening run records it,
// so a change of lists is a change of this string.
func (l *Lists) Versions() string {
	return l.Index().Versions()
}

// Versions is Lists.Versions for one index.
func (ix *Index) Versions() string {
	var vs []string
	for _, list := range ix.Lists() {
		vs = append(vs, fmt.Sprintf("%s@%x", list.Name, list.Hash[:8]))
	}
	sort.Strings(vs)
	return strings.Join(vs, " ")
}

// Missing returns the sources that serve no version: they never loaded.
// Screening refuses to call anyone clean while a list it was given is
// missing.
func (l *Lists) Missing() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, src := range l.known {
		if l.serving[src] == nil {
			out = append(out, src)
		}
	}
	return out
}

// Failures returns the sources whose last load failed, with why.
func (l *Lists) Failures() map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]string, len(l.failed))
	for k, v := range l.failed {
		out[k] = v
	}
	return out
}

var errUnchanged = errors.New("unchanged")

// open opens a source, a local path or an http(s) URL, unless its stamp
// shows it unchanged since last (errUnchanged).
func open(ctx context.Context, client *http.Client, src string, last stamp) (io.ReadCloser, stamp, error) {
	if u, err := url.Parse(src); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return openURL(ctx, client, src, last)
	}
	fi, err := os.Stat(src)
	if err != nil {
		return nil, stamp{}, err
	}
	st := stamp{size: fi.Size(), modTime: fi.ModTime()}
	if st == last {
		return nil, st, errUnchanged
	}
	f, err := os.Open(src)
	return f, st, err
}

func openURL(ctx context.Context, client *http.Client, src string, last stamp) (io.ReadCloser, stamp, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, stamp{}, err
	}
	if last.etag != "" {
		req.Header.Set("If-None-Match", last.etag)
	}
	if last.lastMod != "" {
		req.Header.Set("If-Modified-Since", last.lastMod)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, stamp{}, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return resp.Body, stamp{etag: resp.Header.Get("ETag"), lastMod: resp.Header.Get("Last-Modified")}, nil
	case http.StatusNotModified:
		resp.Body.Close()
		return nil, last, errUnchanged
	default:
		resp.Body.Close()
		return nil, stamp{}, fmt.Errorf("GET answered %s", resp.Status)
	}
}

// ListName is the name hits give a list: its file name.
func ListName(src string) string {
	if u, err := url.Parse(src); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		if b := path.Base(u.Path); b != "" && b != "/" && b != "." {
			return b
		}
		return u.Host
	}
	return filepath.Base(src)
}
