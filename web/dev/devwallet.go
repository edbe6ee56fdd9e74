package dev

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/identity"
)

// DevWalletMaxAccounts bounds the development wallet, whose accounts endpoint
// anyone who reaches a dev server can call.
const DevWalletMaxAccounts = 1000

// Sentinel errors of the development wallet.
var (
	ErrUnknownAccount  = errors.New("web: dev wallet: unknown account")
	ErrTooManyAccounts = errors.New("web: dev wallet: too many accounts")
	ErrDevWalletFile   = errors.New("web: dev wallet: bad key file")
)

// DevWallet is the development wallet's server side: secp256k1 keys created on
// request, kept in memory and in a JSON file (mode 0600), used to make personal_sign
// (EIP-191) signatures for the browser provider in devwallet.js. It signs whatever
// it is asked to, so it is mounted only in --dev mode.
type DevWallet struct {
	path    string
	chainID uint64
	rand    io.Reader
	// Log, when set, takes the failures to create or sign.
	Log *slog.Logger
	// Added, when set, is told of each account NewAccount creates (dev
	// mode makes it a reviewer of the demo issuer).
	Added func(common.Address)

	mu    sync.Mutex
	keys  map[common.Address]*ecdsa.PrivateKey
	order []common.Address
}

// NewDevWallet loads the keys in path, if the file exists, and creates new keys from
// random (crypto/rand when nil). An empty path keeps keys in memory only. chainID
// is what the provider answers to eth_chainId.
func NewDevWallet(path string, chainID uint64, random io.Reader) (*DevWallet, error) {
	if random == nil {
		random = rand.Reader
	}
	d := &DevWallet{path: path, chainID: chainID, rand: random, keys: map[common.Address]*ecdsa.PrivateKey{}}
	if path == "" {
		return d, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return nil, fmt.Errorf("web: dev wallet: %w", err)
	}
	keys, err := parseDevWalletFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range keys {
		a := crypto.PubkeyToAddress(k.PublicKey)
		d.keys[a] = k
		d.order = append(d.order, a)
	}
	return d, nil
}

// Accounts lists the wallet's addresses, oldest first.
func (d *DevWallet) Accounts() []common.Address {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]common.Address(nil), d.order...)
}

// NewAccount creates a key, saves the key file and returns the key's address.
func (d *DevWallet) NewAccount() (common.Address, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.order) >= DevWalletMaxAccounts {
		return common.Address{}, ErrTooManyAccounts
	}
	key, err := d.newKey()
	if err != nil {
		return common.Address{}, err
	}
	a := crypto.PubkeyToAddress(key.PublicKey)
	d.keys[a] = key
	d.order = append(d.order, a)
	if err := d.save(); err != nil {
		delete(d.keys, a)
		d.order = d.order[:len(d.order)-1]
		return common.Address{}, err
	}
	if d.Added != nil {
		d.Added(a)
	}
	return a, nil
}

// newKey reads 32 bytes from the injected source until they form a valid key that
// the wallet does not hold yet (with real randomness, the first try). It does not
// use ecdsa.GenerateKey, which ignores its random argument in current Go and would
// make keys untestable. Called with d.mu held.
func (d *DevWallet) newKey() (*ecdsa.PrivateKey, error) {
	var b [32]byte
	for range 8 {
		if _, err := io.ReadFull(d.rand, b[:]); err != nil {
			return nil, fmt.Errorf("web: dev wallet: random: %w", err)
		}
		k, err := crypto.ToECDSA(b[:])
		if err != nil {
			continue
		}
		if _, taken := d.keys[crypto.PubkeyToAddress(k.PublicKey)]; !taken {
			return k, nil
		}
	}
	return nil, errors.New("web: dev wallet: the random source repeats itself")
}

// Sign returns the personal_sign signature of msg by addr: an EIP-191 signature over
// "\x19Ethereum Signed Message:\n" ‖ len(msg) ‖ msg, 65 bytes with v = 27 or 28.
func (d *DevWallet) Sign(addr common.Address, msg []byte) ([]byte, error) {
	d.mu.Lock()
	key, ok := d.keys[addr]
	d.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownAccount, addr.Hex())
	}
	sig, err := crypto.Sign(accounts.TextHash(msg), key)
	if err != nil {
		return nil, fmt.Errorf("web: dev wallet: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// devWalletFile is the key file's layout.
type devWalletFile struct {
	Accounts []devWalletKey `json:"accounts"`
}

type devWalletKey struct {
	Address    string `json:"address"`
	PrivateKey string `json:"private_key"`
}

// save writes every key to a temporary file in the same directory and renames it
// over the old one, so a crash never leaves half a file. Called with d.mu held.
func (d *DevWallet) save() error {
	if d.path == "" {
		return nil
	}
	f := devWalletFile{Accounts: make([]devWalletKey, 0, len(d.order))}
	for _, a := range d.order {
		f.Accounts = append(f.Accounts, devWalletKey{a.Hex(), hexutil.Encode(crypto.FromECDSA(d.keys[a]))})
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("web: dev wallet: %w", err)
	}
	dir := filepath.Dir(d.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("web: dev wallet: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".devwallet-*")
	if err != nil {
		return fmt.Errorf("web: dev wallet: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err == nil {
		if _, err = tmp.Write(append(data, '\n')); err == nil {
			err = tmp.Sync()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), d.path)
	}
	if err != nil {
		return fmt.Errorf("web: dev wallet: save: %w", err)
	}
	return nil
}

// parseDevWalletFile reads a key file and checks that each address matches its key.
func parseDevWalletFile(data []byte) ([]*ecdsa.PrivateKey, error) {
	var f devWalletFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDevWalletFile, err)
	}
	if len(f.Accounts) > DevWalletMaxAccounts {
		return nil, fmt.Errorf("%w: %d accounts", ErrDevWalletFile, len(f.Accounts))
	}
	keys := make([]*ecdsa.PrivateKey, 0, len(f.Accounts))
	seen := map[common.Address]bool{}
	for i, k := range f.Accounts {
		raw, err := hexutil.Decode(k.PrivateKey)
		if err != nil {
			return nil, fmt.Errorf("%w: account %d: private key: %v", ErrDevWalletFile, i, err)
		}
		key, err := crypto.ToECDSA(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: account %d: private key: %v", ErrDevWalletFile, i, err)
		}
		want, err := identity.ParseAddress(k.Address)
		if a := crypto.PubkeyToAddress(key.PublicKey); err != nil || a != want {
			return nil, fmt.Errorf("%w: account %d: address does not match its key", ErrDevWalletFile, i)
		}
		if seen[want] {
			return nil, fmt.Errorf("%w: account %d: duplicate %s", ErrDevWalletFile, i, want.Hex())
		}
		seen[want] = true
		keys = append(keys, key)
	}
	return keys, nil
}
