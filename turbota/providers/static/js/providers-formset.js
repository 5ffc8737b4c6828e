// "Add a row" for the card's formsets: clones the empty row kept in a <template>.
// Without JavaScript each formset still offers one empty row per save.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("fieldset[data-formset]").forEach((fieldset) => {
    const prefix = fieldset.dataset.formset;
    const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const template = fieldset.querySelector("template");
    const button = fieldset.querySelector("button.add-row");
    const body = fieldset.querySelector("tbody");
    if (!total || !template || !button || !body) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replaceAll("__prefix__", String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const first = body.lastElementChild && body.lastElementChild.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });
});
