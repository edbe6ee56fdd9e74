package challenge

import (
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spruceid/siwe-go"
)

// maxMessageLen bounds the text Verify parses. A consent message with its ReCap
// sentence and URN is well under 4 KiB.
const maxMessageLen = 16 << 10

// message is a parsed, canonical EIP-4361 message with its times decoded, so
// Verify reads every field once.
type message struct {
	siwe      *siwe.Message
	domain    string
	address   common.Address
	uri       string
	chainID   uint64
	nonce     string
	statement string
	requestID string
	issuedAt  time.Time
	expiresAt time.Time
	notBefore time.Time // zero when absent
	resources []string
	recap     *ReCap // the last resource, when it is a ReCap
}

// parse reads text strictly (see scan): the text must be exactly what siwe-go
// writes for its fields. siwe-go's own Verify hashes its re-serialization rather
// than the signed text; requiring the round trip makes the two the same, and
// refuses every variant spelling (a non-canonical chain id, a reshaped URI) that
// this server never issues. It then decodes the times and the ReCap.
func parse(text string) (*message, error) {
	if len(text) > maxMessageLen {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrMalformed, maxMessageLen)
	}
	m, err := scan(text)
	if err != nil {
		return nil, err
	}
	uri := m.GetURI()
	p := &message{siwe: m, domain: m.GetDomain(), address: m.GetAddress(), uri: uri.String(),
		chainID: uint64(m.GetChainID()), nonce: m.GetNonce(), statement: deref(m.GetStatement()),
		requestID: deref(m.GetRequestID())}
	if err := p.readTimes(m); err != nil {
		return nil, err
	}
	res := m.GetResources()
	p.resources = make([]string, len(res))
	for i := range res {
		p.resources[i] = res[i].String()
	}
	if err := p.readReCap(); err != nil {
		return nil, err
	}
	return p, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (p *message) readTimes(m *siwe.Message) error {
	var err error
	if p.issuedAt, err = time.Parse(time.RFC3339, m.GetIssuedAt()); err != nil {
		return fmt.Errorf("%w: issued-at is not an RFC 3339 time", ErrMalformed)
	}
	exp := m.GetExpirationTime()
	if exp == nil {
		return fmt.Errorf("%w: expiration time is required", ErrMalformed)
	}
	if p.expiresAt, err = time.Parse(time.RFC3339, *exp); err != nil {
		return fmt.Errorf("%w: expiration time is not an RFC 3339 time", ErrMalformed)
	}
	if nbf := m.GetNotBefore(); nbf != nil {
		if p.notBefore, err = time.Parse(time.RFC3339, *nbf); err != nil {
			return fmt.Errorf("%w: not-before is not an RFC 3339 time", ErrMalformed)
		}
	}
	return nil
}

// readReCap applies EIP-5573: at most one ReCap, in the final resource, and the
// statement must end with the sentence generated from it.
func (p *message) readReCap() error {
	last := len(p.resources) - 1
	for i, r := range p.resources {
		if i != last && strings.HasPrefix(r, recapPrefix) {
			return fmt.Errorf("%w: a ReCap must be the last resource", ErrMalformed)
		}
	}
	if last < 0 || !strings.HasPrefix(p.resources[last], recapPrefix) {
		return nil
	}
	rc, err := ParseReCap(p.resources[last])
	if err != nil {
		return err
	}
	if !rc.endsWithStatement(p.statement) {
		return fmt.Errorf("%w: the statement does not end with the ReCap's sentence", ErrMalformed)
	}
	p.recap = &rc
	return nil
}
