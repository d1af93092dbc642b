// Draws a story's copy trees with cytoscape.js from the page's embedded data. Node and edge
// clicks go to the article and to the diff: pages of the server, or anchors inside a report.
(function () {
  "use strict";
  var el = document.getElementById("page-data");
  var box = document.getElementById("graph");
  if (!el || !box || typeof cytoscape === "undefined") return;
  var data = JSON.parse(el.textContent);
  var linksEl = document.getElementById("report-links");
  var links = linksEl ? JSON.parse(linksEl.textContent) : null;

  function articleHref(id) {
    return links ? "#" + (links.anchors[id] || "top") : "/articles/" + encodeURIComponent(id);
  }
  function diffHref(parent, child) {
    return links ? "#" + (links.diffs[parent + "\n" + child] || "top")
      : "/diff/" + encodeURIComponent(parent) + "/" + encodeURIComponent(child);
  }
  function go(href) {
    if (links) {  // open the report's section before jumping to it
      var target = document.getElementById(href.slice(1));
      if (target && target.tagName === "DETAILS") target.open = true;
    }
    window.location.href = href;
  }
  function day(iso) { return iso ? iso.slice(0, 10) : "undated"; }

  var elements = [], roots = [];
  data.groups.forEach(function (g) {
    g.nodes.forEach(function (n) {
      var cls = [n.origin ? "origin" : "", n.absent ? "absent" : "", n.published ? "" : "undated"].join(" ");
      elements.push({ group: "nodes", classes: cls, data: { id: n.id, absent: n.absent,
        label: n.absent ? "absent source" : (n.outlet || "?") + "\n" + day(n.published) } });
      if (n.root) roots.push(n.id);
    });
    g.edges.forEach(function (e) {
      elements.push({ group: "edges", classes: e.uncertain ? "uncertain" : "", data: {
        id: "e:" + e.parent + "\n" + e.child, source: e.parent, target: e.child,
        width: 1.5 + 6 * e.confidence, absent: e.parent.indexOf("unknown:") === 0,
        label: Math.round(e.confidence * 100) + "%" } });
    });
  });

  // A large story gets a taller canvas; its labels appear as one zooms in (min-zoomed-font-size).
  var count = elements.filter(function (x) { return x.group === "nodes"; }).length;
  if (count > 40) box.style.height = Math.min(720, 460 + 2 * count) + "px";
  var cy = cytoscape({
    container: box, elements: elements, maxZoom: 1.4, minZoom: 0.1,
    // Origins on top, each generation of copies one level below.
    layout: { name: "breadthfirst", directed: true, roots: roots, spacingFactor: 1.05, padding: 20 },
    style: [
      { selector: "node", style: { "label": "data(label)", "text-wrap": "wrap", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, "background-color": "#2c5cc5", "width": 18, "height": 18,
        "color": "#1d2330", "text-background-color": "#fff", "text-background-opacity": 0.8,
        "min-zoomed-font-size": 9 } },
      { selector: "node.absent", style: { "background-color": "#d0d5dd", "shape": "round-rectangle" } },
      { selector: "node.undated", style: { "background-color": "#fff", "border-width": 2,
        "border-color": "#2c5cc5", "border-style": "dashed" } },
      // after undated: an undated origin stays marked as the origin, its border dashed
      { selector: "node.origin", style: { "background-color": "#d08700", "width": 26, "height": 26,
        "border-width": 3, "border-color": "#7a4a00" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "#98a2b3", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "target-arrow-color": "#98a2b3", "label": "data(label)",
        "font-size": 9, "color": "#667085", "text-background-color": "#fff", "text-background-opacity": 0.9,
        "min-zoomed-font-size": 7 } },
      { selector: "edge.uncertain", style: { "line-style": "dashed" } },
      { selector: "node:active, edge:active", style: { "overlay-opacity": 0.15 } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    if (!evt.target.data("absent")) go(articleHref(evt.target.id()));
  });
  cy.on("tap", "edge", function (evt) {
    var e = evt.target;
    if (!e.data("absent")) go(diffHref(e.source().id(), e.target().id()));
  });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.edges = String(cy.edges().length);
  window.newstraceGraph = cy;
})();
