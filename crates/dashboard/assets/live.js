// Live updates: listens to the server's event stream and swaps each marked fragment
// (data-live="name") for the HTML the server sent, without reloading the page.
(function () {
  "use strict";
  var source = document.body.getAttribute("data-live-source");
  if (!source || !window.EventSource) {
    return;
  }
  var events = new EventSource(source);
  events.addEventListener("fragment", function (event) {
    var update;
    try {
      update = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    var fragments = document.querySelectorAll("[data-live]");
    for (var i = 0; i < fragments.length; i++) {
      var fragment = fragments[i];
      if (fragment.getAttribute("data-live") === update.target) {
        fragment.innerHTML = update.html;
        fragment.classList.remove("live-flash");
        void fragment.offsetWidth;
        fragment.classList.add("live-flash");
      }
    }
  });
  // Leaving the page closes the stream at once: an open stream per page left behind would
  // hold one of the browser's few connections to the dashboard.
  window.addEventListener("pagehide", function () {
    events.close();
  });
  events.addEventListener("open", function () {
    document.body.setAttribute("data-live-connected", "true");
  });
})();
