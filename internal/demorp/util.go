package demorp

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strconv"
)

func random() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on Linux
	return base64.RawURLEncoding.EncodeToString(b)
}

func itoa(n int) string { return strconv.Itoa(n) }

func serveCSS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	_, _ = w.Write([]byte(css))
}

const css = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
header{border-bottom:1px solid #d0d7de;padding-bottom:.5rem;margin-bottom:1rem}.muted{color:#57606a}
fieldset{border:1px solid #d0d7de;border-radius:6px}label{display:block;margin:.3rem 0}
button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid #1f6feb;background:#fff;color:#1f6feb;cursor:pointer;margin:.2rem 0}
button.connect{background:#1f6feb;color:#fff}pre{background:#f6f8fa;padding:.8rem;border-radius:6px;overflow:auto}
.error{color:#cf222e}.status{font-weight:600}`
