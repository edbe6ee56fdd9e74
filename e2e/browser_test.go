package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/idconnect/idconnect/internal/browsertest"
)

// chromiumPath finds Debian's Chromium; see browsertest.ChromiumPath.
func chromiumPath(t *testing.T) string { return browsertest.ChromiumPath(t) }

// startBrowser starts one headless Chromium with a fresh profile that resolves
// nothing but loopback. Each test opens its own browser context in it (newTab), so
// cookies and storage never leak between tests.
func startBrowser(path, profile string) (context.Context, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(900, 1100),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	stop := func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(browser); err != nil { // starts the browser, bound to this context
		stop()
		return nil, nil, fmt.Errorf("start Chromium at %s: %w", path, err)
	}
	return browser, stop, nil
}

// newTab opens a tab in a fresh browser context with w installed as window.ethereum.
// It fails the test on any uncaught page exception.
func newTab(t *testing.T, w *wallet) context.Context {
	t.Helper()
	browser := shared.chromium(t, chromiumPath(t))
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)

	var mu sync.Mutex
	var thrown []string
	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			d := e.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			mu.Lock()
			thrown = append(thrown, fmt.Sprintf("%s at %s:%d", desc, d.URL, d.LineNumber+1))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(thrown) > 0 {
			t.Errorf("uncaught page exceptions: %q", thrown)
		}
	})
	err := chromedp.Do(tab,
		chromedp.ExposeFunc(walletBinding, w.request), // Runtime.addBinding + Runtime.bindingCalled
		onNewDocument(walletJS),
		// Record CSP violations in every document, so a blocked script cannot go unseen.
		onNewDocument(`window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// onNewDocument runs src in every new document before the page's own scripts.
func onNewDocument(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// text returns an element's text with its white space collapsed.
func text(t *testing.T, tab context.Context, css string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, browsertest.StepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// staleMark marks the current document, so a wait can tell the next page from it.
const staleMark = "data-e2e-stale"

// navigate runs trigger, which must load a new document, and waits until that
// document shows ready (a CSS selector) enabled. It then checks that the CSP
// blocked nothing on the page.
func navigate(t *testing.T, tab context.Context, trigger chromedp.Action[chromedp.Void], ready string) {
	t.Helper()
	fresh := "html:not([" + staleMark + "]) " + ready
	browsertest.Run(t, tab,
		chromedp.Evaluate[chromedp.Void](`document.documentElement.setAttribute("`+staleMark+`", "")`),
		trigger,
		chromedp.WaitEnabled(chromedp.CSS(fresh)))
	if v := browsertest.Eval[[]string](t, tab, `window.__csp || []`); len(v) != 0 {
		t.Fatalf("CSP violations on %s: %q", browsertest.Eval[string](t, tab, `location.href`), v)
	}
}
