// Package browsertest finds the Debian Chromium that the browser tests drive,
// installing it when it is missing. It is for tests only.
package browsertest
