// Registers Hearth's service worker (static/js/sw.js, served at /sw.js) and tells it what this page knows: a
// resident's page lists the pages to keep for reading offline (data-offline-pages on <body>); any other page
// (signed out, or not a resident) has it forget them. Signing out clears every cache before the form is sent; the
// sign-out response's Clear-Site-Data clears them again.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    return;
  }

  function tell(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage(message);
      }
    });
  }

  function forgetEverything() {
    if (!("caches" in window)) {
      return Promise.resolve();
    }
    return caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) { return caches.delete(key); }));
    });
  }

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* the site works without it */ });

  document.addEventListener("DOMContentLoaded", function () {
    tell({ type: document.body.hasAttribute("data-offline-pages") ? "keep-personal-pages" : "not-a-resident" });

    document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
      var sent = false;
      var send = function () {
        if (!sent) {
          sent = true;
          form.submit(); // sends the form without another submit event
        }
      };
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        tell({ type: "sign-out" });
        // Sign out even if clearing hangs: the response's Clear-Site-Data clears the caches too.
        window.setTimeout(send, 1500);
        forgetEverything().then(send, send);
      });
    });
  });
})();
