// unlisted app: the few things a page does by itself. No other script runs (the CSP allows only this file).
"use strict";

// While a process the page shows is running (its box says data-running="yes"), ask `url` for its status
// every second and hand it to `show`; once it has ended, `ended()`.
function watch(boxId, url, show, ended, unreachable) {
  const box = document.getElementById(boxId);
  if (!box || box.dataset.running !== "yes") return;
  const tick = async () => {
    let status;
    try {
      const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      status = await answer.json();
    } catch (e) {
      if (unreachable) unreachable();
      return;
    }
    if (!status.running) { ended(); return; }
    show(status);
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}

// The scan page: its progress, then the page again once it has ended.
function watchScan() {
  const text = document.getElementById("scan-text");
  const bar = document.getElementById("scan-bar");
  watch("scan", "/scan/status", (status) => {
    const p = status.progress || {};
    if (status.stopping) text.textContent = "Stopping…";
    else if (p.event === "waiting") text.textContent = p.site_name + " asks for a human check: finish it in the browser window.";
    else if (p.sites_total) text.textContent = p.sites_done + " of " + p.sites_total + " sites done, " + (p.exposures || 0) + " exposures found so far.";
    if (p.sites_total) { bar.max = p.sites_total; bar.value = p.sites_done; bar.textContent = p.sites_done + " of " + p.sites_total; }
  }, () => window.location.replace("/scan"),
     () => { text.textContent = "The app does not answer: is `unlisted app` still running?"; });
}

// A task's "Do it for me": what the opt-out says while it runs, then the page again.
function watchOptout() {
  const lines = document.getElementById("optout-lines");
  watch("optout", "/optout/status", (status) => { lines.textContent = status.lines.join("\n"); },
        () => window.location.reload());
}

// A letter: a button that copies its text.
function copyButtons() {
  for (const body of document.querySelectorAll("pre.letter-body")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy the letter";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(body.textContent);
        button.textContent = "Copied";
      } catch (e) {
        button.textContent = "Select the text and copy it yourself";
      }
    });
    body.insertAdjacentElement("beforebegin", button);
  }
}

document.addEventListener("DOMContentLoaded", () => { watchScan(); watchOptout(); copyButtons(); });
