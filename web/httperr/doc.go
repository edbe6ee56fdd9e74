// Package httperr is the one place that writes idconnect's error answers, in
// each shape its callers understand: RFC 6749 JSON errors (and RFC 6750 bearer
// challenges) on OAuth endpoints, RFC 9457 problems on the REST API, HTML
// error pages on browser pages, and the {"error","message"} JSON the page
// scripts read. Classify is the one mapping from flow sentinel errors to
// statuses that every shape uses, and the Fail functions log a server-side
// failure once, with the request id the answer shows, so a user can quote it.
//
// It must not decide a flow's rules: handlers map their own refusals to words
// and call the shape writers; only errors the caller could not help go
// through Classify.
package httperr
