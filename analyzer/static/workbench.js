// jingzi workbench: live round progress and drag-and-drop uploads. No other script, no outside request.
"use strict";

function pollProgress(box) {
  const bar = box.querySelector("progress");
  const phase = box.querySelector(".phase");
  const count = box.querySelector(".count");
  const tick = async () => {
    try {
      const r = await fetch(box.dataset.url, {headers: {"Accept": "application/json"}});
      const p = await r.json();
      bar.max = p.total || 1;
      bar.value = p.done;
      phase.textContent = p.phase || p.status_label;
      count.textContent = p.done + "/" + p.total;
      if (p.status === "done" || p.status === "failed") {
        window.location.reload();
        return;
      }
    } catch (e) { /* the server may be restarting: try again */ }
    window.setTimeout(tick, 1000);
  };
  window.setTimeout(tick, 500);
}

// every file below a dropped folder entry
function filesOf(entry) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((f) => resolve([f]), () => resolve([]));
      return;
    }
    const reader = entry.createReader();
    const all = [];
    const more = () => reader.readEntries(async (entries) => {
      if (!entries.length) {
        resolve(all);
        return;
      }
      for (const e of entries) all.push(...await filesOf(e));
      more();
    }, () => resolve(all));
    more();
  });
}

function dropZone(zone) {
  const input = zone.querySelector("#files");
  const chosen = zone.querySelector("#chosen");
  const show = () => {
    const names = Array.from(input.files).map((f) => f.name);
    chosen.textContent = names.length ? "已选 " + names.length + " 个文件 / files: " + names.join("、") : "";
  };
  input.addEventListener("change", show);
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const entries = Array.from(e.dataTransfer.items || []).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry());
    const files = [];
    if (entries.length && entries.every(Boolean)) {
      for (const entry of entries) files.push(...await filesOf(entry));
    } else {
      files.push(...e.dataTransfer.files);
    }
    const dt = new DataTransfer();
    Array.from(input.files).forEach((f) => dt.items.add(f));
    files.forEach((f) => dt.items.add(f));
    input.files = dt.files;
    show();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("progress");
  if (box) pollProgress(box);
  const zone = document.getElementById("drop");
  if (zone) dropZone(zone);
});
