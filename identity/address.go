package identity

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/internal/memo"
)

// ParseAddress accepts an address in any letter case ("0x" and 40 hex digits) and
// returns it; Hex() writes it back in EIP-55 form. Mixed-case input is not held to
// its checksum, because the design accepts addresses in any case.
func ParseAddress(s string) (common.Address, error) {
	t := strings.TrimSpace(s)
	if len(t) != 42 || !(strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X")) {
		return common.Address{}, fail("parse address", common.Address{}, fmt.Errorf("%w: %q", ErrInvalidAddress, clip(s)))
	}
	for _, c := range t[2:] {
		if !isHex(c) {
			return common.Address{}, fail("parse address", common.Address{}, fmt.Errorf("%w: %q", ErrInvalidAddress, clip(s)))
		}
	}
	return common.HexToAddress(t), nil
}

// CAIP10 writes an account as a CAIP-10 id, eip155:<chainId>:<EIP-55 address>.
func CAIP10(chainID uint64, addr common.Address) string {
	return "eip155:" + strconv.FormatUint(chainID, 10) + ":" + Hex(addr)
}

// Hex is addr.Hex(), the EIP-55 form, from a cache of recent addresses:
// the checksum is a keccak256, and every grant read writes its identity
// and wallet (about 2% of a /userinfo read before the cache).
func Hex(addr common.Address) string { return hexes.Get(addr) }

var hexes = memo.New(4096, common.Address.Hex)

func isHex(c rune) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// clip keeps error messages short when the input is large.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
