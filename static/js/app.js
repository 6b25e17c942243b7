// Behaviour the pages ask for with data attributes, so that no template needs an inline script
// or handler, nor an inline style (the Content Security Policy forbids both):
//   data-autosubmit  on a form field: submit its form when the value changes;
//   data-print       on a button: open the browser's print dialog;
//   data-width="N"   set the element's width to N% (progress bars);
//   data-indent="N"  set the CSS variable --indent to N (the organization tree).
// Styles set here through the CSSOM are allowed by the policy; style attributes are not.
(function () {
  function apply(root) {
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
