package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web/httperr"
)

//go:embed static
var staticFiles embed.FS

// staticType names the Content-Type of every kind of file under static/; a file of
// another kind makes NewStatic fail, so nothing is ever served with a guessed type.
func staticType(name string) (string, bool) {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8", true
	case ".js":
		return "text/javascript; charset=utf-8", true
	case ".svg":
		return "image/svg+xml", true
	case ".png":
		return "image/png", true
	}
	return "", false
}

// Static serves the embedded web/static files at /static/. Pages link them as
// /static/<name>?v=<content hash>: a request carrying the current hash may be cached
// for a year, any other is revalidated, so a new release is picked up at once.
type Static struct {
	files map[string]staticFile
	log   *slog.Logger
}

type staticFile struct {
	body        []byte
	hash        string
	contentType string
}

// NewStatic reads and hashes the embedded files. log receives render failures (nil
// discards them).
func NewStatic(log *slog.Logger) (*Static, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Static{files: map[string]staticFile{}, log: log}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ct, ok := staticType(p)
		if !ok {
			return fmt.Errorf("web: static file %s has no known content type", p)
		}
		body, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		s.files[strings.TrimPrefix(p, "static/")] = staticFile{body, hex.EncodeToString(sum[:6]), ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	return s, nil
}

// Path returns the versioned URL of a static file, or the plain one if the file is
// unknown (it then answers 404, which a page test notices).
func (s *Static) Path(name string) string {
	if f, ok := s.files[name]; ok {
		return "/static/" + name + "?v=" + f.hash
	}
	return "/static/" + name
}

// Mount registers GET /static/.
func (s *Static) Mount(mux *http.ServeMux) { mux.HandleFunc("GET /static/", s.serve) }

func (s *Static) serve(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	f, ok := s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", `"`+f.hash+`"`)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
}

// Render writes a page: it renders into a buffer first, so a failing component
// yields a clean 500 instead of half a page, then sends it with the given status.
// Pages are never cached: they carry a per-request nonce and per-user content.
func (s *Static) Render(w http.ResponseWriter, r *http.Request, status int, page templ.Component) {
	var buf bytes.Buffer
	ctx := templates.WithAssets(r.Context(), s.Path)
	if err := page.Render(ctx, &buf); err != nil {
		s.log.ErrorContext(r.Context(), "render page", "route", r.Pattern, "request_id", httperr.RequestID(r.Context()), "err", err)
		// Not the error page: rendering is what failed.
		http.Error(w, "internal error (request id "+httperr.RequestID(r.Context())+")", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
