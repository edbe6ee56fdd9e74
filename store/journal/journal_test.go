package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func replayAll(t *testing.T, j *Journal) []Record {
	t.Helper()
	var out []Record
	if err := j.Replay(func(r Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func appendN(t *testing.T, j *Journal, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		if _, err := j.Append(fmt.Appendf(nil, "row %d", i)); err != nil {
			t.Fatal(err)
		}
	}
}

func segments(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.seg"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestReplayAfterCrash reopens a journal that was not closed, as after a
// SIGKILL: every appended record comes back, in order, once; new records
// follow the old sequence numbers; the id stays.
func TestReplayAfterCrash(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, Options{SegmentSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	id := j.ID()
	appendN(t, j, 0, 25)
	if got := replayAll(t, j); len(got) != 0 {
		t.Fatalf("a fresh journal replays %d records", len(got))
	}
	// The crash: the lock goes with the process; nothing else is closed.
	_ = j.lock.Close()

	j2, err := Open(dir, Options{SegmentSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if j2.ID() != id {
		t.Fatalf("id %s, was %s", j2.ID(), id)
	}
	got := replayAll(t, j2)
	if len(got) != 25 {
		t.Fatalf("replayed %d records, want 25", len(got))
	}
	for i, r := range got {
		if r.Seq != uint64(i+1) || string(r.Payload) != fmt.Sprintf("row %d", i) {
			t.Fatalf("record %d: %d %q", i, r.Seq, r.Payload)
		}
	}
	seq, err := j2.Append([]byte("after"))
	if err != nil || seq != 26 {
		t.Fatalf("next sequence %d, %v; want 26", seq, err)
	}
	if again := replayAll(t, j2); len(again) != 25 {
		t.Fatalf("records appended after opening are replayed: %d", len(again))
	}
}

// TestTornTail cuts the last record short, and flips a byte of another
// journal's record: replay stops before the damage and loses nothing
// before it, and appending goes on after the last whole record.
func TestTornTail(t *testing.T) {
	for _, damage := range []string{"cut", "flip"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			j, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			appendN(t, j, 0, 5)
			path, end := j.cur.path, j.cur.size // a mapped segment is longer: zeros follow
			_ = j.lock.Close()
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if damage == "cut" {
				b = b[:end-3]
			} else {
				b[end-1] ^= 0x40
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			j2, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer j2.Close()
			if got := replayAll(t, j2); len(got) != 4 || got[3].Seq != 4 {
				t.Fatalf("replayed %v", got)
			}
			if seq, err := j2.Append([]byte("next")); err != nil || seq != 5 {
				t.Fatalf("next sequence %d, %v; want 5", seq, err)
			}
		})
	}
}

// TestReleaseDeletesSegments: a segment goes once all its records are
// released, never before, and a clean close with everything released
// leaves nothing to replay.
func TestReleaseDeletesSegments(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, Options{SegmentSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, j, 0, 30) // about 4 records a segment
	before := len(segments(t, dir))
	if before < 5 {
		t.Fatalf("%d segments; the test wants several", before)
	}
	if err := j.Release(10); err != nil {
		t.Fatal(err)
	}
	after := segments(t, dir)
	if len(after) >= before {
		t.Fatalf("releasing 10 records deleted no segment (%d left)", len(after))
	}
	// What is left still holds every record above 10.
	var seqs []uint64
	for _, name := range after {
		if err := readSegment(name, func(r Record) error { seqs = append(seqs, r.Seq); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Contains(seqs, 11) || !slices.Contains(seqs, 30) {
		t.Fatalf("records left: %v", seqs)
	}
	if err := j.Release(30); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if left := segments(t, dir); len(left) != 0 {
		t.Fatalf("after a clean close with all released: %v", left)
	}
	j2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if got := replayAll(t, j2); len(got) != 0 {
		t.Fatalf("replayed %d", len(got))
	}
	if seq, _ := j2.Append(nil); seq != 1 {
		t.Fatalf("an emptied journal starts again at %d", seq)
	}
}

// TestOneProcess: a second opener is refused while the first holds it.
func TestOneProcess(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	j2, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("after close: %v", err)
	}
	_ = j2.Close()
}

func TestAppendLimits(t *testing.T) {
	j, err := Open(t.TempDir(), Options{Sync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Append(make([]byte, MaxRecord+1)); err == nil {
		t.Fatal("an oversize record was accepted")
	}
	if seq, err := j.Append(make([]byte, MaxRecord)); err != nil || seq != 1 {
		t.Fatalf("%d, %v", seq, err)
	}
	_ = j.Close()
	if _, err := j.Append([]byte("x")); err == nil {
		t.Fatal("append after close")
	}
}

// FuzzDecode: no input makes Decode fail or panic, and what it returns
// re-encodes to a prefix of the input.
func FuzzDecode(f *testing.F) {
	f.Add(appendRecord(appendRecord(nil, 1, []byte("a")), 2, []byte("bc")))
	f.Add(appendRecord(nil, 7, nil))
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var enc []byte
		err := Decode(data, func(r Record) error {
			enc = appendRecord(enc, r.Seq, r.Payload)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(enc) > len(data) || string(enc) != string(data[:len(enc)]) {
			t.Fatal("decoded records are not a prefix of the input")
		}
	})
}
