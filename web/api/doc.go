// Package api serves the Information Provider REST API: access requests and
// their validations, access grants and their usage, the identity resources
// (/identities/{identity}/profile and …/claims/{topic}), and service
// authentication (API keys and signed-challenge service tokens). Errors are
// RFC 9457 problems written by web/httperr; the access-request lifecycle and
// the read rule live in consent.
package api
