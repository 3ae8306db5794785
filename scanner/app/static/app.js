// unlisted app: the few things a page does by itself. No other script runs (the CSP allows only this file).
"use strict";

// The scan page: ask for the scan's progress every second while it runs; reload once it has ended.
function watchScan() {
  const box = document.getElementById("scan");
  if (!box || box.dataset.running !== "yes") return;
  const text = document.getElementById("scan-text");
  const bar = document.getElementById("scan-bar");
  const tick = async () => {
    let status;
    try {
      const answer = await fetch("/scan/status", { credentials: "same-origin", cache: "no-store" });
      status = await answer.json();
    } catch (e) {
      text.textContent = "The app does not answer: is `unlisted app` still running?";
      return;
    }
    if (!status.running) { window.location.replace("/scan"); return; }
    const p = status.progress || {};
    if (status.stopping) text.textContent = "Stopping…";
    else if (p.event === "waiting") text.textContent = p.site_name + " asks for a human check: finish it in the browser window.";
    else if (p.sites_total) text.textContent = p.sites_done + " of " + p.sites_total + " sites done, " + (p.exposures || 0) + " exposures found so far.";
    if (p.sites_total) { bar.max = p.sites_total; bar.value = p.sites_done; bar.textContent = p.sites_done + " of " + p.sites_total; }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}

// A task's "Do it for me": show what the opt-out says while it runs; reload once it has ended.
function watchOptout() {
  const box = document.getElementById("optout");
  if (!box || box.dataset.running !== "yes") return;
  const lines = document.getElementById("optout-lines");
  const tick = async () => {
    let status;
    try {
      const answer = await fetch("/optout/status", { credentials: "same-origin", cache: "no-store" });
      status = await answer.json();
    } catch (e) {
      return;
    }
    if (!status.running) { window.location.reload(); return; }
    lines.textContent = status.lines.join("\n");
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
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
