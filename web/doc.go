// Package web serves idconnect over HTTP: routes, one handler struct per flow with a
// Mount method, middleware and static assets. Handlers stay thin: the logic lives in
// consent, challenge, identity and authz, where it is tested without HTTP.
package web
