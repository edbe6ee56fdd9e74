//go:build !unix

package journal

import "os"

// appendSegment appends each record with one write(2).
type appendSegment struct{ f *os.File }

func openSegment(path string, _ int64) (segmentFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	return &appendSegment{f: f}, nil
}

func (s *appendSegment) write(b []byte) error {
	_, err := s.f.Write(b)
	return err
}

func (s *appendSegment) sync() error  { return s.f.Sync() }
func (s *appendSegment) close() error { return s.f.Close() }
