// Search results quote a snippet of each page's text; Sphinx takes it from the whole page, hidden exercise
// solutions included. This drops the solutions (sphinx-exercise's div.solution) before the snippet is cut.
(function () {
  "use strict";
  if (typeof Search === "undefined") { return; }
  var pageText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".solution").forEach(function (solution) { solution.remove(); });
    return pageText(page.documentElement.outerHTML, anchor);
  };
})();
