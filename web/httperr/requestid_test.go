package httperr_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/web/httperr"
)

func TestValidRequestID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"Zk3x_9-a", true},
		{"0f8fad5b-d9cb-469f-a165-70867728950e", true},                    // a UUID
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true}, // a traceparent
		{"req.1:2", true},
		{strings.Repeat("a", 64), true},
		{"", false},
		{strings.Repeat("a", 65), false},
		{"two words", false},
		{"ada@example.com", false},
		{"line\nbreak", false},
		{`quote"`, false},
		{"é", false},
		{"a/b", false},
	} {
		if got := httperr.ValidRequestID(tc.id); got != tc.want {
			t.Errorf("ValidRequestID(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func FuzzValidRequestID(f *testing.F) {
	for _, s := range []string{"abc", "0f8fad5b-d9cb-469f-a165-70867728950e", "a b", "x@y", strings.Repeat("z", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if !httperr.ValidRequestID(id) {
			return
		}
		if len(id) > 64 || strings.ContainsAny(id, " \t\r\n\"'@/\\=") {
			t.Fatalf("kept %q", id)
		}
		if httperr.RequestID(httperr.WithRequestID(context.Background(), id)) != id {
			t.Fatalf("context lost %q", id)
		}
	})
}

func TestNewRequestID(t *testing.T) {
	a, err := httperr.NewRequestID(bytes.NewReader(bytes.Repeat([]byte{1}, 16)))
	if err != nil || len(a) != 22 || !httperr.ValidRequestID(a) {
		t.Fatalf("NewRequestID = %q, %v", a, err)
	}
	b, _ := httperr.NewRequestID(bytes.NewReader(bytes.Repeat([]byte{2}, 16)))
	if a == b {
		t.Fatal("different randomness gave the same id")
	}
	if _, err := httperr.NewRequestID(bytes.NewReader(nil)); err == nil {
		t.Fatal("no randomness, no error")
	}
	if id := httperr.RequestID(context.Background()); id != "" {
		t.Fatalf("a bare context has id %q", id)
	}
}
