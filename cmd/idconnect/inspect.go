package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// inspection is what `identity inspect` prints: the operator's lens on the chain.
type inspection struct {
	ChainID  uint64           `json:"chainId"`
	Wallet   *common.Address  `json:"wallet,omitempty"`
	Identity common.Address   `json:"identity"`
	Source   identity.Source  `json:"source"`
	Keys     []inspectedKey   `json:"keys"`
	Claims   []inspectedClaim `json:"claims"`
	Verified *bool            `json:"verified,omitempty"` // IdentityRegistry verdict, with --wallet
}

type inspectedKey struct {
	identity.Key
	PurposeNames []string `json:"purposeNames"`
}

type inspectedClaim struct {
	Topic     uint64              `json:"topic"`
	TopicName string              `json:"topicName"`
	Issuer    common.Address      `json:"issuer"`
	State     identity.ClaimState `json:"state"`
	Reason    string              `json:"reason,omitempty"`
	Expiry    *time.Time          `json:"expiry"`
	ValidFrom *time.Time          `json:"validFrom,omitempty"`
	Document  *common.Hash        `json:"documentHash,omitempty"`
	ClaimID   common.Hash         `json:"claimId"`
}

// inspect resolves the wallet (or takes the identity) and prints its keys and judged claims.
func inspect(ctx context.Context, chainCfg chainConfig, walletArg, idArg string, now time.Time, out io.Writer) error {
	var wallet, id common.Address
	var err error
	if walletArg != "" {
		if wallet, err = identity.ParseAddress(walletArg); err != nil {
			return err
		}
	}
	if idArg != "" {
		if id, err = identity.ParseAddress(idArg); err != nil {
			return err
		}
	}
	client, chainID, err := dialChain(ctx, chainCfg.RPC)
	if err != nil {
		return err
	}
	defer client.Close()
	r, err := identity.NewReader(ctx, client, chainCfg.addresses())
	if err != nil {
		return err
	}
	rep := inspection{ChainID: chainID, Identity: id, Source: identity.SourceSupplied}
	if walletArg != "" {
		res, err := r.Resolve(ctx, wallet, id)
		if err != nil {
			return err
		}
		rep.Wallet, rep.Identity, rep.Source = &wallet, res.Identity, res.Source
	} else if err := r.CheckIdentity(ctx, id); err != nil {
		return err
	}
	if err := fillInspection(ctx, r, &rep, now); err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func fillInspection(ctx context.Context, r *identity.Reader, rep *inspection, now time.Time) error {
	var extra []common.Address
	if rep.Wallet != nil {
		extra = append(extra, *rep.Wallet)
	}
	keys, err := r.Keys(ctx, rep.Identity, extra...)
	if err != nil {
		return err
	}
	rep.Keys = make([]inspectedKey, len(keys))
	for i, k := range keys {
		rep.Keys[i] = inspectedKey{Key: k}
		for _, p := range k.Purposes {
			rep.Keys[i].PurposeNames = append(rep.Keys[i].PurposeNames, identity.PurposeName(p))
		}
	}
	catalogue := identity.DefaultCatalogue()
	required, err := r.RequiredTopics(ctx)
	if err != nil {
		return err
	}
	rep.Claims = []inspectedClaim{}
	for _, topic := range r.ClaimTopics(ctx, rep.Identity, append(catalogue.Numbers(), required...)...) {
		claims, err := r.ClaimsByTopic(ctx, rep.Identity, topic, now)
		if err != nil {
			return err
		}
		for _, c := range claims {
			rep.Claims = append(rep.Claims, inspectedClaim{
				Topic: c.Topic, TopicName: catalogue.Name(c.Topic), Issuer: c.Issuer, State: c.State, Reason: c.Reason,
				Expiry: c.ValidUntil, ValidFrom: c.ValidFrom, Document: c.DocumentHash, ClaimID: c.ID,
			})
		}
	}
	if rep.Wallet != nil && r.Config().IdentityRegistry != (common.Address{}) {
		v, err := r.IsVerified(ctx, *rep.Wallet, now)
		if err != nil {
			return fmt.Errorf("isVerified: %w", err)
		}
		rep.Verified = &v
	}
	return nil
}
