"""The user's practice website: crawl it within the domain (page and depth caps), yield every page, the
raw bytes of its images (metadata intact; ImagesPipeline would re-encode and drop EXIF) and the
document information of its PDFs.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag

from spiders.detection import BLOCK_STATUS, BLOCKED, ERROR, RESULTS, Verdict
from spiders.items import MediaItem, PageItem, RecordItem
from spiders.sourcebase import SourceSpider, text_of
from scanner.sources.targets import PracticeTarget

SOURCE = "practice_site"
MEDIA_MAXSIZE = 15 * 1024 * 1024
IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|tiff?|webp|heic|heif|avif)$", re.I)
SKIP_SUFFIX = re.compile(r"\.(css|js|ico|svg|gif|zip|mp3|mp4|mov|woff2?|ttf|xml|json)$", re.I)
PDF_INFO_CAP = 2 * 1024 * 1024      # the info dictionary is searched for in the last 2 MiB and first 1 MiB
PDF_FIELD = re.compile(rb"/(Author|Creator|Producer|Title|Subject|Keywords)\s*\(((?:\\.|[^\\)]){0,300})\)")
PDF_HEX_FIELD = re.compile(rb"/(Author|Creator|Producer|Title|Subject|Keywords)\s*<([0-9A-Fa-f\s]{0,1200})>")


def pdf_info(body: bytes) -> dict[str, str]:
    """Document information fields of a PDF (literal and hex strings; bounded regex, no PDF library)."""
    window = body[:1024 * 1024] + b"\n" + body[-PDF_INFO_CAP:]
    out: dict[str, str] = {}
    for match in PDF_FIELD.finditer(window):
        key = match.group(1).decode().lower()
        raw = re.sub(rb"\\([()\\])", rb"\1", match.group(2))
        out.setdefault(key, _decode_pdf_string(raw))
    for match in PDF_HEX_FIELD.finditer(window):
        key = match.group(1).decode().lower()
        try:
            raw = bytes.fromhex(re.sub(r"\s", "", match.group(2).decode()))
        except ValueError:
            continue
        out.setdefault(key, _decode_pdf_string(raw))
    return {k: v for k, v in out.items() if v}


def _decode_pdf_string(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        text = raw[2:].decode("utf-16-be", errors="replace")
    else:
        text = raw.decode("latin-1")
    return " ".join(text.split())[:300]


class PracticeSiteSpider(SourceSpider):
    name = "practice_site"

    def __init__(self, target: PracticeTarget, **kwargs):
        super().__init__(source_ids=(SOURCE,), **kwargs)
        self.target = target
        self.seen: set[str] = set()
        self.counts = {"pages": 0, "images": 0, "pdfs": 0}
        self.first_url[SOURCE] = target.start_url
        self.front: Verdict | None = None

    def _ours(self, url: str) -> bool:
        return url.startswith(self.target.prefixes)

    async def start(self):
        self.seen.add(self.target.start_url)
        yield self.request(self.target.start_url, SOURCE, self.parse_page, kind="search", depth_left=self.target.max_depth)

    def parse_page(self, response):
        front = response.meta["page_kind"] == "search"
        if front:
            self.front = self._front_verdict(response)
        text = text_of(response)
        if response.status < 400 and text and "html" in response.headers.get("Content-Type", b"text/html").decode("latin-1").lower():
            self.counts["pages"] += 1
            yield PageItem(site=SOURCE, url=response.url, subject="self", page_kind="detail", html=text, card_selector="")
            yield from self._links(response, response.meta.get("depth_left", 0))
        self.done_one(SOURCE)

    def _front_verdict(self, response) -> Verdict:
        if response.status in BLOCK_STATUS:
            return Verdict(BLOCKED, BLOCK_STATUS[response.status])
        if response.status >= 400:
            return Verdict(ERROR, f"the website answered with an error (HTTP {response.status})")
        return Verdict(RESULTS, "the website was read")

    def _links(self, response, depth_left: int):
        t = self.target
        hrefs = response.css("a::attr(href)").getall()
        images = response.css("img::attr(src), meta[property='og:image']::attr(content), link[rel~='icon']::attr(href)").getall()
        for src in images:
            url = urldefrag(response.urljoin(src.strip()))[0]
            if self._ours(url) and url not in self.seen and self.counts["images"] < t.max_images \
                    and IMAGE_SUFFIX.search(url.split("?")[0]):
                self.seen.add(url)
                self.counts["images"] += 1
                yield self.request(url, SOURCE, self.parse_image, kind="media", download_maxsize=MEDIA_MAXSIZE,
                                   page_url=response.url)
        for href in hrefs:
            url = urldefrag(response.urljoin(href.strip()))[0]
            path = url.split("?")[0]
            if not self._ours(url) or url in self.seen or SKIP_SUFFIX.search(path):
                continue
            if path.lower().endswith(".pdf"):
                if self.counts["pdfs"] < t.max_pdfs:
                    self.seen.add(url)
                    self.counts["pdfs"] += 1
                    yield self.request(url, SOURCE, self.parse_pdf, kind="media", download_maxsize=MEDIA_MAXSIZE)
            elif IMAGE_SUFFIX.search(path):
                if self.counts["images"] < t.max_images:
                    self.seen.add(url)
                    self.counts["images"] += 1
                    yield self.request(url, SOURCE, self.parse_image, kind="media", download_maxsize=MEDIA_MAXSIZE,
                                       page_url=response.url)
            elif depth_left > 0 and self.pages[SOURCE] < t.max_pages:
                self.seen.add(url)
                yield self.request(url, SOURCE, self.parse_page, kind="page", depth_left=depth_left - 1)

    def parse_image(self, response):
        if response.status == 200 and response.body:
            yield MediaItem(site=SOURCE, url=response.url, data=bytes(response.body), page_url=response.meta.get("page_url", ""))
        self.done_one(SOURCE)

    def parse_pdf(self, response):
        if response.status == 200 and response.body.startswith(b"%PDF"):
            info = pdf_info(bytes(response.body))
            if info:
                yield RecordItem(site=SOURCE, url=response.url, kind="pdf_metadata", data=info)
        self.done_one(SOURCE)

    def on_failure(self, source_id: str, kind: str, why: str) -> None:
        if kind == "search":
            self.front = Verdict(ERROR, why)

    def final_verdict(self, source_id: str) -> Verdict:
        if self.front is None:
            return Verdict(ERROR, "the website could not be read")
        if self.front.status != RESULTS:
            return self.front
        c = self.counts
        return Verdict(RESULTS, f"read {c['pages']} page(s), {c['images']} image(s) and {c['pdfs']} PDF file(s)")
