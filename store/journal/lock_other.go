//go:build !unix

package journal

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockDir opens the lock file; without flock(2), one process per journal
// is the operator's to ensure.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return f, nil
}
