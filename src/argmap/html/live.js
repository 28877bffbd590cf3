/* argmap serve: the live page.  It follows its server's /events stream (Server-Sent Events, same
   origin only): each event says which drawing is current and what the last save got wrong.  A bad
   save shows its located errors (as `argmap check` prints them) over the last good drawing; a new
   drawing reloads the page, which comes back to the same view, zoom, selection, filters and search
   (kept for this tab in sessionStorage; the address keeps the selected box as #id). */
(function () {
  "use strict";
  var KEY = "argmap-serve-state";
  var shown = JSON.parse(document.getElementById("argmap-live").textContent).version;
  var page = window.argmapPage;   // app.js's state and restore; absent on the waiting page
  try {
    var kept = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (kept && page) page.restore(JSON.parse(kept));
  } catch (e) { /* storage off or an old state: start as a fresh page */ }

  var box = document.createElement("section");
  box.id = "am-live-error";
  box.className = "am-live-error";
  box.setAttribute("role", "alert");
  box.hidden = true;
  var head = document.createElement("h2"), text = document.createElement("pre");
  box.appendChild(head); box.appendChild(text);
  document.body.appendChild(box);
  function problem(title, body) {
    box.hidden = !title;
    head.textContent = title || "";
    text.textContent = body || "";
    text.hidden = !body;
  }

  var events = new EventSource("/events");
  events.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (s.version && String(s.version) !== shown) {
      try { if (page) sessionStorage.setItem(KEY, JSON.stringify(page.state())); } catch (err) { /* reload anyway */ }
      events.close();
      location.reload();
      return;
    }
    if (s.error) problem(s.version ? "The last save has errors; this is the last good drawing" : "The maps have errors; nothing drawn yet", s.error);
    else problem("");
  });
  events.addEventListener("error", function () {
    if (events.readyState !== EventSource.OPEN) problem("argmap serve is not answering (stopped?); trying again…");
  });
})();
