// hubgen: the delivery page's country picker. The backer picks a country; the
// region it belongs to, its status, estimate and duties are written into a
// live region (announced by screen readers) with a link to the region's details.
// Without JavaScript the picker stays hidden and the page lists every region.
(function () {
  "use strict";
  var picker = document.querySelector("[data-hubgen-picker]");
  if (!picker) return;
  var select = picker.querySelector("select");
  var result = picker.querySelector("[role=status]");
  picker.hidden = false;
  select.addEventListener("change", function () {
    result.textContent = "";
    var region = select.value && document.getElementById(select.value);
    if (!region) return;
    var option = select.options[select.selectedIndex];
    var link = document.createElement("a");
    link.href = "#" + select.value;
    link.textContent = region.getAttribute("data-region");
    var summary = region.querySelector(".hubgen-region__summary");
    result.append(option.getAttribute("data-country") + ": ", link, ". " + summary.textContent);
  });
})();
