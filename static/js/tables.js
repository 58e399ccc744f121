// Tables on a phone: every table sits in a horizontally scrolling wrapper (.table-scroll, static/css/hearth.css), and
// a wrapper that does scroll (the table is wider than the screen) becomes a keyboard stop named by the table's
// caption or the heading before it, so a keyboard or switch user can scroll it too (WCAG 2.1.1; axe's
// scrollable-region-focusable). A table that fits is left alone: no tab stop that does nothing.
(function () {
  "use strict";
  var counter = 0;

  function wrap(table) {
    var wrapper = table.parentElement;
    if (wrapper && wrapper.classList.contains("table-scroll")) {
      return wrapper;
    }
    wrapper = document.createElement("div");
    wrapper.className = "table-scroll";
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
    return wrapper;
  }

  function nameOf(wrapper, table) {
    var label = table.querySelector("caption");
    if (!label) {
      var section = wrapper.closest("section, article, main");
      var headings = section ? section.querySelectorAll("h1, h2, h3, h4") : [];
      for (var i = 0; i < headings.length; i += 1) {
        if (headings[i].compareDocumentPosition(wrapper) & Node.DOCUMENT_POSITION_FOLLOWING) {
          label = headings[i];
        }
      }
    }
    if (label && !label.id) {
      counter += 1;
      label.id = "table-name-" + counter;
    }
    return label ? label.id : null;
  }

  function fit() {
    document.querySelectorAll("main table").forEach(function (table) {
      var wrapper = wrap(table);
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("tabindex", "0");
        var name = nameOf(wrapper, table);
        if (name) {
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-labelledby", name);
        }
      } else if (!scrolls && wrapper.getAttribute("tabindex") === "0") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-labelledby");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", fit);
  window.addEventListener("resize", fit);
  document.addEventListener("htmx:afterSettle", fit);
})();
