// The activity report form (templates/reports/report_form.html); the form works without this file.
// - "Add an activity" clones the formset's <template> instead of a round trip to the server;
// - ticking "Remove this item" greys the item out;
// - autosave: every 30 seconds when something changed, and when a changed field loses focus.
(() => {
  const form = document.getElementById("report-form");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const version = form.querySelector("input[name=version]");
  let dirty = false;
  let saving = false;
  let pending = false; // a save asked for while one is on its way runs right after it

  const show = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-item]");
    if (!button) return;
    const prefix = button.dataset.addItem;
    const template = document.getElementById(`empty-${prefix}`);
    const total = form.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const list = form.querySelector(`[data-items="${prefix}"]`);
    if (!template || !total || !list) return; // the server adds the item instead
    event.preventDefault();
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const item = list.lastElementChild;
    const legend = item.querySelector("legend");
    if (legend) legend.textContent = `${legend.textContent.trim()} ${list.children.length}`;
    item.querySelectorAll("textarea[data-word-limit]").forEach((area) => window.wsisWordCounter?.(area));
    item.querySelector("input, textarea")?.focus();
    dirty = true;
  });

  form.addEventListener("change", (event) => {
    if (event.target.name?.endsWith("-DELETE")) {
      event.target.closest("[data-item]")?.classList.toggle("removed", event.target.checked);
    }
  });
  form.addEventListener("input", () => { dirty = true; });
  // Wait a moment after a field loses focus: if the focus went to a submit button, the form's own
  // submission saves, and no autosave should race it with the same version.
  let timer = 0;
  form.addEventListener("focusout", () => {
    if (dirty) timer = window.setTimeout(save, 400);
  });
  let submitting = false;
  form.addEventListener("submit", (event) => {
    window.clearTimeout(timer);
    if (saving && !submitting) {
      // An autosave is on its way: submit once it has answered, with the version it returns.
      event.preventDefault();
      submitting = true;
      const submitter = event.submitter;
      const wait = window.setInterval(() => {
        if (!saving) {
          window.clearInterval(wait);
          form.requestSubmit(submitter);
        }
      }, 100);
      return;
    }
    submitting = true;
  });

  async function save() {
    if (submitting) return;
    if (saving) {
      pending = true;
      return;
    }
    if (!dirty) return;
    saving = true;
    dirty = false;
    const data = new FormData(form);
    data.delete("action");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const body = await response.json();
      if (response.ok) {
        version.value = body.version;
        show(`${status.dataset.savedLabel || "Saved"} ${body.saved_at}`);
      } else {
        dirty = response.status === 400; // try again once the person corrects it
        show(body.error, true);
      }
    } catch (error) {
      dirty = true;
      show(status.dataset.offlineLabel || "Not saved: the connection failed. Your text is still here.", true);
    } finally {
      saving = false;
      if (pending) {
        pending = false;
        save();
      }
    }
  }

  window.setInterval(save, 30000);
})();
