package faults

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The slow-client test's timeouts: short, so that the test is.
const (
	headerTimeout = time.Second
	readTimeout   = 2 * time.Second
	// slack is how late a cut may come: the server's timers and two
	// shared cores.
	slack = 1500 * time.Millisecond
)

// TestSlowClients runs the binary with short --read-header-timeout and
// --read-timeout and holds connections open the ways a slowloris does: a
// silent connection, headers sent a byte at a time, a body sent a byte at
// a time. Each is cut off by its timeout, and while they trickle the
// server keeps answering everyone else.
func TestSlowClients(t *testing.T) {
	srv := shared.startServer(t, shared.serverArgs(t, filepath.Join(t.TempDir(), "idconnect.db"), shared.env(t).geth.WSURL,
		"--read-header-timeout", headerTimeout.String(), "--read-timeout", readTimeout.String())...)
	form := "grant_type=refresh_token&client_id=slow&refresh_token=" + strings.Repeat("a", 100)
	cases := []struct {
		name    string
		head    string // sent at once
		trickle string // then one byte every 200ms
		limit   time.Duration
	}{
		{"silent", "", "", headerTimeout},
		{"slow headers", "GET /healthz HTTP/1.1\r\nHost: " + srv.Addr + "\r\n", "X-Slow: " + strings.Repeat("a", 100) + "\r\n\r\n", headerTimeout},
		// The token endpoint reads the whole form before it looks at it.
		{"slow body", "POST /oauth2/token HTTP/1.1\r\nHost: " + srv.Addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
			"Content-Length: " + fmt.Sprint(len(form)) + "\r\n\r\n", form, readTimeout},
	}
	type result struct {
		name    string
		took    time.Duration
		sent    int
		answer  string
		stalled bool
	}
	results := make(chan result, 30)
	var wg sync.WaitGroup
	for _, c := range cases {
		for range 5 {
			wg.Go(func() {
				took, sent, answer, stalled := trickle(t, srv.Addr, c.head, c.trickle, c.limit+slack+time.Second)
				results <- result{c.name, took, sent, answer, stalled}
			})
		}
	}
	// Everyone else is still served while the slow clients hold their
	// connections.
	hc := &http.Client{Timeout: 2 * time.Second}
	for range 10 {
		resp, err := hc.Get(srv.URL + "/healthz")
		if err != nil {
			t.Errorf("/healthz while slow clients trickle: %v", err)
		} else {
			resp.Body.Close()
		}
		time.Sleep(150 * time.Millisecond)
	}
	wg.Wait()
	close(results)
	limits := map[string]time.Duration{}
	for _, c := range cases {
		limits[c.name] = c.limit
	}
	for r := range results {
		switch {
		case r.stalled:
			t.Errorf("%s: never cut off (%d bytes trickled over %v)", r.name, r.sent, r.took.Round(time.Millisecond))
		case r.took > limits[r.name]+slack:
			t.Errorf("%s: cut off after %v, want about %v", r.name, r.took.Round(time.Millisecond), limits[r.name])
		case strings.HasPrefix(r.answer, "HTTP/1.1 2"):
			t.Errorf("%s: answered %q", r.name, firstLine(r.answer))
		default:
			t.Logf("%s: cut off after %v (%d bytes sent; answer %q)", r.name, r.took.Round(time.Millisecond), r.sent, firstLine(r.answer))
		}
	}
}

// trickle connects, sends head, then trickle one byte every 200ms, and
// reports how long until the server closed the connection, what it sent
// back, and whether it was still open at give-up.
func trickle(t *testing.T, addr, head, trickle string, giveUp time.Duration) (took time.Duration, sent int, answer string, stalled bool) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return 0, 0, "", false
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan string, 1)
	go func() { // the server closing (after a 408, or not) ends the read
		b, _ := io.ReadAll(conn)
		closed <- string(b)
	}()
	if _, err := io.WriteString(conn, head); err != nil {
		return time.Since(start), 0, "", false
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case answer := <-closed:
			return time.Since(start), sent, answer, false
		case <-tick.C:
			if time.Since(start) > giveUp {
				return time.Since(start), sent, "", true
			}
			if sent < len(trickle) {
				if _, err := conn.Write([]byte{trickle[sent]}); err == nil {
					sent++
				}
			}
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\r\n")
	return line
}
