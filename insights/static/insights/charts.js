/* Charts of the network's figures (insights/, issue 15): each drawn with the vendored Chart.js from the
   accessible table right under it (`data-table`), so the chart and the table cannot disagree and the page
   says everything without JavaScript. Right-to-left pages (Arabic) get Chart.js's rtl legend and
   tooltips, categories running from the right and the value axis on the right; numbers are written for
   the page's language with Latin digits, as the server writes them (core/l10n.py, CLDR). Colours are the
   site's palette (static/css/site.css), and each series also differs by point shape and line dash, so
   colour is never the only way to tell them apart. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;

  // static/css/site.css: --brand-navy, --brand-amber, --brand-teal, --brand-blue; then dark grey (the
  // central team's map colour), plum and olive: each 4.5:1 or more on white.
  var COLOURS = ["#083a66", "#b35c00", "#0f766e", "#0b4f8a", "#4d4d4d", "#7b2d6b", "#5b6a00", "#a3195b"];
  var POINTS = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "cross", "rectRounded"];
  var DASHES = [[], [6, 4], [2, 3], [10, 4, 2, 4], [1, 6], [12, 6], [4, 2, 4, 6], [3, 3]];

  function readTable(table) {
    var headers = table.querySelectorAll("thead th");
    var series = [];
    for (var i = 1; i < headers.length; i++) series.push({ label: headers[i].textContent.trim(), data: [] });
    var labels = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.querySelector("th").textContent.trim());
      row.querySelectorAll("td").forEach(function (cell, index) {
        var value = parseFloat(cell.getAttribute("data-value"));
        series[index].data.push(isNaN(value) ? null : value);
      });
    });
    return { labels: labels, series: series };
  }

  function wrapped(label, limit) {
    if (label.length <= limit) return label;
    var lines = [];
    var line = "";
    label.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > limit) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function draw(holder) {
    var table = document.getElementById(holder.getAttribute("data-table"));
    if (!table) return;
    var kind = holder.getAttribute("data-insights-chart");
    var decimals = parseInt(holder.getAttribute("data-decimals") || "0", 10);
    var root = document.documentElement;
    var rtl = (root.getAttribute("dir") || "ltr") === "rtl";
    var language = root.getAttribute("lang") || "en";
    var locale = language + "-u-nu-latn";
    var format = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    var found = readTable(table);
    var horizontal = kind === "horizontal";
    // "bar-total": the quarter's bars, and the running total (the last series) as a line on an axis of its
    // own on the far side, so that the bars are not flattened by the total's scale.
    var withTotal = kind === "bar-total";
    var datasets = found.series.map(function (item, index) {
      var colour = COLOURS[index % COLOURS.length];
      return {
        label: item.label,
        data: item.data,
        borderColor: colour,
        backgroundColor: kind === "line" ? colour : colour + "cc",
        borderWidth: kind === "line" ? 2 : 1,
        borderDash: kind === "line" ? DASHES[index % DASHES.length] : [],
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: kind === "line" ? 3 : 0,
        tension: 0,
      };
    });
    if (withTotal && datasets.length > 1) {
      var total = datasets[datasets.length - 1];
      Object.assign(total, { type: "line", yAxisID: "total", backgroundColor: total.borderColor, borderWidth: 2,
        borderDash: DASHES[1 % DASHES.length], pointRadius: 2, order: -1 });
    }
    // Bars run from the value axis' zero: in right-to-left pages that is on the right, so the names of
    // the bars go there too. Long names are wrapped, more tightly on a phone, rather than cut off.
    var barsAcross = horizontal || kind === "stacked";
    var categoryAxis = { reverse: rtl && !barsAcross, ticks: { autoSkip: true } };  // rows keep their order top-down
    if (barsAcross) {
      categoryAxis.position = rtl ? "right" : "left";
      categoryAxis.ticks.callback = function (value) { return wrapped(this.getLabelForValue(value), this.chart.width < 600 ? 16 : 28); };
    }
    var valueAxis = {
      beginAtZero: true,
      position: horizontal ? "bottom" : rtl ? "right" : "left",
      reverse: rtl && horizontal,
      stacked: kind === "stacked",
      ticks: { precision: decimals, callback: function (value) { return format.format(value); } },
    };
    if (kind === "stacked") categoryAxis.stacked = true;
    var scales = horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis };
    if (kind === "stacked") { scales = { x: valueAxis, y: categoryAxis }; valueAxis.position = "bottom"; valueAxis.reverse = rtl; }
    if (withTotal && datasets.length > 1) {
      scales.total = Object.assign({}, valueAxis, { position: rtl ? "left" : "right", grid: { drawOnChartArea: false } });
    }
    var indexAxis = horizontal || kind === "stacked" ? "y" : "x";
    holder.hidden = false;
    if (horizontal || kind === "stacked") holder.style.height = Math.max(12, 4 + found.labels.length * (kind === "stacked" ? 3 : 2.2) * Math.max(1, found.series.length / 2)) + "rem";
    new window.Chart(holder.querySelector("canvas"), {
      type: kind === "line" ? "line" : "bar",
      data: { labels: found.labels, datasets: kind === "stacked" ? datasets.slice(1) : datasets },
      options: {
        locale: locale,
        indexAxis: indexAxis,
        maintainAspectRatio: false,
        animation: false,
        // Chart.js leaves room for the first slanted label on the left, which a reversed (right-to-left)
        // axis puts on the right: the latest quarter's label, now on the left, needs the room instead.
        layout: { padding: { left: rtl && !barsAcross ? 32 : 0 } },
        scales: scales,
        plugins: {
          legend: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr", labels: { usePointStyle: true } },
          tooltip: {
            rtl: rtl,
            textDirection: rtl ? "rtl" : "ltr",
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + format.format(context.parsed[indexAxis === "y" ? "x" : "y"]);
              },
            },
          },
        },
      },
    });
  }

  function start() {
    document.querySelectorAll("[data-insights-chart]").forEach(draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
