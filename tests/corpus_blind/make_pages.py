#!/usr/bin/env python3
"""Generator for the blind test corpus (tests/corpus_blind).

Standard library only. Writes pages/*.html and labels.toml. All people, addresses,
phones (555-01xx) and e-mails (example.com/.org/.net) are fictional.
Run:  python3 make_pages.py
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = []  # (file, profile, style, namesake_only, note, html, expects, ambiguous)


def page(num, slug, profile, style, note, html, expect=(), ambiguous=(), namesake_only=False):
    fname = f"{num:03d}-{slug}.html"
    PAGES.append(dict(file="pages/" + fname, profile=profile, style=style,
                      namesake_only=namesake_only, note=note, html=html,
                      expect=list(expect), ambiguous=list(ambiguous)))


def E(kind, subject, value):
    return dict(kind=kind, subject=subject, value=value)


STATES = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
          "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
          "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
          "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
          "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
          "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
          "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
          "Wisconsin", "Wyoming"]

PS_CSS = """
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#222;background:#f4f6f8}
a{color:#1a5fb4;text-decoration:none}a:hover{text-decoration:underline}
.topbar{background:#0d2b45;color:#fff;padding:10px 24px;display:flex;align-items:center;justify-content:space-between}
.topbar .logo{font-weight:700;font-size:22px;color:#fff}.topbar nav a{color:#cfe3f5;margin-left:18px;font-size:14px}
.searchbar{background:#15406a;padding:12px 24px}.searchbar input{padding:8px;border:0;border-radius:3px;width:180px;margin-right:6px}
.searchbar button{padding:8px 16px;background:#f5a623;border:0;border-radius:3px;font-weight:700}
.wrap{max-width:1120px;margin:0 auto;padding:20px;display:flex;gap:24px}.main{flex:1}.side{width:300px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:16px 20px;margin-bottom:16px}
.ad{background:#fffbe6;border:1px dashed #e0c068;padding:14px;font-size:13px;margin-bottom:16px}
.ad small{display:block;color:#999;font-size:10px;text-transform:uppercase}
table.results{width:100%;border-collapse:collapse;background:#fff}table.results th{background:#e9eef3;text-align:left;padding:8px;font-size:13px}
table.results td{border-top:1px solid #e3e7ec;padding:8px;font-size:14px;vertical-align:top}
.muted{color:#6b7785;font-size:13px}.btn{display:inline-block;background:#1a7f37;color:#fff;padding:6px 12px;border-radius:4px;font-size:13px}
footer{background:#0d2b45;color:#9fb3c8;padding:24px;font-size:12px;margin-top:30px}footer a{color:#cfe3f5}
.states a{display:inline-block;width:150px;font-size:12px;color:#9fb3c8}
.fcra{font-size:11px;color:#7d8b99;max-width:1000px}
dl.kv dt{font-weight:600;font-size:13px;color:#555;margin-top:10px}dl.kv dd{margin:2px 0 0 0}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}.pill{display:inline-block;background:#eef3f8;border-radius:12px;padding:3px 10px;margin:2px;font-size:13px}
.blur{filter:blur(3px);user-select:none}
"""


def states_block(site_path="/state"):
    return "<div class=\"states\">" + "".join(
        f"<a href=\"{site_path}/{s.lower().replace(' ', '-')}\">{s}</a>" for s in STATES) + "</div>"


def ps_top(site, tagline="Free People Search"):
    return f"""<header class="topbar"><a class="logo" href="/">{site}</a>
<nav><a href="/people-search">People Search</a><a href="/reverse-phone">Reverse Phone</a><a href="/address-lookup">Address Lookup</a><a href="/email-lookup">Email Lookup</a><a href="/opt-out">Remove My Info</a><a href="/login">Log In</a></nav></header>
<div class="searchbar"><form action="/results" method="get"><input name="name" placeholder="First and last name"><input name="citystatezip" placeholder="City, State or ZIP"><button type="submit">Search</button> <span style="color:#cfe3f5;font-size:13px">{tagline}</span></form></div>
"""


def ps_bottom(site, year=2026):
    return f"""<footer><p><a href="/about">About {site}</a> · <a href="/privacy">Privacy Policy</a> · <a href="/terms">Terms of Use</a> · <a href="/opt-out">Do Not Sell or Share My Personal Information</a> · <a href="/contact">Contact</a> · <a href="/sitemap">Sitemap</a></p>
<h4 style="color:#fff">Search people by state</h4>{states_block()}
<p class="fcra">{site} is not a consumer reporting agency as defined by the Fair Credit Reporting Act (FCRA). Information provided by {site} may not be used to make decisions about consumer credit, employment, insurance, tenant screening, or any other purpose that would require FCRA compliance. The information available on our website may not be 100% accurate, complete, or up to date, so do not use it as a substitute for your own due diligence, especially if you have concerns about a person's criminal history. {site} does not make any representation or warranty about the accuracy of the information available through our website or about the character or integrity of the person about whom you inquire.</p>
<p>&copy; {year} {site}. All rights reserved.</p></footer>"""


def ad(text, cta="Learn more"):
    return f'<div class="ad"><small>Advertisement</small>{text} <a href="/ad/click?c=1" rel="sponsored nofollow">{cta} &rsaquo;</a></div>'


def side_ads():
    return ("<aside class=\"side\">" +
            ad("<b>Is someone using your identity?</b> Monitor your credit and get alerts in minutes.", "Start free trial") +
            ad("<b>Background checks from $0.95</b> — criminal records, court filings, and more.", "Run a check") +
            '<div class="card"><b>Popular searches</b><ul class="muted"><li><a href="/n/smith">Smith</a></li><li><a href="/n/johnson">Johnson</a></li><li><a href="/n/garcia">Garcia</a></li><li><a href="/n/nguyen">Nguyen</a></li><li><a href="/n/williams">Williams</a></li></ul></div>' +
            ad("<b>Refinance rates just dropped.</b> See what you qualify for.", "Check rates") +
            "</aside>")


def doc(title, body, css="", head_extra="", desc=""):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{desc or title}">
<link rel="icon" href="/favicon.ico">
<style>{css}</style>
{head_extra}
<script async src="https://ads.example-adnetwork.net/tag.js"></script>
</head>
<body>
{body}
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script>
</body>
</html>
"""


def ps_page(site, title, main_html, tagline="Free People Search"):
    body = ps_top(site, tagline) + f'<div class="wrap"><main class="main">{main_html}</main>{side_ads()}</div>' + ps_bottom(site)
    return doc(f"{title} | {site}", body, PS_CSS, desc=title)


def results_table(rows, headers=("Name", "Age", "Location", "Relatives"), extra_col=None):
    h = "".join(f"<th>{x}</th>" for x in headers) + "<th></th>"
    trs = []
    for r in rows:
        cells = "".join(f"<td>{c}</td>" for c in r)
        trs.append(f"<tr>{cells}<td><a class=\"btn\" href=\"/details?id={zlib.crc32(r[0].encode()) % 99999}\">View Details</a></td></tr>")
    return f'<table class="results"><thead><tr>{h}</tr></thead><tbody>{"".join(trs)}</tbody></table>'


SITE_CSS = """
body{margin:0;font-family:Georgia,'Times New Roman',serif;color:#2b2b2b;background:#fbfaf7;line-height:1.55}
header.mast{border-bottom:3px double #444;text-align:center;padding:18px 10px 8px}header.mast h1{margin:0;font-size:34px;letter-spacing:1px}
header.mast .sub{font-style:italic;color:#555}nav.site{text-align:center;padding:6px;border-bottom:1px solid #ccc;font-family:Arial,sans-serif;font-size:13px}
nav.site a{margin:0 10px;color:#333}.col{max-width:760px;margin:20px auto;padding:0 16px}
.box{border:1px solid #ccc;background:#fff;padding:12px 16px;margin:16px 0}.small{font-size:13px;color:#666}
footer.site{border-top:1px solid #ccc;margin-top:40px;padding:16px;text-align:center;font-size:12px;color:#777;font-family:Arial,sans-serif}
h2{border-bottom:1px solid #ddd;padding-bottom:4px}h3{margin-bottom:4px}
"""


SIDE_LISTS = [
    ("Recent posts", ["Volunteer appreciation night recap", "How to read your water bill", "Spring clean-up photos", "Notes from the annual meeting", "Board election results"]),
    ("Most read", ["Five trails to try this fall", "Budget hearing: what to expect", "A short history of the old mill", "Recipes from the potluck", "Letters to the editor"]),
    ("Quick links", ["Calendar", "Archive", "Forms & documents", "Accessibility statement", "Subscribe by email"]),
]


def site_sidebar(seed):
    t, items = SIDE_LISTS[seed % len(SIDE_LISTS)]
    lis = "".join(f'<li><a href="/p/{zlib.crc32(i.encode()) % 9999}">{i}</a></li>' for i in items)
    return (f'<aside class="box small"><b>{t}</b><ul>{lis}</ul>'
            '<form action="/search"><input name="q" placeholder="Search this site"> <button>Go</button></form></aside>'
            '<aside class="box small" style="background:#f6f6f0"><i>Sponsored</i><br>Local plumbing &amp; heating — 24/7 emergency service, free estimates. '
            '<a href="/ads/out?id=44" rel="sponsored nofollow">Call today</a></aside>')


def site_page(title, mast, sub, nav_items, content, footer, css_extra=""):
    nav = "".join(f'<a href="/{n.lower().replace(" ", "-")}">{n}</a>' for n in nav_items)
    seed = zlib.crc32(mast.encode())
    body = f"""<div class="small" style="background:#333;color:#eee;padding:6px 12px">This site uses cookies to remember your preferences. <a style="color:#fff" href="/cookies">Learn more</a> · <a style="color:#fff" href="#" onclick="return false">Accept</a></div>
<header class="mast"><h1>{mast}</h1><div class="sub">{sub}</div></header>
<nav class="site">{nav}</nav>
<div class="col">{content}
<hr><p class="small">Share: <a href="/share/email">Email</a> · <a href="/share/print">Print</a> · <a href="/share/link">Copy link</a></p>
{site_sidebar(seed)}</div>
<footer class="site">{footer}<br><a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/accessibility">Accessibility</a> · <a href="/contact">Contact us</a><br>&copy; 2026 {mast}. All rights reserved.</footer>"""
    return doc(title, body, SITE_CSS + css_extra)


SOCIAL_CSS = """
body{margin:0;font-family:Helvetica,Arial,sans-serif;background:#eef0f3;color:#1c1e21}
.bar{background:#fff;border-bottom:1px solid #ddd;padding:8px 20px;display:flex;justify-content:space-between}
.bar .brand{font-weight:800;color:#3b5bdb;font-size:20px}.bar input{border-radius:16px;border:1px solid #ccc;padding:6px 12px;width:240px}
.cover{height:160px;background:linear-gradient(120deg,#7da2c9,#b7d1a8)}.prof{max-width:900px;margin:-50px auto 0;padding:0 16px}
.avatar{width:110px;height:110px;border-radius:55px;background:#ccd;border:4px solid #fff}
.prof h1{margin:6px 0 0}.meta{color:#65676b;font-size:14px}.cols{display:flex;gap:16px;margin-top:16px}
.intro{width:300px}.feed{flex:1}.panel{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.15);padding:12px 16px;margin-bottom:14px}
.post .who{font-weight:700}.post .when{color:#65676b;font-size:12px}.post .txt{margin:8px 0}.post .acts{color:#65676b;font-size:13px;border-top:1px solid #eee;padding-top:6px}
.cmt{background:#f0f2f5;border-radius:14px;padding:6px 10px;margin:6px 0;font-size:14px}
"""


def social_page(site, name, meta_html, intro_html, posts, friends=()):
    fr = "".join(f'<li><a href="/u/{f.lower().replace(" ", ".")}">{f}</a></li>' for f in friends)
    feed = "".join(posts)
    body = f"""<div class="bar"><span class="brand">{site}</span><input placeholder="Search {site}"><span><a href="/home">Home</a> · <a href="/watch">Watch</a> · <a href="/groups">Groups</a> · <a href="/login">Log in</a></span></div>
<div class="cover"></div><div class="prof"><div class="avatar"></div><h1>{name}</h1><div class="meta">{meta_html}</div>
<div class="cols"><div class="intro"><div class="panel"><h3>Intro</h3>{intro_html}</div><div class="panel"><h3>Friends</h3><ul>{fr}</ul></div>
<div class="panel small" style="font-size:13px"><b>Sponsored</b><p>Meal kits from $4.99 a serving — first box free. <a href="/ads/r?c=mk" rel="sponsored">Order now</a></p><p>Noise-cancelling earbuds, 40% off this week. <a href="/ads/r?c=eb" rel="sponsored">Shop</a></p></div>
<div class="panel small" style="font-size:13px"><b>People you may know</b><ul><li>Corinne Mabry</li><li>Devon Achebe</li><li>Lise Haverkamp</li><li>Rory Tallis</li></ul></div>
<div class="panel small" style="font-size:12px;color:#888">English (US) · Español · Français (France) · Português (Brasil) · Deutsch<br>Privacy · Terms · Advertising · Ad Choices · Cookies · {site} &copy; 2026</div></div>
<div class="feed">{feed}</div></div></div>"""
    return doc(f"{name} | {site}", body, SOCIAL_CSS)


def post(who, when, text, likes=3, comments=()):
    c = "".join(f'<div class="cmt"><b>{a}</b> {t}</div>' for a, t in comments)
    return f'<div class="panel post"><div class="who">{who}</div><div class="when">{when} · Public</div><div class="txt">{text}</div><div class="acts">{likes} likes · {len(comments)} comments · Share</div>{c}</div>'


def lorem_news(n=2):
    paras = [
        "The committee reviewed the budget for the coming year and agreed to hold dues at the current level. A motion to set aside funds for replacing the entry signage passed unanimously.",
        "Please remember that yard waste pickup moves to Wednesdays starting next month. Bins should be at the curb by 7 a.m. and returned the same evening.",
        "Volunteers are still needed for the fall cleanup. Gloves, bags and coffee will be provided. Children are welcome with an adult.",
        "The city has confirmed that the crosswalk repainting will happen before the school year ends. Thank you to everyone who wrote in.",
        "Our thanks to the local library for lending the meeting room, and to the bakery on the corner for the pastries.",
        "A reminder that the speed limit on residential streets is 20 mph. Several neighbors have reported cars cutting through at much higher speeds in the evening.",
    ]
    return "".join(f"<p>{p}</p>" for p in paras[:n])


# ---------------------------------------------------------------- 1. results tables
def rel(*names):
    return ", ".join(f'<a href="/find/{n.lower().replace(" ", "-")}">{n}</a>' for n in names)


page(1, "table-results-kestrelle", "odalys", "table",
     "FindFolks results for 'Odalys Kestrelle': true row (45, Corvallis, relatives Tobiah/Wren Kestrelle, Lorraine Fenwright) among 3 namesakes",
     ps_page("FindFolks", "Odalys Kestrelle - 4 Records Found",
             '<h1>Odalys Kestrelle</h1><p class="muted">We found 4 people named Odalys Kestrelle in the US. Results sorted by relevance.</p>' +
             results_table([
                 ("Odalys M Kestrelle", "71", "Tucson, AZ", rel("Harold Kestrelle", "Nadine Kestrelle")),
                 ("Odalys R Kestrelle", "45", "Corvallis, OR", rel("Tobiah Kestrelle", "Wren Kestrelle", "Lorraine Fenwright")),
                 ("Odalys Kestrelle", "29", "Lubbock, TX", rel("Marisol Kestrelle")),
                 ("Odalys A Kestrelle", "52", "Rochester, NY", rel("Gary Kestrelle", "Pam Oyelaran")),
             ]) + '<p class="muted">Not the person you are looking for? Try adding a middle initial or a city.</p>'),
     expect=[E("birth_date", "self", "45"), E("relative", "self", "Tobiah Kestrelle"),
             E("relative", "self", "Wren Kestrelle"), E("relative", "self", "Lorraine Fenwright")])

page(2, "table-alias-fenwright", "odalys", "table",
     "results for the maiden name 'Odalys Fenwright': true row (45, Corvallis/Eugene, AKA Kestrelle) and a 22-year-old namesake in Medford",
     ps_page("AddressTrail", "Odalys Fenwright - People Search Results",
             '<h1>Results for “Odalys Fenwright”</h1><p class="muted">2 matches · Showing ages, current and past locations, and possible relatives</p>' +
             results_table([
                 ("Odalys J Fenwright", "22", "Medford, OR", rel("Carl Fenwright", "Denise Fenwright")),
                 ("Odalys Fenwright<br><span class=\"muted\">AKA Odalys R Kestrelle</span>", "45", "Corvallis, OR<br><span class=\"muted\">Eugene, OR</span>",
                  rel("Lorraine Fenwright", "Tobiah Kestrelle")),
             ], headers=("Name", "Age", "Location", "Relatives"))),
     expect=[E("birth_date", "self", "45"), E("relative", "self", "Lorraine Fenwright"),
             E("relative", "self", "Tobiah Kestrelle")])

page(3, "table-results-ardcastle", "jessamyn", "table",
     "results for 'Jessamyn Ardcastle': true row (59, Asheville NC, relatives Rafferty/Imogen Ardcastle, Barnaby Lisle) plus namesakes in VT and NC",
     ps_page("PublicPeopleIndex", "Jessamyn Ardcastle - Phone, Address, Relatives",
             '<h1>Jessamyn Ardcastle</h1><p class="muted">3 results · Updated Nov 2026</p>' +
             results_table([
                 ("Jessamyn T Ardcastle", "33", "Burlington, VT", rel("Owen Ardcastle", "Lucia Ardcastle")),
                 ("Jessamyn Ardcastle", "61", "Wilmington, NC", rel("Curtis Ardcastle", "Denise Ardcastle")),
                 ("Jessamyn L Ardcastle", "59", "Asheville, NC", rel("Rafferty Ardcastle", "Imogen Ardcastle", "Barnaby Lisle")),
             ])),
     expect=[E("birth_date", "self", "59"), E("relative", "self", "Rafferty Ardcastle"),
             E("relative", "self", "Imogen Ardcastle"), E("relative", "self", "Barnaby Lisle")])

page(4, "table-alias-lisle", "jessamyn", "table",
     "results for maiden name 'Jessamyn Lisle': true row (59, Asheville NC, past Durham NC) with brother Barnaby Lisle; namesakes in WA and TN",
     ps_page("NameScout", "Jessamyn Lisle | 3 People Found",
             '<h1>People named Jessamyn Lisle</h1>' +
             results_table([
                 ("Jessamyn K Lisle", "40", "Spokane, WA", rel("Trent Lisle")),
                 ("Jessamyn Lisle", "58", "Asheville, NC · Durham, NC", rel("Barnaby Lisle", "Rafferty Ardcastle")),
                 ("Jessamyn P Lisle", "84", "Knoxville, TN", rel("Martin Lisle", "Ada Lisle")),
             ]) + '<p class="muted">Ages are approximate and based on public records.</p>'),
     expect=[E("birth_date", "self", "58"), E("relative", "self", "Barnaby Lisle"),
             E("relative", "self", "Rafferty Ardcastle")])

page(5, "table-address-phone", "odalys", "table",
     "address-lookup table with Name|Age|Address|Phone columns: true row with home address and cell phone among same-surname rows elsewhere",
     ps_page("TrueRecordsNow", "Kestrelle in Oregon - Addresses and Phone Numbers",
             '<h1>Kestrelle — Oregon</h1><p class="muted">Showing 3 people with the last name Kestrelle in OR</p>' +
             results_table([
                 ("Odalys R Kestrelle", "45", "2417 NW Tamarack Ln, Corvallis, OR 97330", "(541) 555-0162"),
                 ("Gerald P Kestrelle", "66", "908 Hawthorne St, Klamath Falls, OR 97601", "(541) 555-0193"),
                 ("Sunniva Kestrelle", "38", "77 Orchard View Dr, Hood River, OR 97031", "(541) 555-0104"),
             ], headers=("Name", "Age", "Address", "Phone"))),
     expect=[E("birth_date", "self", "45"), E("home_address", "self", "2417 NW Tamarack Ln"),
             E("phone", "self", "(541) 555-0162")])

page(6, "table-spouse-tobiah", "odalys", "table",
     "results for 'Tobiah Kestrelle' (the spouse): his row (47, Corvallis) lists Wren Kestrelle and Odalys Kestrelle as relatives; a 24-year-old namesake in Spokane",
     ps_page("FindFolks", "Tobiah Kestrelle - 2 Records Found",
             '<h1>Tobiah Kestrelle</h1>' +
             results_table([
                 ("Tobiah J Kestrelle", "47", "Corvallis, OR", rel("Odalys Kestrelle", "Wren Kestrelle", "Lorraine Fenwright")),
                 ("Tobiah Kestrelle", "24", "Spokane, WA", rel("Rhea Kestrelle")),
             ])),
     expect=[E("birth_date", "Tobiah Kestrelle", "47"), E("relative", "Tobiah Kestrelle", "Wren Kestrelle"),
             E("relative", "Tobiah Kestrelle", "Lorraine Fenwright")],
     ambiguous=[E("relative", "Tobiah Kestrelle", "Odalys Kestrelle")])

page(7, "table-surname-town", "jessamyn", "table",
     "'Ardcastle in Asheville, NC' table: Rafferty (63) and Jessamyn (59) rows, plus unrelated Hollis Ardcastle (34) of Asheville",
     ps_page("PublicPeopleIndex", "Ardcastle in Asheville, NC",
             '<h1>Ardcastle in Asheville, NC</h1><p class="muted">3 people found</p>' +
             results_table([
                 ("Hollis Ardcastle", "34", "Asheville, NC", rel("Margo Ardcastle", "Dwayne Ardcastle")),
                 ("Rafferty Ardcastle", "63", "Asheville, NC", rel("Jessamyn Ardcastle", "Imogen Ardcastle")),
                 ("Jessamyn L Ardcastle", "59", "Asheville, NC", rel("Rafferty Ardcastle", "Imogen Ardcastle")),
             ])),
     expect=[E("birth_date", "self", "59"), E("relative", "self", "Rafferty Ardcastle"),
             E("relative", "self", "Imogen Ardcastle"), E("birth_date", "Rafferty Ardcastle", "63"),
             E("relative", "Rafferty Ardcastle", "Imogen Ardcastle")],
     ambiguous=[E("relative", "Rafferty Ardcastle", "Jessamyn Ardcastle")])


# ---------------------------------------------------------------- 2. detail reports
def section(title, inner):
    return f'<div class="card"><h2 style="font-size:18px;margin-top:0">{title}</h2>{inner}</div>'


def ul(items, cls=""):
    return f'<ul class="{cls}">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


page(10, "detail-dl-full", "odalys", "detail",
     "full report in definition lists: age 45 / born March 1981, current address, past address, 2 phones, 2 emails, AKA Fenwright, 3 relatives, unrelated associates",
     ps_page("TrueRecordsNow", "Odalys Renata Kestrelle, 45 - Corvallis, OR",
             '<div class="card"><h1 style="margin:0">Odalys Renata Kestrelle</h1><div class="muted">Age 45, Born March 1981 · Corvallis, OR</div></div>' +
             section("Current Address", '<dl class="kv"><dt>Address</dt><dd><a href="/address/2417-nw-tamarack-ln-corvallis-or-97330">2417 NW Tamarack Ln<br>Corvallis, OR 97330</a></dd><dt>County</dt><dd>Benton County</dd><dt>Recorded</dt><dd>May 2016 - Nov 2026</dd></dl>') +
             section("Past Addresses", '<dl class="kv"><dt>1306 Ferncliff Ave Apt 4, Eugene, OR 97403</dt><dd class="muted">Lane County · Aug 2007 - Apr 2016</dd><dt>PO Box 1187, Eugene, OR 97440</dt><dd class="muted">Lane County · 2004 - 2007</dd></dl>') +
             section("Phone Numbers", '<dl class="kv"><dt>(541) 555-0162</dt><dd class="muted">Wireless · Primary</dd><dt>(458) 555-0118</dt><dd class="muted">Wireless · Last seen 2025</dd></dl>') +
             section("Email Addresses", ul(["odalys.kestrelle@example.com", "okestrelle.lcsw@example.org"])) +
             section("Also Known As", ul(["Odalys Fenwright", "Odalys R Fenwright", "O Kestrelle"])) +
             section("Relatives", ul([rel("Tobiah Kestrelle") + ' <span class="muted">Age 47</span>', rel("Wren Kestrelle"), rel("Lorraine Fenwright") + ' <span class="muted">Age 73</span>'])) +
             section("Associates", ul([rel("Bryce Ollander"), rel("Maribel Tuscoe"), rel("Hank Vereen")]))),
     expect=[E("birth_date", "self", "45"), E("home_address", "self", "2417 NW Tamarack Ln"),
             E("previous_address", "self", "1306 Ferncliff Ave Apt 4"), E("phone", "self", "(541) 555-0162"),
             E("phone", "self", "(458) 555-0118"), E("email", "self", "odalys.kestrelle@example.com"),
             E("email", "self", "okestrelle.lcsw@example.org"), E("relative", "self", "Tobiah Kestrelle"),
             E("relative", "self", "Wren Kestrelle"), E("relative", "self", "Lorraine Fenwright")],
     ambiguous=[E("birth_date", "self", "March 1981")])

page(11, "detail-grid-masked", "odalys", "detail",
     "teaser report in a grid: current address visible, age 45, but phone, email and relatives masked (T***** Kestrelle, W*** Kestrelle)",
     ps_page("LookupLedger", "Odalys Kestrelle in Corvallis, OR - Report Preview",
             '<div class="card"><h1 style="margin:0">Odalys Kestrelle</h1><span class="pill">Age 45</span><span class="pill">Corvallis, OR</span><span class="pill">Report ready</span></div>' +
             '<div class="grid">' +
             section("Current Address", '<p>2417 NW Tamarack Ln<br>Corvallis, OR 973**</p>') +
             section("Phone", '<p>(541) 555-01**</p><p class="muted">Unlock to view full number</p>') +
             section("Email", '<p>o*****.k********@example.com</p>') +
             section("Relatives", ul(["T***** Kestrelle", "W*** Kestrelle", "L****** Fenwright"])) +
             '</div>' + section("Unlock full report", '<p>Criminal records, court records, property records, social media and more.</p><a class="btn" href="/checkout">Unlock for $1</a>')),
     expect=[E("birth_date", "self", "45"), E("home_address", "self", "2417 NW Tamarack Ln")],
     ambiguous=[E("phone", "self", "(541) 555-01**")])

JSONLD_J = """<script type="application/ld+json">
{"@context":"https://schema.org","@type":"Person","name":"Jessamyn L Ardcastle","alternateName":["Jessamyn Lisle"],
"address":[{"@type":"PostalAddress","streetAddress":"3390 Old Mill Rd","addressLocality":"Asheville","addressRegion":"NC","postalCode":"28806"},
{"@type":"PostalAddress","streetAddress":"19 E Cedar Pl","addressLocality":"Durham","addressRegion":"NC","postalCode":"27701"}],
"telephone":"(828) 555-0139","email":"jess.ardcastle@example.net",
"relatedTo":[{"@type":"Person","name":"Rafferty Ardcastle"},{"@type":"Person","name":"Imogen Ardcastle"},{"@type":"Person","name":"Barnaby Lisle"}]}
</script>"""

page(12, "detail-jsonld", "jessamyn", "detail",
     "report with JSON-LD Person and the same data visible: age 59, home, past Durham address, phone, email, AKA Lisle, 3 relatives",
     ps_page("NameScout", "Jessamyn L Ardcastle (59) - Asheville, NC",
             JSONLD_J +
             '<div class="card"><h1 style="margin:0">Jessamyn L Ardcastle</h1><p>Age: 59 · Lives in Asheville, NC · Also known as Jessamyn Lisle</p></div>' +
             section("Address History", '<table class="results"><tr><th>Address</th><th>Dates</th></tr><tr><td>3390 Old Mill Rd, Asheville, NC 28806</td><td>2009 – present</td></tr><tr><td>19 E Cedar Pl, Durham, NC 27701</td><td>1994 – 2009</td></tr></table>') +
             section("Phone", '<p>(828) 555-0139 <span class="muted">Landline · BellSouth</span></p>') +
             section("Email", '<p>jess.ardcastle@example.net</p>') +
             section("Possible Relatives", ul([rel("Rafferty Ardcastle"), rel("Imogen Ardcastle"), rel("Barnaby Lisle")]))),
     expect=[E("birth_date", "self", "59"), E("home_address", "self", "3390 Old Mill Rd"),
             E("previous_address", "self", "19 E Cedar Pl"), E("phone", "self", "(828) 555-0139"),
             E("email", "self", "jess.ardcastle@example.net"), E("relative", "self", "Rafferty Ardcastle"),
             E("relative", "self", "Imogen Ardcastle"), E("relative", "self", "Barnaby Lisle")])


def person_card(name, age, lines):
    age_html = f' <span class="muted">Age {age}</span>' if age else ""
    return f'<div class="card"><h3 style="margin:0">{name}{age_html}</h3>' + "".join(f"<div>{l}</div>" for l in lines) + '<a class="btn" href="/r">Full Report</a></div>'


page(13, "detail-cards-namesakes", "jessamyn", "detail",
     "cards layout, 3 Jessamyn Ardcastles: the true one (59, Asheville, phone, home address, Rafferty/Imogen) between namesakes aged 33 (VT) and 61 (Wilmington NC)",
     ps_page("Radarview", "Jessamyn Ardcastle - Phone Numbers, Addresses, Profiles",
             '<h1>Jessamyn Ardcastle</h1><p class="muted">Phone numbers, addresses, emails and profiles for 3 people</p>' +
             person_card("Jessamyn T Ardcastle", 33, ["Lives in: Burlington, VT", "Address: 41 Pearl St Apt 2, Burlington, VT 05401", "Phone: (802) 555-0147", "Related to: Owen Ardcastle, Lucia Ardcastle"]) +
             person_card("Jessamyn L Ardcastle", 59, ["Lives in: Asheville, NC", "Address: 3390 Old Mill Rd, Asheville, NC 28806", "Phone: (828) 555-0139", "Related to: Rafferty Ardcastle, Imogen Ardcastle", "Used names: Jessamyn Lisle"]) +
             person_card("Jessamyn R Ardcastle", 61, ["Lives in: Wilmington, NC", "Address: 612 Dock St, Wilmington, NC 28401", "Phone: (910) 555-0175", "Related to: Curtis Ardcastle"])),
     expect=[E("birth_date", "self", "59"), E("home_address", "self", "3390 Old Mill Rd"),
             E("phone", "self", "(828) 555-0139"), E("relative", "self", "Rafferty Ardcastle"),
             E("relative", "self", "Imogen Ardcastle")])

page(14, "detail-mother-lorraine", "odalys", "detail",
     "report about the mother Lorraine Fenwright (73, Medford); her past addresses include the therapist's previous Eugene apartment; relatives Odalys Kestrelle, Wren Kestrelle, Dale Fenwright",
     ps_page("TrueRecordsNow", "Lorraine Fenwright, 73 - Medford, OR",
             '<div class="card"><h1 style="margin:0">Lorraine D Fenwright</h1><div class="muted">Age 73 · Medford, OR</div></div>' +
             section("Current Address", '<p>1720 Crater Lake Ave, Medford, OR 97504</p>') +
             section("Past Addresses", ul(["1306 Ferncliff Ave Apt 4, Eugene, OR 97403 <span class='muted'>(2011)</span>", "PO Box 440, Jacksonville, OR 97530"])) +
             section("Phone Numbers", ul(["(541) 555-0110 <span class='muted'>Landline</span>"])) +
             section("Relatives", ul([rel("Dale Fenwright") + " (deceased)", rel("Odalys Kestrelle"), rel("Wren Kestrelle")]))),
     expect=[E("birth_date", "Lorraine Fenwright", "73"), E("previous_address", "Lorraine Fenwright", "1306 Ferncliff Ave Apt 4"),
             E("relative", "Lorraine Fenwright", "Wren Kestrelle")],
     ambiguous=[E("relative", "Lorraine Fenwright", "Odalys Kestrelle")])

JSONLD_J2 = """<script type="application/ld+json">
{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Jessamyn Ardcastle","homeLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Asheville","addressRegion":"NC"}},"relatedTo":[{"@type":"Person","name":"Imogen Ardcastle"}]}}
</script>"""

page(15, "detail-masked-jsonld", "jessamyn", "detail",
     "premium teaser with JSON-LD: age 59, street masked (3390 O** M*** Rd), phone masked, spouse masked (R****** Ardcastle), daughter Imogen Ardcastle unmasked",
     ps_page("Whitebook", "Jessamyn Ardcastle in Asheville, NC",
             JSONLD_J2 +
             '<div class="card"><h1 style="margin:0">Jessamyn Ardcastle</h1><p>Age 59 · Asheville, NC</p></div>' +
             section("Address", '<p>3390 O** M*** Rd, Asheville, NC 288**</p><p class="muted">Full address with Premium</p>') +
             section("Phone", '<p>(828) 555-01**</p>') +
             section("Household members", ul(["R****** Ardcastle", "Imogen Ardcastle"])) +
             section("Premium", '<p>See full address history, phone numbers and background report.</p><a class="btn" href="/premium">Try Premium</a>')),
     expect=[E("birth_date", "self", "59"), E("relative", "self", "Imogen Ardcastle")],
     ambiguous=[E("home_address", "self", "3390 O** M*** Rd"), E("phone", "self", "(828) 555-01**")])

page(16, "detail-spouse-shared-home", "jessamyn", "detail",
     "report about the spouse Rafferty Ardcastle (63): shared home 3390 Old Mill Rd, the household landline, relatives Jessamyn and Imogen Ardcastle",
     ps_page("LookupLedger", "Rafferty Ardcastle - Asheville, NC - Age 63",
             '<div class="card"><h1 style="margin:0">Rafferty M Ardcastle</h1><span class="pill">Age 63</span><span class="pill">Asheville, NC</span></div>' +
             '<div class="grid">' +
             section("Current Address", '<p>3390 Old Mill Rd<br>Asheville, NC 28806</p><p class="muted">Buncombe County · Owner</p>') +
             section("Phones", ul(["(828) 555-0139 · Landline", "(828) 555-0186 · Wireless"])) +
             section("Past Addresses", ul(["19 E Cedar Pl, Durham, NC 27701", "220 Hillsborough St, Raleigh, NC 27603"])) +
             section("Relatives", ul([rel("Jessamyn Ardcastle"), rel("Imogen Ardcastle"), rel("Ruth Ardcastle")])) +
             '</div>'),
     expect=[E("birth_date", "Rafferty Ardcastle", "63"), E("home_address", "Rafferty Ardcastle", "3390 Old Mill Rd"),
             E("phone", "Rafferty Ardcastle", "(828) 555-0139"), E("previous_address", "Rafferty Ardcastle", "19 E Cedar Pl"),
             E("relative", "Rafferty Ardcastle", "Imogen Ardcastle")],
     ambiguous=[E("relative", "Rafferty Ardcastle", "Jessamyn Ardcastle")])


# ---------------------------------------------------------------- 3. profile headers
HDR_CSS = PS_CSS + ".phead{font-size:26px;font-weight:700}.phead .sep{color:#999;margin:0 6px}.lbl{font-size:11px;letter-spacing:1px;color:#889;text-transform:uppercase}"

page(20, "header-name-age-city", "odalys", "header",
     "profile header 'Odalys Kestrelle, 45 · Corvallis, OR' with lived-in cities and a 'people also viewed' strip of namesakes",
     doc("Odalys Kestrelle, 45 · Corvallis, OR | Peoplebook",
         ps_top("Peoplebook") + '<div class="wrap"><main class="main">' +
         '<div class="card"><div class="phead">Odalys Kestrelle, 45<span class="sep">·</span>Corvallis, OR</div><div class="muted">Lived in: Corvallis, OR · Eugene, OR · Medford, OR</div>'
         '<p>Odalys Kestrelle is a resident of Corvallis, Oregon. Before moving to Corvallis she lived in Eugene. Odalys is related to Tobiah Kestrelle and Lorraine Fenwright.</p></div>' +
         section("People also viewed", ul(["Odalys Kestrelle, 71 · Tucson, AZ", "Odalys Kestrelle, 29 · Lubbock, TX", "Odalys Kesterson, 44 · Salem, OR"])) +
         '</main>' + side_ads() + '</div>' + ps_bottom("Peoplebook"), HDR_CSS),
     expect=[E("birth_date", "self", "45"), E("relative", "self", "Tobiah Kestrelle"), E("relative", "self", "Lorraine Fenwright")])

page(21, "header-age-dob", "jessamyn", "header",
     "FastLookup-style header block with 'AGE / DOB 59' label and 'Born 1967', lived in Asheville and Durham",
     ps_page("FastLookup", "Jessamyn Ardcastle - Asheville NC",
             '<div class="card"><div class="phead">Jessamyn L Ardcastle</div>'
             '<div class="grid"><div><div class="lbl">AGE / DOB</div><div>59 <span class="muted">(Born 1967)</span></div></div>'
             '<div><div class="lbl">LIVES IN</div><div>Asheville, NC</div></div><div><div class="lbl">USED TO LIVE IN</div><div>Durham, NC</div></div>'
             '<div><div class="lbl">ALSO KNOWN AS</div><div>Jessamyn Lisle</div></div></div></div>' +
             section("Other people named Jessamyn Ardcastle", ul(["Jessamyn T Ardcastle · AGE / DOB 33 · Burlington, VT", "Jessamyn R Ardcastle · AGE / DOB 61 · Wilmington, NC"]))),
     expect=[E("birth_date", "self", "59")],
     ambiguous=[E("birth_date", "self", "1967")])

page(22, "header-age-colon-list", "odalys", "header",
     "scraped-directory list lines in the form 'name — age: NN — city'; the true one is 'Odalys F Kestrelle — age: 45 — Corvallis OR'",
     site_page("Kestrelle - directory listing", "KinFinder Directory", "Surnames K · Page 14", ["Home", "Browse Surnames", "Submit", "Remove a listing"],
               "<h2>Surname: Kestrelle</h2><pre style=\"font-family:Courier New,monospace;font-size:14px\">"
               "Harold Kestrelle    — age: 74 — Tucson AZ\n"
               "Nadine Kestrelle    — age: 73 — Tucson AZ\n"
               "Odalys M Kestrelle  — age: 71 — Tucson AZ\n"
               "Odalys F Kestrelle  — age: 45 — Corvallis OR\n"
               "Tobiah J Kestrelle  — age: 47 — Corvallis OR\n"
               "Sunniva Kestrelle   — age: 38 — Hood River OR\n"
               "</pre><p class=\"small\">Listings are compiled from public sources. To request removal use the form on the Remove a listing page.</p>" + lorem_news(0),
               "KinFinder Directory · est. 2003 · Listings updated quarterly"),
     expect=[E("birth_date", "self", "45")],
     ambiguous=[E("birth_date", "Tobiah Kestrelle", "47")])

page(23, "header-approx-years-old", "odalys", "header",
     "genealogy-style header for the mother, 'Lorraine Fenwright ~73 years old · Medford, Oregon', naming daughter Odalys and granddaughter Wren Kestrelle",
     site_page("Lorraine Fenwright - FamilyTrace", "FamilyTrace", "Living relatives index", ["Home", "Search", "Trees", "Records"],
               '<h2>Lorraine Fenwright</h2><p><b>~73 years old</b> · Medford, Oregon</p>'
               '<div class="box"><b>Possible family</b><ul><li>Dale Fenwright (spouse, deceased)</li><li>Odalys Kestrelle (daughter)</li><li>Wren Kestrelle (grandchild)</li></ul></div>'
               '<div class="box small">Other matches: Lorraine Fenwright, ~58 years old · Sacramento, California</div>',
               "FamilyTrace &copy; 2026 · Data from public indexes"),
     expect=[E("birth_date", "Lorraine Fenwright", "73"), E("relative", "Lorraine Fenwright", "Wren Kestrelle")],
     ambiguous=[E("relative", "Lorraine Fenwright", "Odalys Kestrelle")])

page(24, "header-multi-alias", "jessamyn", "header",
     "three header cards: the true Jessamyn Ardcastle (59, Asheville) and her maiden-name record Jessamyn Lisle (59, Durham, NC) with a 27-year-old namesake in Columbus OH",
     ps_page("Peoplebook", "Jessamyn Ardcastle · Jessamyn Lisle",
             '<div class="card"><div class="phead">Jessamyn Ardcastle, 27<span class="sep">·</span>Columbus, OH</div><div class="muted">Related to Kyle Ardcastle</div></div>'
             '<div class="card"><div class="phead">Jessamyn Ardcastle, 59<span class="sep">·</span>Asheville, NC</div><div class="muted">Related to Rafferty Ardcastle, Imogen Ardcastle</div></div>'
             '<div class="card"><div class="phead">Jessamyn Lisle, 59<span class="sep">·</span>Durham, NC</div><div class="muted">Related to Barnaby Lisle · Now Jessamyn Ardcastle</div></div>'),
     expect=[E("birth_date", "self", "59"), E("relative", "self", "Rafferty Ardcastle"),
             E("relative", "self", "Imogen Ardcastle"), E("relative", "self", "Barnaby Lisle")])

page(25, "header-daughter-imogen", "jessamyn", "header",
     "header for the daughter 'Imogen Ardcastle, 28 · Raleigh, NC', related to Rafferty and Jessamyn Ardcastle",
     ps_page("Peoplebook", "Imogen Ardcastle, 28 · Raleigh, NC",
             '<div class="card"><div class="phead">Imogen Ardcastle, 28<span class="sep">·</span>Raleigh, NC</div><div class="muted">Lived in: Raleigh, NC · Asheville, NC · Chapel Hill, NC</div>'
             '<p>Related to: Rafferty Ardcastle, Jessamyn Ardcastle</p></div>' +
             section("People also viewed", ul(["Imogen Ardcastle, 45 · Sacramento, CA", "Imogen Arcastle, 31 · Boise, ID"]))),
     expect=[E("birth_date", "Imogen Ardcastle", "28"), E("relative", "Imogen Ardcastle", "Rafferty Ardcastle")],
     ambiguous=[E("relative", "Imogen Ardcastle", "Jessamyn Ardcastle")])

page(26, "header-spouse-tobiah", "odalys", "header",
     "spouse's profile header 'Tobiah Kestrelle · AGE / DOB 47' with the shared home 2417 NW Tamarack Ln and the therapist's cell phone as a household number",
     ps_page("FastLookup", "Tobiah Kestrelle, Corvallis OR",
             '<div class="card"><div class="phead">Tobiah J Kestrelle</div><div class="grid">'
             '<div><div class="lbl">AGE / DOB</div><div>47</div></div><div><div class="lbl">CURRENT ADDRESS</div><div>2417 NW Tamarack Ln, Corvallis, OR 97330</div></div>'
             '<div><div class="lbl">PHONE</div><div>(541) 555-0162</div></div><div><div class="lbl">RELATIVES</div><div>Wren Kestrelle</div></div></div></div>'),
     expect=[E("birth_date", "Tobiah Kestrelle", "47"), E("home_address", "Tobiah Kestrelle", "2417 NW Tamarack Ln"),
             E("phone", "Tobiah Kestrelle", "(541) 555-0162"), E("relative", "Tobiah Kestrelle", "Wren Kestrelle")])


# ---------------------------------------------------------------- 4. newsletters / minutes / bulletins
page(30, "newsletter-hoa-minutes", "odalys", "newsletter",
     "Tamarack Heights HOA minutes (Corvallis only in masthead): 'thanks to Odalys and Tobiah Kestrelle (2417 NW Tamarack) for hosting'; neighbours at 2421 and 2433",
     site_page("Tamarack Heights HOA - Minutes, September 2026", "Tamarack Heights Homeowners Association",
               "Corvallis, Oregon · Board Meeting Minutes", ["Home", "Minutes", "CC&Rs", "Architectural Review", "Contact the Board"],
               "<h2>Minutes — September 17, 2026</h2>"
               "<p><b>Present:</b> Bryce Ollander (president), Maribel Tuscoe (treasurer), Hank Vereen, Claudette Amsel, and eleven homeowners.</p>"
               "<p>The meeting was called to order at 7:04 p.m. Many thanks to Odalys and Tobiah Kestrelle (2417 NW Tamarack) for hosting us on their patio, and for the lemon bars.</p>"
               + lorem_news(3) +
               "<h3>Architectural review</h3><p>The fence application from 2421 NW Tamarack was approved with the condition that it match the existing cedar color. The shed at 2433 NW Tamarack was tabled pending a site visit.</p>"
               "<h3>Next meeting</h3><p>October 15 at the Ollander home, 2409 NW Tamarack. Bring a chair.</p>"
               "<p class=\"small\">Minutes submitted by Claudette Amsel, secretary.</p>",
               "Tamarack Heights HOA · PO Box 2290 · Questions: board@tamarackheights.example.org"),
     expect=[E("home_address", "self", "2417 NW Tamarack"), E("relative", "self", "Tobiah Kestrelle")])

page(31, "newsletter-church-meal-train", "jessamyn", "newsletter",
     "church bulletin (Asheville in masthead): meal train for the Ardcastles at 3390 Old Mill, Jessamyn recovering from surgery, call Rafferty 828-555-0139",
     site_page("St. Brendan's Weekly Bulletin", "St. Brendan's Episcopal Church", "Asheville, North Carolina · The Weekly Bulletin · Pentecost 24",
               ["Home", "Worship", "Bulletin", "Outreach", "Give"],
               "<h2>Parish News</h2><p>Welcome to all visitors this morning! Coffee hour follows the 10:30 service in the undercroft.</p>"
               "<h3>Prayers and care</h3><p>Please keep in your prayers Ruth Pendergast, the Okafor family, Milo Stanhope, and Jessamyn Ardcastle, who is recovering at home after knee surgery.</p>"
               "<h3>Meal train</h3><p>The Pastoral Care team has set up a meal train for the Ardcastles through the end of the month. Drop-offs go to 3390 Old Mill (the blue house past the mailbox cluster); please text Rafferty at 828-555-0139 before you come. Jessamyn asks for nothing with mushrooms!</p>"
               "<h3>Outreach</h3><p>The food pantry needs canned protein and diapers (size 4 and 5). Bins are in the narthex.</p>" + lorem_news(2) +
               "<h3>Altar flowers</h3><p>Given to the glory of God by Eleanor and Pruitt Vandeveer in thanksgiving for their 40th anniversary.</p>",
               "St. Brendan's Episcopal Church · Office hours Tue–Thu 9–1 · office@stbrendans.example.org"),
     expect=[E("home_address", "self", "3390 Old Mill"), E("phone", "self", "828-555-0139")],
     ambiguous=[E("relative", "self", "Rafferty")])

page(32, "newsletter-eugene-tool-library", "odalys", "newsletter",
     "old Eugene neighborhood newsletter (city only in masthead): tool library run by Odalys Fenwright (maiden name) at 1306 Ferncliff, apt 4",
     site_page("Southeast Neighbors News - Spring 2013", "Southeast Neighbors News", "Eugene, Oregon · Spring 2013 · Volume 9, Issue 2",
               ["Home", "Newsletter Archive", "Events", "Join"],
               "<h2>Tool library opens!</h2><p>Our little tool library is finally up and running. Borrow a ladder, a post-hole digger or a pressure washer for a week at a time. "
               "Odalys Fenwright is keeping the sign-out binder at her place — 1306 Ferncliff, apt 4 (ring twice, the buzzer is broken). Saturdays 10 to noon or by arrangement.</p>"
               "<h2>Street tree planting</h2><p>Friends of Trees will plant 30 street trees on Ferncliff and Agate in March. Contact Duane Whitlock if you want one in your parking strip.</p>"
               + lorem_news(4) + "<p class=\"small\">Newsletter delivered to 1,400 households. Editor: Gwen Saltonstall.</p>",
               "Southeast Neighbors · A recognized neighborhood association of the City"),
     expect=[E("previous_address", "self", "1306 Ferncliff, apt 4")])

page(33, "newsletter-durham-garden-club", "jessamyn", "newsletter",
     "old Durham garden club newsletter (city only in masthead): plant swap at Jessamyn Lisle's, 19 E Cedar; neighbours on Cedar",
     site_page("Cedar Street Garden Club Newsletter - April 2006", "The Cedar Street Garden Club", "Durham, North Carolina · Newsletter · April 2006",
               ["Home", "Newsletters", "Plant Swap", "Members"],
               "<h2>Spring plant swap</h2><p>This year's swap will be held Saturday, April 22, in the side yard at Jessamyn Lisle's, 19 E Cedar. Bring divided perennials in labelled pots. "
               "Jessamyn's husband Rafferty has promised his famous sweet tea.</p>"
               "<h2>Member news</h2><p>Welcome to new members Ida and Leon Petrakis (27 E Cedar) and to Tom Brisbane, who took over the community plot by the railroad cut.</p>"
               + lorem_news(3) + "<h2>Next month</h2><p>Composting talk by the county extension agent.</p>",
               "Cedar Street Garden Club · Dues $10/year"),
     expect=[E("previous_address", "self", "19 E Cedar"), E("relative", "self", "Rafferty")])

page(34, "newsletter-pta-carpool", "odalys", "newsletter",
     "middle-school PTA newsletter (Corvallis in masthead): carpool offer from Odalys Kestrelle (Wren's mom), pick-up at 2417 NW Tamarack Ln, call (541) 555-0162",
     site_page("Cheldelin Middle School PTA - November 2026", "Cheldelin Middle School PTA", "Corvallis, Oregon · The Cougar Courier · November 2026",
               ["Home", "Calendar", "Volunteer", "Fundraising", "Contact"],
               "<h2>Science Olympiad carpool</h2><p>We need drivers for the regional meet on December 5. Thank you to the families who have already signed up:</p>"
               "<ul><li>Odalys Kestrelle (Wren Kestrelle's mom) can take four students. Pick-up at 2417 NW Tamarack Ln at 6:45 a.m.; questions to (541) 555-0162.</li>"
               "<li>Marcus Delacroix-Whyte can take three students from the school parking lot.</li></ul>"
               "<h2>Book fair</h2><p>The book fair raised $2,340 for the library. Thank you to all volunteers!</p>" + lorem_news(2),
               "Cheldelin Middle School PTA is a 501(c)(3) nonprofit."),
     expect=[E("home_address", "self", "2417 NW Tamarack Ln"), E("phone", "self", "(541) 555-0162"),
             E("relative", "self", "Wren Kestrelle")])

page(35, "newsletter-road-association", "jessamyn", "newsletter",
     "Old Mill Road neighbors' association minutes (Asheville only in masthead): thanks to Jessamyn and Rafferty Ardcastle (3390 Old Mill) for the road cleanup; neighbour at 3394",
     site_page("Old Mill Road Neighbors - Minutes", "Old Mill Road Neighbors Association", "Asheville, N.C. · Annual Meeting Minutes · October 2026",
               ["Home", "Minutes", "Road Fund", "Contacts"],
               "<h2>Annual meeting</h2><p>Twenty-two households attended. Treasurer Pruitt Vandeveer (3394 Old Mill) reported $4,180 in the road fund after the gravel delivery.</p>"
               "<p>Special thanks to Jessamyn and Rafferty Ardcastle (3390 Old Mill) for organizing the spring cleanup and lending their trailer.</p>"
               "<p>Discussion of speed bumps near the creek crossing was postponed.</p>" + lorem_news(3),
               "Old Mill Road Neighbors Association · Meets every October"),
     expect=[E("home_address", "self", "3390 Old Mill"), E("relative", "self", "Rafferty Ardcastle")])


# ---------------------------------------------------------------- 5. alumni notes, announcements, obituaries
page(40, "prose-alumni-class-notes", "odalys", "prose",
     "university class notes (Class of 2003): Odalys Fenwright Kestrelle lives in Corvallis with her husband, Tobiah, and their daughter, Wren; other alumni around",
     site_page("Class Notes - Class of 2003 | Cascadia College Magazine", "Cascadia College Magazine", "Class Notes · Fall 2026",
               ["Home", "Features", "Class Notes", "In Memoriam", "Submit a Note"],
               "<h2>2003</h2>"
               "<p><b>Priyanka Solberg ’03</b> was named head of school at Lakeview Academy in Boise, Idaho.</p>"
               "<p><b>Odalys Fenwright Kestrelle ’03</b> opened a group counseling practice in Corvallis, Ore., where she lives with her husband, Tobiah, and their daughter, Wren, who was born in 2012. “Still hiking every weekend,” she writes.</p>"
               "<p><b>Desmond Achterberg ’03</b> and his wife, Lise, welcomed twins, Hugo and Marta, in June.</p>"
               "<p><b>Kiri Wainwright ’03</b> completed her first marathon in Sacramento.</p>"
               "<h2>2004</h2><p><b>Arlo Mendes ’04</b> is teaching chemistry in Tacoma.</p>",
               "Cascadia College Magazine · Office of Alumni Relations"),
     expect=[E("relative", "self", "Tobiah"), E("relative", "self", "Wren")],
     ambiguous=[E("birth_date", "Wren Kestrelle", "2012")])

page(41, "prose-anniversary", "jessamyn", "prose",
     "newspaper anniversary announcement: Rafferty and Jessamyn Ardcastle of Asheville, 30 years; Jessamyn (née Lisle) born in 1967 in Knoxville; daughter Imogen of Raleigh; brother Barnaby Lisle",
     site_page("Anniversaries: Ardcastle - Blue Ridge Courier", "The Blue Ridge Courier", "Celebrations · Weddings · Anniversaries",
               ["News", "Sports", "Opinion", "Celebrations", "Obituaries", "Classifieds"],
               "<h2>Ardcastle — 30th anniversary</h2><p>Rafferty and Jessamyn Ardcastle of Asheville celebrated their 30th wedding anniversary on June 8 with a dinner hosted by their daughter, Imogen, of Raleigh.</p>"
               "<p>The couple were married June 8, 1996, at the Church of the Holy Cross in Durham. Jessamyn, née Lisle, was born in 1967 in Knoxville, Tenn., and is a licensed counselor. "
               "Rafferty is a retired surveyor. Her brother, Barnaby Lisle, served as best man at the wedding and gave the toast again this year.</p>"
               "<h2>Okonjo — 50th anniversary</h2><p>Chidi and Grace Okonjo of Weaverville will celebrate 50 years of marriage on Nov. 20.</p>",
               "The Blue Ridge Courier · Submit an announcement · Subscribe"),
     expect=[E("birth_date", "self", "1967"), E("relative", "self", "Rafferty"), E("relative", "self", "Imogen"),
             E("relative", "self", "Barnaby Lisle")])

page(42, "prose-obituary-father", "jessamyn", "prose",
     "obituary of her father Walter Lisle of Knoxville: survived by his daughter, Jessamyn Ardcastle (Rafferty) of Asheville, son Barnaby Lisle, granddaughter Imogen",
     site_page("Walter E. Lisle Obituary - Knoxville, TN", "Holston Valley Funeral Home", "Obituaries · Knoxville, Tennessee",
               ["Home", "Obituaries", "Services", "Pre-Planning", "Send Flowers"],
               "<h2>Walter Edmund Lisle</h2><p class=\"small\">March 3, 1938 – October 29, 2026</p>"
               "<p>Walter Edmund Lisle, 88, of Knoxville, passed away peacefully at home. He worked for forty years as a machinist and never missed a Vols home game.</p>"
               "<p>He was preceded in death by his wife of 55 years, Ada. He is survived by his daughter, Jessamyn Ardcastle (Rafferty) of Asheville, N.C.; his son, Barnaby Lisle of Knoxville; and his granddaughter, Imogen Ardcastle of Raleigh.</p>"
               "<p>The family will receive friends Saturday from 1 to 3 p.m. at the funeral home. In lieu of flowers, memorials may be made to the Knoxville Area Rescue Ministries.</p>"
               "<div class=\"box\"><b>Guest Book</b><p>So sorry for your loss, Barnaby. — Ted &amp; Lynn Harkavy</p><p>Walter was the best neighbor. — Joan Pickett</p></div>",
               "Holston Valley Funeral Home · Knoxville, TN · Family owned since 1952"),
     expect=[E("relative", "self", "Rafferty"), E("relative", "self", "Barnaby Lisle"), E("relative", "self", "Imogen Ardcastle")])

page(43, "prose-alumni-married-to", "jessamyn", "prose",
     "alumni notes (Class of 1989): Jessamyn Lisle Ardcastle, married to Rafferty Ardcastle, counselor in Asheville; other classmates",
     site_page("Class of 1989 Notes - Piedmont University Alumni", "Piedmont University Alumni Review", "Class Notes · 1989",
               ["Home", "Class Notes", "Reunions", "Give"],
               "<h2>1989</h2><p>Class secretary: Darnell Upshaw</p>"
               "<p>Greetings, classmates! A strong response this time. <b>Jessamyn Lisle Ardcastle</b> writes from Asheville, where she has a counseling practice; she has been married to Rafferty Ardcastle for thirty years and says their daughter is now an architect.</p>"
               "<p><b>Coral Finchley</b> retired from the State Department and lives in Alexandria. <b>Jonah Ruiz-Whitt</b> is still coaching lacrosse.</p>"
               "<p>Our 40th reunion is only three years away — start planning!</p>",
               "Piedmont University Alumni Review"),
     expect=[E("relative", "self", "Rafferty Ardcastle")])

page(44, "prose-obituary-grandfather", "odalys", "prose",
     "obituary of Dale Fenwright of Medford: survived by his wife of 48 years, Lorraine; daughter Odalys Kestrelle (Tobiah) of Corvallis; granddaughter Wren",
     site_page("Dale R. Fenwright Obituary", "Rogue Valley Tribune", "Obituaries · Medford, Oregon",
               ["News", "Obituaries", "Sports", "Weather", "Subscribe"],
               "<h2>Dale Robert Fenwright</h2><p class=\"small\">1950 – 2024</p>"
               "<p>Dale Robert Fenwright, 74, died February 11 at Providence Medford Medical Center after a short illness. He was born in Grants Pass and worked for the Forest Service until his retirement.</p>"
               "<p>He is survived by his wife of 48 years, Lorraine; his daughter, Odalys Kestrelle (Tobiah) of Corvallis; his granddaughter, Wren; and his sister, Opal Ruckert of Yreka, Calif.</p>"
               "<p>A celebration of life will be held in the spring.</p>",
               "Rogue Valley Tribune · Obituaries are paid notices"),
     expect=[E("relative", "self", "Lorraine"), E("relative", "self", "Tobiah"), E("relative", "self", "Wren")])

page(45, "prose-wedding-2008", "odalys", "prose",
     "2008 wedding announcement: Odalys Renata Fenwright and Tobiah James Kestrelle; bride born in 1981, daughter of Lorraine Fenwright of Medford",
     site_page("Weddings: Fenwright - Kestrelle", "The Willamette Ledger", "Weddings & Engagements · June 2008",
               ["News", "Weddings", "Obituaries", "Archives"],
               "<h2>Fenwright – Kestrelle</h2><p>Odalys Renata Fenwright and Tobiah James Kestrelle were married May 24 at Mount Pisgah Arboretum outside Eugene.</p>"
               "<p>The bride, born in 1981 in Medford, is the daughter of Lorraine Fenwright and Dale Fenwright of Medford. She is a graduate of Cascadia College and is studying for a master’s degree in social work.</p>"
               "<p>The groom is the son of Harlan and Bette Kestrelle of Pendleton. He works as a GIS analyst.</p>"
               "<p>The couple will live in Eugene after a trip to the San Juan Islands.</p>",
               "The Willamette Ledger archive"),
     expect=[E("birth_date", "self", "1981"), E("relative", "self", "Tobiah James Kestrelle"),
             E("relative", "self", "Lorraine Fenwright")])

page(46, "prose-proud-brother", "jessamyn", "prose",
     "local feature on Jessamyn Ardcastle's community award quoting 'her proud brother, Barnaby Lisle'; she lives with her husband, Rafferty",
     site_page("Asheville counselor honored for free grief groups - Blue Ridge Courier", "The Blue Ridge Courier", "Local News",
               ["News", "Sports", "Opinion", "Celebrations", "Obituaries"],
               "<h2>Asheville counselor honored for free grief groups</h2><p class=\"small\">By Tamsin Corlew · Nov 2, 2026</p>"
               "<p>For twelve years Jessamyn Ardcastle has run free grief support groups in a borrowed church basement. On Thursday the Buncombe Community Foundation gave her its annual Good Neighbor award.</p>"
               "<p>“She has always been the one who shows up,” said her proud brother, Barnaby Lisle, who drove in from Knoxville for the ceremony.</p>"
               "<p>Ardcastle, who lives with her husband, Rafferty, in west Asheville, said she plans to use the $2,000 prize to train more volunteer facilitators.</p>"
               "<p>Also honored were Luis Echeverría of the Hominy Valley fire brigade and the Swannanoa Youth Orchestra.</p>",
               "The Blue Ridge Courier"),
     expect=[E("relative", "self", "Barnaby Lisle"), E("relative", "self", "Rafferty")])


# ---------------------------------------------------------------- 6. bios and provider directories
BIO_CSS = ".staff{display:flex;gap:16px;border-bottom:1px solid #ddd;padding:14px 0}.staff .ph{width:90px;height:110px;background:#ddd;flex:none}.staff h3{margin:0}"

page(50, "bio-group-practice-staff", "odalys", "bio",
     "group-practice 'Our Clinicians' page: Odalys Kestrelle, LCSW, at the practice address 560 SW Jefferson Ave Suite 210 (NOT an exposure) with her work e-mail okestrelle.lcsw@example.org",
     site_page("Our Clinicians | Willamette Valley Counseling Collective", "Willamette Valley Counseling Collective", "Individual, couples and family therapy",
               ["Home", "Our Clinicians", "Services", "Fees & Insurance", "Contact"],
               "<h2>Our Clinicians</h2>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Odalys Kestrelle, LCSW</h3><p>Odalys works with adults and adolescents navigating anxiety, grief and life transitions. She trained in EMDR and is a certified perinatal mental health provider.</p>"
               "<p>Contact: okestrelle.lcsw@example.org</p></div></div>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Benedikt Harrow, PhD</h3><p>Psychologist; assessment and ADHD evaluations. Contact: bharrow@example.org</p></div></div>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Lucinda Marchetti, LMFT</h3><p>Couples and family therapy. Contact: lmarchetti@example.org</p></div></div>"
               "<div class=\"box\"><b>Office</b><br>560 SW Jefferson Ave, Suite 210<br>Corvallis, OR 97333<br>Front desk: (541) 555-0190</div>",
               "Willamette Valley Counseling Collective · 560 SW Jefferson Ave, Suite 210, Corvallis, OR 97333", BIO_CSS),
     expect=[E("email", "self", "okestrelle.lcsw@example.org")])

page(51, "bio-provider-directory-practice-only", "jessamyn", "bio",
     "therapist directory listing with ONLY practice information (85 Merrimon Ave Suite 4, office line not hers); nothing is an exposure",
     ps_page("TherapistFinder", "Jessamyn L. Ardcastle, LPC - Counselor, Asheville, NC 28801",
             '<div class="card"><h1 style="margin:0">Jessamyn L. Ardcastle</h1><div class="muted">Licensed Professional Counselor, LPC · Verified by TherapistFinder</div>'
             '<p>“Grief does not follow a schedule. Together we can make room for it.” I have worked with adults experiencing loss, caregiver burnout and late-life transitions for over twenty years.</p></div>' +
             section("Office", '<p>85 Merrimon Ave, Suite 4<br>Asheville, NC 28801</p><p>Call (828) 555-0171 · Accepting new clients</p>') +
             section("Specialties", '<span class="pill">Grief</span><span class="pill">Anxiety</span><span class="pill">Caregiver stress</span><span class="pill">Life transitions</span>') +
             section("Insurance", ul(["Aetna", "Blue Cross Blue Shield", "Medicare"])) +
             section("Nearby therapists", ul(["Paloma Quist, LCSW · Asheville", "Everett Dunmore, LMFT · Weaverville"])), tagline="Find a therapist near you"),
     namesake_only=True)

page(52, "bio-home-office", "jessamyn", "bio",
     "provider directory entry where she lists her home studio 3390 Old Mill Rd as a second location (IS an exposure) next to the practice address",
     ps_page("CounselingConnect", "Jessamyn Ardcastle, LPC | Asheville Counselor",
             '<div class="card"><h1 style="margin:0">Jessamyn Ardcastle, LPC</h1><p>Grief and bereavement, adult anxiety, caregiver support.</p></div>' +
             section("Locations", '<p><b>Primary office</b><br>85 Merrimon Ave, Suite 4, Asheville, NC 28801</p>'
                     '<p><b>Saturday sessions (home studio)</b><br>3390 Old Mill Rd, Asheville, NC 28806</p>') +
             section("Contact", '<p>Email: jlardcastle@example.com</p>') +
             section("About", '<p>I have practiced in Asheville since 2009 after fifteen years in Durham. Outside of work I garden, paint badly, and hike with my husband.</p>')),
     expect=[E("home_address", "self", "3390 Old Mill Rd"), E("email", "self", "jlardcastle@example.com")])

page(53, "bio-adjunct-faculty", "odalys", "bio",
     "university adjunct-faculty page: Odalys R. Kestrelle, MSW, LCSW; personal e-mail and cell (458) 555-0118 listed; office hours at the practice",
     site_page("Odalys R. Kestrelle | School of Social Work", "School of Social Work", "Cascadia State University · Faculty & Staff",
               ["Home", "Programs", "Faculty & Staff", "Field Education", "Research"],
               "<h2>Odalys R. Kestrelle, MSW, LCSW</h2><p><i>Adjunct Instructor</i></p>"
               "<table><tr><td><b>Email</b></td><td>odalys.kestrelle@example.com</td></tr><tr><td><b>Cell</b></td><td>(458) 555-0118</td></tr>"
               "<tr><td><b>Office hours</b></td><td>By appointment, at 560 SW Jefferson Ave, Suite 210</td></tr></table>"
               "<h3>Courses</h3><ul><li>SW 512 Clinical Practice with Individuals</li><li>SW 540 Trauma-Informed Care</li></ul>"
               "<h3>Biography</h3><p>Odalys Kestrelle has practiced clinical social work in the Willamette Valley since 2010. She received her MSW from Cascadia State in 2009.</p>"
               "<div class=\"box\"><b>Other adjunct faculty</b><br>Mirela Dragomir, LCSW · Quentin Osei, PhD · Harriet Vosk, MSW</div>",
               "School of Social Work · Cascadia State University · An equal opportunity institution"),
     expect=[E("email", "self", "odalys.kestrelle@example.com"), E("phone", "self", "(458) 555-0118")])

page(54, "bio-board-of-directors", "jessamyn", "bio",
     "state counseling association board page: Jessamyn Ardcastle lives in Asheville with her husband Rafferty; mother of Imogen; e-mail jlardcastle@example.com",
     site_page("Board of Directors | Carolina Mountain Counselors Association", "Carolina Mountain Counselors Association", "Serving counselors in Western North Carolina since 1978",
               ["Home", "About", "Board", "Continuing Education", "Join"],
               "<h2>Board of Directors 2026–2027</h2>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Jessamyn Ardcastle, LPC — Vice President</h3><p>Jessamyn has served on the board since 2021. She lives in Asheville with her husband Rafferty and is the mother of Imogen, an architect in Raleigh. Reach her at jlardcastle@example.com.</p></div></div>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Malcolm Treadway, LCMHC — President</h3><p>Malcolm practices in Hendersonville and teaches at the community college.</p></div></div>"
               "<div class=\"staff\"><div class=\"ph\"></div><div><h3>Yvette Castellanos, LCMHCS — Treasurer</h3><p>Yvette supervises new counselors in Brevard.</p></div></div>",
               "Carolina Mountain Counselors Association · PO Box 1406, Asheville NC", BIO_CSS),
     expect=[E("relative", "self", "Rafferty"), E("relative", "self", "Imogen"), E("email", "self", "jlardcastle@example.com")])

page(55, "bio-insurance-directory-billing", "odalys", "bio",
     "insurer provider directory: practice listing (not an exposure) plus a second record 'Kestrelle, Odalys R' with billing address = home 2417 NW Tamarack Ln",
     ps_page("CascadeCare Health Plan", "Provider Directory - Behavioral Health - Corvallis, OR",
             '<h1>Behavioral Health Providers near Corvallis, OR 97333</h1>' +
             results_table([
                 ("Harrow, Benedikt PhD", "Psychologist", "560 SW Jefferson Ave Ste 210, Corvallis, OR 97333", "(541) 555-0190"),
                 ("Kestrelle, Odalys R LCSW", "Clinical Social Worker", "560 SW Jefferson Ave Ste 210, Corvallis, OR 97333", "(541) 555-0190"),
                 ("Kestrelle, Odalys R LCSW", "Clinical Social Worker (billing)", "2417 NW Tamarack Ln, Corvallis, OR 97330", "(541) 555-0162"),
                 ("Marchetti, Lucinda LMFT", "Marriage & Family Therapist", "560 SW Jefferson Ave Ste 210, Corvallis, OR 97333", "(541) 555-0190"),
             ], headers=("Provider", "Specialty", "Location", "Phone")), tagline="Find a doctor"),
     expect=[E("home_address", "self", "2417 NW Tamarack Ln"), E("phone", "self", "(541) 555-0162")])

page(56, "bio-retreat-facilitator", "jessamyn", "bio",
     "retreat-center workshop page: facilitator bio of Jessamyn Ardcastle (formerly Jessamyn Lisle of Durham); registration by e-mail jess.ardcastle@example.net",
     site_page("Grief & Renewal Weekend | Laurel Cove Retreat Center", "Laurel Cove Retreat Center", "Black Mountain, North Carolina",
               ["Home", "Programs", "Lodging", "Directions", "Register"],
               "<h2>Grief &amp; Renewal: A Weekend for Caregivers</h2><p>March 13–15, 2027 · $325 including meals</p>"
               "<h3>Facilitator</h3><p>Jessamyn Ardcastle, LPC, has led grief groups for more than twenty years, first in Durham (as Jessamyn Lisle) and since 2009 in Asheville.</p>"
               "<p>To register, e-mail jess.ardcastle@example.net with your name and dietary needs.</p>"
               "<h3>Also this season</h3><ul><li>Silent retreat with Brother Anselm Kirby</li><li>Watercolor for beginners with Nell Osgood</li></ul>",
               "Laurel Cove Retreat Center · 14 Laurel Cove Rd · Black Mountain, NC"),
     expect=[E("email", "self", "jess.ardcastle@example.net")])


# ---------------------------------------------------------------- 7. family members' social profiles
page(60, "social-spouse-tobiah", "odalys", "social",
     "spouse Tobiah Kestrelle's own profile (Corvallis in header, 47 years old): yard-sale post 'pick up at 2417 NW Tamarack Ln', anniversary post to 'my wife Odalys', Wren turning 14",
     social_page("Friendlane", "Tobiah Kestrelle",
                 "Corvallis, Oregon · 214 friends",
                 "<p>GIS analyst at Benton County</p><p>47 years old</p><p>Lives in Corvallis, Oregon</p><p>From Pendleton, Oregon</p><p>Married</p>",
                 [post("Tobiah Kestrelle", "October 3, 2026", "Garage sale Saturday 8–1! Bikes, a futon, kid stuff, tons of books. Early birds can pick up at 2417 NW Tamarack Ln from 7:30.", 12,
                       [("Hank Vereen", "Save me the bike rack!"), ("Tobiah Kestrelle", "Done.")]),
                  post("Tobiah Kestrelle", "May 24, 2026", "18 years today. Happy anniversary to my wife Odalys — still the smartest person in every room.", 88,
                       [("Lorraine Fenwright", "Love you both ❤")]),
                  post("Tobiah Kestrelle", "April 9, 2026", "Wren turned 14 today and already out-hikes me.", 41)],
                 friends=["Hank Vereen", "Bryce Ollander", "Lorraine Fenwright", "Maribel Tuscoe", "Gus Petrov"]),
     expect=[E("birth_date", "Tobiah Kestrelle", "47"), E("home_address", "Tobiah Kestrelle", "2417 NW Tamarack Ln"),
             E("relative", "Tobiah Kestrelle", "Wren")],
     ambiguous=[E("relative", "Tobiah Kestrelle", "Odalys"), E("relative", "Tobiah Kestrelle", "Lorraine Fenwright"), E("birth_date", "Wren Kestrelle", "14")])

page(61, "social-daughter-imogen", "jessamyn", "social",
     "daughter Imogen Ardcastle's profile (Raleigh, 28): Thanksgiving post 'home at mom & dad's, 3390 Old Mill Rd, Asheville', tags her dad Rafferty Ardcastle",
     social_page("Friendlane", "Imogen Ardcastle",
                 "Raleigh, North Carolina · 530 friends",
                 "<p>Architect at Holloway Studio</p><p>28 · Lives in Raleigh, North Carolina</p><p>From Asheville, North Carolina</p>",
                 [post("Imogen Ardcastle", "November 27, 2025", "Home for Thanksgiving at mom &amp; dad's — 3390 Old Mill Rd, Asheville. Friends in town, come by for pie Friday after 2!", 35,
                       [("Priya Ramanathan", "Save me a slice!!")]),
                  post("Imogen Ardcastle", "June 8, 2026", "30 years! Happy anniversary to my parents, with Rafferty Ardcastle.", 64),
                  post("Imogen Ardcastle", "March 2, 2026", "New studio, new commute, same coffee.", 20)],
                 friends=["Priya Ramanathan", "Rafferty Ardcastle", "Cole Whitaker", "Nadia Fenn"]),
     expect=[E("birth_date", "Imogen Ardcastle", "28"), E("home_address", "Imogen Ardcastle", "3390 Old Mill Rd"),
             E("relative", "Imogen Ardcastle", "Rafferty Ardcastle")])

page(62, "social-mother-lorraine", "odalys", "social",
     "mother Lorraine Fenwright's profile (Medford, born 1953): posts 'my daughter Odalys', Christmas-card post with Odalys's address 2417 NW Tamarack Ln, Corvallis; granddaughter Wren",
     social_page("Friendlane", "Lorraine Fenwright",
                 "Medford, Oregon · 96 friends",
                 "<p>Retired school librarian</p><p>Born 1953</p><p>Lives in Medford, Oregon</p><p>Widowed</p>",
                 [post("Lorraine Fenwright", "December 1, 2025", "Christmas card list update for the family: Odalys, Tobiah and Wren are at 2417 NW Tamarack Ln, Corvallis OR 97330 now, NOT the old Eugene apartment!", 9,
                       [("Opal Ruckert", "Got it, thanks Lorrie")]),
                  post("Lorraine Fenwright", "September 20, 2026", "So proud of my daughter Odalys, she got her EMDR certification!", 27),
                  post("Lorraine Fenwright", "April 9, 2026", "Happy birthday to my granddaughter Wren 🎂", 30)],
                 friends=["Opal Ruckert", "Tobiah Kestrelle", "Gwen Saltonstall", "Marjorie Pell"]),
     expect=[E("birth_date", "Lorraine Fenwright", "1953"), E("home_address", "Lorraine Fenwright", "2417 NW Tamarack Ln"),
             E("relative", "Lorraine Fenwright", "Tobiah"), E("relative", "Lorraine Fenwright", "Wren")],
     ambiguous=[E("relative", "Lorraine Fenwright", "Odalys")])

page(63, "social-spouse-rafferty", "jessamyn", "social",
     "spouse Rafferty Ardcastle's profile (Asheville in header): 'just turned 63', canoe sale 'pick up at 3390 Old Mill Rd', 'my wife Jess', Imogen tagged",
     social_page("Friendlane", "Rafferty Ardcastle",
                 "Asheville, North Carolina · 301 friends",
                 "<p>Retired land surveyor</p><p>Lives in Asheville, North Carolina</p><p>Married</p>",
                 [post("Rafferty Ardcastle", "August 30, 2026", "Selling our old 16' Old Town canoe, $350. Pick up at 3390 Old Mill Rd any evening this week.", 14,
                       [("Pruitt Vandeveer", "I'll take the paddles if they're separate")]),
                  post("Rafferty Ardcastle", "February 17, 2026", "Just turned 63. My wife Jess made a cake shaped like a theodolite. Nobody else knows what a theodolite is.", 57),
                  post("Rafferty Ardcastle", "June 8, 2026", "Thirty years. Our daughter Imogen Ardcastle took us to dinner.", 40)],
                 friends=["Pruitt Vandeveer", "Imogen Ardcastle", "Barnaby Lisle", "Hollis Ardcastle"]),
     expect=[E("birth_date", "Rafferty Ardcastle", "63"), E("home_address", "Rafferty Ardcastle", "3390 Old Mill Rd"),
             E("relative", "Rafferty Ardcastle", "Imogen Ardcastle")],
     ambiguous=[E("relative", "Rafferty Ardcastle", "Jess")])

page(64, "social-child-wren", "odalys", "social",
     "the child Wren Kestrelle's running-club profile (age 14, Corvallis): meet carpool note with her mom's e-mail odalys.kestrelle@example.com and home pick-up 2417 NW Tamarack",
     social_page("TrackMeet Social", "Wren Kestrelle",
                 "Corvallis, OR · Cheldelin Cross Country",
                 "<p>Age 14</p><p>Events: 1500m, 3000m, XC 5k</p><p>PR 3000m: 11:02</p>",
                 [post("Wren Kestrelle", "October 12, 2026", "District XC this weekend!! If your parents need the carpool sheet email my mom at odalys.kestrelle@example.com. We leave from 2417 NW Tamarack at 6.", 11),
                  post("Wren Kestrelle", "September 28, 2026", "new PR in the 3000 :)", 23,
                       [("Coach Ibarra", "Proud of you Wren")])],
                 friends=["Juniper Ollander", "Sasha Ibarra", "Theo Marchetti"]),
     expect=[E("birth_date", "Wren Kestrelle", "14"), E("email", "Wren Kestrelle", "odalys.kestrelle@example.com"),
             E("home_address", "Wren Kestrelle", "2417 NW Tamarack")])

page(65, "social-brother-barnaby", "jessamyn", "social",
     "brother Barnaby Lisle's profile (Knoxville, age 56): 'visiting my sister Jessamyn in Asheville', posts her phone (828) 555-0139 for a reunion, tags niece Imogen Ardcastle",
     social_page("Friendlane", "Barnaby Lisle",
                 "Knoxville, Tennessee · 188 friends",
                 "<p>Age 56</p><p>High school band director</p><p>Lives in Knoxville, Tennessee</p>",
                 [post("Barnaby Lisle", "July 4, 2026", "Lisle cousins reunion is ON for August 15 at my sister Jessamyn's in Asheville. Call her at (828) 555-0139 for directions, she's the organized one.", 22,
                       [("Ada Pickett", "We'll be there!")]),
                  post("Barnaby Lisle", "May 10, 2026", "Graduation day for my niece Imogen Ardcastle's master's — so proud.", 45)],
                 friends=["Ada Pickett", "Imogen Ardcastle", "Rafferty Ardcastle", "Ted Harkavy"]),
     expect=[E("birth_date", "Barnaby Lisle", "56"), E("phone", "Barnaby Lisle", "(828) 555-0139"),
             E("relative", "Barnaby Lisle", "Imogen Ardcastle")],
     ambiguous=[E("relative", "Barnaby Lisle", "Jessamyn")])


# ---------------------------------------------------------------- 8. obfuscated e-mails
FORUM_CSS = ".thread{background:#fff;border:1px solid #ccd;margin:10px 0}.thread .hd{background:#e4e8f0;padding:6px 10px;font-size:13px}.thread .bd{padding:10px}.sig{border-top:1px dotted #aaa;margin-top:10px;padding-top:4px;font-size:12px;color:#666}"


def forum(title, board, posts):
    content = f"<h2>{title}</h2>" + "".join(
        f'<div class="thread"><div class="hd"><b>{u}</b> · {d}</div><div class="bd">{t}</div></div>' for u, d, t in posts)
    return site_page(f"{title} - {board}", board, "Community forums", ["Forums", "Recent", "Members", "Search", "Log in"],
                     content, f"{board} · Powered by OpenBoard 4.2 · Times are UTC−8", FORUM_CSS)


page(70, "email-at-dot-caps", "odalys", "email",
     "hiking-club forum thread: Odalys Kestrelle posts her e-mail as 'odalys.kestrelle AT example DOT com'; other members post theirs",
     forum("Sunday Marys Peak hike — carpool list", "Mid-Valley Hikers Forum", [
         ("trailhen", "Oct 2, 2026", "Who's driving Sunday? I can take three from the co-op lot."),
         ("odalys_k", "Oct 2, 2026", "I can drive four from Corvallis. Email me so I have your numbers: odalys.kestrelle AT example DOT com<div class=\"sig\">Odalys Kestrelle · Mid-Valley Hikers since 2016</div>"),
         ("gus.p", "Oct 3, 2026", "Count me in, sent you an email. Mine is gus.petrov AT example DOT net if anyone else needs it."),
     ]),
     expect=[E("email", "self", "odalys.kestrelle AT example DOT com")])

page(71, "email-brackets", "jessamyn", "email",
     "grief-support group flyer page with contact 'jess.ardcastle [at] example [dot] net' for Jessamyn Ardcastle",
     site_page("Free Grief Support Group - Asheville Community Calendar", "Asheville Community Calendar", "Events · Support Groups",
               ["Events", "Support Groups", "Classes", "Submit an Event"],
               "<h2>Free Grief Support Group (Thursdays)</h2><p>Thursdays 6:30–8 pm · Fellowship Hall</p>"
               "<p>A peer-led group for anyone who has lost a loved one. No registration needed. Facilitated by Jessamyn Ardcastle. Questions: jess.ardcastle [at] example [dot] net</p>"
               "<h2>Caregivers Coffee</h2><p>Second Tuesday · Contact: nell.osgood [at] example [dot] org</p>" + lorem_news(1),
               "Asheville Community Calendar · Listings are free"),
     expect=[E("email", "self", "jess.ardcastle [at] example [dot] net")])

page(72, "email-parens", "odalys", "email",
     "conference speaker list with 'okestrelle.lcsw(at)example(dot)org' for Odalys R. Kestrelle and other speakers' obfuscated e-mails",
     site_page("Speakers - Oregon Perinatal Mental Health Conference 2026", "Oregon Perinatal Mental Health Conference", "October 23–24, 2026 · Salem",
               ["Home", "Program", "Speakers", "Registration", "Sponsors"],
               "<h2>Speakers</h2><dl>"
               "<dt><b>Odalys R. Kestrelle, LCSW</b></dt><dd>“Screening for perinatal anxiety in community practice.” Contact: okestrelle.lcsw(at)example(dot)org</dd>"
               "<dt><b>Dr. Anneke Vos</b></dt><dd>“Sleep, feeding and mood.” Contact: avos(at)example(dot)edu</dd>"
               "<dt><b>Rafael Quintanilla, PMHNP</b></dt><dd>“Medication in pregnancy: a practical update.” Contact: rquintanilla(at)example(dot)net</dd></dl>",
               "Oregon Perinatal Mental Health Conference · Questions to the planning committee"),
     expect=[E("email", "self", "okestrelle.lcsw(at)example(dot)org")])

page(73, "email-spaces", "jessamyn", "email",
     "Knoxville high-school reunion page listing classmates' e-mails with spaces: 'jlardcastle @ example . com' for Jessamyn (Lisle) Ardcastle, class of '85",
     site_page("Class of 1985 - Found Classmates", "Holston Ridge High School Class of 1985", "Knoxville, Tennessee · 40th Reunion",
               ["Home", "Found Classmates", "Missing Classmates", "In Memory", "Reunion"],
               "<h2>Found Classmates (L)</h2><table>"
               "<tr><td>Lamb, Curtis</td><td>curt.lamb @ example . org</td><td>Nashville, TN</td></tr>"
               "<tr><td>Lisle, Jessamyn (now Ardcastle)</td><td>jlardcastle @ example . com</td><td>Asheville, NC</td></tr>"
               "<tr><td>Lovato, Renee</td><td>renee.lovato @ example . net</td><td>Atlanta, GA</td></tr>"
               "<tr><td>Lundquist, Per</td><td>—</td><td>Knoxville, TN</td></tr></table>" + lorem_news(1),
               "Class of 1985 reunion committee · This page is not affiliated with the school"),
     expect=[E("email", "self", "jlardcastle @ example . com")])

page(74, "email-at-word", "odalys", "email",
     "community-garden plot waitlist post: 'email odalys.kestrelle at example.com' from Odalys Kestrelle",
     forum("Plot 14 available? (Avery Park community garden)", "Corvallis Gardeners Exchange", [
         ("odalysk", "Mar 3, 2026", "Heard plot 14 might open up this season. I'm next on the waitlist I think — if anyone knows, email odalys.kestrelle at example.com. Thanks! — Odalys Kestrelle"),
         ("beanmama", "Mar 4, 2026", "Ask Claudette, she keeps the list. claudette.amsel at example.org"),
     ]),
     expect=[E("email", "self", "odalys.kestrelle at example.com")])


def entities(s):
    return "".join(f"&#{ord(c)};" for c in s)


page(75, "email-html-entities", "jessamyn", "email",
     "volunteer-coordinator page where Jessamyn Ardcastle's e-mail jess.ardcastle@example.net is written entirely as numeric HTML entities (also in the mailto)",
     site_page("Volunteer with Hospice of the Blue Ridge", "Hospice of the Blue Ridge", "Volunteer Program",
               ["About", "Services", "Volunteer", "Donate", "Contact"],
               "<h2>Bereavement volunteers</h2><p>Our bereavement volunteers call families in the months after a death. Training is provided in the spring and fall.</p>"
               f"<p>Training coordinator: Jessamyn Ardcastle, LPC — <a href=\"&#109;&#97;&#105;&#108;&#116;&#111;&#58;{entities('jess.ardcastle@example.net')}\">{entities('jess.ardcastle@example.net')}</a></p>"
               f"<p>General volunteer questions: <a href=\"mailto:{entities('volunteer@example.org')}\">{entities('volunteer@example.org')}</a></p>" + lorem_news(1),
               "Hospice of the Blue Ridge is a nonprofit organization."),
     expect=[E("email", "self", "jess.ardcastle@example.net")])

page(76, "email-mixed-forms", "odalys", "email",
     "PDF-to-HTML meeting roster: Odalys Kestrelle's e-mails in two forms, 'okestrelle.lcsw {at} example {dot} org' and hex-entity encoded odalys.kestrelle@example.com",
     site_page("Perinatal Support Network - Member Roster", "Mid-Willamette Perinatal Support Network", "Member roster (converted from PDF)",
               ["Home", "Roster", "Referrals", "Meetings"],
               "<h2>Member roster — 2026</h2><pre style=\"font-size:13px\">"
               "Amsel, Claudette      Doula            claudette.amsel {at} example {dot} org\n"
               "Harrow, Benedikt      Psychologist     bharrow {at} example {dot} org\n"
               "Kestrelle, Odalys     LCSW             okestrelle.lcsw {at} example {dot} org\n"
               "Marchetti, Lucinda    LMFT             lmarchetti {at} example {dot} org\n"
               "</pre>"
               "<p>Referral coordinator this quarter: Odalys Kestrelle, "
               "<a href=\"mailto:&#x6f;&#x64;&#x61;&#x6c;&#x79;&#x73;&#x2e;&#x6b;&#x65;&#x73;&#x74;&#x72;&#x65;&#x6c;&#x6c;&#x65;&#x40;&#x65;&#x78;&#x61;&#x6d;&#x70;&#x6c;&#x65;&#x2e;&#x63;&#x6f;&#x6d;\">"
               "&#x6f;&#x64;&#x61;&#x6c;&#x79;&#x73;&#x2e;&#x6b;&#x65;&#x73;&#x74;&#x72;&#x65;&#x6c;&#x6c;&#x65;&#x40;&#x65;&#x78;&#x61;&#x6d;&#x70;&#x6c;&#x65;&#x2e;&#x63;&#x6f;&#x6d;</a></p>" + lorem_news(1),
               "Mid-Willamette Perinatal Support Network"),
     expect=[E("email", "self", "okestrelle.lcsw {at} example {dot} org"), E("email", "self", "odalys.kestrelle@example.com")])


# ---------------------------------------------------------------- 9. home address without its predirectional
page(80, "nodir-permit-list", "odalys", "nodir",
     "county building-permit list: 'Kestrelle Odalys & Tobiah — 2417 Tamarack Ln, Corvallis' (predirectional NW omitted) among other permits",
     site_page("Issued Residential Permits - Week of Aug 10, 2026", "Benton County Community Development", "Issued Permits Report · Residential",
               ["Home", "Permits", "Inspections", "Maps", "Fees"],
               "<h2>Residential permits issued, week of August 10, 2026</h2><table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;font-size:13px\">"
               "<tr><th>Permit #</th><th>Owner</th><th>Site Address</th><th>Work</th><th>Valuation</th></tr>"
               "<tr><td>RES-26-0811</td><td>OLLANDER BRYCE</td><td>2409 Tamarack Ln, Corvallis OR 97330</td><td>Reroof</td><td>$14,200</td></tr>"
               "<tr><td>RES-26-0814</td><td>KESTRELLE ODALYS &amp; TOBIAH</td><td>2417 Tamarack Ln, Corvallis OR 97330</td><td>Deck replacement</td><td>$9,800</td></tr>"
               "<tr><td>RES-26-0815</td><td>VEREEN HANK</td><td>5512 Lewisburg Ave, Corvallis OR 97330</td><td>Heat pump</td><td>$11,050</td></tr>"
               "<tr><td>RES-26-0819</td><td>DRAGOMIR MIRELA</td><td>311 Jackson Ave, Corvallis OR 97330</td><td>ADU</td><td>$162,000</td></tr></table>",
               "Benton County Community Development · Public records request portal"),
     expect=[E("home_address", "self", "2417 Tamarack Ln")],
     ambiguous=[E("relative", "self", "TOBIAH")])

page(81, "nodir-durham-previous", "jessamyn", "nodir",
     "old Durham historic-district walking-tour page: 'the Lisle house, 19 Cedar Pl, Durham' — previous address without the E predirectional; Jessamyn Lisle named as owner in 2004",
     site_page("Cedar Street Walking Tour - Durham Historic Homes", "Durham Historic Homes Society", "Self-guided walking tours",
               ["Home", "Tours", "Plaques", "Membership"],
               "<h2>Cedar Street walking tour</h2><ol>"
               "<li><b>11 Cedar Pl, Durham</b> — 1912 foursquare, restored 1998 by the Okafor family.</li>"
               "<li><b>19 Cedar Pl, Durham</b> — 1924 bungalow with original tile porch. Plaque awarded 2004 to owners Rafferty Ardcastle and Jessamyn Lisle.</li>"
               "<li><b>27 Cedar Pl, Durham</b> — the Petrakis house, a rare brick cottage.</li></ol>" + lorem_news(1),
               "Durham Historic Homes Society · Tours are self-guided; please respect private property"),
     expect=[E("previous_address", "self", "19 Cedar Pl")],
     ambiguous=[E("relative", "self", "Rafferty Ardcastle")])

page(82, "nodir-past-address-lane", "odalys", "nodir",
     "property-record summary: owner Odalys R Kestrelle, site address written '2417 Tamarack Lane, Corvallis' (no NW, Lane spelled out), mailing address same",
     ps_page("PropertyPeek", "2417 Tamarack Lane, Corvallis, OR - Property Record",
             '<div class="card"><h1 style="margin:0">2417 Tamarack Lane</h1><div class="muted">Corvallis, OR 97330 · Single family · Built 1994</div></div>' +
             section("Owner", '<dl class="kv"><dt>Owner of record</dt><dd>Odalys R Kestrelle</dd><dt>Co-owner</dt><dd>Tobiah J Kestrelle</dd><dt>Purchased</dt><dd>May 2016</dd></dl>') +
             section("Nearby homes", ul(["2409 Tamarack Lane · Bryce Ollander", "2421 Tamarack Lane · Alma & Jae Sun Park-Rios", "2433 Tamarack Lane · Terrance Bello"])), tagline="Property records"),
     expect=[E("home_address", "self", "2417 Tamarack Lane")],
     ambiguous=[E("relative", "self", "Tobiah J Kestrelle")])


page(83, "nodir-church-directory", "odalys", "nodir",
     "congregation member directory (public page): household 'Kestrelle, Odalys & Tobiah; Wren' at '2417 Tamarack Ln, Corvallis OR 97330' (no NW) with the home phone; other households",
     site_page("Member Directory (public) - Corvallis Friends Meeting", "Corvallis Friends Meeting", "Religious Society of Friends · Member & Attender Directory 2026",
               ["Home", "Worship", "Directory", "Committees", "Calendar"],
               "<h2>Directory — J to L</h2><p class=\"small\">Households are listed with permission. Please do not use the directory for commercial purposes.</p>"
               "<table cellpadding=\"5\" style=\"font-size:14px\">"
               "<tr><td><b>Jaramillo, Tessa</b></td><td>880 NW Kings Blvd Apt 6, Corvallis OR 97330</td><td>(541) 555-0151</td></tr>"
               "<tr><td><b>Kestrelle, Odalys &amp; Tobiah</b><br>children: Wren</td><td>2417 Tamarack Ln, Corvallis OR 97330</td><td>(541) 555-0162</td></tr>"
               "<tr><td><b>Kowalczyk, Abe &amp; Ruthie</b></td><td>3301 Harrison Blvd, Corvallis OR 97330</td><td>(541) 555-0109</td></tr>"
               "<tr><td><b>Lindqvist, Soren</b></td><td>118 Chinook Ct, Philomath OR 97370</td><td>—</td></tr></table>",
               "Corvallis Friends Meeting · Meeting for worship Sundays 10 a.m."),
     expect=[E("home_address", "self", "2417 Tamarack Ln"), E("phone", "self", "(541) 555-0162"),
             E("relative", "self", "Tobiah"), E("relative", "self", "Wren")])

page(84, "nodir-volunteer-list-previous", "jessamyn", "nodir",
     "archived 2003 arts-council volunteer list: 'Lisle, Jessamyn — 19 Cedar Place, Durham, NC 27701' (previous address, no E predirectional, Place spelled out)",
     site_page("Volunteer Ushers 2003 - Durham Arts Council (archived)", "Durham Arts Council", "Volunteer Ushers · 2003 Season (archived page)",
               ["Home", "Season", "Volunteer", "Donate"],
               "<h2>2003 volunteer ushers</h2><p>Thank you to this season's ushers! Please keep this list for swapping shifts.</p><ul>"
               "<li>Greer, Patrice — 402 Onslow St, Durham, NC 27705 — (919) 555-0183</li>"
               "<li>Lisle, Jessamyn — 19 Cedar Place, Durham, NC 27701 — (919) 555-0112</li>"
               "<li>Mbeki-Stone, Oren — 77 Lakewood Ave, Durham, NC 27707 — (919) 555-0191</li></ul>",
               "Durham Arts Council · This page is archived and no longer maintained"),
     expect=[E("previous_address", "self", "19 Cedar Place")])


# ---------------------------------------------------------------- 10. namesakes / near misses only
NS = dict(namesake_only=True)

page(90, "namesake-odalys-tucson", "odalys", "namesake",
     "full report on a different Odalys M Kestrelle, 71, Tucson AZ: own address, phone (520) 555-0162 (same last digits as ours), e-mail odalys.kestrelle@example.net (our user is @example.com)",
     ps_page("TrueRecordsNow", "Odalys M Kestrelle, 71 - Tucson, AZ",
             '<div class="card"><h1 style="margin:0">Odalys Marguerite Kestrelle</h1><div class="muted">Age 71, Born July 1955 · Tucson, AZ</div></div>' +
             section("Current Address", '<p>6150 E Calle Ventura, Tucson, AZ 85750</p>') +
             section("Past Addresses", ul(["1922 N Campbell Ave, Tucson, AZ 85719", "410 W Main St, Mesa, AZ 85201"])) +
             section("Phone Numbers", ul(["(520) 555-0162 · Landline"])) +
             section("Email Addresses", ul(["odalys.kestrelle@example.net"])) +
             section("Relatives", ul([rel("Harold Kestrelle"), rel("Nadine Kestrelle"), rel("Wendell Kestrelle")]))),
     **NS)

page(91, "namesake-jessamyn-vermont", "jessamyn", "namesake",
     "report on Jessamyn T Ardcastle, 33, Burlington VT — same first and last name, different age, city, relatives",
     ps_page("LookupLedger", "Jessamyn T Ardcastle - Burlington, VT - Age 33",
             '<div class="card"><h1 style="margin:0">Jessamyn T Ardcastle</h1><span class="pill">Age 33</span><span class="pill">Burlington, VT</span></div>'
             '<div class="grid">' + section("Current Address", '<p>41 Pearl St Apt 2<br>Burlington, VT 05401</p>') +
             section("Phones", ul(["(802) 555-0147"])) + section("Relatives", ul([rel("Owen Ardcastle"), rel("Lucia Ardcastle")])) +
             section("Emails", ul(["jtardcastle@example.org"])) + '</div>'),
     **NS)

page(92, "namesake-neighbour-same-street", "odalys", "namesake",
     "report on neighbour Bryce Ollander at 2409 NW Tamarack Ln, Corvallis (two doors down); nothing about the Kestrelles",
     ps_page("TrueRecordsNow", "Bryce A Ollander, 52 - Corvallis, OR",
             '<div class="card"><h1 style="margin:0">Bryce A Ollander</h1><div class="muted">Age 52 · Corvallis, OR</div></div>' +
             section("Current Address", '<p>2409 NW Tamarack Ln, Corvallis, OR 97330</p>') +
             section("Phone Numbers", ul(["(541) 555-0177"])) +
             section("Relatives", ul([rel("Juniper Ollander"), rel("Dana Ollander")])) +
             section("Neighbors", ul(["Terrance Bello · 2433 NW Tamarack Ln", "Alma Park-Rios · 2421 NW Tamarack Ln"]))),
     **NS)

page(93, "namesake-same-number-other-city", "jessamyn", "namesake",
     "listing for 3390 Old Mill Rd in Lancaster, PA (same street and number, other state) owned by Gretchen Pfalzgraf",
     ps_page("PropertyPeek", "3390 Old Mill Rd, Lancaster, PA 17602 - Property Record",
             '<div class="card"><h1 style="margin:0">3390 Old Mill Rd</h1><div class="muted">Lancaster, PA 17602 · Farmhouse · Built 1880</div></div>' +
             section("Owner", '<dl class="kv"><dt>Owner of record</dt><dd>Gretchen L Pfalzgraf</dd><dt>Purchased</dt><dd>2001</dd><dt>Phone</dt><dd>(717) 555-0139</dd></dl>') +
             section("Residents", ul(["Gretchen Pfalzgraf, 67", "Otto Pfalzgraf, 70"])), tagline="Property records"),
     **NS)

page(94, "namesake-masked-relative-only", "odalys", "namesake",
     "teaser with only a masked name 'T***** Kestrelle', age 4*, Corvallis, OR — nothing else",
     ps_page("LookupLedger", "Kestrelle in Corvallis, OR",
             '<div class="card"><h1 style="margin:0">T***** Kestrelle</h1><span class="pill">Age 4*</span><span class="pill">Corvallis, OR</span>'
             '<p>We found records that may include phone numbers, addresses, relatives and more.</p><a class="btn" href="/checkout">Unlock report</a></div>'),
     **NS)

page(95, "namesake-surname-same-town", "jessamyn", "namesake",
     "report on Hollis Ardcastle, 34, Asheville NC (same surname and town, unrelated; relatives Margo and Dwayne Ardcastle)",
     ps_page("NameScout", "Hollis Ardcastle (34) - Asheville, NC",
             '<div class="card"><h1 style="margin:0">Hollis D Ardcastle</h1><p>Age: 34 · Lives in Asheville, NC</p></div>' +
             section("Address History", '<table class="results"><tr><th>Address</th><th>Dates</th></tr><tr><td>58 Haywood Rd Apt 3, Asheville, NC 28806</td><td>2019 – present</td></tr><tr><td>1204 Patton Ave, Asheville, NC 28806</td><td>2014 – 2019</td></tr></table>') +
             section("Phone", '<p>(828) 555-0108</p>') + section("Possible Relatives", ul([rel("Margo Ardcastle"), rel("Dwayne Ardcastle")]))),
     **NS)

page(96, "namesake-young-fenwright-medford", "odalys", "namesake",
     "a different Odalys J Fenwright (maiden-name namesake), 22, Medford OR — the mother's city — relatives Carl and Denise Fenwright",
     ps_page("AddressTrail", "Odalys J Fenwright, 22 - Medford, OR",
             '<div class="card"><h1 style="margin:0">Odalys J Fenwright</h1><div class="muted">Age 22 · Medford, OR</div></div>' +
             section("Current Address", '<p>903 Stewart Ave Apt 12, Medford, OR 97501</p>') +
             section("Phone", ul(["(541) 555-0131"])) +
             section("Relatives", ul([rel("Carl Fenwright"), rel("Denise Fenwright")]))),
     **NS)

page(97, "namesake-lisle-obituary", "jessamyn", "namesake",
     "obituary of an older Jessamyn P. Lisle (1942–2026) of Knoxville — same as the maiden name, survived by son Martin Lisle; not our user",
     site_page("Jessamyn P. Lisle Obituary", "Holston Valley Funeral Home", "Obituaries · Knoxville, Tennessee",
               ["Home", "Obituaries", "Services", "Send Flowers"],
               "<h2>Jessamyn Pearl Lisle</h2><p class=\"small\">August 2, 1942 – September 14, 2026</p>"
               "<p>Jessamyn Pearl Lisle, 84, of Knoxville, passed away at Shannondale. A retired nurse, she loved her garden and her church choir.</p>"
               "<p>She is survived by her son, Martin Lisle (Kay) of Maryville, and her grandchildren, Ada and Sam.</p>",
               "Holston Valley Funeral Home · Knoxville, TN"),
     **NS)

page(98, "namesake-tobiah-spokane", "odalys", "namesake",
     "social profile of a different Tobiah Kestrelle, 24, Spokane WA (spouse's namesake), girlfriend Rhea",
     social_page("Friendlane", "Tobiah Kestrelle",
                 "Spokane, Washington · 812 friends",
                 "<p>24</p><p>Studied at Eastern Washington University</p><p>Lives in Spokane, Washington</p>",
                 [post("Tobiah Kestrelle", "August 2, 2026", "Moving into the new place on Monroe St this weekend, pizza for anyone who helps.", 18,
                       [("Rhea Kestrelle", "I call the good couch")])],
                 friends=["Rhea Kestrelle", "Jordan Bissell"]),
     **NS)

page(99, "namesake-wren-runner", "odalys", "namesake",
     "race results with a different Wren Kestrelle, 19, Portland OR",
     site_page("Results - Rose City 10K 2026", "Rose City 10K", "Portland, Oregon · Official Results",
               ["Results", "Photos", "Course", "Register"],
               "<h2>Women 18–24</h2><table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">"
               "<tr><th>Place</th><th>Name</th><th>Age</th><th>City</th><th>Time</th></tr>"
               "<tr><td>1</td><td>Hana Sato</td><td>22</td><td>Beaverton OR</td><td>37:41</td></tr>"
               "<tr><td>2</td><td>Wren Kestrelle</td><td>19</td><td>Portland OR</td><td>38:05</td></tr>"
               "<tr><td>3</td><td>Maddie Oduya</td><td>23</td><td>Portland OR</td><td>38:52</td></tr></table>" + lorem_news(1),
               "Rose City 10K · Timing by ChipRight"),
     **NS)

page(100, "namesake-imogen-sacramento", "jessamyn", "namesake",
     "report on Imogen Ardcastle, 45, Sacramento CA (daughter's namesake)",
     ps_page("FindFolks", "Imogen Ardcastle - 1 Record Found",
             '<h1>Imogen Ardcastle</h1>' + results_table([("Imogen R Ardcastle", "45", "Sacramento, CA", rel("Neil Ardcastle", "Petra Ardcastle"))])),
     **NS)

page(101, "namesake-similar-surname-salem", "odalys", "namesake",
     "report on Odalys Kesterson, 44, Salem OR (similar, not identical surname, nearby city), relatives Ray Kesterson",
     ps_page("Peoplebook", "Odalys Kesterson, 44 · Salem, OR",
             '<div class="card"><div style="font-size:26px;font-weight:700">Odalys Kesterson, 44 · Salem, OR</div><div class="muted">Lived in: Salem, OR · Keizer, OR</div>'
             '<p>Related to Ray Kesterson, Lupe Kesterson. Phone (503) 555-0166.</p></div>'),
     **NS)

page(102, "namesake-road-neighbour-newsletter", "jessamyn", "namesake",
     "Old Mill Road newsletter that mentions only neighbours (3394 Old Mill, 3402 Old Mill) — no Ardcastles",
     site_page("Old Mill Road Neighbors - Spring Newsletter", "Old Mill Road Neighbors Association", "Asheville, N.C. · Spring Newsletter 2026",
               ["Home", "Minutes", "Road Fund", "Contacts"],
               "<h2>Spring news</h2><p>Welcome to the Delgado-Finch family, new at 3402 Old Mill! Gravel for the lower stretch arrives in May; Pruitt Vandeveer (3394 Old Mill) is coordinating.</p>" + lorem_news(4),
               "Old Mill Road Neighbors Association"),
     **NS)

page(103, "namesake-corvallis-therapists", "odalys", "namesake",
     "Corvallis therapist directory page listing other therapists (including a Kestrelle-like 'Odalys Kessler' and phone (541) 555-0126), not our user",
     ps_page("TherapistFinder", "Therapists in Corvallis, OR",
             '<h1>Therapists in Corvallis, OR</h1>' +
             person_card("Odalys Kessler, LPC", None, ["Counselor · 1100 NW Circle Blvd, Corvallis, OR 97330", "(541) 555-0126"]) +
             person_card("Everett Blackwood, PsyD", None, ["Psychologist · 222 NW 2nd St, Corvallis, OR 97330", "(541) 555-0153"]) +
             person_card("Mirela Dragomir, LCSW", None, ["Clinical Social Worker · 311 Jackson Ave, Corvallis, OR 97330", "(541) 555-0144"]), tagline="Find a therapist near you"),
     **NS)

page(104, "namesake-jessamyn-wilmington", "jessamyn", "namesake",
     "report on Jessamyn R Ardcastle, 61, Wilmington NC (same name, same state, age within 2 years) with her own address, phone and relatives Curtis/Denise",
     ps_page("TrueRecordsNow", "Jessamyn R Ardcastle, 61 - Wilmington, NC",
             '<div class="card"><h1 style="margin:0">Jessamyn Rose Ardcastle</h1><div class="muted">Age 61 · Wilmington, NC</div></div>' +
             section("Current Address", '<p>612 Dock St, Wilmington, NC 28401</p>') +
             section("Past Addresses", ul(["88 Tidewater Ct, Southport, NC 28461"])) +
             section("Phone Numbers", ul(["(910) 555-0175"])) +
             section("Relatives", ul([rel("Curtis Ardcastle"), rel("Denise Ardcastle")]))),
     **NS)

page(105, "namesake-same-street-no-dir-other-city", "odalys", "namesake",
     "yard-sale listing at 2417 Tamarack Ln, Albany, OR (same number and street, no predirectional, different city) by Lenora Brisk",
     site_page("Yard sales this weekend - Albany", "Mid-Valley Classifieds", "Albany, Oregon · Garage & Yard Sales",
               ["Classifieds", "Garage Sales", "Jobs", "Place an Ad"],
               "<h2>Garage &amp; yard sales</h2><ul>"
               "<li><b>2417 Tamarack Ln, Albany</b> — Sat 8–2. Quilting supplies, canning jars, tools. Cash only. Lenora Brisk, (541) 555-0128.</li>"
               "<li><b>908 Queen Ave SW, Albany</b> — Fri–Sat. Moving sale, everything must go.</li></ul>" + lorem_news(1),
               "Mid-Valley Classifieds"),
     **NS)

page(106, "namesake-rafferty-denver", "jessamyn", "namesake",
     "social profile of Rafferty Ardcastle, 29, Denver CO (spouse's namesake)",
     social_page("Friendlane", "Rafferty Ardcastle",
                 "Denver, Colorado · 640 friends",
                 "<p>29</p><p>Barista &amp; climber</p><p>Lives in Denver, Colorado</p>",
                 [post("Rafferty Ardcastle", "September 9, 2026", "Finally sent the arete at Eldo. Pick up your gear at my place on Tennyson St if you left it in my car.", 33)],
                 friends=["Sky Morrow", "Dev Patel"]),
     **NS)

page(107, "namesake-lorraine-sacramento", "odalys", "namesake",
     "report on a different Lorraine Fenwright, 58, Sacramento CA (mother's namesake)",
     ps_page("AddressTrail", "Lorraine Fenwright, 58 - Sacramento, CA",
             '<div class="card"><h1 style="margin:0">Lorraine K Fenwright</h1><div class="muted">Age 58 · Sacramento, CA</div></div>' +
             section("Current Address", '<p>4410 Freeport Blvd, Sacramento, CA 95822</p>') +
             section("Relatives", ul([rel("Stuart Fenwright"), rel("Kyla Fenwright")]))),
     **NS)

page(108, "namesake-masked-spouse", "jessamyn", "namesake",
     "teaser with only 'R****** Ardcastle, Age 6*, Asheville, NC' — masked first name, nothing else",
     ps_page("Whitebook", "Ardcastle in Asheville, NC",
             '<div class="card"><h1 style="margin:0">R****** Ardcastle</h1><p>Age 6* · Asheville, NC</p><p>Phone, address history and relatives available with Premium.</p><a class="btn" href="/premium">Try Premium</a></div>'),
     **NS)


# ---------------------------------------------------------------- writer
def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    pages_dir = os.path.join(HERE, "pages")
    os.makedirs(pages_dir, exist_ok=True)
    for old in os.listdir(pages_dir):
        if old.endswith(".html"):
            os.remove(os.path.join(pages_dir, old))
    out = ["# Labels for the blind corpus. Generated by make_pages.py; all pages dated as of 2026-11-15.", ""]
    seen = set()
    for p in PAGES:
        assert p["file"] not in seen, p["file"]
        seen.add(p["file"])
        with open(os.path.join(HERE, p["file"]), "w", encoding="utf-8") as f:
            f.write(p["html"])
        out += ["[[page]]", f"file = {toml_str(p['file'])}", f"profile = {toml_str(p['profile'])}",
                f"style = {toml_str(p['style'])}", f"namesake_only = {'true' if p['namesake_only'] else 'false'}",
                f"note = {toml_str(p['note'])}", ""]
        keys = set()
        for e in p["expect"]:
            k = (e["kind"], e["subject"], e["value"])
            assert k not in keys, (p["file"], k)
            keys.add(k)
            out += ["  [[page.expect]]", f"  kind = {toml_str(e['kind'])}", f"  subject = {toml_str(e['subject'])}",
                    f"  value = {toml_str(e['value'])}", ""]
        for e in p["ambiguous"]:
            out += ["  [[page.ambiguous]]", f"  kind = {toml_str(e['kind'])}", f"  subject = {toml_str(e['subject'])}",
                    f"  value = {toml_str(e['value'])}", ""]
    with open(os.path.join(HERE, "labels.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"wrote {len(PAGES)} pages and labels.toml")


if __name__ == "__main__":
    main()
