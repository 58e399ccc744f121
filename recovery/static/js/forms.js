// A form is sent once: after the first submit its buttons are disabled, so a second click on a slow connection
// sends nothing. The server refuses a second use of the form's one-time token anyway (recovery/submissions.py).
(function () {
  "use strict";
  var BUTTONS = "button:not([type]), button[type=submit], input[type=submit]";
  var REENABLE_MS = 10000; // an answer that leaves the page (a download) gives the buttons back

  function setBusy(form, busy) {
    form.querySelectorAll(BUTTONS).forEach(function (button) {
      button.disabled = busy;
      if (busy) {
        button.setAttribute("aria-busy", "true");
      } else {
        button.removeAttribute("aria-busy");
      }
    });
    if (busy) {
      form.dataset.sent = "yes";
    } else {
      delete form.dataset.sent;
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method !== "post") {
      return; // htmx or another script sends this one; a GET form (a filter) may be sent again
    }
    if (form.dataset.sent === "yes") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "yes";
    // After this event the browser reads the clicked button's name and value, which a disabled button would lose.
    window.setTimeout(function () { setBusy(form, true); }, 0);
    window.setTimeout(function () { setBusy(form, false); }, REENABLE_MS);
  });

  // A page shown again from the back-forward cache starts fresh.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-sent]").forEach(function (form) { setBusy(form, false); });
    }
  });
})();
