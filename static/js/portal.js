// Small enhancements; every page works without them.
// Word counters: <textarea data-word-limit="200"> gets a live count announced politely.
// window.wsisWordCounter(area) attaches one to a textarea added later (report-form.js).
const wsisWordCounter = (area) => {
  const limit = Number(area.dataset.wordLimit);
  const counter = document.createElement("p");
  counter.className = "word-count";
  counter.setAttribute("aria-live", "polite");
  counter.id = `${area.id}-count`;
  area.setAttribute("aria-describedby", `${area.getAttribute("aria-describedby") || ""} ${counter.id}`.trim());
  area.insertAdjacentElement("afterend", counter);
  const update = () => {
    const words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
    counter.textContent = `${words} / ${limit}`;
    counter.classList.toggle("over", words > limit);
  };
  area.addEventListener("input", update);
  update();
};
window.wsisWordCounter = wsisWordCounter;
document.querySelectorAll("textarea[data-word-limit]").forEach(wsisWordCounter);
