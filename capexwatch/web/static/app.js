// capexwatch dashboard: charts (Chart.js, vendored) and the document's fact panel.
// Data comes from <script type="application/json"> blocks; untrusted text is only ever set
// with textContent or drawn on a canvas, never parsed as HTML.
(function () {
  "use strict";

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  var COLORS = {
    china: "#d63c3c", chinaSoft: "rgba(214, 60, 60, 0.28)",
    us: "#2563eb", usSoft: "rgba(37, 99, 235, 0.25)",
    capex: "#2457d6", plan: "rgba(36, 87, 214, 0.28)", revenue: "#0f9d76"
  };

  function usd(v) {
    if (v === null || v === undefined) return "–";
    return "$" + (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)) + " bn";
  }

  function baseOptions() {
    return {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12, usePointStyle: false, font: { size: 12 } } },
        tooltip: { callbacks: { label: function (ctx) { return " " + ctx.dataset.label + ": " + usd(ctx.parsed.y); } } }
      },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 12 } } },
        y: { beginAtZero: true, grid: { color: "#eef0f3" }, ticks: { callback: function (v) { return "$" + v + "bn"; } } }
      }
    };
  }

  function regionChart(canvas) {
    var rows = readJSON("region-chart-data") || [];
    var years = Array.from(new Set(rows.map(function (r) { return r.year; }))).sort();
    function series(region, key) {
      return years.map(function (y) {
        var row = rows.find(function (r) { return r.year === y && r.region === region; });
        return row && row[key] ? row[key] : 0;
      });
    }
    var options = baseOptions();
    options.scales.x.stacked = true;
    options.scales.y.stacked = true;
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: years.map(String),
        datasets: [
          { label: "China, reported", data: series("china", "spent"), backgroundColor: COLORS.china, stack: "china", borderRadius: 3 },
          { label: "China, planned", data: series("china", "planned"), backgroundColor: COLORS.chinaSoft, stack: "china", borderRadius: 3 },
          { label: "US, reported", data: series("us", "spent"), backgroundColor: COLORS.us, stack: "us", borderRadius: 3 },
          { label: "US, planned", data: series("us", "planned"), backgroundColor: COLORS.usSoft, stack: "us", borderRadius: 3 }
        ]
      },
      options: options
    });
  }

  function companyChart(canvas) {
    var rows = readJSON("company-chart-data") || [];
    function pick(key) { return rows.map(function (r) { return r[key]; }); }
    var options = baseOptions();
    options.spanGaps = true;
    return new Chart(canvas, {
      data: {
        labels: rows.map(function (r) { return r.period; }),
        datasets: [
          { type: "bar", label: "Capex", data: pick("capex"), backgroundColor: COLORS.capex, borderRadius: 3, order: 2 },
          { type: "bar", label: "Capex plan", data: pick("capex_plan"), backgroundColor: COLORS.plan, borderRadius: 3, order: 3 },
          { type: "line", label: "Revenue", data: pick("revenue"), borderColor: COLORS.revenue, backgroundColor: COLORS.revenue,
            tension: 0.25, pointRadius: 3, spanGaps: true, order: 1 }
        ]
      },
      options: options
    });
  }

  if (window.Chart) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = "#6b7483";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      if (kind === "region") regionChart(canvas);
      else if (kind === "company") companyChart(canvas);
    });
  }

  // -- document page: click a highlighted passage to see its facts --------------------------
  var facts = readJSON("facts-data");
  var detail = document.getElementById("fact-detail");
  if (facts && detail) {
    var byId = {};
    facts.forEach(function (f) { byId[String(f.id)] = f; });

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text !== undefined && text !== null) node.textContent = String(text);
      return node;
    }
    function fmt(v, unit) {
      if (v === null || v === undefined) return "–";
      if (unit === "%") return v + " %";
      if (unit === "x") return v + "x";
      var a = Math.abs(v), s;
      if (a >= 1e12) s = (v / 1e12).toPrecision(3) + " tn";
      else if (a >= 1e9) s = (v / 1e9).toPrecision(3) + " bn";
      else if (a >= 1e6) s = (v / 1e6).toPrecision(3) + " m";
      else s = String(v);
      return (unit === "USD" ? "$" : unit + " ") + s.replace(/\.0+ /, " ").replace(/(\.\d*?)0+ /, "$1 ");
    }
    function card(f) {
      var box = el("div", "fact-card");
      box.setAttribute("data-fact", f.id);
      var value = fmt(f.value, f.unit) + (f.high !== null && f.high !== undefined ? " – " + fmt(f.high, f.unit) : "");
      box.appendChild(el("div", "fc-value", value));
      var dl = el("dl");
      var rows = [["Company", f.entity], ["Metric", f.metric], ["Period", f.period], ["Segment", f.segment],
                  ["Basis", f.basis], ["USD", f.usd !== null && f.usd !== undefined ? fmt(f.usd, "USD") : null],
                  ["Figure", f.figure], ["Quote", f.quote], ["Step", f.step]];
      rows.forEach(function (r) {
        if (r[1] === null || r[1] === undefined || r[1] === "") return;
        dl.appendChild(el("dt", null, r[0]));
        dl.appendChild(el("dd", null, r[1]));
      });
      box.appendChild(dl);
      var link = el("a", "small", "Company page →");
      link.href = "/companies/" + encodeURIComponent(f.entity);
      box.appendChild(link);
      return box;
    }
    function show(ids, anchor) {
      detail.replaceChildren();
      ids.forEach(function (id) { if (byId[id]) detail.appendChild(card(byId[id])); });
      document.querySelectorAll(".is-selected").forEach(function (n) { n.classList.remove("is-selected"); });
      if (anchor) anchor.classList.add("is-selected");
      ids.forEach(function (id) {
        var row = document.getElementById("fact-" + id);
        if (row) row.classList.add("is-selected");
      });
    }
    document.querySelectorAll("a.hl[data-facts]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        show(a.getAttribute("data-facts").split(" "), a);
      });
    });
    var target = location.hash.match(/^#fact-(\d+)$/);
    if (target && byId[target[1]]) show([target[1]], document.querySelector('a.hl[data-facts~="' + target[1] + '"]'));
  }
})();
