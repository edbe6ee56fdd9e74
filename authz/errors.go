package authz

import "errors"

// Sentinel errors. Errors from this package wrap one of them; compare with
// errors.Is.
var (
	// ErrInvalidConfig means a Config, KeyringConfig or VerifierConfig was
	// rejected; the message lists every problem.
	ErrInvalidConfig = errors.New("authz: invalid configuration")
	// ErrAuthRequestNotFound means a parked authorization request is
	// unknown, already decided, or expired.
	ErrAuthRequestNotFound = errors.New("authz: authorization request not found or expired")
	// ErrInvalidApproval means an Approval does not fit its request: scopes
	// that were not requested, a grant kind that contradicts offline_access,
	// or missing grant fields.
	ErrInvalidApproval = errors.New("authz: approval does not match the request")
	// ErrInvalidClient means a client specification was rejected.
	ErrInvalidClient = errors.New("authz: invalid client")
	// ErrInvalidToken means a grant token is malformed, badly signed, of the
	// wrong type, expired, or issued by someone else.
	ErrInvalidToken = errors.New("authz: invalid grant token")
	// ErrUnavailable means a check could not be made: the issuer, its JWKS
	// or introspection endpoint, or the chain could not be reached. Callers
	// must fail closed.
	ErrUnavailable = errors.New("authz: verification dependency unavailable")
)
