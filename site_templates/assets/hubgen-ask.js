// hubgen: "Ask us" on contact/ (site_templates/contact-ask.html.j2).
// While the backer types, the best three answers appear above the send
// button, ranked by the hub's search; a topic someone else handles shows who
// and how to reach them instead of sending; the refund topic sends the
// `refund-request` form. Without JavaScript the form still sends (Netlify) and
// the routing table above it says who handles what.
(function () {
  "use strict";
  var SENT_KEY = "hubgen-sent"; // sessionStorage: what was sent, for contact/thanks/ to repeat

  // -- contact/thanks/: what the backer sent, repeated (kept by rememberSent below) --
  (function repeatSent() {
    var sentBox = document.querySelector("[data-hubgen-sent]");
    if (!sentBox) return;
    var sent = null;
    try { sent = JSON.parse(sessionStorage.getItem(SENT_KEY) || "null"); } catch (error) { sent = null; }
    if (!sent) return; // sent without this script, or in another tab: the page says what happens next all the same
    Array.prototype.forEach.call(sentBox.querySelectorAll("dd[data-field]"), function (value) {
      var text = sent[value.dataset.field] || "";
      value.textContent = text;
      value.hidden = !text;
      value.previousElementSibling.hidden = !text;
    });
    sentBox.hidden = false;
  })();

  var form = document.getElementById("ask-form");
  if (!form) return;
  var SUGGESTIONS = 3;
  var TYPING_PAUSE_MS = 250;

  // -- the hub's search, as the search box ranks it ---------------------------
  // answers(query, n) resolves to [{title, url}]: the first n answers the
  // search box shows for that query (hubgen-search.js, the same engine).
  function answers(query, n) {
    if (!window.hubgenSearch || typeof window.hubgenSearch.top !== "function") {
      return Promise.resolve([]); // no search on this page: no suggestions, the form still sends
    }
    return window.hubgenSearch.top(query, n);
  }

  // -- suggestions while typing ----------------------------------------------
  var message = form.elements.message;
  var box = document.getElementById("ask-answers");
  var list = box.querySelector("ul");
  var asked = 0;
  var timer = null;

  function showAnswers(found, query) {
    box.dataset.query = query || ""; // which words these answers are for
    list.textContent = "";
    found.forEach(function (answer) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = answer.url;
      link.textContent = answer.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = found.length === 0;
  }

  function suggest() {
    var query = message.value.trim();
    var ticket = ++asked;
    if (query.length < 3) { showAnswers([]); return; }
    answers(query, SUGGESTIONS).then(function (found) {
      if (ticket === asked) showAnswers(found, query); // a newer query may have answered first
    });
  }

  message.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, TYPING_PAUSE_MS);
  });

  // -- topics: someone else's, refunds ---------------------------------------
  var topic = form.elements.topic;
  var send = form.querySelector(".hubgen-ask__send");
  var refundSummary = document.getElementById("ask-refund");
  var pledge = form.elements.pledge_reference;
  var pledgeNote = document.getElementById("ask-pledge-note");
  var pledgeNoteText = pledgeNote.textContent;
  var formName = form.elements["form-name"];
  var shown = null;

  function chosen() {
    return topic.options[topic.selectedIndex];
  }

  function onTopic() {
    var option = chosen();
    if (shown) shown.hidden = true;
    shown = option.dataset.elsewhere ? document.getElementById(option.dataset.elsewhere) : null;
    if (shown) shown.hidden = false;
    // Someone else answers this: nothing to send to the creator.
    send.hidden = Boolean(shown);
    message.closest("p").hidden = Boolean(shown);
    if (shown) box.hidden = true;
    var refund = option.dataset.refund === "true";
    if (refundSummary) refundSummary.hidden = !refund;
    pledge.required = refund;
    pledgeNote.textContent = refund ? pledgeNote.dataset.refundNote : pledgeNoteText;
    if (formName) formName.value = refund ? form.dataset.refundForm : form.getAttribute("name");
    showPhoto(option.dataset.photo === "true");
  }

  // -- a photo of the damage, on topics that offer it (where the host takes files) --
  var photo = form.elements.photo;
  var photoField = document.getElementById("ask-photo-field");

  function showPhoto(offered) {
    if (!photoField) return;
    photoField.hidden = !offered;
    if (!offered) photo.value = ""; // never sent with a topic that does not ask for it
  }

  // A photo over the host's limit would fail the whole message: say so before sending.
  if (photo) {
    photo.addEventListener("change", function () {
      var file = photo.files[0];
      var tooBig = file && file.size > Number(photo.dataset.limitMb) * 1024 * 1024;
      photo.setCustomValidity(tooBig ? document.getElementById("ask-photo-note").textContent : "");
      if (tooBig) photo.reportValidity();
    });
  }

  topic.addEventListener("change", onTopic);

  // -- arriving from "Was this helpful? No" with the question filled in ----------
  var params = new URLSearchParams(location.search);
  if (params.get("question") && !message.value) {
    message.value = params.get("question");
    // The search script runs async: ask once every script has run (load waits for it).
    window.addEventListener("load", suggest);
  }
  onTopic();

  // -- the backer's email program, every field in the body ---------------------
  // Used to send (contact.form: mailto) and when a post fails. Every part is
  // encoded, the address too: nothing typed into a field, nor in the address,
  // can add a recipient or a header ("?bcc=", "&cc=") to the message.
  function labelOf(field) {
    var label = form.querySelector("label[for='" + field.id + "']");
    var note = label.querySelector(".hubgen-field__note");
    return label.textContent.replace(note ? note.textContent : "", "").trim();
  }

  function mailtoHref() {
    var fields = form.elements;
    var subject = form.dataset.subject + (fields.topic.value ? ": " + fields.topic.value : "");
    // Each field under its label as the form shows it (contact-ask.html.j2).
    // Line breaks as CRLF, as RFC 6068 asks of a mailto: body.
    var body = [fields.message.value.replace(/\r?\n/g, "\r\n"), ""].concat(["name", "email", "pledge_reference", "topic"].map(
      function (name) { return labelOf(fields[name]) + ": " + (fields[name].value || "-"); }
    )).join("\r\n");
    var address = encodeURIComponent(form.dataset.mailto).replace(/%40/g, "@");
    return "mailto:" + address + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body);
  }

  function keepFilledIn(link) {
    function refresh() { link.href = mailtoHref(); }
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
  }

  if (form.dataset.hubgenAsk === "mailto") {
    var mailLink = document.getElementById("ask-send-mail");
    keepFilledIn(mailLink);
    mailLink.addEventListener("click", function (event) {
      if (!form.reportValidity()) event.preventDefault();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.reportValidity()) location.href = mailtoHref();
    });
    return;
  }

  // -- a form host: post, and never lose the message ---------------------------
  // Posted from here rather than by the browser, so that a host that does not
  // take the post (405 or 501 from a host without form handling, a network
  // error) leaves the backer on this page with their words in the form, the
  // creator's address and a ready-made email, instead of an error page.
  var failed = document.getElementById("ask-failed");
  var failedMail = document.getElementById("ask-failed-mail");
  var sending = false;

  function postBody() {
    var data = new FormData(form);
    if (form.enctype === "multipart/form-data") return {body: data, headers: {}};
    return {body: new URLSearchParams(data),
            headers: {"Content-Type": "application/x-www-form-urlencoded"}};
  }

  // What was sent, for the thanks page to repeat (contact-thanks.md.j2). Kept in
  // this tab only (sessionStorage), never sent anywhere else.
  function rememberSent() {
    var sent = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-sent]"), function (field) {
      if (field.type === "file") sent[field.name] = field.files[0] ? field.files[0].name : "";
      else sent[field.name] = field.value;
    });
    try { sessionStorage.setItem(SENT_KEY, JSON.stringify(sent)); } catch (error) { /* private mode: nothing to repeat */ }
  }

  function showFailed() {
    keepFilledIn(failedMail);
    failed.hidden = false;
    failed.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // the browser has checked the fields by now
    if (sending) return; // a double tap sends once
    sending = true;
    var post = postBody();
    fetch(form.action, {method: "POST", body: post.body, headers: post.headers, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error("the host answered " + response.status);
        rememberSent();
        location.assign(form.action); // the thanks page, as after a plain post
      })
      .catch(showFailed)
      .then(function () { sending = false; });
  });
})();

