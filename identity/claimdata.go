package identity

import (
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

var claimDataArgs = mustArgs("uint64", "uint64", "bytes32")

// ClaimData is the payload of claims idconnect issues:
// abi.encode(uint64 validFrom, uint64 validUntil, bytes32 documentHash).
type ClaimData struct {
	ValidFrom    time.Time   // zero when 0 on the chain
	ValidUntil   time.Time   // zero when 0 on the chain (no expiry)
	DocumentHash common.Hash // zero when the claim has no document
}

// DecodeClaimData decodes a claim's data. ok is false for data in any other form:
// such a claim has no expiry and no document.
func DecodeClaimData(data []byte) (ClaimData, bool) {
	if len(data) != 96 {
		return ClaimData{}, false
	}
	vals, err := claimDataArgs.Unpack(data)
	if err != nil || len(vals) != 3 {
		return ClaimData{}, false
	}
	// Unpack accepts uint64 fields with dirty high bytes; the canonical encoding does not.
	if !isZero(data[:24]) || !isZero(data[32:56]) {
		return ClaimData{}, false
	}
	from, until := vals[0].(uint64), vals[1].(uint64)
	return ClaimData{ValidFrom: unix(from), ValidUntil: unix(until), DocumentHash: vals[2].([32]byte)}, true
}

// EncodeClaimData is the inverse of DecodeClaimData.
func EncodeClaimData(d ClaimData) []byte {
	out, err := claimDataArgs.Pack(seconds(d.ValidFrom), seconds(d.ValidUntil), [32]byte(d.DocumentHash))
	if err != nil {
		panic(err) // two uint64 and a bytes32 always pack
	}
	return out
}

func unix(s uint64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	if s > uint64(1<<62) { // far beyond any date time.Time writes sensibly
		s = 1 << 62
	}
	return time.Unix(new(big.Int).SetUint64(s).Int64(), 0).UTC()
}

func seconds(t time.Time) uint64 {
	if t.IsZero() || t.Unix() < 0 {
		return 0
	}
	return uint64(t.Unix())
}

func isZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
