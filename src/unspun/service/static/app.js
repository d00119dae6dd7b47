// Small enhancements of the server-rendered pages; every page works without this file.
// It never inserts HTML: only textContent and attributes it sets itself.
"use strict";
(function () {
  var form = document.getElementById("trace-form");
  if (!form) { return; }
  var text = document.getElementById("text");
  var file = document.getElementById("file");
  var button = document.getElementById("trace-button");
  var status = document.getElementById("status");

  form.addEventListener("submit", function (event) {
    var hasText = text.value.trim().length > 0;
    var hasFile = file.files && file.files.length > 0;
    if (!hasText && !hasFile) {
      event.preventDefault();
      status.textContent = "Paste an article or choose a file first.";
      text.focus();
      return;
    }
    // Disable after the browser has taken the form's data.
    window.setTimeout(function () { button.disabled = true; }, 0);
    form.setAttribute("aria-busy", "true");
    status.textContent = "Tracing… aligning the closest articles can take a few seconds.";
  });

  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    }
  });

  // A file dropped on the text box is uploaded as the file.
  text.addEventListener("dragover", function (event) { event.preventDefault(); });
  text.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      event.preventDefault();
      file.files = event.dataTransfer.files;
      status.textContent = "File chosen: " + file.files[0].name;
    }
  });

  // Back from a result page: the button must not stay disabled.
  window.addEventListener("pageshow", function () {
    button.disabled = false;
    form.removeAttribute("aria-busy");
  });
})();
