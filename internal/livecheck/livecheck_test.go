package livecheck

import (
	"strings"
	"testing"
)

// The oracle must find every way a payload can be live, and nothing in
// payloads that are shown as text.
func TestHTML(t *testing.T) {
	live := []string{
		`<script>alert(1)</script>`,
		`<SCRIPT>alert(1)</SCRIPT>`,
		`<script type="module">alert(1)</script>`,
		`<script type="text/javascript">alert(1)</script>`,
		`<script src="https://evil.example/x.js"></script>`,
		`<script src="//evil.example/x.js"></script>`,
		`<script src="data:text/javascript,alert(1)"></script>`,
		`<script src="/js/a.js">alert(1)</script>`,
		`<script type="application/json">{"a": 1}</script><script>alert(1)</script>`,
		`<script type="application/json">not json</script>`,
		`<script type="application/json">{"a": "<!--<script>"}</script>`,
		`<img src=x onerror=alert(1)>`,
		`<p onmouseover="alert(1)">x</p>`,
		`<body onload=alert(1)>`,
		`<svg onload=alert(1)>`,
		`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
		`<svg><a href="javascript:alert(1)">x</a></svg>`,
		`<svg><set attributeName="href" to="javascript:alert(1)"/></svg>`,
		`<svg><foreignObject><p>x</p></foreignObject></svg>`,
		`<svg><title><script>alert(1)</script></title></svg>`,
		`<math><a href="javascript:alert(1)">x</a></math>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href=" java&#x09;script:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`,
		`<iframe src="https://evil.example"></iframe>`,
		`<object data="x.swf"></object>`,
		`<embed src="x.swf">`,
		`<base href="https://evil.example/">`,
		`<form action="javascript:alert(1)"><button>x</button></form>`,
		`<button formaction="javascript:alert(1)">x</button>`,
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
		`<meta http-equiv="refresh" content="0; URL='//evil.example/'">`,
		`<p style="background:url(javascript:alert(1))">x</p>`,
		`<style>body{}</style>`,
		`<noscript><img src=x onerror=alert(1)></noscript>`,
		`<div><p>text</p><img src=x onerror="alert(1)"></div>`,
	}
	for _, s := range live {
		if got := HTML([]byte(s)); len(got) == 0 {
			t.Errorf("HTML(%q) found nothing live", s)
		}
	}
	safe := []string{
		`<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body></body></html>`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>`,
		`<p title="&quot; onmouseover=&quot;alert(1)">x</p>`,
		`<meta name="description" content="<script>alert(1)</script>">`,
		`<a href="https://example.org/?q=javascript:alert(1)">x</a>`,
		`<a href="/measures/eet/">x</a>`,
		`<script src="/js/chart.123.js" integrity="sha384-x" defer></script>`,
		`<script src="js/chart.js"></script>`,
		`<script type="application/json" class="chart-option">{"title":"\u003cscript\u003ealert(1)\u003c/script\u003e"}</script>`,
		`<script type="application/ld+json">{"name":"\u003c/script\u003e"}</script>`,
		`<svg><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><text>x</text></svg>`,
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">`,
		`<!-- <script>alert(1)</script> -->`,
		`<textarea><script>alert(1)</script></textarea>`,
		`<p>javascript:alert(1)</p>`,
		`<meta http-equiv="refresh" content="0; url=/measures/eet/">`,
		`<form role="search" action="/search/"><input name="q"></form>`,
	}
	for _, s := range safe {
		if got := HTML([]byte(s)); len(got) != 0 {
			t.Errorf("HTML(%q) = %q, want nothing live", s, got)
		}
	}
}

func TestXML(t *testing.T) {
	live := []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"/></svg>`,
		`<rss><channel><item><description>&lt;img src=x onerror=alert(1)&gt;</description></item></channel></rss>`,
		`<rss><channel><item><description><![CDATA[<script>alert(1)</script>]]></description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>`,
		`<urlset><url><loc>x</loc></url>`,
		`<a>x & y</a>`,
	}
	for _, s := range live {
		if got := XML([]byte(s)); len(got) == 0 {
			t.Errorf("XML(%q) found nothing live", s)
		}
	}
	safe := []string{
		`<?xml version="1.0" encoding="utf-8"?><urlset><url><loc>https://example.org/measures/eet/</loc></url></urlset>`,
		`<rss><channel><item><title>&amp;lt;script&amp;gt;</title><description>&amp;lt;p&amp;gt;</description></item></channel></rss>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></svg>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><subtitle>&lt;img src=x onerror=alert(1)&gt;</subtitle><entry><summary type="text">&lt;script&gt;</summary><content type="html">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content></entry></feed>`,
	}
	for _, s := range safe {
		if got := XML([]byte(s)); len(got) != 0 {
			t.Errorf("XML(%q) = %q, want nothing live", s, got)
		}
	}
}

func TestCSV(t *testing.T) {
	for _, s := range []string{
		"measure,note\neet,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\n",
		"measure,note\neet,+cmd|' /C calc'!A0\n",
		"measure,note\neet,-2+3+cmd|' /C calc'!A0\n",
		"measure,note\neet,@SUM(1+1)*cmd|' /C calc'!A0\n",
		"measure,note\neet,\"\tdata\"\n",
	} {
		if got := CSV([]byte(s)); len(got) == 0 || !strings.Contains(got[0], "formula") {
			t.Errorf("CSV(%q) = %q, want a formula", s, got)
		}
	}
	for _, s := range []string{
		"measure,value,note\neet,-5,\"'=HYPERLINK(\"\"x\"\")\"\n",
		"measure,value,note\neet,+5,plain note\n",
		"measure,value,note\neet,1e3,\"a, b\"\n",
	} {
		if got := CSV([]byte(s)); len(got) != 0 {
			t.Errorf("CSV(%q) = %q, want nothing live", s, got)
		}
	}
}

func TestFile(t *testing.T) {
	if got := File("a/index.json", []byte(`{"a":`)); len(got) == 0 {
		t.Error("invalid JSON not reported")
	}
	if got := File("a/INDEX.HTML", []byte(`<script>x()</script>`)); len(got) == 0 || !strings.Contains(got[0], "inline script") {
		t.Errorf("File(.HTML) = %q", got)
	}
	if got := File("a/chart.js", []byte(`alert(1)`)); len(got) != 0 {
		t.Errorf("File(.js) = %q: scripts are the site's own, not checked here", got)
	}
}
