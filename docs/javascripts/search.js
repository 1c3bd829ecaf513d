// Pagefind's search box on the search page; `?q=words` in the address starts a search.
function setUpSearch() {
  const box = document.getElementById("site-search");
  if (!box || box.dataset.ready || typeof PagefindUI === "undefined") return;
  box.dataset.ready = "1";
  const ui = new PagefindUI({
    element: "#site-search", bundlePath: new URL("../pagefind/", location.href).pathname,
    showImages: false, showSubResults: true, resetStyles: false, autofocus: true,
  });
  // Give Pagefind's input the page's visible label (it renders its own without one).
  const label = (input) => {
    input.id = "site-search-input";
    input.removeAttribute("title");
    input.setAttribute("type", "search");
  };
  const input = box.querySelector("input");
  if (input) label(input);
  else new MutationObserver((_, observer) => {
    const found = box.querySelector("input");
    if (found) { label(found); observer.disconnect(); }
  }).observe(box, { childList: true, subtree: true });
  const query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
}

if (typeof document$ !== "undefined") {
  document$.subscribe(setUpSearch);
} else {
  document.addEventListener("DOMContentLoaded", setUpSearch);
}
