package challenge

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
)

// maxSignatureLen bounds the signature bytes forwarded to an ERC-1271 contract;
// multisig wallets concatenate a few 65-byte signatures, far below it.
const maxSignatureLen = 4 << 10

// erc1271Magic is both the selector of isValidSignature(bytes32,bytes) and the
// value a contract returns when it accepts the signature.
var erc1271Magic = [4]byte{0x16, 0x26, 0xba, 0x7e}

// MessageHash is the EIP-191 (personal_sign) hash of text:
// keccak256("\x19Ethereum Signed Message:\n" ‖ len(text) ‖ text).
func MessageHash(text string) common.Hash {
	return crypto.Keccak256Hash([]byte("\x19Ethereum Signed Message:\n"+strconv.Itoa(len(text))), []byte(text))
}

// checkSignature accepts sigHex when it recovers to addr, or else when addr is a
// contract that accepts it through ERC-1271. It reports which path succeeded.
func (s *Service) checkSignature(ctx context.Context, addr common.Address, hash common.Hash, sigHex string) (contract bool, err error) {
	if len(sigHex) > 2+2*maxSignatureLen {
		return false, fmt.Errorf("%w: signature longer than %d bytes", ErrSignature, maxSignatureLen)
	}
	sig, err := hexutil.Decode(sigHex)
	if err != nil {
		return false, fmt.Errorf("%w: signature is not 0x-prefixed hex", ErrSignature)
	}
	if signer, ok := recoverSigner(hash, sig); ok && signer == addr {
		return false, nil
	}
	if s.caller == nil {
		return false, fmt.Errorf("%w: signer is not the message's address", ErrSignature)
	}
	if err := isValidSignature(ctx, s.caller, addr, hash, sig); err != nil {
		return false, err
	}
	return true, nil
}

// recoverSigner recovers the EOA behind a 65-byte r‖s‖v signature, with v as 0/1
// or 27/28. Like the EVM's ecrecover it accepts either s of the pair: wallets
// emit low s, and the nonce, not the signature bytes, makes a message single use.
func recoverSigner(hash common.Hash, sig []byte) (common.Address, bool) {
	if len(sig) != 65 {
		return common.Address{}, false
	}
	var canon [65]byte
	copy(canon[:], sig)
	if canon[64] >= 27 {
		canon[64] -= 27
	}
	if canon[64] > 1 {
		return common.Address{}, false
	}
	pub, err := crypto.Ecrecover(hash[:], canon[:])
	if err != nil {
		return common.Address{}, false
	}
	return common.BytesToAddress(crypto.Keccak256(pub[1:])[12:]), true
}

// isValidSignature asks addr's isValidSignature(hash, sig) and accepts only the
// ABI-encoded magic value. An address without code answers nothing and a
// reverting contract answers with an error: both are refusals. Failing to reach
// the node is ErrUnavailable, so an outage is not reported as a bad signature.
func isValidSignature(ctx context.Context, c Caller, addr common.Address, hash common.Hash, sig []byte) error {
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &addr, Data: isValidSignatureCall(hash, sig)}, nil)
	if err != nil {
		if answered(err) {
			return fmt.Errorf("%w: the wallet contract refused it", ErrSignature)
		}
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if len(out) < 32 || !bytes.Equal(out[:4], erc1271Magic[:]) || !allZero(out[4:32]) {
		return fmt.Errorf("%w: signer is not the message's address and no wallet contract accepted it", ErrSignature)
	}
	return nil
}

// isValidSignatureCall ABI-encodes isValidSignature(bytes32 hash, bytes sig).
func isValidSignatureCall(hash common.Hash, sig []byte) []byte {
	padded := (len(sig) + 31) / 32 * 32
	data := make([]byte, 4+32+32+32+padded)
	copy(data, erc1271Magic[:])
	copy(data[4:], hash[:])
	data[4+63] = 0x40 // offset of the bytes argument, after two head words
	binary.BigEndian.PutUint64(data[4+64+24:], uint64(len(sig)))
	copy(data[4+96:], sig)
	return data
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// answered tells a refusal by the contract from a failure to reach the node: a
// node that answered with a JSON-RPC error was reached.
func answered(err error) bool {
	var rerr rpc.Error
	if errors.As(err, &rerr) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "execution reverted") || strings.Contains(msg, "invalid opcode")
}
