// Live dashboard: refreshes the numbers and recent changes from the same API the numbers come from.
const REFRESH_MS = 2000;

function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

function cell(content) {
  const td = document.createElement("td");
  td.textContent = content;
  return td;
}

function formatTime(iso) {
  return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC") : "—";
}

function changeDetail(c) {
  if (c.field == null && c.oldValue == null && c.newValue == null) return "";
  return (c.field ? c.field + ": " : "") + (c.oldValue != null ? c.oldValue + " → " : "") + text(c.newValue);
}

function apply(root, summary) {
  for (const el of root.ownerDocument.querySelectorAll("[data-field]")) {
    const path = el.dataset.field.split(".");
    let value = summary;
    for (const key of path) value = value == null ? undefined : value[key];
    if (value === undefined) continue;
    el.textContent = path[0] === "at" ? formatTime(value) : text(value);
  }
  const body = root.ownerDocument.querySelector("#recent-changes tbody");
  if (body && Array.isArray(summary.recentChanges)) {
    body.replaceChildren(...summary.recentChanges.map(c => {
      const tr = document.createElement("tr");
      tr.append(cell(formatTime(c.at)), cell(c.type), cell(text(c.objectType) + " " + text(c.objectName)),
        cell(changeDetail(c)));
      return tr;
    }));
  }
}

async function refresh(root) {
  try {
    const response = await fetch(root.dataset.live, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.status === 401) { window.location.assign("/login"); return; }
    if (response.ok) apply(root, await response.json());
  } catch (e) {
    // network hiccup: keep the last numbers and try again on the next tick
  }
}

const live = document.querySelector("[data-live]");
if (live) {
  setInterval(() => refresh(live), REFRESH_MS);
}
