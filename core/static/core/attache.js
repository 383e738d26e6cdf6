// Submit a select's form as soon as it changes (the language switcher); the button stays for no-JS users.
document.querySelectorAll("[data-autosubmit]").forEach((select) => {
  const button = select.form.querySelector("[data-autosubmit-button]");
  if (button) button.hidden = true;
  select.addEventListener("change", () => select.form.submit());
});
