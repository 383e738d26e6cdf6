// Submit a select's form as soon as it changes (the language switcher); the button stays for no-JS users.
document.querySelectorAll("[data-autosubmit]").forEach((select) => {
  const button = select.form.querySelector("[data-autosubmit-button]");
  if (button) button.hidden = true;
  select.addEventListener("change", () => select.form.submit());
});

// A print button (data-print): the page's own print stylesheet does the rest. Hidden without JS,
// where the browser's own Print command works the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// A long checkbox list (data-filter-list, around a form field) gets a search box above its
// options that hides those not matching what is typed; without JS the whole list stays.
document.querySelectorAll("[data-filter-list]").forEach((wrapper) => {
  const options = Array.from(wrapper.querySelectorAll(".form-check"));
  if (!options.length) return;
  const box = options[0].parentElement;
  box.classList.add("filter-list");
  const search = document.createElement("input");
  search.type = "search";
  search.className = "form-control form-control-sm mb-1";
  search.placeholder = wrapper.dataset.filterPlaceholder || "";
  search.setAttribute("aria-label", wrapper.dataset.filterLabel || search.placeholder);
  if (box.id) search.setAttribute("aria-controls", box.id);
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    options.forEach((option) => {
      // A ticked option always stays in sight, so nobody loses what they chose.
      const match = option.querySelector("input:checked") || words.every((word) => option.textContent.toLowerCase().includes(word));
      option.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = (wrapper.dataset.filterCount || "%s").replace("%s", shown);
  });
  // Enter in the search box filters; it must not submit the form.
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  box.before(search, status);
});
