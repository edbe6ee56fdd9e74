package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// rawConn is one kept-alive HTTP/1.1 connection that sends the same GET
// again and again. net/http's client costs the load generator several
// times what the server spends on a /userinfo read, which on a two-core
// machine measures the generator; this costs a write and a read.
type rawConn struct {
	addr string
	req  []byte
	c    net.Conn
	br   *bufio.Reader
	// deadline is the one set on c. Moving it costs two timer updates in
	// the runtime, so it is moved only once it is a second short of what
	// a request asks for.
	deadline time.Time
}

func newRawConn(addr, path, token string) *rawConn {
	req := fmt.Appendf(nil, "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nUser-Agent: loadrun\r\n\r\n", path, addr, token)
	return &rawConn{addr: addr, req: req}
}

// do sends the request and returns the response's status, redialling once
// the server has closed the connection.
func (rc *rawConn) do(deadline time.Time) (int, error) {
	if rc.c == nil {
		c, err := net.DialTimeout("tcp", rc.addr, 5*time.Second)
		if err != nil {
			return 0, err
		}
		rc.c, rc.br, rc.deadline = c, bufio.NewReaderSize(c, 16<<10), time.Time{}
	}
	if rc.deadline.Before(deadline.Add(-time.Second)) {
		_ = rc.c.SetDeadline(deadline)
		rc.deadline = deadline
	}
	if _, err := rc.c.Write(rc.req); err != nil {
		rc.close()
		return 0, err
	}
	status, keep, err := readResponse(rc.br)
	if err != nil || !keep {
		rc.close()
	}
	return status, err
}

func (rc *rawConn) close() {
	if rc.c != nil {
		_ = rc.c.Close()
		rc.c, rc.br = nil, nil
	}
}

// Limits of what readResponse accepts.
const (
	maxHeaderLines = 100
	maxBody        = 16 << 20
)

var errResponse = errors.New("malformed HTTP response")

// readResponse reads one HTTP/1.1 response whose body has a Content-Length,
// discards the body, and reports the status and whether the connection may
// be reused. Chunked bodies are refused: the server sends small JSON bodies
// with a length.
func readResponse(br *bufio.Reader) (status int, keepAlive bool, err error) {
	line, err := readLine(br)
	if err != nil {
		return 0, false, err
	}
	status, err = parseStatusLine(line)
	if err != nil {
		return 0, false, err
	}
	length, keepAlive := -1, true
	for n := 0; ; n++ {
		if n > maxHeaderLines {
			return 0, false, fmt.Errorf("%w: too many header lines", errResponse)
		}
		h, err := readLine(br)
		if err != nil {
			return 0, false, err
		}
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return 0, false, fmt.Errorf("%w: header line without a colon", errResponse)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			v, err := strconv.Atoi(string(value))
			if err != nil || v < 0 || v > maxBody || (length >= 0 && v != length) {
				return 0, false, fmt.Errorf("%w: Content-Length %q", errResponse, value)
			}
			length = v
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return 0, false, fmt.Errorf("%w: Transfer-Encoding %q is not supported", errResponse, value)
		case bytes.EqualFold(name, []byte("Connection")) && bytes.EqualFold(value, []byte("close")):
			keepAlive = false
		}
	}
	if length < 0 {
		return 0, false, fmt.Errorf("%w: no Content-Length", errResponse)
	}
	if _, err := br.Discard(length); err != nil {
		return 0, false, err
	}
	return status, keepAlive, nil
}

// readLine reads one CRLF-terminated line, without the CRLF.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%w: line too long", errResponse)
	}
	if err != nil {
		if errors.Is(err, io.EOF) && len(line) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return nil, fmt.Errorf("%w: line not ended by CRLF", errResponse)
	}
	return line[:len(line)-2], nil
}

// parseStatusLine reads "HTTP/1.1 200 OK" (the reason may be empty).
func parseStatusLine(line []byte) (int, error) {
	rest, ok := bytes.CutPrefix(line, []byte("HTTP/1.1 "))
	if !ok || len(rest) < 3 || (len(rest) > 3 && rest[3] != ' ') {
		return 0, fmt.Errorf("%w: status line %q", errResponse, line)
	}
	code := 0
	for _, c := range rest[:3] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w: status line %q", errResponse, line)
		}
		code = code*10 + int(c-'0')
	}
	if code < 100 {
		return 0, fmt.Errorf("%w: status %d", errResponse, code)
	}
	return code, nil
}
