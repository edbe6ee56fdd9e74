package challenge

import "errors"

// Sentinel errors. Every error Verify returns wraps exactly one of them (test with
// errors.Is); their text is safe to show to the person who signed.
var (
	// ErrMalformed means the text is not a canonical EIP-4361 message this server
	// could have issued, or its ReCap is not in canonical form.
	ErrMalformed = errors.New("challenge: not a well-formed sign-in message")
	// ErrMismatch means the message is well formed but was issued for another
	// domain, URI, chain, request, purpose or wallet.
	ErrMismatch = errors.New("challenge: message does not match this request")
	// ErrExpired means the message is outside its validity window: expired, not
	// yet valid, or issued in the future.
	ErrExpired = errors.New("challenge: message expired or not yet valid")
	// ErrNonce means the nonce was never issued here or was already used.
	ErrNonce = errors.New("challenge: nonce unknown or already used")
	// ErrBinding means the message was issued to another browser (or to a
	// browser, and presented without its cookie). The nonce is not consumed.
	ErrBinding = errors.New("challenge: message was requested by another browser")
	// ErrSignature means the signature was not made by the message's address,
	// neither as a plain key nor through the address's ERC-1271 contract.
	ErrSignature = errors.New("challenge: signature does not match the message's address")
	// ErrUnavailable means the check could not run: the chain (for a contract
	// wallet) or the store could not be reached. It is worth retrying.
	ErrUnavailable = errors.New("challenge: cannot verify right now, try again")
	// ErrInvalid means Issue was asked for a message that cannot be built.
	ErrInvalid = errors.New("challenge: invalid challenge request")
)
