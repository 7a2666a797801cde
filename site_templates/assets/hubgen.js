// hubgen: "N days ago" next to dates and overdue milestones, computed in the
// reader's browser so a static site never goes stale; the latest-update block
// turns to a warning once it is older than settings.stale_after_days.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  function daysSince(isoDate) {
    var parts = isoDate.split("-").map(Number);
    var then = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((today - then) / DAY);
  }
  function phrase(days) {
    if (days <= 0) return "today";
    if (days === 1) return "yesterday";
    return days + " days ago";
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
      el.textContent = "overdue by " + late + (late === 1 ? " day" : " days") + ", not done yet";
      el.closest(".hubgen-milestone").classList.add("hubgen-milestone--overdue");
    }
  });
})();
