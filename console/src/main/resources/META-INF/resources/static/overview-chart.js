// Draws the overview's stock-value bars with uPlot from the table under it (the table stays: it is what a screen
// reader and a printout read). Bars sit at x = 0..n-1; the axis writes each bar's SKU.
(function () {
  function draw() {
    var box = document.getElementById('valuation-chart');
    var rows = document.querySelectorAll('#valuation tbody tr');
    if (!box || !rows.length || typeof uPlot === 'undefined') {
      return;
    }
    var skus = [], xs = [], values = [];
    rows.forEach(function (row, i) {
      skus.push(row.getAttribute('data-sku'));
      xs.push(i);
      values.push(parseFloat(row.getAttribute('data-value')) || 0);
    });
    var width = Math.max(280, Math.min(box.clientWidth || 800, 1100));
    var options = {
      width: width,
      height: 280,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.6, skus.length - 0.4] }, y: { range: function (u, min, max) { return [0, max * 1.1 || 1]; } } },
      axes: [
        { values: function (u, splits) { return splits.map(function (s) { return Number.isInteger(s) ? (skus[s] || '') : ''; }); },
          incrs: [1], rotate: skus.length > 5 ? -30 : 0, size: skus.length > 5 ? 70 : 40 },
        { size: 70 }
      ],
      series: [{}, { label: 'Value', fill: '#0b4f8a', stroke: '#0b4f8a', paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }]
    };
    box.innerHTML = '';
    box.uplot = new uPlot(options, [xs, values], box);
    box.setAttribute('data-drawn', String(skus.length));
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
