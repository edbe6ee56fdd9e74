package identity

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// TrustedIssuer is one entry of the operator's list: an issuer trusted for a topic.
type TrustedIssuer struct {
	Topic  uint64
	Issuer common.Address
}

// String writes the entry back as TOPIC=ADDRESS.
func (t TrustedIssuer) String() string {
	return strconv.FormatUint(t.Topic, 10) + "=" + t.Issuer.Hex()
}

// ParseTrustedIssuer reads TOPIC=ADDRESS: a decimal topic number and an issuer
// contract address in any letter case.
func ParseTrustedIssuer(s string) (TrustedIssuer, error) {
	t, err := parseTrustedIssuer(s)
	if err != nil {
		return TrustedIssuer{}, fail("parse trusted issuer", common.Address{}, err)
	}
	return t, nil
}

func parseTrustedIssuer(s string) (TrustedIssuer, error) {
	topicPart, addrPart, ok := strings.Cut(strings.TrimSpace(s), "=")
	if !ok {
		return TrustedIssuer{}, fmt.Errorf("%w: %q has no '='", ErrInvalidTrustedIssuer, clip(s))
	}
	topicPart = strings.TrimSpace(topicPart)
	topic, err := strconv.ParseUint(topicPart, 10, 64)
	if err != nil || (len(topicPart) > 1 && topicPart[0] == '0') {
		return TrustedIssuer{}, fmt.Errorf("%w: topic %q is not a decimal number", ErrInvalidTrustedIssuer, clip(topicPart))
	}
	addr, err := ParseAddress(addrPart)
	if err != nil {
		return TrustedIssuer{}, fmt.Errorf("%w: issuer %q is not 0x followed by 40 hex digits", ErrInvalidTrustedIssuer, clip(strings.TrimSpace(addrPart)))
	}
	if addr == (common.Address{}) {
		return TrustedIssuer{}, fmt.Errorf("%w: the zero address cannot issue claims", ErrInvalidTrustedIssuer)
	}
	return TrustedIssuer{Topic: topic, Issuer: addr}, nil
}

// TrustSource says where the Reader learns which issuers are trusted: "registry",
// "list", or "" when nowhere, and then every claim reads as untrusted.
func (r *Reader) TrustSource() string {
	switch {
	case r.cfg.TrustedIssuersRegistry != (common.Address{}):
		return "registry"
	case len(r.trustList) > 0:
		return "list"
	}
	return ""
}

// trust marks a claim untrusted unless its issuer is trusted for its topic: by the
// TrustedIssuersRegistry when there is one, else by the operator's list. With
// neither there is nobody to vouch for an issuer, and a claim any contract can
// issue (the owner's own ClaimIssuer included) must not read as valid.
func (r *Reader) trust(ctx context.Context, j Judgement) (Judgement, error) {
	var ok bool
	switch r.TrustSource() {
	case "registry":
		var err error
		ok, err = call(ctx, r.chain, r.cfg.TrustedIssuersRegistry,
			r.trusted.PackHasClaimTopic(j.Issuer, new(big.Int).SetUint64(j.Topic)), r.trusted.UnpackHasClaimTopic)
		if err != nil {
			return j, fail("hasClaimTopic", r.cfg.TrustedIssuersRegistry, notRegistry(err))
		}
	case "list":
		ok = r.trustList[TrustedIssuer{Topic: j.Topic, Issuer: j.Issuer}]
	default:
		j.State, j.Reason = StateUntrusted, "no trusted issuers are configured"
		return j, nil
	}
	if !ok {
		j.State, j.Reason = StateUntrusted, fmt.Sprintf("issuer is not trusted for topic %d", j.Topic)
	}
	return j, nil
}
