// Draw each <canvas class="series-chart"> from the JSON in the element named by its data-source:
// stacked bars of events per period by QuadClass, and a line of mean Goldstein on a second axis.
// Labels go to Chart.js as plain strings (drawn on the canvas): nothing is parsed as HTML.
const QUADS = [
  ["quad1", "verbal cooperation", "#6baed6"],
  ["quad2", "material cooperation", "#2171b5"],
  ["quad3", "verbal conflict", "#fd8d3c"],
  ["quad4", "material conflict", "#cb181d"],
];

function drawSeries(canvas) {
  const rows = JSON.parse(document.getElementById(canvas.dataset.source).textContent);
  const labels = rows.map((r) => r.period);
  const bars = QUADS.map(([key, label, color]) => ({
    type: "bar", label, data: rows.map((r) => r[key] || 0), backgroundColor: color, stack: "events", yAxisID: "y", order: 1,
  }));
  const line = {
    type: "line", label: "mean Goldstein", data: rows.map((r) => r.goldstein), borderColor: "#333",
    backgroundColor: "#333", yAxisID: "goldstein", tension: 0.2, pointRadius: 4, order: 0,
  };
  new Chart(canvas, {
    data: { labels, datasets: [...bars, line] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
        goldstein: { position: "right", min: -10, max: 10, title: { display: true, text: "Goldstein" }, grid: { drawOnChartArea: false } },
      },
    },
  });
  canvas.dataset.rendered = String(rows.length);
}

document.querySelectorAll("canvas.series-chart").forEach(drawSeries);
