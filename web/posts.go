package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// maxPostBytes bounds the JSON bodies of the page scripts.
const MaxPostBytes = 16 << 10

// errBadPost wraps every reason a page script's post is refused.
var ErrBadPost = errors.New("malformed request")

var (
	requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,128}$`)
	signaturePattern = regexp.MustCompile(`^0x[0-9a-fA-F]{130}$`)
)

// challengePost asks for a message to sign.
type ChallengePost struct {
	Request string   `json:"request"`
	Address string   `json:"address,omitempty"` // login
	Scopes  []string `json:"scopes,omitempty"`  // consent
}

// signedPost carries a signed message.
type SignedPost struct {
	Request   string `json:"request"`
	Message   string `json:"message"`
	Signature string `json:"signature"`
}

// decodeJSON reads one JSON object with no unknown fields and nothing after it.
// Its errors wrap errBadPost and say what is wrong without echoing the body;
// when r is an http.MaxBytesReader that ran out, the error is its
// *http.MaxBytesError instead.
func DecodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(io.LimitReader(r, MaxPostBytes+1))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err = dec.Token(); errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil {
			err = errTrailing
		}
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return fmt.Errorf("%w: %s", ErrBadPost, jsonProblem(err))
}

var errTrailing = errors.New("trailing data")

// jsonProblem says what is wrong with a body without echoing it.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errTrailing):
		return "unexpected data after the JSON object"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body is empty or cut short"
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("member %q must be a JSON %s", typ.Field, typ.Type.Kind())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown member " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "the body is not the expected JSON object"
}

func ParseChallengePost(r io.Reader, needAddress bool) (ChallengePost, common.Address, error) {
	var p ChallengePost
	if err := DecodeJSON(r, &p); err != nil {
		return p, common.Address{}, err
	}
	if !requestIDPattern.MatchString(p.Request) {
		return p, common.Address{}, fmt.Errorf("%w: request id", ErrBadPost)
	}
	if !needAddress {
		return p, common.Address{}, nil
	}
	addr, err := identity.ParseAddress(p.Address)
	if err != nil {
		return p, common.Address{}, fmt.Errorf("%w: address", ErrBadPost)
	}
	return p, addr, nil
}

func ParseSignedPost(r io.Reader) (SignedPost, error) {
	var p SignedPost
	if err := DecodeJSON(r, &p); err != nil {
		return p, err
	}
	switch {
	case !requestIDPattern.MatchString(p.Request):
		return p, fmt.Errorf("%w: request id", ErrBadPost)
	case p.Message == "" || len(p.Message) > 8<<10:
		return p, fmt.Errorf("%w: message", ErrBadPost)
	case !signaturePattern.MatchString(p.Signature):
		return p, fmt.Errorf("%w: signature must be 0x and 65 bytes of hex", ErrBadPost)
	}
	return p, nil
}

// messageAddress reads the wallet from a SIWE message's second line, to rate-limit
// per address before the signature is checked.
func messageAddress(text string) (common.Address, bool) {
	lines := strings.SplitN(text, "\n", 3)
	if len(lines) < 2 {
		return common.Address{}, false
	}
	a, err := identity.ParseAddress(lines[1])
	return a, err == nil
}

// bodyOf bounds a request body.
func BodyOf(w http.ResponseWriter, r *http.Request) io.Reader {
	return http.MaxBytesReader(w, r.Body, MaxPostBytes)
}
