// Timeline filter: show only the events of the checked disputes, on the timeline and each year's page.
// The address says what is shown (?disputes=gsomia,general), so a filtered view can be linked.
// Progressive enhancement: without JavaScript the stylesheet hides the form and every event shows.
function setUpTimelineFilter() {
  const form = document.querySelector(".timeline-filter");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  const items = Array.from(document.querySelectorAll(".md-content [data-disputes]"));
  const status = form.querySelector(".filter__status");
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  const asked = new URLSearchParams(location.search).get("disputes");
  if (asked !== null) {
    const chosen = new Set(asked.split(",").filter(Boolean));
    for (const box of boxes) box.checked = chosen.has(box.value);
  }
  const remember = () => {
    const url = new URL(location.href);
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    if (checked.length === boxes.length) url.searchParams.delete("disputes");
    else url.searchParams.set("disputes", checked.join(","));
    history.replaceState(null, "", url);
  };
  // An item is one event, or a year's link that says how many of its events are about each set of
  // disputes (data-tally="a b:3|c:1"): it counts as those events.
  const tallies = new Map(items.map((item) => [item, (item.dataset.tally || `${item.dataset.disputes}:1`)
    .split("|").map((part) => { const at = part.lastIndexOf(":"); return [part.slice(0, at).split(" "), Number(part.slice(at + 1))]; })]));
  const total = Array.from(tallies.values()).flat().reduce((sum, [, n]) => sum + n, 0);
  const update = () => {
    const wanted = new Set(Array.from(form.querySelectorAll("input:checked")).map((i) => i.value));
    let shown = 0;
    for (const item of items) {
      const matching = tallies.get(item).filter(([disputes]) => disputes.some((d) => wanted.has(d)));
      item.hidden = matching.length === 0;
      shown += matching.reduce((sum, [, n]) => sum + n, 0);
    }
    // A year's heading, and its link, go when none of its events is shown.
    for (const heading of document.querySelectorAll(".md-content h2[id^='year-']")) {
      const section = [];
      for (let el = heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) section.push(el);
      if (!section.some((el) => el.querySelector("[data-disputes]"))) continue;
      const any = section.some((el) => el.querySelector("[data-disputes]:not([hidden])"));
      for (const el of [heading, ...section]) el.hidden = !any;
    }
    status.textContent = `Showing ${shown} of ${total} events.`;
  };
  form.addEventListener("change", () => { update(); remember(); });
  update();
}

if (typeof document$ !== "undefined") {
  document$.subscribe(setUpTimelineFilter);
} else {
  document.addEventListener("DOMContentLoaded", setUpTimelineFilter);
}
