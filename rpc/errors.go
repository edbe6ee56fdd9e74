package rpc

import (
	"errors"
	"fmt"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// Error codes of the pinned details: the JSON-RPC 2.0 ones, and the
// application's.
const (
	CodeParse            = -32700
	CodeInvalidRequest   = -32600
	CodeMethodNotFound   = -32601
	CodeInvalidParams    = -32602
	CodeInternal         = -32603
	CodeUnauthenticated  = -32001
	CodeForbidden        = -32003
	CodeNotFound         = -32004
	CodeConflict         = -32009
	CodeChainUnavailable = -32010
)

// Error is an answer's error object. go-ethereum's rpc writes Code and
// Data from the ErrorCode and ErrorData methods; Data says in words what
// went wrong, naming the field when a param is at fault.
type Error struct {
	Code    int
	Message string
	Data    string
}

func (e *Error) Error() string          { return e.Message }
func (e *Error) ErrorCode() int         { return e.Code }
func (e *Error) ErrorData() interface{} { return e.Data }

var messages = map[int]string{
	CodeInvalidParams:    "invalid params",
	CodeInternal:         "internal error",
	CodeUnauthenticated:  "unauthenticated",
	CodeForbidden:        "forbidden",
	CodeNotFound:         "not found",
	CodeConflict:         "conflict",
	CodeChainUnavailable: "chain unavailable",
}

func newError(code int, format string, args ...any) *Error {
	return &Error{Code: code, Message: messages[code], Data: fmt.Sprintf(format, args...)}
}

func invalidParams(format string, args ...any) *Error {
	return newError(CodeInvalidParams, format, args...)
}

// fromFlow maps a flow's error to its pinned code. Errors that carry no
// known sentinel are internal: their text is not sent, only logged.
func (s *Server) fromFlow(method string, err error) error {
	var e *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return e
	case errors.Is(err, issuer.ErrTopic), errors.Is(err, issuer.ErrApplication), errors.Is(err, issuer.ErrTerms):
		return newError(CodeInvalidParams, "%s", err.Error())
	case errors.Is(err, issuer.ErrDecided), errors.Is(err, issuer.ErrPending), errors.Is(err, issuer.ErrNotLater), errors.Is(err, issuer.ErrHeld):
		return newError(CodeConflict, "%s", err.Error())
	case errors.Is(err, issuer.ErrNotFound), errors.Is(err, store.ErrNotFound),
		errors.Is(err, identity.ErrNoIdentity), errors.Is(err, identity.ErrNotIdentity):
		return newError(CodeNotFound, "%s", err.Error())
	case errors.Is(err, issuer.ErrNotReviewer), errors.Is(err, identity.ErrMissingPurpose),
		errors.Is(err, consent.ErrInsufficientScope), errors.Is(err, store.ErrGrantInactive):
		return newError(CodeForbidden, "%s", err.Error())
	case errors.Is(err, issuer.ErrRefused):
		return newError(CodeConflict, "%s", err.Error())
	case errors.Is(err, identity.ErrChainUnavailable):
		return newError(CodeChainUnavailable, "the chain cannot be reached; try again later")
	case errors.Is(err, store.ErrUnavailable):
		return newError(CodeInternal, "the database cannot be reached; try again later")
	}
	s.cfg.Log.Error("rpc: method failed", "method", method, "err", err)
	return newError(CodeInternal, "the server failed; the error is logged")
}
