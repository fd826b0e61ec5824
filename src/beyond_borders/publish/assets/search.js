/* Beyond Borders site search: plain substring matching over a prebuilt index, no network. */
(function () {
  "use strict";
  var results = document.getElementById("bb-results");
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var box = document.getElementById("bb-q");
  if (box) { box.value = query; }
  if (!results) { return; }
  var index = window.BB_SEARCH_INDEX || [];
  var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 1; });
  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    var start = Math.max(0, at - 80);
    return (start > 0 ? "… " : "") + text.slice(start, at + term.length + 120) + " …";
  }
  function score(entry) {
    var hay = (entry.heading + " " + entry.text).toLowerCase();
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var n = hay.split(terms[i]).length - 1;
      if (n === 0) { return 0; }
      total += n + (entry.heading.toLowerCase().indexOf(terms[i]) >= 0 ? 5 : 0);
    }
    return total;
  }
  if (!terms.length) {
    results.textContent = "Type a word or two in the search box.";
    return;
  }
  var found = index.map(function (e) { return { entry: e, score: score(e) }; })
    .filter(function (r) { return r.score > 0; })
    .sort(function (a, b) { return b.score - a.score; }).slice(0, 50);
  var summary = document.createElement("p");
  summary.className = "bb-result-count";
  summary.textContent = found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”";
  results.appendChild(summary);
  var list = document.createElement("ol");
  found.forEach(function (r) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = r.entry.url;
    link.textContent = r.entry.page + (r.entry.heading !== r.entry.page ? " › " + r.entry.heading : "");
    var text = document.createElement("p");
    text.textContent = snippet(r.entry.heading + " " + r.entry.text, terms[0]);
    item.appendChild(link);
    item.appendChild(text);
    list.appendChild(item);
  });
  results.appendChild(list);
}());
