// The claims ledger: filters by essay, chapter and verdict, sorting by any column, and a count by
// verdict that follows the filters. Without JavaScript the page is the plain table, which holds
// everything; this script only shows the controls (analysis/site/ledger.py writes them hidden).
(function () {
  "use strict";

  function init(app) {
    var table = app.querySelector("table.ledger");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = app.querySelector("form.ledger-filters");
    var count = app.querySelector(".ledger-count");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var verdicts = Array.prototype.map.call(form.elements.verdict.options, function (o) { return o.value; })
      .filter(Boolean);
    form.hidden = false;

    // The same sentence as ledger.verdict_count: "12 claims: 3 accurate, 1 overstated."
    function filter() {
      var tally = {}, shown = 0;
      rows.forEach(function (row) {
        var keep = ["essay", "chapter", "verdict"].every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || row.dataset[name] === wanted;
        });
        row.hidden = !keep;
        if (keep) {
          shown += 1;
          tally[row.dataset.verdict] = (tally[row.dataset.verdict] || 0) + 1;
        }
      });
      var parts = verdicts.filter(function (v) { return tally[v]; }).map(function (v) { return tally[v] + " " + v; });
      count.textContent = shown + " claims" + (parts.length ? ": " + parts.join(", ") : "") + ".";
    }

    function key(row, column) {
      var cell = row.cells[column];
      return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim().toLowerCase();
    }

    // Sort by a column's key ("" restores the registry order); a stable sort keeps ties in registry order.
    function sort(name, order) {
      var column = headers.findIndex(function (th) { return th.dataset.key === name; });
      var sorted = rows.slice();
      if (column >= 0) {
        var sign = order === "descending" ? -1 : 1;
        sorted.sort(function (a, b) {
          var x = key(a, column), y = key(b, column);
          return sign * (x < y ? -1 : x > y ? 1 : 0);
        });
      }
      sorted.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (th, i) {
        if (i === column) { th.setAttribute("aria-sort", order); } else { th.removeAttribute("aria-sort"); }
      });
      form.elements.sort.value = column >= 0 ? name + " " + order : "";
    }

    // Each heading becomes a button that sorts by its column, A to Z then Z to A.
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ledger-sort";
      button.textContent = th.textContent;
      button.addEventListener("click", function () {
        sort(th.dataset.key, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
      th.textContent = "";
      th.appendChild(button);
    });

    form.addEventListener("change", function (event) {
      if (event.target.name === "sort") {
        var choice = event.target.value.split(" ");
        sort(choice[0], choice[1]);
      } else {
        filter();
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    filter();
  }

  function start() { document.querySelectorAll(".ledger-app").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
