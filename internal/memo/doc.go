// Package memo keeps the results of a costly pure function for the values
// seen recently: the EIP-55 form of an address, the log pseudonym of a
// client IP. It owns only the bounded cache. It must not hold anything
// whose value can change for the same key (chain reads, grants, sessions),
// nor secrets: a cached value is served without asking again.
package memo
