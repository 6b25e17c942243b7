// While a scheme's results are being computed, the ranking page asks for the progress every
// two seconds, moves its bar, and reloads itself once the computation has ended. The polls are
// background requests: they do not keep an idle session alive (accounts/middleware.py).
(function () {
  var box = document.querySelector("[data-testid=computing]");
  if (!box || box.dataset.running !== "1") { return; }
  var bar = box.querySelector("[data-testid=computing-bar]");
  var state = box.querySelector("[data-testid=computing-state]");
  var steps = box.querySelector("[data-testid=computing-steps]");
  function poll() {
    fetch(box.dataset.progressUrl, { headers: { Accept: "application/json", "X-Background-Request": "1" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) { return; }
        if (!progress.running) { window.location.reload(); return; }
        state.textContent = progress.state_display;
        bar.setAttribute("aria-valuenow", progress.percent);
        bar.firstElementChild.style.width = progress.percent + "%";
        bar.classList.remove("d-none");
        steps.textContent = steps.dataset.template
          .replace("{done}", progress.done).replace("{total}", progress.total);
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
