package sqlstore

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func TestAddrScanner(t *testing.T) {
	want := common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4")
	for _, tc := range []struct {
		name string
		src  any
		want common.Address
		bad  bool
	}{
		{"EIP-55", "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", want, false},
		{"lower case written by an older version", "0x5b38da6a701c568545dcfcb03fcb875f56beddc4", want, false},
		{"bytes", []byte("0x5B38DA6A701C568545DCFCB03FCB875F56BEDDC4"), want, false},
		{"empty is none", "", common.Address{}, false},
		{"NULL is none", nil, common.Address{}, false},
		{"no 0x prefix", "5B38Da6a701c568545dCfcB03FcB875f56beddC4", common.Address{}, true},
		{"short", "0x5B38", common.Address{}, true},
		{"not hex", "0xZZ38Da6a701c568545dCfcB03FcB875f56beddC4", common.Address{}, true},
		{"raw bytes", want.Bytes(), common.Address{}, true},
		{"a number", int64(7), common.Address{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got common.Address
			err := ad(&got).Scan(tc.src)
			if (err != nil) != tc.bad || got != tc.want {
				t.Fatalf("Scan(%v) = %v, %v; want %v, error %v", tc.src, got.Hex(), err, tc.want.Hex(), tc.bad)
			}
		})
	}
}

func TestAddrWrite(t *testing.T) {
	if got := addr(common.Address{}); got != "" {
		t.Fatalf("zero address written as %q, want empty", got)
	}
	a := common.HexToAddress("0x5b38da6a701c568545dcfcb03fcb875f56beddc4")
	if got := addr(a); got != "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4" {
		t.Fatalf("address written as %q, want EIP-55", got)
	}
	var back []common.Address
	if err := al(&back).Scan(addrList([]common.Address{a, a})); err != nil || len(back) != 2 || back[0] != a {
		t.Fatalf("list round trip: %v, %v", back, err)
	}
	if err := al(&back).Scan(`["0x5b38"]`); err == nil {
		t.Fatal("a bad stored list address was accepted")
	}
}
