// Hearth's service worker: the shell (styles, scripts, icons) and the offline page are kept for everyone; a
// resident's safety plan and self-care plan are kept for reading without a signal; every other page comes from the
// network, or the offline page when there is none. Nothing else personal is kept. The server prepends
// self.HEARTH_OFFLINE = {version, shell, offline, personal} (recovery/offline/views.py), the only pages it may keep.
/* global self, caches, fetch, Response, URL */
(function () {
  "use strict";
  var CONFIG = self.HEARTH_OFFLINE;
  var SHELL = "hearth-shell-" + CONFIG.version;
  var PERSONAL = "hearth-personal";

  function isPersonal(url) {
    return url.origin === self.location.origin && url.search === "" && CONFIG.personal.indexOf(url.pathname) !== -1;
  }

  // Only the page itself, as the signed-in person sees it: a refusal, a redirect to sign in or an error is not kept.
  function worthKeeping(response) {
    return response && response.status === 200 && !response.redirected && response.type === "basic";
  }

  function keep(path, response) {
    return caches.open(PERSONAL).then(function (cache) { return cache.put(path, response); });
  }

  function offlinePage() {
    return caches.match(CONFIG.offline, { cacheName: SHELL }).then(function (hit) {
      return hit || new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
    });
  }

  function forgetPersonal() {
    return caches.delete(PERSONAL);
  }

  function forgetEverything() {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) { return caches.delete(key); }));
    });
  }

  // Fetch the personal pages not kept yet (once after signing in, not on every page: each read is audited).
  function keepPersonalPages() {
    return caches.open(PERSONAL).then(function (cache) {
      return Promise.all(CONFIG.personal.map(function (path) {
        return cache.match(path).then(function (hit) {
          if (hit) {
            return null;
          }
          return fetch(path, { credentials: "same-origin" }).then(function (response) {
            return worthKeeping(response) ? cache.put(path, response) : null;
          }).catch(function () { return null; });
        });
      }));
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(SHELL)
        .then(function (cache) { return cache.addAll(CONFIG.shell.concat([CONFIG.offline])); })
        .then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf("hearth-shell-") === 0 && key !== SHELL;
        }).map(function (key) { return caches.delete(key); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  self.addEventListener("message", function (event) {
    var kind = event.data && event.data.type;
    if (kind === "sign-out") {
      event.waitUntil(forgetEverything());
    } else if (kind === "not-a-resident") {
      event.waitUntil(forgetPersonal());
    } else if (kind === "keep-personal-pages") {
      event.waitUntil(keepPersonalPages());
    }
  });

  // Web Push (recovery/notifications/push.py): the payload is the generic nudge, safe on a lock screen.
  self.addEventListener("push", function (event) {
    var data = {};
    try {
      data = event.data ? event.data.json() : {};
    } catch (error) {
      data = {};
    }
    event.waitUntil(self.registration.showNotification(data.title || "Hearth", {
      body: data.body || "",
      icon: CONFIG.icon,
      data: { url: data.url || "/" },
    }));
  });

  self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    var url = (event.notification.data && event.notification.data.url) || "/";
    event.waitUntil(self.clients.openWindow(url));
  });

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") {
      return;
    }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
      return;
    }
    if (CONFIG.shell.indexOf(url.pathname) !== -1) {
      event.respondWith(caches.match(request, { cacheName: SHELL }).then(function (hit) { return hit || fetch(request); }));
      return;
    }
    if (request.mode !== "navigate") {
      return;
    }
    if (isPersonal(url)) {
      // The network first, so the plan is as fresh as the last visit; the kept copy when there is no signal.
      event.respondWith(fetch(request).then(function (response) {
        if (worthKeeping(response)) {
          var copy = response.clone();
          event.waitUntil(keep(url.pathname, copy));
        }
        return response;
      }).catch(function () {
        return caches.match(url.pathname, { cacheName: PERSONAL }).then(function (hit) { return hit || offlinePage(); });
      }));
      return;
    }
    event.respondWith(fetch(request).catch(offlinePage));
  });
})();
