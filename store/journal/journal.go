package journal

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// MaxRecord is the largest payload a record may hold.
const MaxRecord = 1 << 20

// headerSize is the length, checksum and sequence number before a payload.
const headerSize = 16

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrLocked is returned by Open when another process holds the journal.
var ErrLocked = errors.New("journal: another process holds this journal")

// Options tune a journal; zero values select the defaults.
type Options struct {
	// SegmentSize is the size past which a new segment starts (default
	// 8 MiB), so that released records are deleted in whole files.
	SegmentSize int64
	// Sync makes every Append fsync its segment: durable across power
	// loss, at the cost of a disk flush per record.
	Sync bool
}

// Record is one journaled record.
type Record struct {
	Seq     uint64
	Payload []byte
}

// Journal is an open journal; its methods are safe for concurrent use.
type Journal struct {
	dir  string
	id   string
	opts Options
	lock *os.File

	mu       sync.Mutex
	f        segmentFile // the current segment
	cur      segment
	closed   []segment // segments no longer appended to, oldest first
	next     uint64    // the sequence number of the next record
	opened   uint64    // next when this process opened the journal
	released uint64    // every record up to here may be deleted
	buf      []byte
}

// segment is one segment file and the sequence numbers it holds.
type segment struct {
	path        string
	first, last uint64 // last is 0 while it holds no record
	size        int64  // bytes written
	capacity    int64
}

// segmentFile is where a segment's records are written: on Unix a shared
// memory mapping of the file (a record is a copy, not a system call), and
// elsewhere a file written with write(2).
type segmentFile interface {
	write(b []byte) error
	sync() error
	close() error // trims the file to what was written
}

// Open opens the journal in dir, creating it when missing, and takes its
// lock. The records already in it are left for Replay; new records follow
// them.
func Open(dir string, opts Options) (*Journal, error) {
	if opts.SegmentSize <= 0 {
		opts.SegmentSize = 8 << 20
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	j := &Journal{dir: dir, opts: opts, lock: lock, next: 1}
	if j.id, err = readOrMakeID(dir); err != nil {
		_ = lock.Close()
		return nil, err
	}
	if err := j.scan(); err != nil {
		_ = lock.Close()
		return nil, err
	}
	j.opened = j.next
	if err := j.startSegment(0); err != nil {
		_ = lock.Close()
		return nil, err
	}
	return j, nil
}

// ID is the journal's id, the key of its mark in the database.
func (j *Journal) ID() string { return j.id }

// Dir is the journal's directory.
func (j *Journal) Dir() string { return j.dir }

// scan finds the segments left by earlier processes and the last sequence
// number they hold.
func (j *Journal) scan() error {
	names, err := filepath.Glob(filepath.Join(j.dir, "*.seg"))
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		first, err := strconv.ParseUint(strings.TrimSuffix(filepath.Base(name), ".seg"), 10, 64)
		if err != nil {
			return fmt.Errorf("journal: unexpected file %s", name)
		}
		seg := segment{path: name, first: first}
		err = readSegment(name, func(r Record) error {
			seg.last = r.Seq
			return nil
		})
		if err != nil {
			return err
		}
		if seg.last == 0 {
			// Created and never written, or torn at its first record.
			if err := os.Remove(name); err != nil {
				return fmt.Errorf("journal: %w", err)
			}
			continue
		}
		j.closed = append(j.closed, seg)
		j.next = max(j.next, seg.last+1)
	}
	return nil
}

// Replay calls fn with every record written before this process opened
// the journal and not deleted since, in order.
func (j *Journal) Replay(fn func(Record) error) error {
	j.mu.Lock()
	var old []segment
	for _, s := range j.closed {
		if s.first < j.opened {
			old = append(old, s)
		}
	}
	j.mu.Unlock()
	for _, s := range old {
		if err := readSegment(s.path, fn); err != nil {
			return err
		}
	}
	return nil
}

// Append writes one record and returns its sequence number. When the
// write fails, the record is not in the journal.
func (j *Journal) Append(payload []byte) (uint64, error) {
	if len(payload) > MaxRecord {
		return 0, fmt.Errorf("journal: a record of %d bytes is over the %d-byte limit", len(payload), MaxRecord)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return 0, errors.New("journal: closed")
	}
	seq := j.next
	j.buf = appendRecord(j.buf[:0], seq, payload)
	if j.cur.size+int64(len(j.buf)) > j.cur.capacity {
		if err := j.rotate(int64(len(j.buf))); err != nil {
			return 0, fmt.Errorf("journal: start a segment: %w", err)
		}
	}
	if err := j.f.write(j.buf); err != nil {
		// A part of the record may be written, and a reader stops there:
		// later records go to a new segment.
		if rerr := j.rotate(0); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return 0, fmt.Errorf("journal: append: %w", err)
	}
	if j.opts.Sync {
		if err := j.f.sync(); err != nil {
			return 0, fmt.Errorf("journal: sync: %w", err)
		}
	}
	j.next++
	j.cur.last = seq
	j.cur.size += int64(len(j.buf))
	return seq, nil
}

// Release says that every record up to seq is stored elsewhere, and
// deletes the segments that hold only such records.
func (j *Journal) Release(seq uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.released = max(j.released, seq)
	var errs []error
	keep := j.closed[:0]
	for _, s := range j.closed {
		if s.last <= j.released {
			if err := os.Remove(s.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
				keep = append(keep, s)
			}
			continue
		}
		keep = append(keep, s)
	}
	j.closed = keep
	return errors.Join(errs...)
}

// Close closes the current segment, deletes it when every record in it is
// released, and gives up the lock.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.close()
	j.f = nil
	if j.cur.last <= j.released && len(j.closed) == 0 {
		err = errors.Join(err, os.Remove(j.cur.path))
	}
	return errors.Join(err, j.lock.Close())
}

// rotate closes the current segment and starts the next one, with room
// for a record of need bytes at least.
func (j *Journal) rotate(need int64) error {
	if err := j.f.close(); err != nil {
		return err
	}
	j.closed = append(j.closed, j.cur)
	return j.startSegment(need)
}

// startSegment creates the segment that starts at j.next.
func (j *Journal) startSegment(need int64) error {
	path := filepath.Join(j.dir, fmt.Sprintf("%020d.seg", j.next))
	capacity := max(j.opts.SegmentSize, need)
	f, err := openSegment(path, capacity)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.f = f
	j.cur = segment{path: path, first: j.next, capacity: capacity}
	syncDir(j.dir)
	return nil
}

// appendRecord encodes one record onto b.
func appendRecord(b []byte, seq uint64, payload []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(payload)))
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], seq)
	sum := crc32.Update(crc32.Checksum(s[:], castagnoli), castagnoli, payload)
	b = binary.BigEndian.AppendUint32(b, sum)
	b = append(b, s[:]...)
	return append(b, payload...)
}

// readSegment calls fn with each whole record of the segment at path.
func readSegment(path string, fn func(Record) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return Decode(data, fn)
}

// Decode calls fn with each record of a segment's bytes, in order, and
// stops without error at the first record that is short or fails its
// checksum (a torn tail), or at a sequence number that does not follow the
// one before.
func Decode(data []byte, fn func(Record) error) error {
	var prev uint64
	for len(data) >= headerSize {
		n := binary.BigEndian.Uint32(data)
		if n > MaxRecord || int64(len(data)-headerSize) < int64(n) {
			return nil
		}
		sum := binary.BigEndian.Uint32(data[4:])
		seq := binary.BigEndian.Uint64(data[8:])
		payload := data[headerSize : headerSize+int(n)]
		if crc32.Update(crc32.Checksum(data[8:16], castagnoli), castagnoli, payload) != sum {
			return nil
		}
		if seq == 0 || (prev != 0 && seq != prev+1) {
			return nil
		}
		if err := fn(Record{Seq: seq, Payload: bytes.Clone(payload)}); err != nil {
			return err
		}
		prev = seq
		data = data[headerSize+int(n):]
	}
	return nil
}

// readOrMakeID reads the journal's id, making it on first use.
func readOrMakeID(dir string) (string, error) {
	path := filepath.Join(dir, "id")
	b, err := os.ReadFile(path)
	if err == nil {
		id := strings.TrimSpace(string(b))
		if _, derr := hex.DecodeString(id); derr != nil || len(id) != 32 {
			return "", fmt.Errorf("journal: %s does not hold a journal id", path)
		}
		return id, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("journal: %w", err)
	}
	var raw [16]byte
	if _, err := io.ReadFull(rand.Reader, raw[:]); err != nil {
		return "", fmt.Errorf("journal: %w", err)
	}
	id := hex.EncodeToString(raw[:])
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(id+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("journal: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("journal: %w", err)
	}
	syncDir(dir)
	return id, nil
}

// syncDir makes a created or renamed file's name durable; best effort.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
