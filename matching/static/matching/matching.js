// Weight sliders mirror their number inputs (the inputs are what the form sends). Letting go
// of a slider fires "change" on the form, and htmx re-ranks.
document.querySelectorAll("input[type=range][data-mirror]").forEach((slider) => {
  const number = document.getElementById(slider.dataset.mirror);
  if (!number) return;
  slider.addEventListener("input", () => { number.value = slider.value; });
  number.addEventListener("input", () => { slider.value = number.value || 0; });
});
