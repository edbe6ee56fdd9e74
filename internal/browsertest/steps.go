package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// StepTimeout bounds one Run or Eval.
const StepTimeout = 30 * time.Second

// Run runs steps in the tab. When they fail it says where the page stood
// (location, #status, #problem, h1), so a timeout is not all a test reports.
func Run(t testing.TB, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		probe, cancelProbe := context.WithTimeout(tab, 2*time.Second)
		defer cancelProbe()
		state, _ := chromedp.Run(probe, chromedp.Evaluate[string](`location.href + " status=" + JSON.stringify(document.querySelector("#status")?.textContent ?? "") + " problem=" + JSON.stringify(document.querySelector("#problem")?.textContent ?? "") + " h1=" + JSON.stringify(document.querySelector("h1")?.textContent ?? "")`))
		t.Fatalf("%v (page: %s)", err, state)
	}
}

// Eval evaluates js in the tab.
func Eval[T any](t testing.TB, tab context.Context, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, StepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// Screenshot saves a PNG of the page under $IDCONNECT_SCREENSHOTS, when it is set.
func Screenshot(t testing.TB, tab context.Context, name string) {
	t.Helper()
	dir := os.Getenv("IDCONNECT_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // 100 means PNG
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
