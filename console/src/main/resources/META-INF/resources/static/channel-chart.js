// The channel page's chart of calls and throttled answers per minute (uPlot, from its webjar). The numbers are on the
// page as JSON beside the chart and in the per-minute table, so nothing depends on this script to be read.
(function () {
  var box = document.getElementById("calls-chart");
  var data = document.getElementById("calls-data");
  if (!box || !data || typeof uPlot === "undefined") {
    return;
  }
  var series = JSON.parse(data.textContent);
  function width() {
    return Math.max(260, box.clientWidth);
  }
  var chart = new uPlot({
    width: width(),
    height: 220,
    series: [
      {},
      { label: "Calls", stroke: "#0b4f8a", width: 2 },
      { label: "Throttled", stroke: "#9b1c1c", width: 2 },
      { label: "Other failures", stroke: "#8a5a00", width: 1, dash: [4, 4] }
    ],
    axes: [{}, { label: "per minute" }]
  }, series, box);
  box.setAttribute("data-drawn", "true");
  window.addEventListener("resize", function () {
    chart.setSize({ width: width(), height: 220 });
  });
})();
