"""Hand-curated per-site facts that the reference CSV holds only as prose (development time only).

Selectors come from the reference's notes (DuckDuckGo broker JSON, dataBrokerHM, scrape-do
READMEs), simplified to CSS the generic spider can run. Where no selector is known, the style's
default is used and the entry's `source` says "selectors: generic".
"""

from __future__ import annotations

# domain -> (card selector, no-results signature)
SELECTORS = {
    "peoplefinders.com": (".record", "css:.no-results"),
    "fastbackgroundcheck.com": (".person-container", "text:Search Not Found"),
    "advancedbackgroundchecks.com": ("#peoplelist2 div.card-block", "text:We could not find any results"),
    "cyberbackgroundchecks.com": ("div.card.card-hover", "regex:(?i)\\b0 results\\b"),
    "smartbackgroundchecks.com": (".card-block", "text:We could not find any results"),
    "peoplesearchnow.com": (".result-search-block", "css:.no-results"),
    "searchpeoplefree.com": ("li.toc.l-i.mb-5", "text:Not Found"),
    "usa-people-search.com": (".card-block", "css:.redirect-message"),
    "usphonebook.com": ("div.success-wrapper-block[itemtype='https://schema.org/Person']", "css:.no-results-content-wrapper"),
    "usatrace.com": ("#usatrace-result-table tbody tr", "regex:(?i)no (results|records) (were )?found"),
    "quickpeopletrace.com": ("#qpt-result-table tbody tr", "regex:(?i)no (results|records) (were )?found"),
    "privateeye.com": (".result", "text:No matching records"),
    "publicrecordsnow.com": (".result", "text:No matching records"),
    "advanced-people-search.com": (".result", "text:No matching records"),
    "intelius.com": ("#people div.person", "text:We didn't find any results"),
    "instantcheckmate.com": ("div.person", "text:We didn't find any results"),
    "truthfinder.com": ("div.person", "text:We didn't find any results"),
    "ussearch.com": ("section#people div.person", "text:We didn't find any results"),
    "zabasearch.com": (".person.people-results", "text:We didn't find any results"),
    "addresses.com": ("div.person-info", "text:We didn't find any results"),
    "anywho.com": ("div.person-info", "text:We didn't find any results"),
    "beenverified.com": (".person-search-result-card", "text:No results match your search"),
    "spokeo.com": ("div[role='listitem']", "css:.no_results_container"),
    "freepeopledirectory.com": (".whole-card", "regex:(?i)no results? found"),
    "411.com": (".serp-card", "regex:(?i)no results? found"),
    "radaris.com": ("div.card.teaser-card", "text:No records found for"),
    "mylife.com": (".ais-InfiniteHits-item", "text:We could not find"),
    "clustrmaps.com": ("div[itemprop='Person']", "text:No results found"),
    "neighbor.report": (".lstd", "text:Error 404"),
    "officialusa.com": (".person", "text:Page not found (404)"),
    "peekyou.com": ("div.profileRow", "text:Sorry, we could not find"),
    "searchquarry.com": ("table.alt_table tbody tr", "text:No records found"),
    "backgroundcheck.run": (".b-pfl-list", "css:h3.no-records-found"),
    "newenglandfacts.com": (".b-pfl-list", "text:No people found"),
    "people-background-check.com": (".b-pfl-list", "text:No people found"),
    "familytreenow.com": ("#summaryResults tbody tr", "text:No records matched"),
    "voterrecords.com": ("table.voters tbody tr", "text:No voters found"),
}
for _d in ("verecor.com", "vericora.com", "veriforia.com", "dataveria.com", "veripages.com", "pub360.com", "inforver.com"):
    SELECTORS[_d] = (".search-item", "css:div.page-404")
for _d in ("councilon.com", "kwold.com", "curadvisor.com", "clubset.com", "virtory.com", "wellnut.com", "publicreports.com",
           "centeda.com"):
    SELECTORS[_d] = (".card", "css:div.page-404")
PEOPLEWHIZ = ("peoplewhiz.com", "peoplewhiz.net", "peoplewhized.com", "peoplewhized.net", "peoplewhizr.com", "peoplewhizr.net",
              "peoplewiz.com", "peoplewizard.net", "peoplewizr.com", "peopleswhizr.com", "peopleswiz.com", "peopleswizard.com",
              "people-wizard.com")
for _d in PEOPLEWHIZ:
    SELECTORS[_d] = ("[class^='ResultsTable__Record-sc']", "css:div[class^='ResultNotFound__NoResults']")
PRIVATEREPORTS = {  # child domain -> result card (DDG, unreleased), opt-out landing path
    "privaterecords.net": ("li.searchedPerson", "/optOut/name/landing"),
    "peoplesearchusa.org": (".search-list-item", "/optOut/name/landing"),
    "peoplesearcher.com": ("li.searchedPerson", "/optOut/name/landing"),
    "personsearchers.com": ("li.searchedPerson", "/optOut/name/landing"),
    "backgroundcheckers.net": ("li.searchedPerson", "/optOut/name/landing"),
    "secretinfo.org": ("li.searchedPerson", "/optOut/name/landing"),
    "publicsearcher.com": (".srp-table-item", "/optOut/name/landingPage"),
    "peoplesearch123.com": ("li.searchedPerson", "/optOut/name/landing"),
    "checksecrets.com": (".search-list-item", "/optOut/name/landing"),
    "sealedrecords.net": (".search-list-item", "/optOut/name/landing"),
    "truthrecord.org": ("li.searchedPerson", "/opt_out/name/landing_page"),
    "inmatessearcher.com": (".search-list-item", "/optOut/name/landing"),
    "mugshotlook.com": (".srp-table-item", "/optOut/name/landing"),
    "privatereports.com": (".srp-table-item", "/optOut/name/landingPage"),
}
for _d, (_card, _) in PRIVATEREPORTS.items():
    SELECTORS[_d] = (_card, "text:We were unable to find")

# Markup style of the fixture pages (default: rotate through the styles).
STYLE = {
    "usphonebook.com": "microdata", "radaris.com": "microdata", "clustrmaps.com": "microdata", "searchpeoplefree.com": "jsonld",
    "spokeo.com": "household", "peoplefinders.com": "household", "beenverified.com": "household", "intelius.com": "household",
    "mylife.com": "full", "nuwber.com": "jsonld", "smartbackgroundchecks.com": "facts", "advancedbackgroundchecks.com": "jsonld",
    "411.com": "teaser", "neighbor.report": "full", "verecor.com": "teaser", "veripages.com": "teaser",
}

# Reverse searches stated in the reference (beyond its main name template).
EXTRA_SEARCHES = {
    "truepeoplesearch.com": [("phone", "/resultphone?phoneno={phone10}"), ("email", "/resultemail?email={email}"),
                             ("address", "/results?streetaddress={street}&citystatezip={city},{state}")],
    "fastpeoplesearch.com": [("phone", "/{phone_dashed}")],
    "usphonebook.com": [("phone", "/{phone_dashed}")],
    "whitepages.com": [("phone", "/phone/{phone10}")],
    "thatsthem.com": [("phone", "/phone/{phone_dashed}"), ("email", "/email/{email}"),
                      ("address", "/address/{street|hyphen}-{city|hyphen}-{state}-{zip}")],
}
# Hand-written entries whose fixtures and expected findings are maintained by hand (richer pages).
HANDMADE = {"fastpeoplesearch", "thatsthem", "truepeoplesearch", "whitepages"}
HANDMADE_EXTRACTION = {
    "fastpeoplesearch": ("div.people-list div.card", "css:#notfound_container", "a.link-to-details::attr(href)", "#site-content"),
    "thatsthem": ("div.card", "regex:(?i)no (results|records) (were )?found", "div.card div.name a.web::attr(href)", "div.record"),
    "truepeoplesearch": (".card-summary", "text:We could not find any records", ".card-summary a.detail-link::attr(href)", "#personDetails"),
    "whitepages": (".serp-card", "regex:(?i)we couldn.t find (any )?results|no results found", ".serp-card a.view-details::attr(href)",
                   "#person-details"),
}
HANDMADE_BLOCKED = {"fastpeoplesearch": "cloudflare", "thatsthem": "cloudflare", "truepeoplesearch": "cloudflare",
                    "whitepages": "cloudflare"}

CATEGORY = {
    "rehold.com": "address_lookup", "hudwayglass.com": "address_lookup", "homemetry.com": "address_lookup",
    "propertyrecs.com": "address_lookup", "spydialer.com": "phone_lookup", "unitedstatesphonebook.com": "phone_lookup",
    "ancestry.com": "genealogy", "archives.com": "genealogy", "familysearch.org": "genealogy", "familytreenow.com": "genealogy",
    "besthistorysites.net": "genealogy", "facecheck.id": "face_search", "pimeyes.com": "face_search",
    "acxiom.com": "marketing_broker", "zoominfo.com": "business_contacts", "voterrecords.com": "public_records",
    "nationalpublicdata.com": "public_records", "opendatausa.com": "public_records", "publicdatausa.com": "public_records",
    "inmatessearcher.com": "public_records", "mugshotlook.com": "public_records", "sealedrecords.net": "public_records",
}

# Why a site is not searched automatically (our words); the site is then SKIPPED and a manual check.
REASON_FORM = "its search is a form to fill in by hand, so search it yourself from the link"
REASON_ACCOUNT = "searching it needs an account or a paid trial"
REASON_PHOTO = "it searches by face photo, and this tool never uploads photos"
REASON_NOLOOKUP = "it has no public search; send the opt-out request directly"
REASON_OPTOUT_TOOL = "it can be searched only inside its opt-out tool, so look yourself up there"
DISABLED = {
    "classmates.com": REASON_ACCOUNT, "peoplelooker.com": REASON_ACCOUNT,
    "checkpeople.com": "it shows what it holds on a person only after a written 'Right to Know' request, so there is no search to run", "searchbug.com": REASON_ACCOUNT,
    "spyfly.com": REASON_ACCOUNT, "ancestry.com": REASON_ACCOUNT, "archives.com": REASON_ACCOUNT,
    "familysearch.org": REASON_ACCOUNT, "facecheck.id": REASON_PHOTO, "pimeyes.com": REASON_PHOTO, "acxiom.com": REASON_NOLOOKUP,
    "zoominfo.com": REASON_OPTOUT_TOOL, "opendatausa.com": REASON_OPTOUT_TOOL, "publicdatausa.com": REASON_OPTOUT_TOOL,
    "propertyrecs.com": REASON_OPTOUT_TOOL, "ofsearch.org": REASON_OPTOUT_TOOL, "infotracer.com": REASON_ACCOUNT,
    "pipl.com": "it now serves businesses only and has no search for the public",
}
# Sites whose pages a plain HTTP client cannot read (a bot wall, results built by script): [fetch] mode = "browser".
BROWSER = {"fastpeoplesearch", "nuwber", "truepeoplesearch", "whitepages"}
# Opt-out facts the CSV gives only in prose.
OPTOUT_EMAIL_OVERRIDE = {"acxiom.com": ""}          # its email is for EU requests only

# Sites searched by filling in their own form (in a web browser): domain -> (input, path of the page with
# the form, {field selector: text typed}, submit button, method of the sandbox's form, where the selectors
# come from). DuckDuckGo's broker definitions (Apache-2.0) give the PrivateReports family's real form; the
# others use a generic form, and their entry's `source` says so.
_DDG_BOTTOM = {"#bottomModifySearch #firstName-bottom": "{first}", "#bottomModifySearch #middleName-bottom": "{middle|default:}",
               "#bottomModifySearch #lastName-bottom": "{last}", "#bottomModifySearch #city-bottom": "{city}",
               "#bottomModifySearch #state-bottom": "{state}"}
_DDG_EMAIL2 = {"#email-form-2 #First-Name-2": "{first}", "#email-form-2 #Last-Name-3": "{last}", "#email-form-2 #City-3": "{city}",
               "#email-form-2 #State": "{state}"}
_DDG_EMAIL2_MIDDLE = {"#email-form-2 #First-Name-2": "{first}", "#email-form-2 #Middle-Name-3": "{middle|default:}",
                      "#email-form-2 #Last-Name-3": "{last}", "#email-form-2 #City-3": "{city}", "#email-form-2 #State": "{state}"}
_NAME = {"form#search-form input[name=firstName]": "{first}", "form#search-form input[name=lastName]": "{last}"}
_NAME_STATE = {**_NAME, "form#search-form select[name=state]": "{state}"}
_NAME_CITY = {**_NAME, "form#search-form input[name=city]": "{city}", "form#search-form select[name=state]": "{state}"}
_ADDRESS = {"form#search-form input[name=street]": "{street}", "form#search-form input[name=city]": "{city}",
            "form#search-form select[name=state]": "{state}"}
_GO = "form#search-form button[type=submit]"
_DDG = "DDG-unreleased@2025-02"
FORMS = {
    "backgroundcheckers.net": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "post", _DDG),
    "checksecrets.com": ("name_location", "/name/search-result", _DDG_EMAIL2, ".btn-search-again", "get", _DDG),
    "inmatessearcher.com": ("name_location", "/name/search-result", _DDG_EMAIL2, ".btn-search-again", "post", _DDG),
    "mugshotlook.com": ("name_location", "/name/search-result", _DDG_EMAIL2_MIDDLE, "#ux-2", "get", _DDG),
    "peoplesearch123.com": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "post", _DDG),
    "peoplesearcher.com": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "get", _DDG),
    "peoplesearchusa.org": ("name_location", "/name/search-result", _DDG_EMAIL2, ".btn-search-again", "post", _DDG),
    "personsearchers.com": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "get", _DDG),
    "privaterecords.net": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "post", _DDG),
    "privatereports.com": ("name_location", "/name/search-result",
                           {"#email-form-2 input[name=First-Name]": "{first}", "#email-form-2 input[name=Middle-Name]": "{middle|default:}",
                            "#email-form-2 input[name=Last-Name]": "{last}", "#email-form-2 input[name=City]": "{city}",
                            "#email-form-2 select[name=State]": "{state}"}, "button.refine-search-button", "get", _DDG),
    "publicsearcher.com": ("name_location", "/nameSearch/searchResult", _DDG_EMAIL2_MIDDLE, "#ux-2", "post", _DDG),
    "sealedrecords.net": ("name_location", "/name/search-result", _DDG_EMAIL2, ".btn-search-again", "get", _DDG),
    "secretinfo.org": ("name_location", "/name/search-result", _DDG_BOTTOM, "#ux-2", "post", _DDG),
    "truthrecord.org": ("name_location", "/name_search/search_result", _DDG_BOTTOM, "#ux-2", "get", _DDG),
    "privateeye.com": ("name_state", "/", {"form#name-search-form input[name=firstName]": "{first}",
                                           "form#name-search-form input[name=lastName]": "{last}",
                                           "form#name-search-form select[name=state]": "{state}"},
                       "form#name-search-form button[type=submit]", "get", "the form's id: reference notes; its fields: generic"),
    "searchquarry.com": ("name_state", "/", _NAME_STATE, _GO, "post", ""),
    "unmask.com": ("name_location", "/", _NAME_CITY, _GO, "get", ""),
    "homemetry.com": ("address", "/", _ADDRESS, _GO, "get", ""),
    "hudwayglass.com": ("address", "/", _ADDRESS, _GO, "post", ""),
    "rehold.com": ("address", "/", _ADDRESS, _GO, "get", ""),
    "clustal.org": ("name", "/", _NAME, _GO, "get", ""),
    "menstoppingviolence.org": ("name", "/people/", _NAME, _GO, "post", ""),
    "cocofinder.com": ("name", "/search", _NAME, _GO, "get", ""),
    "persopo.com": ("name", "/search", _NAME, _GO, "post", ""),
    "nationalpublicdata.com": ("name", "/search", _NAME, _GO, "get", ""),
    "unitedstatesphonebook.com": ("name", "/search.php", _NAME, _GO, "post", ""),
}
for _d, _m in (("besthistorysites.net", "get"), ("gladiknow.com", "post"), ("idtrue.com", "get"), ("peoplesmart.com", "post"),
               ("socialcatfish.com", "get"), ("truepeoplesearch.net", "post"), ("unite4heritage.org", "get"),
               ("usa-official.com", "post")):
    FORMS[_d] = ("name", "/", _NAME, _GO, _m, "")
