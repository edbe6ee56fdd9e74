//go:build unix

package journal

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// mappedSegment is a segment file of fixed capacity mapped into memory:
// appending a record is a copy, with no system call. The pages are the
// file's page cache, so what is copied survives the process being killed.
// The unwritten tail is zeros, where reading stops.
type mappedSegment struct {
	f    *os.File
	mem  []byte
	used int
}

func openSegment(path string, capacity int64) (segmentFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(capacity); err != nil {
		_ = f.Close()
		return nil, err
	}
	mem, err := syscall.Mmap(int(f.Fd()), 0, int(capacity), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("mmap %s: %w", path, err)
	}
	return &mappedSegment{f: f, mem: mem}, nil
}

func (s *mappedSegment) write(b []byte) error {
	if len(b) > len(s.mem)-s.used {
		return errors.New("segment full")
	}
	copy(s.mem[s.used:], b)
	s.used += len(b)
	return nil
}

// sync writes the mapped pages to the disk (fsync covers a shared
// mapping's dirty pages on Linux).
func (s *mappedSegment) sync() error { return s.f.Sync() }

// close unmaps the segment and trims the file to what was written.
func (s *mappedSegment) close() error {
	err := syscall.Munmap(s.mem)
	s.mem = nil
	return errors.Join(err, s.f.Truncate(int64(s.used)), s.f.Close())
}
