// Timeline filter: show only the events of the checked disputes.
// Progressive enhancement: without JavaScript the form stays hidden and every event shows.
function setUpTimelineFilter() {
  const form = document.querySelector(".timeline-filter");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  form.hidden = false;
  const events = Array.from(document.querySelectorAll("article.event"));
  const status = form.querySelector(".filter__status");
  const update = () => {
    const wanted = new Set(Array.from(form.querySelectorAll("input:checked")).map((i) => i.value));
    let shown = 0;
    for (const article of events) {
      const visible = article.dataset.disputes.split(" ").some((d) => wanted.has(d));
      article.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const heading of document.querySelectorAll(".md-content h2[id^='year-']")) {
      let el = heading.nextElementSibling;
      let any = false;
      while (el && el.tagName !== "H2") {
        if (el.matches("article.event") && !el.hidden) any = true;
        el = el.nextElementSibling;
      }
      heading.hidden = !any;
    }
    status.textContent = `Showing ${shown} of ${events.length} events.`;
  };
  form.addEventListener("change", update);
  update();
}

if (typeof document$ !== "undefined") {
  document$.subscribe(setUpTimelineFilter);
} else {
  document.addEventListener("DOMContentLoaded", setUpTimelineFilter);
}
