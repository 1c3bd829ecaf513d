// "Cite this page": copy the citation or its CSL-JSON with one press. Without JavaScript the
// buttons stay hidden and both can still be selected and copied by hand.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".cite-page__status");
  try {
    await navigator.clipboard.writeText(source.innerText.replace(/\s+\n/g, "\n").trim());
    status.textContent = "Copied.";
  } catch {
    status.textContent = "Copying is blocked here: select the text and copy it instead.";
  }
});
