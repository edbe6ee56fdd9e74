package main

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadResponse(t *testing.T) {
	for _, c := range []struct {
		name, in  string
		status    int
		keepAlive bool
		rest      string // what must be left unread: the next response
		err       error
	}{
		{"ok", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}NEXT", 200, true, "NEXT", nil},
		{"no reason", "HTTP/1.1 401\r\ncontent-length: 0\r\n\r\n", 401, true, "", nil},
		{"close", "HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc", 503, false, "", nil},
		{"spaces", "HTTP/1.1 200 OK\r\nContent-Length:   5  \r\n\r\nhello", 200, true, "", nil},
		{"same length twice", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 200, true, "", nil},
		{"two lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx", 0, false, "", errResponse},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 0, false, "", errResponse},
		{"no length", "HTTP/1.1 200 OK\r\n\r\n", 0, false, "", errResponse},
		{"negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, false, "", errResponse},
		{"huge length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n", 0, false, "", errResponse},
		{"HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 0, false, "", errResponse},
		{"bad code", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", 0, false, "", errResponse},
		{"short code", "HTTP/1.1 20\r\n\r\n", 0, false, "", errResponse},
		{"code run-on", "HTTP/1.1 2000 OK\r\n\r\n", 0, false, "", errResponse},
		{"code 099", "HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n", 0, false, "", errResponse},
		{"bare LF", "HTTP/1.1 200 OK\nContent-Length: 0\n\n", 0, false, "", errResponse},
		{"header without colon", "HTTP/1.1 200 OK\r\nBroken\r\n\r\n", 0, false, "", errResponse},
		{"truncated body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 0, false, "", io.EOF},
		{"truncated headers", "HTTP/1.1 200 OK\r\nContent-Len", 0, false, "", io.ErrUnexpectedEOF},
		{"empty", "", 0, false, "", io.EOF},
		{"many headers", "HTTP/1.1 200 OK\r\n" + strings.Repeat("X: y\r\n", maxHeaderLines+1) + "Content-Length: 0\r\n\r\n", 0, false, "", errResponse},
	} {
		t.Run(c.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(c.in), 64)
			status, keep, err := readResponse(br)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if status != c.status || keep != c.keepAlive {
				t.Fatalf("= %d, %v; want %d, %v", status, keep, c.status, c.keepAlive)
			}
			if rest, _ := io.ReadAll(br); err == nil && string(rest) != c.rest {
				t.Fatalf("left %q unread, want %q", rest, c.rest)
			}
		})
	}
}

// FuzzReadResponse: any input yields a status in 100-999 and no error, or an
// error; never a panic, and never more than the declared body consumed.
func FuzzReadResponse(f *testing.F) {
	f.Add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}rest")
	f.Add("HTTP/1.1 401\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
	f.Add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
	f.Add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab")
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReaderSize(strings.NewReader(in), 64)
		status, _, err := readResponse(br)
		if err == nil && (status < 100 || status > 999) {
			t.Fatalf("status %d accepted", status)
		}
		if err != nil && status != 0 {
			t.Fatalf("status %d with error %v", status, err)
		}
	})
}
