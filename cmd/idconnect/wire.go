package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/notify"
	"github.com/idconnect/idconnect/rpc"
	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/journal"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/account"
	"github.com/idconnect/idconnect/web/api"
	"github.com/idconnect/idconnect/web/console"
	"github.com/idconnect/idconnect/web/dev"
	"github.com/idconnect/idconnect/web/oauthpages"
)

// The outbox is the access-request flow's notices; consent declares the
// interface and notify implements it without either importing the other.
var _ consent.Notices = (*notify.Outbox)(nil)

// flows is everything the HTTP server is made of, built from a node.
type flows struct {
	handler  http.Handler
	provider *authz.Provider
	keyring  *authz.Keyring
	// usage batches the usage log of persistent-grant reads.
	usage *consent.UsageLog
	// deliverer sends the notification outbox: owners' webhooks and
	// services' callbacks.
	deliverer *notify.Deliverer
	// webhooks keeps owners' webhooks, their secrets sealed.
	webhooks *notify.Webhooks
	// desk is the claim issuer, nil when the node runs none.
	desk *issuer.Desk
	// screening keeps the desk's rolling claims; nil without a desk.
	screening *screening.Runner
	rpc       *rpc.Server
}

// Close writes the usage rows still queued. Call it once the HTTP server
// has stopped and before the store closes.
func (f *flows) Close() error { return f.usage.Close() }

// buildFlows wires the OAuth2 core, the sign-in and consent steps, the resources
// and the pages onto one mux behind the security middleware.
func buildFlows(ctx context.Context, cfg *serveConfig, n *node, log *slog.Logger) (*flows, error) {
	p, err := buildParts(ctx, cfg, n, log)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	if err := p.mount(mux, cfg, n, log); err != nil {
		_ = p.usage.Close()
		return nil, err
	}
	proxies, err := cfg.HTTP.proxies()
	if err != nil {
		return nil, err
	}
	handler := web.Stack{Issuer: cfg.issuer(), Log: log, Clock: time.Now, Random: rand.Reader,
		TrustedProxies: proxies, Pseudonyms: n.pseudonyms,
		CrossOriginBypass: []string{"POST /oauth2/token", "POST /oauth2/revoke", "POST /oauth2/introspect", "POST /oauth2/register", "POST /userinfo", "POST " + authz.PathEndSession,
			"POST /rpc", "POST /auth/challenges", "POST /auth/tokens"},
		LargeBodies: map[string]int64{"/rpc": rpc.MaxBodyBytes, account.PathApply: issuer.MaxApplicationBytes + 1<<20}}.Handler(mux)
	handler = web.AuditTokens(n.store, time.Now, handler)
	deliverer := &notify.Deliverer{Store: n.store, Webhooks: p.webhooks, Log: log, AllowLoopback: cfg.Dev,
		Callbacks: p.provider, MaxAge: cfg.OutboxMaxAge}
	return &flows{handler: handler, provider: p.provider, keyring: p.keyring, usage: p.usage, deliverer: deliverer,
		webhooks: p.webhooks, desk: p.desk, screening: p.screening, rpc: p.rpc}, nil
}

// parts are the long-lived pieces the handlers share.
type parts struct {
	sealer    *store.Sealer
	keyring   *authz.Keyring
	provider  *authz.Provider
	sessions  *web.Sessions
	static    *web.Static
	usage     *consent.UsageLog
	webhooks  *notify.Webhooks
	catalogue identity.Catalogue
	desk      *issuer.Desk
	screening *screening.Runner
	rpc       *rpc.Server
}

// buildParts derives the keys from the server key and builds the OAuth2 core.
func buildParts(ctx context.Context, cfg *serveConfig, n *node, log *slog.Logger) (*parts, error) {
	keys, err := deriveKeys(n.serverKey)
	if err != nil {
		return nil, err
	}
	p := &parts{}
	if p.catalogue, err = cfg.catalogue(); err != nil {
		return nil, err
	}
	if p.sealer, err = store.NewSealer(keys.seal, rand.Reader); err != nil {
		return nil, err
	}
	if p.keyring, err = authz.NewKeyring(ctx, n.store, p.sealer, authz.KeyringConfig{TokenTTL: authz.DefaultIDTokenTTL, RefreshInterval: cfg.keyRefresh, Log: log}); err != nil {
		return nil, err
	}
	authorizeLimit := web.NewLimiter(rate.Limit(5), 30, 100_000, nil) // each request parks a record for 15 minutes
	p.provider, err = authz.New(authz.Config{Issuer: cfg.issuer(), GlobalSecret: keys.hmac, RegistrationToken: cfg.RegistrationToken,
		Catalogue: p.catalogue, AuthorizeLimit: func(h http.Handler) http.Handler { return web.LimitByIP(authorizeLimit, h) }},
		n.store, p.keyring, log)
	if err != nil {
		return nil, err
	}
	if p.sessions, err = web.NewSessions(keys.sessionHash, keys.sessionBlock, strings.HasPrefix(cfg.issuer(), "https://")); err != nil {
		return nil, err
	}
	if p.static, err = web.NewStatic(log); err != nil {
		return nil, err
	}
	if p.usage, err = openUsageLog(ctx, cfg, n, log); err != nil {
		return nil, err
	}
	p.webhooks = &notify.Webhooks{Store: n.store, Sealer: p.sealer, AllowLoopback: cfg.Dev}
	if n.desk != nil {
		d := n.desk
		dc := issuer.Config{Issuer: d.deployment.Issuer, Renewal: d.deployment.Renewal,
			Signer: d.signer, Sender: d.sender, ChainID: n.chainID, Chain: n.cache.Reader(), Store: n.store,
			Sealer: p.sealer, Topics: p.catalogue, Notices: &notify.Outbox{Store: n.store}, NoticeAhead: cfg.ExpiryNotice,
			Follow: n.cache}
		if d.agent != nil {
			dc.Registrar = &issuer.Registrar{Registry: d.registry, Sender: d.agent, Chain: n.cache.Reader()}
		}
		p.desk, err = issuer.NewDesk(dc)
		if err != nil {
			return nil, err
		}
		if p.screening, err = buildScreening(ctx, cfg, n, p, log); err != nil {
			return nil, err
		}
		p.desk.SetGuard(p.screening)
	}
	return p, nil
}

// buildScreening builds the screening runner of the node's desk. Its
// lists load in the background loop, so a large list does not hold up
// the start; until every list has loaded, nothing is screened.
func buildScreening(ctx context.Context, cfg *serveConfig, n *node, p *parts, log *slog.Logger) (*screening.Runner, error) {
	sc := cfg.Screening.withDefaults()
	oracle := sc.Oracle
	if oracle == "" && cfg.Dev && n.devOracle != (common.Address{}) {
		oracle = n.devOracle.Hex()
	}
	var o *screening.Oracle
	if oracle != "" {
		o = screening.NewOracle(n.chain, common.HexToAddress(oracle))
		if err := o.Check(ctx); err != nil {
			return nil, &configError{fmt.Errorf("--sanctions-oracle: %w", err)}
		}
	}
	host, _ := os.Hostname()
	lists := screening.NewLists(screening.ListsConfig{Sources: sc.Lists, Store: n.store, Log: log})
	return screening.NewRunner(screening.Config{Desk: p.desk, Store: n.store, Lists: lists, Chain: n.cache.Reader(),
		Sealer: p.sealer, Oracle: o, Alerts: &notify.Outbox{Store: n.store}, Threshold: sc.Threshold,
		RenewBefore: sc.RenewBefore, Interval: sc.Interval, Node: fmt.Sprintf("%s/%d", host, os.Getpid()), Log: log})
}

// openUsageLog starts the usage log. On SQLite, reads are journaled next to
// the database file (<file>-usage-journal) and the rows of reads answered
// before a crash are moved into the store first; on PostgreSQL, whose
// nodes may come and go, each read waits for its group commit.
func openUsageLog(ctx context.Context, cfg *serveConfig, n *node, log *slog.Logger) (*consent.UsageLog, error) {
	if n.backend != "sqlite" {
		return consent.NewUsageLog(n.store, consent.UsageLogConfig{Log: log}), nil
	}
	j, err := journal.Open(cfg.DSN+"-usage-journal", journal.Options{})
	if err != nil {
		return nil, err
	}
	l, moved, err := consent.OpenUsageLog(ctx, n.store, j, consent.UsageLogConfig{Log: log})
	if err != nil {
		return nil, errors.Join(err, j.Close())
	}
	if moved > 0 {
		log.Info("usage journal: stored the rows of reads answered before the last stop", "rows", moved)
	}
	return l, nil
}

// mount registers every flow's handler.
func (p *parts) mount(mux *http.ServeMux, cfg *serveConfig, n *node, log *slog.Logger) error {
	site := web.Site{Issuer: cfg.issuer(), ChainID: n.chainID, ChainName: chainName(n.chainID), Dev: cfg.Dev}
	profiles := &consent.Profiles{Store: n.store, Sealer: p.sealer, Clock: time.Now}
	grants := &consent.Grants{Store: n.store, Directory: n.cache, Clock: time.Now, Usage: p.usage, Profiles: profiles}
	challenges := challenge.New(challenge.Config{Store: n.store, Caller: n.chain, ChainID: n.chainID})
	owner := &web.Owner{Sessions: p.sessions, Store: n.store, Clock: time.Now, Directory: n.cache}
	access := &consent.AccessRequests{Store: n.store, Challenges: challenges, Directory: n.cache, Identities: n.cache.Reader(),
		Notices: &notify.Outbox{Store: n.store}, Issuer: cfg.issuer(), ChainID: n.chainID, Clock: time.Now,
		CheckURL: func(raw string) (string, error) { return notify.CheckDeliveryURL(raw, cfg.Dev) }}
	services := &api.ServiceAuth{Site: site, Store: n.store, Tokens: p.provider, Challenges: challenges, Clock: time.Now, Log: log}

	(&web.Health{ChainID: n.chainID, Chain: n.chain, Following: n.cache.Following, FollowError: n.cache.FollowError, Store: n.store, Backend: n.backend}).Mount(mux)
	p.provider.Mount(mux)
	p.static.Mount(mux)
	flow, err := p.signIn(cfg, n, site, challenges, grants, log)
	if err != nil {
		return err
	}
	(&oauthpages.Login{Site: site, Flow: flow, Authz: p.provider, Owner: owner, Sessions: p.sessions, Static: p.static,
		IPLimit: web.NewLimiter(rate.Limit(5), 30, 100_000, nil), Log: log}).Mount(mux)
	(&oauthpages.Consent{Site: site, Owner: owner, Authz: p.provider, Clients: n.store, Grants: grants, Challenges: challenges, Directory: n.cache,
		Describer: &consent.Describer{Directory: n.cache, Catalogue: p.catalogue, IssuerNames: n.issuerNames, Clock: time.Now, Apply: p.applyURL},
		Static:    p.static, Log: log}).Mount(mux)
	reads := &consent.Reader{Tokens: p.provider, Grants: grants}
	(&oauthpages.EndSession{Flow: p.provider, Sessions: p.sessions, Store: n.store, Static: p.static, Clock: time.Now, Log: log}).Mount(mux)
	(&oauthpages.UserInfo{Site: site, Reads: reads, Catalogue: p.catalogue, Log: log}).Mount(mux)
	(&oauthpages.GrantReads{Clients: p.provider, Reads: reads, Catalogue: p.catalogue, Log: log}).Mount(mux)
	var onboard rpc.Onboarder
	if o, ok := n.onboarder.(rpc.Onboarder); ok {
		onboard = o
	}
	var err2 error
	p.rpc, err2 = rpc.New(rpc.Config{Issuer: cfg.issuer(), ChainID: n.chainID, Topics: p.catalogue,
		Identities: rpcIdentities{Cache: n.cache}, Desk: p.desk, Reads: reads, Tokens: p.provider,
		APIKeys: apiKeys{n.store}, Onboard: onboard, Log: log})
	if err2 != nil {
		return err2
	}
	mux.Handle("POST /rpc", p.rpc)
	if p.desk != nil {
		keys, err := deriveKeys(n.serverKey)
		if err != nil {
			return err
		}
		cookies, err := web.NewNamedSessions(keys.sessionHash, keys.sessionBlock, strings.HasPrefix(cfg.issuer(), "https://"), "idconnect_review")
		if err != nil {
			return err
		}
		name := p.desk.Issuer().Hex()
		if n, ok := n.issuerNames[p.desk.Issuer()]; ok {
			name = n
		}
		(&console.Console{Site: site, Desk: p.desk, Screening: p.screening, Name: name, Cookies: cookies, Store: n.store, Challenges: challenges,
			Static: p.static, Clock: time.Now, Log: log}).Mount(mux)
	}
	(&api.WalletAuth{Site: site, Tokens: p.provider, Challenges: challenges, Log: log,
		IPLimit: web.NewLimiter(rate.Limit(5), 30, 100_000, nil)}).Mount(mux)
	(&account.Account{Owner: owner, Profiles: profiles, Static: p.static, Clock: time.Now, Log: log,
		Revoke: func(r *http.Request, id string, at time.Time) error {
			return n.store.RevokeLoginSession(r.Context(), id, at)
		}}).Mount(mux)
	usageReads := consent.FlushedUsage{Store: n.store, Log: p.usage}
	(&account.Dashboard{Site: site, Owner: owner, Store: usageReads, Decisions: access, Keys: n.cache.Reader(), Directory: n.cache,
		Follow: n.cache, Catalogue: p.catalogue, IssuerNames: n.issuerNames, Static: p.static, Clock: time.Now, Log: log,
		Webhooks: p.webhooks, Desk: p.desk, Screening: p.screening}).Mount(mux)
	services.Mount(mux)
	(&api.AccessAPI{Site: site, Flow: access, Reads: reads, Tokens: p.provider, Services: services, Owner: owner,
		Store: usageReads, Directory: n.cache, Catalogue: p.catalogue, Clock: time.Now, Log: log,
		RequestLimit: web.NewLimiter(rate.Limit(20), 200, 100_000, nil),
		// An owner answers by hand: ten at once, then one a minute, from
		// each service, is more than a real service asks of one person.
		IdentityLimit: web.NewLimiter(rate.Every(time.Minute), 10, 100_000, nil), ChallengeLimit: web.NewLimiter(rate.Limit(5), 30, 100_000, nil)}).Mount(mux)
	if !cfg.Dev {
		return nil
	}
	dw, err := dev.NewDevWallet(dataPath(cfg.DataDir, "devwallet.json"), n.chainID, rand.Reader)
	if err != nil {
		return err
	}
	dw.Log = log
	if p.desk != nil {
		// The dev wallet's accounts review the demo issuer's applications,
		// so that one person can walk the whole path: apply, approve, use.
		dw.Added = func(a common.Address) { go devReviewer(p.desk, n.chainID, a, log) }
		for _, a := range dw.Accounts() {
			go devReviewer(p.desk, n.chainID, a, log)
		}
	}
	dw.Mount(mux)
	(&dev.DevIdentities{Directory: n.cache, Onboarder: n.onboarder, Log: log}).Mount(mux)
	if n.faucet != nil {
		(&dev.Faucet{Fund: n.faucet.Fund, Log: log}).Mount(mux)
	}
	return nil
}

// signIn builds the sign-in flow. Outside --dev, onboarding is on only with
// --onboarding, and then limited per client IP and by the daily budget, since
// the operator pays for every identity created.
func (p *parts) signIn(cfg *serveConfig, n *node, site web.Site, challenges *challenge.Service, grants *consent.Grants, log *slog.Logger) (*signin.Service, error) {
	onboarding := signin.Onboarding{Onboarder: n.onboarder}
	if n.onboarder != nil && !cfg.Dev {
		onboarding.PerIP = web.NewLimiter(onboardingPerIPRate, onboardingPerIPBurst, 100_000, nil)
		onboarding.DailyLimit = cfg.OnboardingDailyLimit
	}
	return signin.New(signin.Config{Store: n.store, Challenges: challenges, Directory: n.cache, Grants: grants,
		Onboarding: onboarding, WalletLimit: web.NewLimiter(rate.Limit(1), 10, 100_000, nil),
		Domain: site.Domain(), Origin: site.Origin(), ChainID: n.chainID, SessionTTL: web.SessionMaxAge, Clock: time.Now, Log: log})
}

// One client IP may onboard three identities at once, then one every twenty
// minutes: enough for a household or an office, not for a gas-draining script.
const (
	onboardingPerIPRate  = rate.Limit(1.0 / (20 * 60))
	onboardingPerIPBurst = 3
)

func chainName(id uint64) string {
	switch id {
	case 1:
		return "Ethereum"
	case 1337:
		return "idconnect dev chain"
	case 11155111:
		return "Sepolia"
	}
	return fmt.Sprintf("chain %d", id)
}

// devReviewer makes a dev wallet account a reviewer of the demo issuer:
// a CLAIM key on it, added with the issuer's management key.
func devReviewer(desk *issuer.Desk, chainID uint64, wallet common.Address, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if desk.Reviewer(ctx, wallet) == nil {
		return
	}
	tx := issuer.AddReviewer(desk.Issuer(), wallet, chainID)
	if _, err := desk.Send(ctx, "add a dev reviewer", tx.To, tx.Data); err != nil {
		log.Warn("dev wallet: make the account a reviewer of the demo issuer", "err", err)
	}
}

// applyURL is where an owner applies for a claim topic this node's desk
// issues, for the consent page's "not held yet" items.
func (p *parts) applyURL(topic uint64) string {
	if p.desk == nil {
		return ""
	}
	if _, ok := p.desk.Topics()[topic]; !ok {
		return ""
	}
	return account.PathApply + "?topic=" + strconv.FormatUint(topic, 10)
}

// rpcIdentities is the cache, for key purposes and claims, with the
// reader's keys and wallets.
type rpcIdentities struct{ *identity.Cache }

func (r rpcIdentities) Keys(ctx context.Context, id common.Address, extra ...common.Address) ([]identity.Key, error) {
	return r.Cache.Reader().Keys(ctx, id, extra...)
}

func (r rpcIdentities) Wallets(ctx context.Context, id common.Address) ([]common.Address, error) {
	return r.Cache.Reader().Wallets(ctx, id)
}

// apiKeys authenticates services' API keys for the JSON-RPC.
type apiKeys struct{ st store.Store }

func (a apiKeys) AuthenticateAPIKey(ctx context.Context, key string) (string, error) {
	k, err := authz.AuthenticateAPIKey(ctx, a.st, key, time.Now())
	return k.ClientID, err
}

// demoIssuerNames names the dev chain's demo ClaimIssuer on consent screens.
func demoIssuerNames(issuer common.Address) map[common.Address]string {
	return map[common.Address]string{issuer: "the idconnect demo issuer"}
}
