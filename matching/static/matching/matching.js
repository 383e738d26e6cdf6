// Weight sliders mirror their number inputs (the inputs are what the form sends). Letting go
// of a slider fires "change" on the form, and htmx re-ranks.
document.querySelectorAll("input[type=range][data-mirror]").forEach((slider) => {
  const number = document.getElementById(slider.dataset.mirror);
  if (!number) return;
  slider.addEventListener("input", () => { number.value = slider.value; });
  number.addEventListener("input", () => { slider.value = number.value || 0; });
});

// "Keep for this request" posts its own form: its hidden copies follow the weights above.
const weightsForm = document.getElementById("weights-form");
const copyWeights = () => {
  document.querySelectorAll("#weights-keep input[data-copy-of]").forEach((copy) => {
    const input = document.getElementById(copy.dataset.copyOf);
    if (!input) return;
    copy.value = input.type === "checkbox" ? (input.checked ? "on" : "") : input.value;
  });
};
if (weightsForm) {
  weightsForm.addEventListener("input", copyWeights);
  weightsForm.addEventListener("change", copyWeights);
}
