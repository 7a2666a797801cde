// hubgen: "Was this helpful?" under every FAQ entry, pledge state and policy
// section (site_templates/helpful.html.j2). It fills in the page's static
// `feedback` form (the one Netlify detected) and posts it to the hub's own
// origin, urlencoded, as Netlify receives forms. Without JavaScript the
// placeholders stay empty: no widget.
(function () {
  "use strict";
  var form = document.querySelector("form.hubgen-feedback");
  var spots = document.querySelectorAll(".hubgen-helpful[data-entry]");
  if (!form || !spots.length) return;
  var config = (function () {
    var element = document.getElementById("__config");
    return element ? JSON.parse(element.textContent) : null;
  })();
  var base = new URL((config ? config.base : ".") + "/", location.href);

  // The words shown come from the form's data-label-* attributes (helpful.html.j2).
  function label(name) {
    return form.getAttribute("data-label-" + name) || "";
  }

  function post(entry, helpful, comment) {
    form.elements.entry.value = entry;
    form.elements.helpful.value = helpful;
    form.elements.comment.value = comment;
    return fetch(base, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString(),
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
    });
  }

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) made.textContent = text;
    return made;
  }

  function build(spot, index) {
    var entry = spot.dataset.entry;
    var title = spot.dataset.title;
    var questionId = "helpful-q-" + index;
    spot.setAttribute("role", "group");
    spot.setAttribute("aria-labelledby", questionId);
    var question = element("p", { id: questionId }, label("question"));
    var yes = element("button", { type: "button", "data-helpful": "yes" }, label("yes"));
    var no = element("button", { type: "button", "data-helpful": "no" }, label("no"));
    var status = element("p", { class: "hubgen-helpful__status", role: "status" });
    var more = element("div", { class: "hubgen-helpful__more" });
    more.hidden = true;
    var commentId = "helpful-comment-" + index;
    var missing = element("label", { for: commentId }, label("missing"));
    var comment = element("textarea", { id: commentId, rows: "3" });
    var send = element("button", { type: "button" }, label("send"));
    var ask = element("a", { href: contactHref(title) }, label("ask"));
    more.append(missing, comment, send, ask);
    spot.append(question, yes, no, more, status);

    function busy(on) {
      [yes, no, send].forEach(function (button) { button.disabled = on; }); // one answer, posted once
    }

    function done(helpful, text) {
      busy(true);
      return post(entry, helpful, text).then(function () {
        var hadFocus = spot.contains(document.activeElement);
        [question, yes, no, missing, comment, send].forEach(function (part) { part.remove(); });
        status.textContent = label("thanks");
        if (hadFocus) {
          // The button that had the focus is gone: keep the keyboard user here.
          status.tabIndex = -1;
          status.focus();
        }
      }, function () {
        busy(false);
        status.textContent = label("failed");
      });
    }

    yes.addEventListener("click", function () { done("yes", ""); });
    no.addEventListener("click", function () {
      more.hidden = false;
      no.setAttribute("aria-expanded", "true");
      comment.focus();
    });
    send.addEventListener("click", function () { done("no", comment.value.trim()); });
  }

  function contactHref(title) {
    var contact = new URL("contact/", base);
    contact.search = new URLSearchParams({ question: label("about") + " \u201c" + title + "\u201d: " }).toString();
    contact.hash = "ask";
    return contact.href;
  }

  Array.prototype.forEach.call(spots, build);
})();
