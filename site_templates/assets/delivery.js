// hubgen: "Your pledge" (home page and delivery/). The backer says where they
// live, the waves in their pledge, their segment and pledge state; the answer,
// written into a live region (announced by screen readers), gives their dates
// per wave, what they can still change and what is meant for them. The choice
// is kept in this browser only (localStorage) and never sent anywhere; a link
// may carry it (delivery/?country=DE&waves=wave-1,wave-3&segment=retailer&state=locked),
// which is taken, kept and then removed from the address so that no later
// request repeats it. On every page, answers marked for a segment are marked
// for the backer or for others once they said who they are, and the contact
// form's topics for their segment come first.
// Without JavaScript "Your pledge" stays hidden and the tables list every region and wave.
(function () {
  "use strict";
  var STORE = "hubgen-pledge";
  var FIELDS = ["country", "waves", "segment", "state"];

  function stored() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return kept && typeof kept === "object" ? kept : {};
    } catch (error) {
      return {};  // storage turned off, or something else wrote there
    }
  }
  function keep(choice) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(choice));
    } catch (error) { /* storage turned off: the choice lasts this page */ }
  }
  function forget() {
    try { window.localStorage.removeItem(STORE); } catch (error) { /* nothing kept */ }
  }
  // The choice a link carries, over what was kept; null when the address says nothing.
  function fromAddress(kept) {
    var params = new URLSearchParams(window.location.search);
    if (!FIELDS.some(function (name) { return params.has(name); })) return null;
    var choice = Object.assign({}, kept);
    FIELDS.forEach(function (name) {
      if (!params.has(name)) return;
      var value = params.get(name);
      choice[name] = name === "waves" ? value.split(",").filter(Boolean) : value;
    });
    if (choice.country) choice.country = String(choice.country).toUpperCase();
    params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) { params.delete(name); });
    var rest = params.toString();
    window.history.replaceState(window.history.state, "",
      window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    return choice;
  }

  var choice = stored();
  var linked = fromAddress(choice);
  if (linked) {
    choice = linked;
    keep(choice);
  }
  window.hubgenPledge = function () { return stored(); };  // hubgen-search.js ranks by it

  function markSegments() {
    document.querySelectorAll("[data-hubgen-segments]").forEach(function (el) {
      var segments = el.getAttribute("data-hubgen-segments").split(" ");
      var mine = Boolean(choice.segment) && segments.indexOf(choice.segment) >= 0;
      if (el.tagName === "OPTION") {
        followSegment(el, mine);
        return;
      }
      el.classList.toggle("hubgen-for-you", mine);
      el.classList.toggle("hubgen-for-others", !mine);
    });
  }
  // A contact topic for some segments: first in the list for them (retailers
  // write to the retail team), left out for backers of another segment.
  function followSegment(option, mine) {
    option.hidden = Boolean(choice.segment) && !mine;
    if (!mine) return;
    var select = option.parentNode;
    var first = select.options[0] && select.options[0].value === "" ? select.options[1] : select.options[0];
    if (first && first !== option) select.insertBefore(option, first);
  }
  markSegments();

  var box = document.querySelector("[data-hubgen-pledge]");
  if (!box) return;
  var data = JSON.parse(box.querySelector("[data-hubgen-pledge-data]").textContent);
  var country = box.querySelector("#hubgen-country");
  var segment = box.querySelector("#hubgen-segment");
  var state = box.querySelector("#hubgen-state");
  var waves = Array.prototype.slice.call(box.querySelectorAll("input[name=waves]"));
  var result = box.querySelector("[role=status]");

  function pick(select, value) {
    if (!select) return "";
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = known ? value : "";
    return select.value;
  }
  function show() {
    choice.country = pick(country, choice.country || "");  // "" where the hub has no shipping regions
    choice.segment = pick(segment, choice.segment || "");
    choice.state = pick(state, choice.state || "");
    var chosen = Array.isArray(choice.waves) ? choice.waves : [];
    waves.forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    choice.waves = waves.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }
  function read() {
    choice = {
      country: country ? country.value : "",
      waves: waves.filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
      segment: segment ? segment.value : "",
      state: state ? state.value : ""
    };
    keep(choice);
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function para(parts) {
    var p = document.createElement("p");
    p.append.apply(p, parts);
    return p;
  }
  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  function dates(lines) {
    if (!country) return;
    var option = country.options[country.selectedIndex];
    if (!country.value || !option) return;
    var anchor = option.getAttribute("data-region");
    var region = data.shipments[anchor];
    if (!region) return;
    var onPage = document.getElementById(anchor) ? "#" + anchor : null;
    var name = onPage ? link(onPage, region.name) : region.name;
    var own = Object.keys(region.waves);
    if (!own.length) {
      var summary = Object.keys(data.waves).length ? fill(data.labels.together, {summary: region.summary}) : region.summary;
      lines.push(para([option.getAttribute("data-country") + ": ", name, ". " + summary]));
      return;
    }
    lines.push(para([option.getAttribute("data-country") + ": ", name, "."]));
    var wanted = choice.waves.length ? choice.waves : Object.keys(data.waves);
    var list = document.createElement("ul");
    wanted.filter(function (id) { return own.indexOf(id) >= 0; }).forEach(function (id) {
      var item = document.createElement("li");
      item.setAttribute("data-wave", id);
      item.textContent = fill(data.labels.wave, {wave: data.waves[id], summary: region.waves[id]});
      list.append(item);
    });
    lines.push(list);
  }
  function changes(lines) {
    var about = choice.state && data.states[choice.state];
    if (about) lines.push(para([link(about.href, about.text)]));
  }
  function forSegment(lines) {
    var about = choice.segment && data.segments[choice.segment];
    if (!about || !about.items.length) return;
    var list = document.createElement("ul");
    about.items.forEach(function (item) {
      var li = document.createElement("li");
      li.append(link(item.href, item.title));
      list.append(li);
    });
    lines.push(para([about["for"]]), list);
  }
  function answer() {
    var lines = [];
    dates(lines);
    changes(lines);
    forSegment(lines);
    result.replaceChildren.apply(result, lines);
    markSegments();
  }

  box.hidden = false;
  show();
  answer();
  box.addEventListener("change", function () {
    read();
    answer();
  });
  box.querySelector("[data-hubgen-forget]").addEventListener("click", function () {
    forget();
    choice = {};
    show();
    answer();
  });
})();
