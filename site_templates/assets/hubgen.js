// hubgen: "N days ago" next to dates and overdue milestones, computed in the
// reader's browser so a static site never goes stale; the latest-update block
// turns to a warning once it is older than settings.stale_after_days.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  // The hub's labels, in its language (hubgen/labels/, passed by overrides/main.html).
  var holder = document.querySelector("[data-hubgen-labels]");
  var labels = holder ? JSON.parse(holder.getAttribute("data-hubgen-labels")) : {};
  function label(key, n) {
    return (labels[key] || key).replace("{n}", String(n));
  }
  function daysSince(isoDate) {
    var parts = isoDate.split("-").map(Number);
    var then = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((today - then) / DAY);
  }
  function phrase(days) {
    if (days <= 0) return label("time.today");
    if (days === 1) return label("time.yesterday");
    return label("time.days_ago", days);
  }
  document.querySelectorAll(".hubgen-ago[data-date]").forEach(function (el) {
    var days = daysSince(el.getAttribute("data-date"));
    el.textContent = " (" + phrase(days) + ")";
    var block = el.closest("[data-stale-after]");
    if (block && days > Number(block.getAttribute("data-stale-after"))) {
      block.classList.add("hubgen-latest--stale");
    }
  });
  document.querySelectorAll(".hubgen-milestone__status[data-due]").forEach(function (el) {
    var late = daysSince(el.getAttribute("data-due"));
    if (late > 0) {
      el.textContent = late === 1 ? label("milestone.overdue_one") : label("milestone.overdue_many", late);
      el.closest(".hubgen-milestone").classList.add("hubgen-milestone--overdue");
    }
  });
})();

// Opened from disk (file://), a link to a folder such as faq/ shows a file
// listing instead of faq/index.html, and the search cannot load its index.
// Point folder links at their index.html, and say what needs a web server.
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;
  document.querySelectorAll("a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href)) return;  // other schemes, hosts, this page
    var match = href.match(/^([^?#]*\/)([?#].*)?$/) || (href === "." || href === ".." ? [href, href + "/", ""] : null);
    if (match) link.setAttribute("href", match[1] + "index.html" + (match[2] || ""));
  });
  var note = document.querySelector(".hubgen-banner__disk");
  if (note) note.hidden = false;
})();

// A link to /faq/#id written while the FAQ was one page: once it grew into one
// page per category, the index keeps the question under that id (faq.md.j2).
// Go on to the answer; without JavaScript the backer sees the question's link.
(function () {
  "use strict";
  var id = window.location.hash.slice(1);
  if (!id) return;
  var question = document.getElementById(decodeURIComponent(id));
  if (question && question.getAttribute("data-hubgen-moved") === "answer" && question.href) {
    window.location.replace(question.href);
  }
})();

// A missing address under a language's folder (/de/faq/old/) on a host that
// serves only the root's 404 page (GitHub Pages): the original's 404 page sends
// the backer on to their language's (de/404.html, which Netlify serves itself,
// site/_redirects), and that page puts the address they asked for back in the
// address bar. Without JavaScript the page links to each language's home.
(function () {
  "use strict";
  var heading = document.querySelector("h1[data-hubgen-not-found]");
  if (!heading) return;
  var param = heading.getAttribute("data-hubgen-not-found") || "from";
  var configElement = document.getElementById("__config");
  var base = JSON.parse(configElement ? configElement.textContent : "{}").base || "/";
  var home = new URL(base.replace(/\/?$/, "/"), window.location.href).pathname;  // this 404 page's language's
  var asked = new URLSearchParams(window.location.search).get(param);
  if (asked !== null) {
    // Only an address of this language's, on this host ("//host/" is another host's).
    if (asked.indexOf(home) === 0 && asked.charAt(1) !== "/") window.history.replaceState(null, "", asked);
    return;
  }
  var path = window.location.pathname;
  var best = null;
  document.querySelectorAll("a[data-hubgen-not-found]").forEach(function (link) {
    var theirs = new URL(link.href, window.location.href).pathname;
    // Below this page's own home, and the longest that holds the address.
    if (theirs.length > home.length && theirs.indexOf(home) === 0 && path.indexOf(theirs) === 0 &&
        (!best || theirs.length > best.home.length)) {
      best = { home: theirs, page: link.getAttribute("data-hubgen-not-found") };
    }
  });
  if (best) {
    window.location.replace(best.page + "?" + param + "=" +
                            encodeURIComponent(path + window.location.search + window.location.hash));
  }
})();

// Below 76.25em Material hides the site's navigation in a drawer, opened by a
// button in the header that is a label for a hidden checkbox: no keyboard could
// reach it, while a Tab wandered through the closed drawer's links off-screen.
// Now a Tab reaches the button ("Menu", in the hub's language), Enter or Space
// opens the drawer with the focus in it, and Escape (or a Tab out of it) closes
// it, Escape bringing the focus back to the button. Closed, the drawer takes no
// focus. Inside it, the panes Material slides in (a section, the open page's
// contents) open and close from the keyboard too, and hidden they take no focus.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("label.md-header__button[for='__drawer']");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  var holder = document.querySelector("[data-hubgen-labels]");
  var labels = holder ? JSON.parse(holder.getAttribute("data-hubgen-labels")) : {};
  var narrow = window.matchMedia("(max-width: 76.234375em)");  // Material's breakpoint for the drawer
  // Each pane: its checkbox, the label that opens it and the pane (nav-item.html, toc.html).
  var panes = Array.prototype.slice.call(drawer.querySelectorAll("input.md-nav__toggle")).map(function (input) {
    return { toggle: input, opener: drawer.querySelector("label.md-nav__link[for='" + input.id + "']"),
             nav: input.parentNode.querySelector(":scope > nav.md-nav") };
  }).filter(function (pane) { return pane.nav; });

  var covered = [];  // what sync made inert inside the drawer
  function sync() {
    button.setAttribute("aria-expanded", String(toggle.checked));
    drawer.inert = narrow.matches && !toggle.checked;
    covered.forEach(function (element) { element.inert = false; });
    covered = [];
    if (!narrow.matches) return;
    // A closed pane takes no focus, and neither does what an open one slides over
    // (its level's title and other items), up to the level the pane belongs to.
    function cover(element) { element.inert = true; covered.push(element); }
    panes.forEach(function (pane) {
      if (!pane.toggle.checked) { cover(pane.nav); return; }
      var level = pane.nav.parentNode.closest("nav.md-nav");
      for (var node = pane.nav; node !== level; node = node.parentNode) {
        Array.prototype.forEach.call(node.parentNode.children, function (other) { if (other !== node) cover(other); });
      }
    });
  }
  // The first thing in `container` a Tab would reach.
  function firstIn(container) {
    return Array.prototype.filter.call(container.querySelectorAll("a[href], [tabindex='0']"), function (element) {
      return !element.closest("[inert]");
    })[0];
  }
  // A label Material gives no keyboard access: a Tab reaches it, Enter or Space
  // presses it (Material's own Enter for labels does not get the key as well).
  function pressable(label) {
    if (label.getAttribute("tabindex") !== "0") label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      label.click();
    });
  }
  // Whoever pressed the label (a key, a tap, a screen reader) lands in what it
  // opened, and back on it when what it opened closes around the focus.
  function follow(checkbox, opener, opened) {
    checkbox.addEventListener("change", function () {
      var inside = opened.contains(document.activeElement);  // before sync makes it inert
      sync();
      if (checkbox.checked && document.activeElement === opener && firstIn(opened)) firstIn(opened).focus();
      else if (!checkbox.checked && inside) opener.focus();
    });
  }

  pressable(button);
  if (labels["site.menu"]) button.setAttribute("aria-label", labels["site.menu"]);
  follow(toggle, button, drawer);
  panes.forEach(function (pane) {
    Array.prototype.forEach.call(drawer.querySelectorAll("label[for='" + pane.toggle.id + "']"), pressable);
    if (pane.opener) follow(pane.toggle, pane.opener, pane.nav);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked || !narrow.matches) return;
    toggle.click();
    button.focus();
  });
  drawer.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (toggle.checked && narrow.matches && to && !drawer.contains(to) && to !== button) toggle.click();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  sync();
})();
