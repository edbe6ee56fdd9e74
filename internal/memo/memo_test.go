package memo

import "testing"

func TestRecent(t *testing.T) {
	calls := 0
	r := New(2, func(k int) int { calls++; return k * k })
	for _, k := range []int{1, 2, 1, 2} {
		if r.Get(k) != k*k {
			t.Fatal(k)
		}
	}
	if calls != 2 {
		t.Fatalf("%d calls for two keys", calls)
	}
	r.Get(3) // 1 and 2 move to the previous generation, still served
	r.Get(1)
	if calls != 3 {
		t.Fatalf("%d calls; a key of the previous generation was computed again", calls)
	}
	r.Get(4)
	r.Get(5) // {3 1} then {4 5}: 2 is gone
	r.Get(2)
	if calls != 6 {
		t.Fatalf("%d calls; want 6", calls)
	}
}
