package identity

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

var (
	secp256k1N     = crypto.S256().Params().N
	secp256k1HalfN = new(big.Int).Rsh(secp256k1N, 1)
	claimArgs      = mustArgs("address", "uint256", "bytes")
	claimIDArgs    = mustArgs("address", "uint256")
)

// ClaimID is an ERC-735 claim id, keccak256(abi.encode(issuer, topic)): a
// new claim of the same issuer and topic replaces the old one.
func ClaimID(issuer common.Address, topic uint64) common.Hash {
	packed, err := claimIDArgs.Pack(issuer, new(big.Int).SetUint64(topic))
	if err != nil {
		panic(fmt.Sprintf("identity: pack claim id: %v", err)) // an address and a uint256 always pack
	}
	return crypto.Keccak256Hash(packed)
}

// ClaimDigest is the EIP-191 digest an issuer signs for a claim:
// keccak256("\x19Ethereum Signed Message:\n32" ‖ keccak256(abi.encode(identity, topic, data))).
func ClaimDigest(identity common.Address, topic uint64, data []byte) common.Hash {
	packed, err := claimArgs.Pack(identity, new(big.Int).SetUint64(topic), data)
	if err != nil {
		panic(fmt.Sprintf("identity: pack claim: %v", err)) // address, uint256 and bytes always pack
	}
	return common.BytesToHash(accounts.TextHash(crypto.Keccak256(packed)))
}

// SignatureEncodings returns every 65-byte encoding that ecrecover treats as the same
// signature: v as 27/28 or 0/1, and s or its high-s twin (n−s, with v flipped). The
// official ONCHAINID 2.2.1 ClaimIssuer accepts all four but revokes by exact bytes, so
// a claim is revoked when any of them is. It returns nil for a malformed signature.
func SignatureEncodings(sig []byte) [][]byte {
	r, s, recID, ok := splitSignature(sig)
	if !ok {
		return nil
	}
	twin := new(big.Int).Sub(secp256k1N, s)
	out := make([][]byte, 0, 4)
	for _, form := range []struct {
		s     *big.Int
		recID byte
	}{{s, recID}, {twin, recID ^ 1}} {
		for _, base := range []byte{27, 0} {
			enc := make([]byte, 65)
			copy(enc, r)
			form.s.FillBytes(enc[32:64])
			enc[64] = form.recID + base
			out = append(out, enc)
		}
	}
	return out
}

// RecoverClaimSigner returns the address that signed a claim, accepting every
// encoding the EVM's ecrecover accepts.
func RecoverClaimSigner(identity common.Address, topic uint64, data, sig []byte) (common.Address, error) {
	r, s, recID, ok := splitSignature(sig)
	if !ok {
		return common.Address{}, fmt.Errorf("%w: claim signature must be 65 bytes with v in {0,1,27,28} and 0 < r, s < n", ErrBadChainData)
	}
	if s.Cmp(secp256k1HalfN) > 0 { // recover from the low-s form; the signer is the same
		s = new(big.Int).Sub(secp256k1N, s)
		recID ^= 1
	}
	canon := make([]byte, 65)
	copy(canon, r)
	s.FillBytes(canon[32:64])
	canon[64] = recID
	digest := ClaimDigest(identity, topic, data)
	pub, err := crypto.SigToPub(digest[:], canon)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: recover claim signer: %v", ErrBadChainData, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

func splitSignature(sig []byte) (r []byte, s *big.Int, recID byte, ok bool) {
	if len(sig) != 65 {
		return nil, nil, 0, false
	}
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return nil, nil, 0, false
	}
	rInt := new(big.Int).SetBytes(sig[:32])
	s = new(big.Int).SetBytes(sig[32:64])
	if rInt.Sign() == 0 || s.Sign() == 0 || rInt.Cmp(secp256k1N) >= 0 || s.Cmp(secp256k1N) >= 0 {
		return nil, nil, 0, false
	}
	return sig[:32], s, v, true
}

func mustArgs(types ...string) abi.Arguments {
	args := make(abi.Arguments, len(types))
	for i, t := range types {
		typ, err := abi.NewType(t, "", nil)
		if err != nil {
			panic(err)
		}
		args[i] = abi.Argument{Type: typ}
	}
	return args
}
