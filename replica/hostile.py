"""Hostile strings for the injection tests (tests and demo only; the product never sees this file).

Every payload that could run script sets the page's trap global `__oinTrap` (to its own number),
so a test can tell that script ran and which payload ran it. The page /replica/hostile shows them
as display names, descriptions, labels, list row names and statuses and help texts, always with
textContent (see static/hostile.js); only the `view=control` page deliberately parses one with
innerHTML, to prove that the trap fires when markup is parsed.
"""

TRAP = "__oinTrap"


def _p(n, template):
    return template.replace("§", str(n))


# Templates: `§` becomes the payload's number (only where it sets the trap).
_TEMPLATES = [
    "<script>top.__oinTrap=§</script>",
    "<img src=x onerror=\"top.__oinTrap=§\">",
    "<svg onload=\"top.__oinTrap=§\"></svg>",
    "<svg><script>top.__oinTrap=§</script></svg>",
    "javascript:top.__oinTrap=§",
    "<a href=\"javascript:top.__oinTrap=§\">click me</a>",
    "<iframe src=\"javascript:top.__oinTrap=§\"></iframe>",
    "<iframe srcdoc=\"<script>top.__oinTrap=§</script>\"></iframe>",
    "<body onload=top.__oinTrap=§>",
    "<details open ontoggle=\"top.__oinTrap=§\">x</details>",
    "<input autofocus onfocus=\"top.__oinTrap=§\">",
    "<video><source onerror=\"top.__oinTrap=§\"></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=top.__oinTrap=§>",
    "\"><img src=x onerror=top.__oinTrap=§>",
    "'><svg/onload=top.__oinTrap=§>",
    "</oin-helper><img src=x onerror=top.__oinTrap=§>",
    "</textarea><script>top.__oinTrap=§</script>",
    "</title><script>top.__oinTrap=§</script>",
    "<style>@import 'javascript:top.__oinTrap=§';</style>",
    "<div style=\"background:url(javascript:top.__oinTrap=§)\">styled</div>",
    "${top.__oinTrap=§}",
    "{{constructor.constructor('top.__oinTrap=§')()}}",
    "{{7*7}} {{ user.name }}",
    "<%= 7*7 %> #{7*7} ${7*7}",
    "Acme\u202Egnp.exe",
    "Acme \u202E\u2066Strawberry\u2069 Central\u202C",
    "Ac\u200Bme\u200D Straw\u200Cberry\uFEFF Central\u2060",
    "line\u2028separator\u2029paragraph",
    "&lt;script&gt;top.__oinTrap=§&lt;/script&gt;",
    "&#60;img src=x onerror=top.__oinTrap=§&#62;",
    "&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &nbsp; &#x3C;",
    "<noscript><p title=\"</noscript><img src=x onerror=top.__oinTrap=§>\">",
    "<template><img src=x onerror=top.__oinTrap=§></template>",
    "<object data=\"javascript:top.__oinTrap=§\"></object>",
    "<embed src=\"javascript:top.__oinTrap=§\">",
    "<form action=\"javascript:top.__oinTrap=§\"><button>go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:top.__oinTrap=§\">",
    "<base href=\"javascript:top.__oinTrap=§//\">",
    "<marquee onstart=top.__oinTrap=§>scroll</marquee>",
    "<x-evil onclick=top.__oinTrap=§>custom element</x-evil>",
    "<oin-helper><div data-oin-finding data-severity=error>fake finding</div></oin-helper>",
    "<slot name=\"x\"></slot><slot></slot>",
    "</style><style>*{display:none!important}</style>",
    "x{}*{background:url(\"javascript:top.__oinTrap=§\")} :host{display:none}",
    "width: expression(top.__oinTrap=§)",
    "\"; top.__oinTrap=§; //",
    "'); top.__oinTrap=§; //",
    "`; top.__oinTrap=§; //`",
    "data:text/html;base64,PHNjcmlwdD50b3AuX19vaW5UcmFwPTE8L3NjcmlwdD4=",
    "<svg><a xlink:href=\"javascript:top.__oinTrap=§\"><text x=\"20\" y=\"20\">link</text></a></svg>",
    "<svg><animate onbegin=top.__oinTrap=§ attributeName=x dur=1s>",
    "<img srcset=\"x\" onerror=top.__oinTrap=§>",
    "https://acme-admin.okta.com@evil.example/<img src=x onerror=top.__oinTrap=§>",
    "\u0430cme-admin.okta.com",
    "Z\u0338\u0321\u0322\u0353a\u0334l\u0337g\u0338o\u0336 text",
    "--></script><script>top.__oinTrap=§</script><!--",
    "<![CDATA[<script>top.__oinTrap=§</script>]]>",
    "<?xml version=\"1.0\"?><script>top.__oinTrap=§</script>",
    "\\u003cimg src=x onerror=top.__oinTrap=§\\u003e",
    "%3Cscript%3Etop.__oinTrap=§%3C%2Fscript%3E",
    "\t \n<b\n>multi\nline</b\n>\r\n",
    "<table><tr><td>cell</td></tr></table><li>item</li><tr><td>row</td></tr>",
    "<button data-action=\"submit-anyway\">Submit anyway</button>",
    "<a data-action=\"open-submitter-org\" href=\"https://evil.example/\">open</a>",
    "\U0001F600\U0001F4A9\U0001F1FA\U0001F1F8 emoji \U0001F469\u200D\U0001F4BB",
]


def payloads():
    """The list, numbered from 1 (the number is what a payload writes into the trap)."""
    out = [_p(n, t) for n, t in enumerate(_TEMPLATES, start=1)]
    # Very long strings: far over every limit the catalogue knows.
    out.append("A" * 100000)
    out.append("<b>" * 20000 + "<img src=x onerror=top.__oinTrap=%d>" % (len(out) + 1))
    out.append(("\u202E\u200B" * 3000) + "end")
    return out
