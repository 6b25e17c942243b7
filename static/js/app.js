// Behaviour the pages ask for with data attributes, so that no template needs an inline script
// or handler, nor an inline style (the Content Security Policy forbids both):
//   data-autosubmit  on a form field: submit its form when the value changes;
//   data-print       on a button: open the browser's print dialog;
//   data-width="N"   set the element's width to N% (progress bars);
//   data-indent="N"  set the CSS variable --indent to N (the organization tree);
//   data-autocomplete-url  on a search box (config.forms.ScopedChoiceSelect): ask the URL
//                    (?q=) as the user types, offer the matches in the list the box controls,
//                    and put the picked one's id in the hidden [data-autocomplete-value].
// Styles set here through the CSSOM are allowed by the policy; style attributes are not.
(function () {
  function autocomplete(input) {
    if (input.dataset.autocompleteReady) { return; }
    input.dataset.autocompleteReady = "1";
    var hidden = input.closest("[data-autocomplete]").querySelector("[data-autocomplete-value]");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null, active = -1, asked = 0;

    function options() { return list.querySelectorAll("[role=option]"); }
    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function choose(item) {
      hidden.value = item.dataset.id;
      input.value = item.textContent;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === active);
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function show(results) {
      list.replaceChildren();
      results.forEach(function (row, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.id = row.id;
        item.textContent = row.label;
        list.appendChild(item);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "list-group-item small text-body-secondary";
        none.textContent = input.dataset.autocompleteEmpty || "";
        list.appendChild(none);
      }
      active = -1;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function ask() {
      var term = input.value.trim(), number = ++asked;
      if (!term) { close(); return; }
      var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(term);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : { results: [] }; })
        .then(function (data) { if (number === asked) { show(data.results || []); } });
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { ask(); } else { highlight(active + (event.key === "ArrowDown" ? 1 : -1)); }
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    // a click on a result must not take the focus (the blur above would close the list first)
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { choose(item); }
    });
  }

  function apply(root) {
    root.querySelectorAll("[data-autocomplete-url]").forEach(autocomplete);
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var value = parseFloat(el.dataset.width);
      if (!isNaN(value)) { el.style.width = Math.max(0, Math.min(100, value)) + "%"; }
    });
    root.querySelectorAll("[data-indent]").forEach(function (el) {
      var value = parseInt(el.dataset.indent, 10);
      if (!isNaN(value)) { el.style.setProperty("--indent", String(value)); }
    });
  }

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
  // content htmx swaps in gets the same treatment as the page
  document.addEventListener("htmx:load", function (event) { apply(event.target); });
  apply(document);
})();
