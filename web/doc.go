// Package web holds what every HTTP surface of idconnect shares: the middleware
// stack (request ids, request log, security headers and CSP nonce, rate limits,
// client IP, body limits, cross-origin protection), sessions and the signed-in
// owner, post and form parsers, static assets and page rendering, the health
// endpoint and the read refusals. The surfaces live in sub-packages
// (oauthpages, api, account, dev), each handler struct with a Mount method, and
// write their errors through web/httperr. Rules live in the flow packages.
package web
