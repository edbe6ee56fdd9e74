package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store"
)

// storeFlags pick the database: --dsn, or --dev for the dev data dir, so operator
// commands work on the same database as a running `serve --dev`.
func storeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "dsn", Usage: "SQLite file path or postgres:// URL", Sources: env("DSN")},
		&cli.BoolFlag{Name: "dev", Usage: "use the dev database in --data-dir", Sources: env("DEV")},
		&cli.StringFlag{Name: "data-dir", Value: "./.idconnect", Sources: env("DATA_DIR")},
	}
}

// dsnFlags is the database the flags name: --dsn, or the dev data dir's with --dev.
func dsnFlags(c *cli.Command) (string, error) {
	dsn := c.String("dsn")
	if c.Bool("dev") {
		if dsn != "" {
			return "", &configError{errors.New("--dsn cannot be combined with --dev")}
		}
		if err := ensureDir(c.String("data-dir")); err != nil {
			return "", err
		}
		dsn = dataPath(c.String("data-dir"), "idconnect.db")
	}
	if err := validateDSN(dsn); err != nil {
		return "", &configError{err}
	}
	return dsn, nil
}

// openStoreFlags opens (and migrates) the store the flags name.
func openStoreFlags(ctx context.Context, c *cli.Command) (store.Store, error) {
	dsn, err := dsnFlags(c)
	if err != nil {
		return nil, err
	}
	s, _, err := openStore(ctx, dsn, true)
	return s, err
}

func clientCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "client",
		Usage: "manage OAuth2 clients",
		Commands: []*cli.Command{
			{
				Name:  "create",
				Usage: "register a client; prints its id (and secret, once)",
				Flags: append(storeFlags(),
					&cli.StringFlag{Name: "name", Usage: "name shown on the consent screen", Required: true},
					&cli.StringSliceFlag{Name: "redirect-uri", Usage: "exact redirect URI (repeat for several)", Required: true},
					&cli.StringFlag{Name: "logo-uri", Usage: "https URL of the client's logo"},
					&cli.BoolFlag{Name: "public", Usage: "a public client (browser or native app): no secret, PKCE required"},
					&cli.BoolFlag{Name: "json", Usage: `print {"client_id":…,"client_secret":…}`},
					&cli.StringSliceFlag{Name: "wallet", Usage: "0x address the service may sign access-request API challenges with (repeat for several)"},
					&cli.StringFlag{Name: "id-token-alg", Usage: "id_token_signed_response_alg: RS256 (the default), ES256 or EdDSA"},
					&cli.StringSliceFlag{Name: "post-logout-redirect-uri", Usage: "exact URI that RP-initiated logout may return to (repeat for several)"},
					&cli.StringSliceFlag{Name: "resource", Usage: "resource identifier (RFC 8707) the client's resource servers read grants as at /oauth2/grant-reads: absolute https URI, http only on loopback, no fragment (repeat for several)"},
				),
				Action: func(ctx context.Context, c *cli.Command) error {
					wallets, err := authz.ParseServiceWallets(c.StringSlice("wallet"))
					if err != nil {
						return &configError{err}
					}
					s, err := openStoreFlags(ctx, c)
					if err != nil {
						return err
					}
					defer s.Close()
					spec := authz.ClientSpec{Name: c.String("name"), LogoURI: c.String("logo-uri"), RedirectURIs: c.StringSlice("redirect-uri"),
						Public: c.Bool("public"), IDTokenAlg: store.SigningAlg(c.String("id-token-alg")),
						PostLogoutRedirectURIs: c.StringSlice("post-logout-redirect-uri"), Wallets: wallets,
						Resources: c.StringSlice("resource")}
					id, secret, err := authz.CreateClient(ctx, s, spec)
					if errors.Is(err, authz.ErrInvalidClient) {
						return &configError{err}
					}
					if err != nil {
						return err
					}
					return printClient(stdout, c.Bool("json"), id, secret, spec.IDTokenAlg)
				},
			},
			{
				Name: "list", Usage: "list clients", Flags: append(storeFlags(), &cli.BoolFlag{Name: "json"}),
				Action: func(ctx context.Context, c *cli.Command) error { return listClients(ctx, c, stdout) },
			},
			{
				Name: "delete", Usage: "delete a client", ArgsUsage: "CLIENT_ID", Flags: storeFlags(),
				Action: func(ctx context.Context, c *cli.Command) error {
					if c.Args().Len() != 1 {
						return &configError{errors.New("give exactly one CLIENT_ID")}
					}
					s, err := openStoreFlags(ctx, c)
					if err != nil {
						return err
					}
					defer s.Close()
					return authz.DeleteClient(ctx, s, c.Args().First())
				},
			},
		},
	}
}

func printClient(w io.Writer, asJSON bool, id, secret string, alg store.SigningAlg) error {
	if alg == "" {
		alg = store.AlgRS256
	}
	if asJSON {
		out := map[string]string{"client_id": id, "id_token_signed_response_alg": string(alg)}
		if secret != "" {
			out["client_secret"] = secret
		}
		return json.NewEncoder(w).Encode(out)
	}
	fmt.Fprintf(w, "client_id:     %s\n", id)
	fmt.Fprintf(w, "id_token_alg:  %s\n", alg)
	if secret != "" {
		fmt.Fprintf(w, "client_secret: %s\n(shown once: idconnect keeps only its hash)\n", secret)
	}
	return nil
}

func listClients(ctx context.Context, c *cli.Command, w io.Writer) error {
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	clients, err := authz.ListClients(ctx, s)
	if err != nil {
		return err
	}
	if c.Bool("json") {
		type row struct {
			ID           string   `json:"client_id"`
			Name         string   `json:"name"`
			Public       bool     `json:"public"`
			RedirectURIs []string `json:"redirect_uris"`
			Wallets      []string `json:"wallets"`
			IDTokenAlg   string   `json:"id_token_signed_response_alg"`
			PostLogout   []string `json:"post_logout_redirect_uris"`
			Resources    []string `json:"resources"`
		}
		rows := []row{}
		for _, cl := range clients {
			alg := cl.IDTokenAlg
			if alg == "" {
				alg = store.AlgRS256
			}
			rows = append(rows, row{cl.ID, cl.Name, cl.Public, cl.RedirectURIs, hexList(cl.Wallets),
				string(alg), append([]string{}, cl.PostLogoutRedirectURIs...), append([]string{}, cl.Resources...)})
		}
		return json.NewEncoder(w).Encode(rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CLIENT_ID\tNAME\tPUBLIC\tREDIRECT_URIS\tWALLETS\tRESOURCES")
	for _, cl := range clients {
		fmt.Fprintf(tw, "%s\t%s\t%v\t%v\t%v\t%v\n", cl.ID, cl.Name, cl.Public, cl.RedirectURIs, cl.Wallets, cl.Resources)
	}
	return tw.Flush()
}

func keysCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "keys",
		Usage: "manage token signing keys",
		Commands: []*cli.Command{{
			Name:  "rotate",
			Usage: "make a new signing key of every algorithm current; the old ones stay in the JWKS until their tokens expire",
			Flags: append(storeFlags(), &cli.StringFlag{Name: "server-key-file", Usage: "the server key (not needed with --dev)", Sources: env("SERVER_KEY_FILE")}),
			Action: func(ctx context.Context, c *cli.Command) error {
				s, err := openStoreFlags(ctx, c)
				if err != nil {
					return err
				}
				defer s.Close()
				master, err := operatorServerKey(c)
				if err != nil {
					return err
				}
				keys, err := deriveKeys(master)
				if err != nil {
					return err
				}
				sealer, err := store.NewSealer(keys.seal, rand.Reader)
				if err != nil {
					return err
				}
				ring, err := authz.NewKeyring(ctx, s, sealer, authz.KeyringConfig{TokenTTL: authz.DefaultIDTokenTTL})
				if err != nil {
					return err
				}
				if _, err := ring.Rotate(ctx); err != nil {
					return err
				}
				for _, k := range ring.CurrentKeys() {
					fmt.Fprintf(stdout, "signing key %s (%s) is now current\n", k.KID, k.Alg)
				}
				return nil
			},
		}},
	}
}

// operatorServerKey reads the server key: the dev data dir's with --dev.
func operatorServerKey(c *cli.Command) ([]byte, error) {
	if c.Bool("dev") {
		return loadOrCreateServerKey(dataPath(c.String("data-dir"), "server.key"))
	}
	if c.String("server-key-file") == "" {
		return nil, &configError{errors.New("--server-key-file is required (or --dev)")}
	}
	return readServerKey(c.String("server-key-file"))
}

// hexList writes addresses in EIP-55 form; never null in JSON.
func hexList(as []common.Address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Hex()
	}
	return out
}
