package web

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// walletRequestID is the Request ID of every wallet challenge: it names
// the flow, so that a login or consent message never passes for one.
const walletRequestID = "identity-api"

// IssueWalletChallenge issues the SIWE challenge a wallet signs to prove
// it controls its address, for the identity JSON-RPC's tokens and the
// issuer console's sessions. It names no identity and grants nothing:
// what the wallet may do is read from the chain afterwards.
func IssueWalletChallenge(ctx context.Context, c *challenge.Service, site Site, wallet common.Address) (challenge.Challenge, error) {
	domain := site.Domain()
	return c.Issue(ctx, challenge.Request{
		Purpose: store.PurposeWallet, Domain: domain, URI: site.Origin(), Address: wallet,
		Statement: "Sign in to " + domain + " with this wallet.", RequestID: walletRequestID,
	})
}

// VerifyWalletChallenge verifies a signed wallet challenge once and
// returns the wallet that signed it.
func VerifyWalletChallenge(ctx context.Context, c *challenge.Service, site Site, message, signature string) (common.Address, error) {
	v, err := c.Verify(ctx, message, signature, challenge.Expect{
		Purpose: store.PurposeWallet, Domain: site.Domain(), URI: site.Origin(), RequestID: walletRequestID,
	})
	return v.Address, err
}
