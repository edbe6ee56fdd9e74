// Package synth writes deterministic synthetic sanctions lists for the
// screening benchmarks: entity i is always the same person or
// organisation, in OFAC sdn.xml or FollowTheMoney form, streamed so that
// a million entities never sit in memory as a file.
//
// It is for benchmarks and tests only: nothing outside them may import
// it, and its names are drawn from pools, not from any real list.
package synth
