import Testing
@testable import LessonSupport

@Suite struct MarkupCheckTests {
    /// Written by KaTeX 0.16 for `\sqrt{x^2}` and `\color{red}{a}`, `trust` off.
    let katexOutput = #"<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msqrt><msup><mi>x</mi><mn>2</mn></msup></msqrt><mstyle mathcolor="red"><mi>a</mi></mstyle></mrow><annotation encoding="application/x-tex">\sqrt{x^2} &lt; \color{red}{a}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="strut" style="height:1.04em;vertical-align:-0.1078em;"></span><span class="mord sqrt"><span class="svg-align" style="top:-3em;"><span class="hide-tail" style="min-width:0.853em;height:1.08em;"><svg xmlns="http://www.w3.org/2000/svg" width="400em" height="1.08em" viewBox="0 0 400000 1080" preserveAspectRatio="xMinYMin slice"><path d="M95,702 c-2.7,0,-7.17,-2.7z"/></svg></span></span><span class="mord" style="color:red;">a</span></span></span></span>"#

    @Test func katexOwnOutputPasses() {
        #expect(MarkupCheck.katex.allows(katexOutput))
        #expect(MarkupCheck.katex.allows("plain text &amp; &#x27;"))
    }

    @Test func anythingKaTeXDoesNotWriteFails() {
        for html in ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<span onclick=\"x()\">a</span>",
                     "<span class=x>a</span>", "<span class='x'>a</span>", "<!-- x --><span>a</span>",
                     "<a href=\"javascript:alert(1)\">x</a>", "<span id=\"top\">a</span>",
                     "<span style=\"position:fixed;top:0\">a</span>", "<span style=\"background:url(http://e.com/a)\">a</span>",
                     "<span style=\"width:expression(alert(1))\">a</span>", "<span style=\"color:var(--x)\">a</span>",
                     "<svg><foreignObject></foreignObject></svg>", "<span title=\"a\">b</span>", "a & b", "<span", "<span class=\"a>"] {
            #expect(!MarkupCheck.katex.allows(html), "\(html)")
        }
    }

    @Test func aListWithLinksChecksTheirURLs() {
        var check = MarkupCheck.katex
        check.elements.insert("a")
        check.urlAttributes = ["href"]
        check.isSafeURL = { !$0.lowercased().hasPrefix("javascript:") }
        #expect(check.allows("<a href=\"intro.html\">x</a>"))
        #expect(!check.allows("<a href=\"javascript:alert(1)\">x</a>"))
        #expect(!check.allows("<a href=\"java&#x73;cript:alert(1)\">x</a>"))
    }

    @Test func stylesAreLengthsAndColoursOnly() {
        #expect(MarkupCheck.isPlainStyle("height:0.64em;vertical-align:-0.15em;margin-right:0.05em;"))
        #expect(MarkupCheck.isPlainStyle("width:calc(100% - 1em)"))
        #expect(!MarkupCheck.isPlainStyle("top:0;z-index:9"))
        #expect(!MarkupCheck.isPlainStyle("background-image:image(red)"))
    }
}
