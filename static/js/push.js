// Web Push on the notification settings page: where the browser can take push notifications, the section appears and
// turns them on or off for this device (the subscription goes to notifications:push_subscription). The sentences it
// shows are in the page, so they read in the person's language.
(function () {
  "use strict";

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("[data-push-key]");
    if (!section || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      return;
    }
    var on = section.querySelector("[data-push-on]");
    var off = section.querySelector("[data-push-off]");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");

    function show(state) {
      section.querySelectorAll("[data-push-state]").forEach(function (line) {
        line.hidden = line.getAttribute("data-push-state") !== state;
      });
      if (state === "on" || state === "off") {
        on.hidden = state === "on";
        off.hidden = state !== "on";
      }
    }

    function send(subscription, action) {
      var json = subscription.toJSON();
      var data = new FormData();
      data.append("endpoint", json.endpoint);
      data.append("p256dh", json.keys.p256dh);
      data.append("auth", json.keys.auth);
      data.append("action", action);
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      return fetch(section.getAttribute("data-push-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("refused");
          }
        });
    }

    section.hidden = false;
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) { show(subscription ? "on" : "off"); });

    on.addEventListener("click", function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") {
          show("refused");
          return null;
        }
        return navigator.serviceWorker.ready.then(function (registration) {
          return registration.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: keyBytes(section.getAttribute("data-push-key")),
          });
        }).then(function (subscription) {
          return send(subscription, "subscribe");
        }).then(function () { show("on"); });
      }).catch(function () { show("failed"); });
    });

    off.addEventListener("click", function () {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.getSubscription();
      }).then(function (subscription) {
        if (!subscription) {
          return null;
        }
        return send(subscription, "unsubscribe").then(function () { return subscription.unsubscribe(); });
      }).then(function () { show("off"); }).catch(function () { show("failed"); });
    });
  });
})();
