// Package templates holds idconnect's browser pages as templ components and the view
// models they take. It renders what it is given and decides nothing: no store records,
// no validation, no I/O. The generated _templ.go files are committed and a test fails
// when they are stale.
package templates
